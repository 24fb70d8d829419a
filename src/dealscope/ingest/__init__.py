"""The ingest stage: files (Markdown, text, HTML, JSON Lines) in, cleaned `Document`s out.

`Document.offsets` maps the cleaned text back to the file's decoded text for Markdown and text
files, to trafilatura's extracted text for HTML pages, and to the record's `text` string for JSON
Lines. Published dates come only from the input; a missing date stays None.
"""

from dealscope.ingest.readers import SUPPORTED_SUFFIXES, ReadOptions, iter_documents, read_file, read_text

__all__ = ["SUPPORTED_SUFFIXES", "ReadOptions", "iter_documents", "read_file", "read_text"]
