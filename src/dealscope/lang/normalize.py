"""Length-preserving text normalisation for matching.

Extractors match patterns on a normalised copy of the text and report spans into the original;
that only works if normalising never changes the length, so everything here maps one character to
exactly one character.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII (Ｕ+FF01..FF5E) to ASCII, ideographic space to space, and the punctuation
# variants Chinese articles mix freely. Chinese sentence punctuation (，。；：) is kept as is:
# it carries meaning the patterns use.
_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0x2009: 0x20,  # thin space
        0x202F: 0x20,  # narrow no-break space
        0x200B: 0x20,  # zero-width space (kept as a space so lengths match)
        0xFEFF: 0x20,  # stray BOM inside text
        0x2018: 0x27,  # ‘
        0x2019: 0x27,  # ’
        0x2010: 0x2D,  # hyphen
        0x2011: 0x2D,
        0x2012: 0x2D,
        0x2013: 0x2D,  # en dash (ranges: 80-100)
        0x2014: 0x2D,  # em dash
        0x2212: 0x2D,  # minus
        0xFF5E: 0x7E,  # full-width tilde
        0x301C: 0x7E,  # wave dash (ranges: 80〜100)
    }
)
# Keep Chinese comma/semicolon/colon/parentheses/brackets as written: patterns accept both forms.
for _cp in (0xFF0C, 0xFF1B, 0xFF1A, 0xFF08, 0xFF09, 0xFF01, 0xFF1F):
    _TABLE.pop(_cp, None)


def fold(text: str) -> str:
    """Return `text` with full-width letters/digits and look-alike characters folded, same length."""
    return text.translate(_TABLE)


def is_cjk(ch: str) -> bool:
    """True for a Han character (the CJK blocks Chinese news uses)."""
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def cjk_ratio(text: str) -> float:
    """Share of Han characters among letters, for language detection."""
    # Counting runs with two regexes is several times faster than a Python loop per character.
    han = sum(map(len, _HAN_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    total = han + latin * 0.25  # a Latin word is ~4 letters: weigh letters as a quarter of a Han char
    return han / total if total else 0.0


def nfkc(text: str) -> str:
    """NFKC normalisation, for ids and name keys (this one may change the length)."""
    return unicodedata.normalize("NFKC", text)
