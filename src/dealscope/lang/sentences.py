"""Sentence segmentation that returns spans, for Chinese, English and mixed text."""

from __future__ import annotations

import re

from dealscope.domain import Span

# A sentence ends at Chinese terminal punctuation (optionally followed by a closing quote or
# bracket), at a line break, or at an English full stop followed by whitespace and an upper-case
# letter, digit, quote or CJK character (or a name written in lower case with a digit or capital
# inside, such as a16z or xAI), unless the word before the stop is a common abbreviation
# ("Inc.", "Tex.", "Mr."). A false split only narrows the context window, so the rule stays simple.
_END = re.compile(
    r"""[。！？!?；;]+["'”’」』）)]*"""
    r"""|\n+"""
    r"""|\.["'”’)]*(?=\s+["'“‘(]?(?:[A-Z0-9\u4e00-\u9fff]|[a-z]+[0-9A-Z]))"""
)
_ABBREV = frozenset(
    [
        "inc",
        "ltd",
        "co",
        "corp",
        "mr",
        "ms",
        "mrs",
        "dr",
        "st",
        "no",
        "vs",
        "jr",
        "sr",
        "tex",
        "calif",
        "mass",
        "wash",
        "fla",
        "ill",
        "ariz",
        "colo",
        "conn",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "approx",
        "est",
        "dept",
        "gov",
        "sen",
        "rep",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if len(word) == 1 and re.search(
        r"\b(?:Series|series|Class|class|Round|round)\s$", text[max(0, m.start() - 8) : m.start()]
    ):
        return False  # "… its 2022 Series C. The round was led …": a stage letter ends the sentence
    return word in _ABBREV or len(word) == 1  # single initials: "J. Smith"


def split(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split `text[start:end]` into sentence spans (absolute offsets), whitespace trimmed."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _END.finditer(text, start, stop):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, stop, spans)
    return spans


def _add(text: str, a: int, b: int, out: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Span(a, b))


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split on blank lines or single line breaks into paragraph spans."""
    stop = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    for m in re.finditer(r"\n+", text[start:stop]):
        _add(text, pos, start + m.start(), out)
        pos = start + m.end()
    _add(text, pos, stop, out)
    return out
