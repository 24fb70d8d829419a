"""Putting a `Document` together: title paragraph, cleaned body, id, language and metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from dealscope.domain import Document, FuzzyDate, Language
from dealscope.ingest.cleanup import Line, Piece, TextBuilder, emit, trim_boilerplate
from dealscope.ingest.encoding import ReadProblem
from dealscope.lang.normalize import cjk_ratio, nfkc
from dealscope.lang.timestamps import parse_timestamp, timezone_name

_WS = re.compile(r"\s+")
# Language is decided on the opening of the text: enough to be sure, cheap on long files.
_LANGUAGE_SAMPLE = 2000
# cjk_ratio weighs Han characters against Latin words; between these bounds both carry the text.
_ZH_MIN_RATIO = 0.7
_EN_MAX_RATIO = 0.3
_TITLE_SEPARATOR = "\n\n"


@dataclass(slots=True)
class Meta:
    """Metadata read from a file's header, front matter or record."""

    published: FuzzyDate | None = None
    published_at: datetime | None = None
    timezone: str | None = None
    source_url: str | None = None
    author: str | None = None

    def set_published(self, raw: str, default_tz: str | None) -> bool:
        """Take `raw` as the published time when it parses; True when it did."""
        at, day = parse_timestamp(raw, default_tz)
        if day is None:
            return False
        self.published, self.published_at, self.timezone = day, at, timezone_name(at)
        return True


def document_id(title: str, text: str) -> str:
    """First 16 hex digits of SHA-256 over the NFKC title and text with all whitespace removed."""
    key = _WS.sub("", nfkc(title + text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def detect_language(text: str) -> Language:
    sample = text[:_LANGUAGE_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return Language.UNKNOWN
    ratio = cjk_ratio(sample)
    if ratio >= _ZH_MIN_RATIO:
        return Language.ZH
    if ratio <= _EN_MAX_RATIO:
        return Language.EN
    return Language.MIXED


def same_title(a: str, b: str) -> bool:
    return bool(a) and _WS.sub("", nfkc(a)).casefold() == _WS.sub("", nfkc(b)).casefold()


def build_document(
    raw: str,
    *,
    path: str,
    fmt: str,
    title: str,
    title_pieces: list[Piece] | None,
    title_raw_end: int,
    body: list[Line],
    join_wrapped: bool,
    meta: Meta,
) -> Document:
    """Assemble a Document from a title and cleaned body lines; ReadProblem when there is no body."""
    first = next((i for i, line in enumerate(body) if line.kind != "blank"), None)
    if first is not None and title and same_title(body[first].text, title):
        body = body[first + 1 :]
    body = trim_boilerplate(raw, body)
    builder = TextBuilder(raw)
    if title:
        if title_pieces is not None:
            builder.add(title_pieces)
        else:
            builder.insert(title, 0)
        builder.insert(_TITLE_SEPARATOR, title_raw_end)
    body_start = builder.length
    emit(builder, body, join_wrapped=join_wrapped)
    if builder.length == body_start:
        raise ReadProblem("no article text, only a title or metadata" if title else "no article text")
    text = builder.text()
    return Document(
        id=document_id(title, text),
        path=path,
        format=fmt,
        title=title,
        text=text,
        body_start=body_start,
        published=meta.published,
        published_at=meta.published_at,
        timezone=meta.timezone,
        source_url=meta.source_url,
        author=meta.author,
        language=detect_language(text),
        offsets=builder.offset_map(),
    )
