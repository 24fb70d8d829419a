"""Markdown and plain-text articles: WeChat exports, YAML front matter, read-it-later exports.

Offsets of these documents map to the decoded file text (without a BOM).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from dealscope.domain import Document, Precision
from dealscope.ingest.assemble import Meta, build_document
from dealscope.ingest.cleanup import Line, Piece, split_lines
from dealscope.ingest.encoding import ReadProblem
from dealscope.lang.timestamps import parse_timestamp, timezone_name

CHINA_TZ = "Asia/Shanghai"


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps timestamps as strings, so their zone and precision stay readable."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FM_OPEN = re.compile(r"[ \t]*---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# A front matter block longer than this is a document that happens to start with a rule.
_FM_MAX_CHARS = 20000
_FULL_CONTENT = re.compile(r"^[ \t]*#{1,6}[ \t]*Full Content:?[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_READ_ORIGINAL = re.compile(r"\[Read Original\]\((?P<url>[^)\s]+)\)", re.IGNORECASE)
_PREAMBLE = re.compile(
    r"[ \t]*(?:#[^\s#]\S*(?:[ \t]+#[^\s#]\S*)*|\[Read (?:Original|on Omnivore)\]\([^)]*\)"
    r"|date_(?:saved|published)[ \t]*:.*|-{3,}|\*{3,})?[ \t]*\r?",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING = re.compile(r"[ \t]*#{1,2}[ \t]+\S")
_WECHAT_KEY = re.compile(
    r"[ \t]*(?P<k>文章作者|作者|公众号|发布时间|发布日期|发布地|原文链接|原文地址|封面图链接|封面图)"
    r"[ \t]*[:：][ \t]*(?P<v>.*?)[ \t]*\r?\n?"
)
_WECHAT_ONLY = frozenset(
    {"文章作者", "公众号", "发布时间", "发布日期", "发布地", "原文链接", "封面图链接", "封面图"}
)
# Zhihu's answer stamp opens its own line; "该报告发布于 2024-01-02" inside a sentence is not one.
_ZHIHU_DATE = re.compile(
    r"^[ \t\u200b]*\[?(?:发布于|编辑于)[ \t]*(\d{4}-\d{1,2}-\d{1,2}(?:[ \t]+\d{1,2}:\d{2})?)", re.MULTILINE
)
_URL = re.compile(r"https?://\S+")
# A first line this short is a title; up to _TITLE_LONG it is one when it does not end a sentence
# (English headlines run long), beyond that it is prose.
_TITLE_MAX = 80
_TITLE_LONG = 160
_SENTENCE_END = tuple("。！？.!?；;")
# A date line ("2024-02-27 08:55 | 来源：某网", "Published: March 14, 2024 | By the Desk") is short.
_DATE_LINE_MAX = 80
_BYLINE_LABEL = re.compile(
    r"(?:published|posted|updated|date|dated|发布时间|发布日期|日期|时间)\s*[:：]\s*", re.I
)
_BYLINE_SPLIT = re.compile(
    r"\s*(?:[|｜丨·•]|--|—|–)\s*|\s{2,}|[ \t\u3000]+(?=来源|作者|编辑|记者|文[:：/]|[Bb]y\s|[Ss]ource)"
)
# A press release's dateline: "TOKYO, May 21, 2024 -- Company ..." (body text, but it dates the release).
_PRESS_DATELINE = re.compile(
    r"[A-Z][A-Za-z.' -]{1,40}(?:, [A-Z][A-Za-z. ]{1,30})?, (?P<d>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})"
    r"[ \t]*(?:--|—|–|-|/)"
)
_PUBLISHED_KEYS = (
    "date_published",
    "published",
    "published_at",
    "publish_date",
    "pubdate",
    "date",
    "created",
)
_URL_KEYS = ("url", "original_url", "source_url", "source", "link", "canonical_url", "canonical")
_AUTHOR_KEYS = ("author", "authors", "byline")
_NO_AUTHOR = frozenset({"", "unknown", "none", "null", "n/a", "anonymous"})


def read_markdown(
    raw: str,
    *,
    path: str,
    plain_format: str,
    default_tz: str | None,
    title: str | None = None,
    published: str | None = None,
) -> Document:
    """Read a Markdown/text article; `title`/`published` override what the file says."""
    meta = Meta()
    fm = _front_matter(raw)
    if fm is not None:
        fields, body_pos = fm
        fmt, body_pos, title_found = _read_front_matter(raw, fields, body_pos, meta, default_tz)
        body = split_lines(raw, body_pos, len(raw), markdown=True)
        found_pieces = _locate(raw, title_found, 0, body_pos)
        title_end = found_pieces[0][1] if found_pieces else 0
        if title_found is None and title is None:
            title_found, found_pieces, title_end = _first_line_title(body)
    else:
        fmt, body_pos, title_found, found_pieces, title_end = _read_header(raw, meta, plain_format)
        body = split_lines(raw, body_pos, len(raw), markdown=True)
        if title_found is None and title is None:
            _date_line(body, meta, default_tz)
            title_found, found_pieces, title_end = _first_line_title(body)
        _date_line(body, meta, default_tz)
        _press_dateline(body, meta, default_tz)
    if meta.published is None:
        stamp = _ZHIHU_DATE.search(raw, body_pos)
        if stamp:
            meta.set_published(stamp.group(1), CHINA_TZ)
    if published is not None:
        meta.set_published(published, default_tz)
    pieces: list[Piece] | None = found_pieces
    if title is not None:
        pieces = _locate(raw, title, 0, len(raw))
        title_end = pieces[0][1] if pieces else 0
        title_found = title
    return build_document(
        raw,
        path=path,
        fmt=fmt,
        title=title_found or "",
        title_pieces=pieces,
        title_raw_end=title_end,
        body=body,
        join_wrapped=True,
        meta=meta,
    )


def _front_matter(raw: str) -> tuple[dict[str, Any], int] | None:
    """The parsed front matter and where the text after it starts, or None when there is none."""
    opening = _FM_OPEN.match(raw)
    if not opening:
        return None
    closing = _FM_CLOSE.search(raw, opening.end(), opening.end() + _FM_MAX_CHARS)
    if not closing:
        return None
    source = raw[opening.end() : closing.start()]
    first_line = raw.count("\n", 0, opening.end()) + 1
    try:
        data = yaml.load(source, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {first_line + mark.line}" if mark is not None else ""
        raise ReadProblem(f"broken YAML front matter: {exc.problem or exc.context}{where}") from None
    except yaml.YAMLError as exc:
        raise ReadProblem(f"broken YAML front matter: {str(exc).splitlines()[0]}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReadProblem("broken YAML front matter: not a mapping of keys to values")
    end = closing.end()
    if raw.startswith("\r\n", end):
        end += 2
    elif raw.startswith("\n", end):
        end += 1
    return {str(k).lower(): v for k, v in data.items()}, end


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, bool)):
        return None
    if isinstance(value, list):
        parts = [str(v).strip() for v in value if v is not None]
        return ", ".join(p for p in parts if p) or None
    text = " ".join(str(value).split())
    return text or None


def _read_front_matter(
    raw: str, fields: dict[str, Any], body_pos: int, meta: Meta, default_tz: str | None
) -> tuple[str, int, str | None]:
    """Fill `meta` from front matter; return the format, where the body starts and the title."""
    for key in _PUBLISHED_KEYS:
        value = _scalar(fields.get(key))
        if value and meta.set_published(value, default_tz):
            break
    for key in _URL_KEYS:
        value = _scalar(fields.get(key))
        if value and _URL.match(value):
            meta.source_url = value
            break
    for key in _AUTHOR_KEYS:
        value = _scalar(fields.get(key))
        if value and value.lower() not in _NO_AUTHOR:
            meta.author = value
            break
    marker = _FULL_CONTENT.search(raw, body_pos)
    preamble_end = marker.start() if marker else len(raw)
    original = _READ_ORIGINAL.search(raw, body_pos, preamble_end)
    if original and meta.source_url is None:
        meta.source_url = original.group("url")
    fmt = "omnivore" if marker or original else "frontmatter"
    if marker:
        body_pos = _line_after(raw, marker.end())
    else:
        body_pos = _skip_preamble(raw, body_pos, _scalar(fields.get("title")))
    return fmt, body_pos, _scalar(fields.get("title"))


def _line_after(raw: str, pos: int) -> int:
    nl = raw.find("\n", pos)
    return len(raw) if nl < 0 else nl + 1


def _skip_preamble(raw: str, pos: int, title: str | None) -> int:
    """Skip the lines a read-it-later export puts before the article (tags, links, dates)."""
    for m in _LINE.finditer(raw, pos):
        if m.start() == m.end():
            return m.start()
        line = m.group().strip()
        heading = line.lstrip("#").strip()
        if _PREAMBLE.fullmatch(m.group().rstrip("\n")):
            continue
        if title and line.startswith("#") and heading == title:
            continue
        return m.start()
    return len(raw)


def _locate(raw: str, title: str | None, start: int, end: int) -> list[Piece] | None:
    """Pieces copying `title` from raw[start:end] when it is written there, else None."""
    if not title:
        return None
    at = raw.find(title, start, end)
    return [(at, at + len(title), None)] if at >= 0 else None


def _read_header(
    raw: str, meta: Meta, plain_format: str
) -> tuple[str, int, str | None, list[Piece] | None, int]:
    """Read a leading "# title" and WeChat-style "key: value" lines; return format, body start, title."""
    title: str | None = None
    pieces: list[Piece] | None = None
    title_end = 0
    keys: set[str] = set()
    pos = 0
    for m in _LINE.finditer(raw):
        if m.start() == m.end():
            break
        line = m.group()
        if not line.strip():
            pos = m.end()
            continue
        if title is None and not keys and _HEADING.match(line):
            heading = split_lines(raw, m.start(), m.start() + len(line.rstrip("\r\n")), markdown=True)[0]
            if heading.kind != "heading":
                break
            title, pieces, title_end = heading.text, heading.pieces, heading.nl
            pos = m.end()
            continue
        key = _WECHAT_KEY.fullmatch(line)
        if not key:
            break
        keys.add(key.group("k"))
        _header_value(key.group("k"), key.group("v"), meta)
        pos = m.end()
    if not keys:
        # No header: the heading (if any) is still the title; the body starts after it.
        return plain_format, pos if title else 0, title, pieces, title_end
    return ("wechat" if keys & _WECHAT_ONLY else plain_format), pos, title, pieces, title_end


def _header_value(key: str, value: str, meta: Meta) -> None:
    if not value:
        return
    if key in ("发布时间", "发布日期"):
        meta.set_published(value, CHINA_TZ)  # WeChat shows China time
    elif key in ("原文链接", "原文地址") and _URL.match(value):
        meta.source_url = value
    elif key in ("文章作者", "作者", "公众号") and meta.author is None:
        meta.author = value


def _first_line_title(body: list[Line]) -> tuple[str | None, list[Piece] | None, int]:
    """Take the first line as the title when it is short and more text follows; remove it from body."""
    nonblank = [i for i, line in enumerate(body) if line.kind != "blank"]
    if len(nonblank) < 2:
        return None, None, 0
    first = body[nonblank[0]]
    size = len(first.text)
    headline = size < _TITLE_MAX or (size < _TITLE_LONG and not first.text.endswith(_SENTENCE_END))
    if first.kind in ("code", "table") or (first.kind != "heading" and not headline):
        return None, None, 0
    del body[nonblank[0]]
    return first.text, first.pieces, first.nl


def _date_line(body: list[Line], meta: Meta, default_tz: str | None) -> None:
    """A date line near the top ("2025-03-12 09:41  来源：…") dates the article and is dropped."""
    if meta.published is not None:
        return
    nonblank = [i for i, line in enumerate(body) if line.kind != "blank"]
    # The first line, or the second after a short subtitle; there must be body after it.
    for i in nonblank[: min(2, len(nonblank) - 1)]:
        if len(body[i].text) > _DATE_LINE_MAX:
            return
        if _byline_date(body[i].text, meta, default_tz):
            del body[i]
            return


def _byline_date(text: str, meta: Meta, default_tz: str | None) -> bool:
    """Set the published date from a line that is a date, or a date among byline parts."""
    label = _BYLINE_LABEL.match(text)
    parts = _BYLINE_SPLIT.split(text[label.end() if label else 0 :])
    for part in parts:
        at, day = parse_timestamp(part, default_tz)
        # A bare year or month among other words ("Top 10 · 2025") is not a date line.
        if day is not None and (
            day.precision is Precision.DAY or (len(parts) == 1 and day.precision is Precision.MONTH)
        ):
            meta.published, meta.published_at, meta.timezone = day, at, timezone_name(at)
            return True
    return False


def _press_dateline(body: list[Line], meta: Meta, default_tz: str | None) -> None:
    """Date a press release from its dateline when nothing else dates it (the line stays body)."""
    if meta.published is not None:
        return
    # The dateline opens the release, after at most a subtitle.
    for line in [line for line in body if line.kind != "blank"][:2]:
        m = _PRESS_DATELINE.match(line.text)
        if m and meta.set_published(m.group("d"), default_tz):
            return
