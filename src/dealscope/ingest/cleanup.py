"""Cleaning an article body while keeping an exact map back to the raw text.

The body is read line by line: each line loses its Markdown decoration (copied pieces of the raw
text stay pieces, so offsets survive), trailing boilerplate lines are trimmed, and lines are joined
into paragraphs. Every character of the output is either copied from the raw text or a separator
(a space or newline) inserted where a line break was; `TextBuilder` records an anchor wherever the
correspondence shifts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dealscope.domain import OffsetMap

# A piece of output: (raw_start, raw_end, None) copies raw[raw_start:raw_end]; (raw_pos, raw_pos,
# "s") inserts "s", mapped to raw_pos.
Piece = tuple[int, int, str | None]


class TextBuilder:
    """Accumulates output text and the anchors of its `OffsetMap`."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int]] = []
        self._next_raw = -1

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if start != self._next_raw:
            self.anchors.append((self.length, start))
        self.parts.append(self.raw[start:end])
        self.length += end - start
        self._next_raw = end

    def insert(self, text: str, raw_pos: int) -> None:
        if not text:
            return
        self.anchors.append((self.length, raw_pos))
        self.parts.append(text)
        self.length += len(text)
        self._next_raw = raw_pos + len(text)

    def add(self, pieces: list[Piece]) -> None:
        for start, end, inserted in pieces:
            if inserted is None:
                self.copy(start, end)
            else:
                self.insert(inserted, start)

    def text(self) -> str:
        return "".join(self.parts)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(tuple(self.anchors))


@dataclass(slots=True)
class Line:
    """One raw line after cleaning: `pieces` build `text`; `nl` is where its line break is."""

    start: int
    end: int
    nl: int
    kind: str  # blank, text, heading, item, table, code
    pieces: list[Piece]
    text: str


_NL = re.compile(r"\r?\n|\r")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_RULE = re.compile(r"[ \t]{0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*")
_TABLE_SEP = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?\|?[ \t]*")
_PREFIX = re.compile(
    r"[ \t\u3000\xa0]*(?:>[ \t]?[ \t]*)*"
    r"(?:(?P<h>#{1,6})[ \t]+|(?P<li>(?:[-*+•]|\d{1,2}[.)])[ \t]+))?"
    r"[ \t\u3000\xa0]*"
)
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_IMG = r"!\[[^\]\n]*\]\([^)\n]*\)"
_LINK = r"\[(?:" + _IMG + r"|[^\[\]\n])*\]\([^)\n]*\)"
_INLINE = re.compile(
    r"(?P<img>" + _IMG + r")"
    r"|\[(?P<lt>(?:" + _IMG + r"|[^\[\]\n])*)\]\([^)\n]*\)"
    r"|\[(?P<rt>[^\[\]\n]+)\]\[[^\]\n]*\]"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bare>https?://[^\s<>()\[\]]+)"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>|<!--.*?-->)"
    r"|(?P<ent>&(?:nbsp|amp|#160);)"
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!|~>])"
    r"|(?P<tick>`+)"
    r"|(?P<strike>~~)"
    r"|(?P<star>\*{1,3})"
    r"|(?P<under>(?<![A-Za-z0-9_])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![A-Za-z0-9_]))",
    re.IGNORECASE,
)
_ENTITY = {"&nbsp;": " ", "&#160;": " ", "&amp;": "&"}

# A divider drawn with dashes or dots ("——————", "·····"): no text, a paragraph break.
_LONG_RULE = r"[ \t]*[-—–_=*~·•]{3,}[ \t]*"
# Zhihu answer tails: "发布于 2025-05-20 18:30・IP 属地…" and the vote/comment widget line.
_ZHIHU_STAMP = r"[ \t\u200b]*\[?(?:发布于|编辑于)[ \t]*\d{4}-\d{1,2}-\d{1,2}.*"
_ZHIHU_VOTES = r"[ \t\u200b]*赞同[\d.,万千kK \t\u200b]*(?:添加评论|\d+[ \t]*条评论)[^\n]{0,40}"
# Lines that carry no text: blank, rules, table separators, Zhihu answer tails. _RULE's group is
# the first group of this pattern, so its back reference still holds.
_DROP = re.compile(
    "|".join((r"[ \t\u3000\xa0]*", _RULE.pattern, _TABLE_SEP.pattern, _ZHIHU_STAMP, _ZHIHU_VOTES, _LONG_RULE))
)

