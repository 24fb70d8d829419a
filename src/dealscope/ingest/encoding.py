"""Turning a file's bytes into text: BOMs, UTF-8, UTF-16 without BOM, GB18030/GBK, and refusals."""

from __future__ import annotations

import codecs
import re


class ReadProblem(Exception):
    """An input cannot be read; the message is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "hz", "hz_gb_2312", "euc_cn"})
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SNIFF = 65536
# Share of control bytes above which a file is binary: text has essentially none, while
# images, archives and executables have several per cent.
_MAX_CONTROL_SHARE = 0.02
# charset-normalizer's "chaos" (0 = clean, 1 = noise); above this the guess is not convincing.
_MAX_CHAOS = 0.25


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode file bytes to text (without a BOM), or raise ReadProblem saying why not."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], name)
    head = data[:_SNIFF]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise ReadProblem("binary file (contains NUL bytes), not text")
        return _strict(data, utf16)
    if len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        raise ReadProblem("binary file (mostly control characters), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(head)
        if declared:
            try:
                return data.decode(_canonical(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass
    import charset_normalizer  # loaded only for files that are not UTF-8: most never need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise ReadProblem("cannot determine the text encoding (not UTF-8, UTF-16 or GB18030)")
    return _strict(data, _canonical(best.encoding))


def _canonical(name: str) -> str:
    # GB2312 and GBK are subsets of GB18030: decoding with the superset never loses characters.
    return "gb18030" if name.lower().replace("-", "_") in _GB_FAMILY else name


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadProblem(f"cannot decode the text as {encoding}") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes fall where UTF-16 puts them, else None."""
    sample = head[: len(head) - len(head) % 2]
    if not sample:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    # ASCII in UTF-16 puts a NUL in every other byte; Han characters put none. A text with any
    # ASCII (spaces, digits, newlines) shows NULs on one side only.
    if odd_nuls > 0.1 * half and even_nuls <= 0.01 * half:
        candidate = "utf-16-le"
    elif even_nuls > 0.1 * half and odd_nuls <= 0.01 * half:
        candidate = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(candidate)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return candidate if controls <= _MAX_CONTROL_SHARE * len(text) else None
