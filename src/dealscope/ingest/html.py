"""Saved HTML pages, read with trafilatura.

The main text, title, date, author and URL come from trafilatura (precision over recall). The
document's `offsets` map to trafilatura's extracted text, not to the HTML source: there is no
character-exact path from cleaned text back through the markup.
"""

from __future__ import annotations

from typing import Any

from dealscope.domain import Document
from dealscope.ingest.assemble import Meta, build_document
from dealscope.ingest.cleanup import Piece, split_lines
from dealscope.ingest.encoding import ReadProblem

# Dates from the page's metadata only: scanning the visible text could take a date the article
# mentions for its publication date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# trafilatura falls back to whatever text a page has (a menu, a cookie notice); fewer characters
# than a short sentence is not an article.
_MIN_TEXT = 20


def read_html(
    html: str, *, path: str, default_tz: str | None, title: str | None = None, published: str | None = None
) -> Document:
    """Read a saved HTML page; `title`/`published` override what the page says."""
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    result: Any = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    extracted = str(getattr(result, "text", None) or "") if result is not None else ""
    if len("".join(extracted.split())) < _MIN_TEXT:
        raise ReadProblem("no article text found in the HTML page")
    meta = Meta()
    date = published or getattr(result, "date", None)
    if date:
        meta.set_published(str(date), default_tz)
    url = getattr(result, "url", None)
    if url and str(url).startswith(("http://", "https://")):
        meta.source_url = str(url)
    author = getattr(result, "author", None)
    if author:
        meta.author = str(author)
    page_title = " ".join(str(title or getattr(result, "title", None) or "").split())
    at = extracted.find(page_title) if page_title else -1
    pieces: list[Piece] | None = [(at, at + len(page_title), None)] if at >= 0 else None
    title_end = at + len(page_title) if at >= 0 else 0
    return build_document(
        extracted,
        path=path,
        fmt="html",
        title=page_title,
        title_pieces=pieces,
        title_raw_end=title_end,
        body=split_lines(extracted, 0, len(extracted), markdown=False),
        join_wrapped=False,
        meta=meta,
    )