# Trailing boilerplate. Markers start a footer that runs to the end of the article.
_DECOR = " \t\u3000\xa0·•・-—–=*_~|#【】[]<>《》「」()（）:：.。!！"
_END_MARKER = re.compile(
    r"(?:(?:the )?end$|(?:往期推荐|往期回顾|推荐阅读|相关阅读|延伸阅读|热门文章|热文推荐|精彩推荐"
    r"|相关推荐|相关文章"
    r"|related (?:articles?|stories|reading)|read more|recommended reading|you may also like"
    r"|(?:media|press|investor) contacts?"
    r"|点击阅读原文|阅读原文|免责声明|disclaimer)(?:$|[\s:：丨|,，]))",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"[(（【\[]?(?:本期|本文|责任)?(?:排版|校对|编辑|责编|责任编辑|审核|审校|来源|作者|文|撰文|图片来源|图源"
    r"|题图|封面|封面图|头图|美编|视觉|统筹|监制|出品|策划|翻译|编译|数据来源|资料来源"
    r"|media|editor|edited by|photo|photos|image|images|source"
    r"|additional reporting|reporting by|contact)[ \t]*(?:[:：|丨/]|by\b)"
    r"|(?-i:SOURCE [A-Z])",  # the last line of a wire press release
    re.IGNORECASE,
)
_RIGHTS = re.compile(
    r".{0,20}(?:转载|版权所有|版权归|版权声明|未经(?:许可|授权)|all rights reserved|copyright\b|©).{0,40}",
    re.IGNORECASE,
)
_PAYWALL = re.compile(
    r".{0,40}(?:subscribe to (?:continue|keep) reading|subscribe to read|this (?:article|story) is for"
    r" subscribers|to continue reading,? (?:please )?subscribe|本文为会员专享|会员专享内容"
    r"|订阅后(?:可)?阅读全文"
    r"|开通会员(?:后)?(?:可)?阅读全文|付费(?:后)?阅读全文).{0,80}",
    re.IGNORECASE,
)
_LINK_ONLY = re.compile(
    r"[\s>*+\-•·|]*(?:(?:" + _LINK + r"|" + _IMG + r"|<?https?://[^\s>]+>?)[\s*_|·•,，、/\-]*)+"
)
# Never cut more than this share of the body from the end: a footer is short, an article is not.
_MAX_TRIM_SHARE = 0.4

_FINAL = "。！？!?.:：；;…"
_CLOSERS = "\"'”’」』）)】》"
_INNER_PUNCT = re.compile(r"[，,。；;：:！!？?]")
# A short first line of a paragraph with no punctuation is a heading written without "#".
_HEADING_MAX = 20
_LATIN_HEADING_MAX = 50  # the same for English, whose words are longer than Chinese characters
_NUMBER_UNIT = re.compile(r"[万亿千百元美港欧英日%％倍]")


def split_lines(raw: str, start: int, end: int, *, markdown: bool) -> list[Line]:
    """Split raw[start:end] into cleaned lines (Markdown decoration removed when `markdown`)."""
    lines: list[Line] = []
    in_code = False
    pos = start
    while pos <= end:
        m = _NL.search(raw, pos, end)
        line_end, nl, nxt = (m.start(), m.start(), m.end()) if m else (end, end, end + 1)
        if markdown:
            line, in_code = _markdown_line(raw, pos, line_end, nl, in_code)
        else:
            line = _plain_line(raw, pos, line_end, nl)
        lines.append(line)
        pos = nxt
    return lines


def _plain_line(raw: str, start: int, end: int, nl: int) -> Line:
    a, b = _strip_range(raw, start, end)
    if a == b:
        return Line(start, end, nl, "blank", [], "")
    return Line(start, end, nl, "text", [(a, b, None)], raw[a:b])


def _markdown_line(raw: str, start: int, end: int, nl: int, in_code: bool) -> tuple[Line, bool]:
    if start == end:
        return Line(start, end, nl, "blank", [], ""), in_code
    if _FENCE.match(raw, start, end):
        return Line(start, end, nl, "blank", [], ""), not in_code
    if in_code:
        a, b = _strip_range(raw, start, end)
        kind = "code" if a < b else "blank"
        return Line(start, end, nl, kind, [(a, b, None)] if a < b else [], raw[a:b]), True
    if _DROP.fullmatch(raw, start, end):
        return Line(start, end, nl, "blank", [], ""), False
    m = _PREFIX.match(raw, start, end)
    assert m is not None  # the prefix pattern can match the empty string
    content_end = end
    if m.group("h"):
        kind = "heading"
        close = _HEADING_CLOSE.search(raw, m.end(), end)
        if close:
            content_end = close.start()
    elif m.group("li"):
        kind = "item"
    elif raw.startswith("|", m.end()):
        kind = "table"
    else:
        kind = "text"
    pieces = strip_pieces(raw, clean_inline(raw, m.end(), content_end))
    if not pieces:
        return Line(start, end, nl, "blank", [], ""), False
    return Line(start, end, nl, kind, pieces, pieces_text(raw, pieces)), False


def clean_inline(raw: str, start: int, end: int) -> list[Piece]:
    """Pieces of raw[start:end] without images, link targets, tags and emphasis markers."""
    pieces: list[Piece] = []
    pos = start
    for m in _INLINE.finditer(raw, start, end):
        kind = m.lastgroup
        if kind == "star" and _spaced(raw, m.start(), m.end(), start, end):
            continue  # "5 * 3": a literal asterisk, not emphasis
        if kind == "bare":
            continue  # URLs stay as written (their "_" and "*" are not emphasis)
        if m.start() > pos:
            pieces.append((pos, m.start(), None))
        if kind == "lt":
            pieces.extend(clean_inline(raw, m.start("lt"), m.end("lt")))
        elif kind in ("rt", "auto", "esc"):
            pieces.append((m.start(kind), m.end(kind), None))
        elif kind == "br" and not (pieces and pieces[-1][2] == "\n"):
            pieces.append((m.start(), m.start(), "\n"))  # "<br><br>" is one break, not a blank line
        elif kind == "ent":
            pieces.append((m.start(), m.start(), _ENTITY[m.group().lower()]))
        pos = m.end()
    if pos < end:
        pieces.append((pos, end, None))
    return pieces


