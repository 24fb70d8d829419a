"""Finding input files and reading each into Documents, or into one-line reasons why not."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dealscope.domain import Document, ReadFailure
from dealscope.errors import InputError, UsageError
from dealscope.ingest.assemble import Meta, build_document
from dealscope.ingest.cleanup import split_lines
from dealscope.ingest.encoding import ReadProblem, decode
from dealscope.ingest.html import read_html
from dealscope.ingest.markdown import read_markdown

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Plain .json is left out on purpose: article folders hold other JSON (a corpus's expected.json).
SUPPORTED_SUFFIXES: frozenset[str] = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_MIB = 1024 * 1024
_FORMATS = frozenset({"auto", "markdown", "text", "html"})


@dataclass(frozen=True)
class ReadOptions:
    """How files are read: a size limit, and the zone given to timestamps that name none."""

    max_bytes: int = 10 * _MIB
    default_timezone: str | None = None

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.default_timezone is not None:
            try:
                ZoneInfo(self.default_timezone)
            except (ZoneInfoNotFoundError, ValueError):
                raise UsageError(f"unknown time zone {self.default_timezone!r}") from None


_DEFAULT = ReadOptions()


def iter_documents(
    paths: Iterable[str | Path], options: ReadOptions = _DEFAULT
) -> Iterator[Document | ReadFailure]:
    """Read files and directories (recursively, sorted); yield a ReadFailure per bad input and go on."""
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            if not is_dir:
                path.stat()
        except OSError as exc:
            yield ReadFailure(str(path), _os_reason(exc))
            continue
        if is_dir:
            for item in _walk(path):
                if isinstance(item, ReadFailure):
                    yield item
                elif _first_time(item, seen):
                    yield from _read_path(item, options)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadFailure(str(path), _unsupported(path))
        elif _first_time(path, seen):
            yield from _read_path(path, options)


def read_file(path: str | Path, options: ReadOptions = _DEFAULT) -> list[Document]:
    """Read one file into its Documents (several for JSON Lines); raise InputError on any problem."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(str(path), _unsupported(path))
    documents: list[Document] = []
    for item in _read_path(path, options):
        if isinstance(item, ReadFailure):
            raise InputError(item.path, item.reason)
        documents.append(item)
    return documents


def read_text(
    text: str,
    *,
    path: str = "<text>",
    fmt: str = "auto",
    title: str | None = None,
    published: str | None = None,
) -> Document:
    """Read an article given as a string; fmt is auto, markdown, text or html. Raises InputError."""
    if fmt not in _FORMATS:
        raise UsageError(f"unknown format {fmt!r}; valid formats: {', '.join(sorted(_FORMATS))}")
    if not text.strip():
        raise InputError(path, "text is empty")
    try:
        if fmt == "html":
            return read_html(text, path=path, default_tz=None, title=title, published=published)
        plain = "text" if fmt == "text" else "markdown"
        return read_markdown(
            text, path=path, plain_format=plain, default_tz=None, title=title, published=published
        )
    except ReadProblem as problem:
        raise InputError(path, problem.reason) from None


def _first_time(path: Path, seen: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def _unsupported(path: Path) -> str:
    suffix = path.suffix or "(no suffix)"
    return f"unsupported file type {suffix}; supported: {' '.join(sorted(SUPPORTED_SUFFIXES))}"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def _walk(folder: Path) -> Iterator[Path | ReadFailure]:
    """Supported files under `folder`, depth first in name order, skipping hidden entries."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield ReadFailure(str(folder), _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            # Symlinked folders are not followed: a link back up the tree would never end.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            is_file = entry.is_file()
        except OSError as exc:
            yield ReadFailure(str(path), _os_reason(exc))
            continue
        if is_file and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def _read_path(path: Path, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        raw = _load(path, options, html=suffix in HTML_SUFFIXES)
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(raw, name, options)
        elif suffix in HTML_SUFFIXES:
            yield read_html(raw, path=name, default_tz=options.default_timezone)
        else:
            plain = "text" if suffix in TEXT_SUFFIXES else "markdown"
            yield read_markdown(raw, path=name, plain_format=plain, default_tz=options.default_timezone)
    except ReadProblem as problem:
        yield ReadFailure(name, problem.reason)
    except OSError as exc:
        yield ReadFailure(name, _os_reason(exc))


def _load(path: Path, options: ReadOptions, *, html: bool) -> str:
    size = path.stat().st_size  # checked before reading: a huge file is never loaded
    if size > options.max_bytes:
        raise ReadProblem(f"file is {_size(size)}, over the {_limit(options.max_bytes)} limit")
    with path.open("rb") as handle:
        data = handle.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:  # grew since stat
        raise ReadProblem(f"file is over the {_limit(options.max_bytes)} limit")
    if not data:
        raise ReadProblem("file is empty")
    text = decode(data, html=html)
    if not text.strip():
        raise ReadProblem("file holds only whitespace")
    return text


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n // _MIB} MB" if n % _MIB == 0 else _size(n)


def _read_jsonl(raw: str, name: str, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    """One Document per JSON object line: keys id, title, text, optional published, url, author."""
    produced = False
    # Split on "\n" only: JSON strings may hold U+2028 and other characters str.splitlines() breaks at.
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        produced = True
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, f"a JSON {type(record).__name__}, not an object with a text field")
            continue
        try:
            yield _jsonl_document(record, name, number, options)
        except ReadProblem as problem:
            yield ReadFailure(where, problem.reason)
    if not produced:
        yield ReadFailure(name, "file holds no JSON lines")


def _jsonl_document(record: dict[str, Any], name: str, number: int, options: ReadOptions) -> Document:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadProblem("no text field" if text is None else "the text field is empty or not a string")
    key = record.get("id")
    path = f"{name}#{key if isinstance(key, (str, int)) and str(key) else number}"
    title_value = record.get("title")
    title = " ".join(title_value.split()) if isinstance(title_value, str) else ""
    meta = Meta()
    published = record.get("published")
    if isinstance(published, str):
        meta.set_published(published, options.default_timezone)
    url = record.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        meta.source_url = url
    author = record.get("author")
    if isinstance(author, str) and author.strip():
        meta.author = author.strip()
    # Offsets of a JSON Lines document map to the record's decoded `text` string.
    at = text.find(title) if title else -1
    return build_document(
        text,
        path=path,
        fmt="jsonl",
        title=title,
        title_pieces=[(at, at + len(title), None)] if at >= 0 else None,
        title_raw_end=at + len(title) if at >= 0 else 0,
        body=split_lines(text, 0, len(text), markdown=True),
        join_wrapped=True,
        meta=meta,
    )