def _spaced(raw: str, a: int, b: int, start: int, end: int) -> bool:
    before = raw[a - 1] if a > start else " "
    after = raw[b] if b < end else " "
    return before.isspace() and after.isspace()


def _strip_range(raw: str, a: int, b: int) -> tuple[int, int]:
    while a < b and raw[a].isspace():
        a += 1
    while b > a and raw[b - 1].isspace():
        b -= 1
    return a, b


def strip_pieces(raw: str, pieces: list[Piece]) -> list[Piece]:
    """Drop leading and trailing whitespace (and empty pieces) from a list of pieces."""
    out = [p for p in pieces if (p[2] if p[2] is not None else p[1] > p[0])]
    while out:
        a, b, ins = out[0]
        if ins is None:
            a2, _ = _strip_range(raw, a, b)
            if a2 < b:
                out[0] = (a2, b, None)
                break
        elif ins.strip():
            out[0] = (a, b, ins.lstrip())
            break
        out.pop(0)
    while out:
        a, b, ins = out[-1]
        if ins is None:
            b2 = b
            while b2 > a and raw[b2 - 1].isspace():
                b2 -= 1
            if b2 > a:
                out[-1] = (a, b2, None)
                break
        elif ins.strip():
            out[-1] = (a, b, ins.rstrip())
            break
        out.pop()
    return out


def pieces_text(raw: str, pieces: list[Piece]) -> str:
    return "".join(raw[a:b] if ins is None else ins for a, b, ins in pieces)


def trim_boilerplate(raw: str, lines: list[Line]) -> list[Line]:
    """Drop a trailing footer: end markers onwards, then credit, link-only and paywall lines."""
    total = sum(len(line.text) for line in lines)
    floor = (1 - _MAX_TRIM_SHARE) * total
    starts: list[int] = []
    seen = 0
    for line in lines:
        starts.append(seen)
        seen += len(line.text)
    kept = list(lines)
    for i, line in enumerate(lines):
        if line.kind == "blank" or starts[i] < floor:
            continue
        core = line.text.strip(_DECOR)
        if _END_MARKER.match(core) or _PAYWALL.fullmatch(line.text):
            kept = lines[:i]
            break
    while kept:
        i = len(kept) - 1
        line = kept[i]
        if line.kind == "blank":
            kept.pop()
            continue
        if starts[i] < floor:
            break
        if (
            _CREDIT.match(line.text)
            or _RIGHTS.fullmatch(line.text)
            or _PAYWALL.fullmatch(line.text)
            or _LINK_ONLY.fullmatch(raw, line.start, line.end)
        ):
            kept.pop()
            continue
        break
    return [line for line in kept if not (line.kind != "blank" and _PAYWALL.fullmatch(line.text))]


# Two or more cell separators make a line a table row, whatever the format around it.
_CELLS = re.compile(r"[｜|\t](?:[^｜|\t]*[｜|\t])")


def emit(builder: TextBuilder, lines: list[Line], *, join_wrapped: bool) -> None:
    """Append the lines as paragraphs: blank lines and structure break, hard wraps are joined."""
    prev: Line | None = None
    prev_opens = True  # whether `prev` began its paragraph
    pending_break = False
    for line in lines:
        if line.kind == "blank":
            pending_break = prev is not None
            continue
        if prev is None:
            opens = True
        elif pending_break or not join_wrapped or not _joins(prev, line, prev_opens):
            builder.insert("\n", prev.nl)
            opens = True
        else:
            if prev.text[-1].isascii() and line.text[0].isascii():
                builder.insert(" ", prev.nl)
            opens = False
        builder.add(line.pieces)
        prev, prev_opens, pending_break = line, opens, False


def _joins(prev: Line, line: Line, prev_opens: bool) -> bool:
    """Whether the break between two non-blank lines is a hard wrap inside one paragraph."""
    if prev.kind in ("heading", "code", "table") or line.kind in ("heading", "item", "code", "table"):
        return False
    if _CELLS.search(prev.text) or _CELLS.search(line.text):
        return False  # "沐川智算｜C轮｜12亿元｜国投创合": a row of a table written as text lines
    tail = prev.text.rstrip(_CLOSERS)
    if not tail or tail[-1] in _FINAL:
        return False
    if tail[-1].isdigit() and _NUMBER_UNIT.match(line.text):
        return True  # "2.75\n亿美金": a number split from its unit
    limit = _LATIN_HEADING_MAX if prev.text.isascii() else _HEADING_MAX
    return not (prev_opens and len(prev.text) < limit and not _INNER_PUNCT.search(prev.text))
