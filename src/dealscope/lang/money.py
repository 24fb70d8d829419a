"""Find and read money expressions in Chinese and English funding news (see docs/conventions.md).

One compiled regex finds where an amount can start (a numeral with a magnitude, currency or range
connector after it, or a currency sign); a second reads the amount from there, and the hedge before
it is matched backwards. A third scan handles the wordy forms ("tens of millions", "未披露"). A
short per-candidate step sets value, bounds, qualifier and currency, and drops counts (3000万用户),
model sizes (Llama 3 70B) and numbers with neither a magnitude nor a currency. The word lists live
in `dealscope.lang.money_words`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dealscope.domain import Money, Qualifier, Span
from dealscope.lang.money_words import (
    AFTER_NUMBER_CHARS,
    BARE_EN,
    BARE_ONLY_PRE,
    COUNT_BEFORE_EN,
    COUNT_BEFORE_ZH,
    COUNT_REACH_EN,
    COUNT_REACH_ZH,
    CUR_PRE,
    CUR_PRE_WORDS,
    CUR_SUF_EN,
    CUR_SUF_ZH,
    EN_MAG_LETTER,
    EN_MAG_WORD,
    EN_MULT,
    EN_VAGUE,
    EN_WORD_AMOUNT,
    FIGURES,
    MODEL_BEFORE,
    NOUN_AFTER,
    PRE_LAST_CHARS,
    PRE_Q,
    PRE_REACH,
    PRE_REV,
    SUF_Q,
    SUFFIX,
    UNDISCLOSED,
    WORD_ANCHOR,
    WORD_REACH,
    YUAN_OR_YEN,
    ZB,
    ZD,
    ZH_MAG,
    ZU,
    currency_of,
)
from dealscope.lang.normalize import fold
from dealscope.lang.numbers import ZH_DIGITS, ZH_UNITS, parse_en_number_words, parse_zh_numeral

# --------------------------------------------------------------------------- patterns

_NUM_AR = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A Chinese numeral starts with a digit or 十/百/千; 万/亿 inside it only when more numerals follow
# (一亿五千万), so that the trailing 万/亿 is read as the magnitude.
_NUM_ZH = rf"[{ZD}{ZU}](?:[{ZD}{ZU}]|点(?=[{ZD}])|[{ZB}](?=[{ZD}{ZU}]))*"
# A number may touch a Latin letter only when a Chinese magnitude or currency follows, as when a
# name runs into the amount (Khosla Ventures2000万美元); GPT4, A100 and Qwen2.5 stay words.
_AFTER_LATIN = (
    rf"(?<=[A-Za-z])(?=[\d,.]*\d(?:多|余)? ?(?:[{ZU}]?[{ZB}]|美元|美金|元|港元|港币|欧元|英镑|日元|人民币))"
)


def _atom(p: str) -> str:
    """One amount: currency sign, number, magnitude, currency word; group names prefixed by `p`."""
    return (
        rf"(?P<{p}>(?:(?P<{p}cp>{CUR_PRE}) ?|(?<![A-Za-z0-9_.])|{_AFTER_LATIN})"
        rf"(?:(?P<{p}vz>[数几])(?P<{p}vu>[{ZU}]?(?:万亿|[{ZB}])|[十百千])"
        rf"|(?P<{p}n>(?>{_NUM_AR}|{_NUM_ZH}))"
        rf"|(?P<{p}bm>万亿|[{ZB}]))"
        rf"(?P<{p}pl>-plus|\+(?![\u4e00-\u9fff]))?"
        rf"(?P<{p}d1>多|余|(?<=十)几)?"
        rf"(?: ?(?P<{p}zm>{ZH_MAG})| ?(?P<{p}ew>{EN_MAG_WORD})|(?P<{p}el>{EN_MAG_LETTER}))?"
        rf"(?:(?<=[亿億])(?P<{p}sub>\d{{1,4}}(?:\.\d+)?[万萬]))?"
        rf"(?P<{p}d2>多(?!元化)|余)?"
        rf"(?: ?(?P<{p}cz>{CUR_SUF_ZH})| (?P<{p}ce>{CUR_SUF_EN}))?)"
    )


_UNIT_GROUPS = ("cp", "cz", "ce", "zm", "ew", "el", "vz", "bm")


def _require_unit() -> str:
    # Fail inside the regex when neither side has a magnitude or a currency: plain numbers (2024,
    # 300, 3.5) never reach Python.
    out = "(?!)"
    for side in ("b_", "a_"):
        for name in _UNIT_GROUPS:
            out = f"(?({side}{name})|{out})"
    return out


_CORE = re.compile(
    rf"{_atom('a_')}(?:(?P<conn> ?(?:-|~|至|到) ?| (?i:to|and) ){_atom('b_')})?(?P<suf>{SUFFIX})?"
    + _require_unit()
)


def _anchor() -> re.Pattern[str]:
    """Where an amount can start: one character, then a look at its neighbours.

    A numeral counts only when a magnitude, a currency or a range connector follows its digits, so
    years, percentages and 一个 are skipped inside the regex engine. Every alternative begins with
    the same character class, which lets the engine skip ahead by first character.
    """
    alts = [
        rf"(?<=[0-9{ZD}{ZU}])(?=[0-9,.点{ZD}]*[多余几+]? ?[{ZU}{ZB}{AFTER_NUMBER_CHARS}])",
        rf"(?<=[数几])(?=[{ZU}{ZB}])",
        rf"(?<=[{ZB}])",
    ]
    rests: dict[str, list[str]] = {}
    for word in sorted(CUR_PRE_WORDS, key=len, reverse=True):
        rests.setdefault(word[0], []).append(word[1:])
    for first, tails in rests.items():
        ahead = "" if "" in tails else "(?=" + "|".join(re.escape(t) for t in tails) + ")"
        alts.append(f"(?<={re.escape(first)}){ahead}")
    firsts = "".join(re.escape(c) for c in rests)
    return re.compile(rf"[0-9{ZD}{ZU}{ZB}数几{firsts}](?:{'|'.join(alts)})")


_ANCHOR = _anchor()
# Where a failed numeral ends; no amount starts inside it (2024, 150%, 三千五百个).
_RUN = re.compile(rf"[0-9{ZD}{ZU}]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
# Han characters other than the 億, 円 and 萬 a Japanese amount may use.
_HAN_NOT_JA = re.compile(r"[\u4e00-\u5103\u5105-\u5185\u5187-\u842b\u842d-\u9fff]")
_FROM_BEFORE = re.compile(r"(?:从|(?<![A-Za-z])(?i:from) ?)$")
_COLLOQUIAL = re.compile(rf"([{ZD}])([{ZD}])([{ZU}]?)")
_FOLD_PROBE = "".join(chr(c) for c in (*range(0xA0, 0x2400), *range(0x3000, 0x3040), *range(0xFE00, 0x10000)))
_FOLDABLE = re.compile(
    "[" + "".join(re.escape(c) for c, f in zip(_FOLD_PROBE, fold(_FOLD_PROBE), strict=True) if c != f) + "]+"
)

_YEN_WINDOW = 30  # about a short sentence: Han text this close to a ¥ makes it yuan
_FOLD_MARGIN = 40  # context folded around the window, for look-behinds and the noun checks

# --------------------------------------------------------------------------- public API

# start, end, value, currency, qualifier, low, high: a reading before it becomes a `Money`.
_Found = tuple[int, int, float | None, str | None, Qualifier, float | None, float | None]


def find_money(text: str, start: int = 0, end: int | None = None) -> list[Money]:
    """Every money expression in `text[start:end]`, with absolute spans, sorted and non-overlapping."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if stop <= start:
        return []
    lo, hi = max(0, start - _FOLD_MARGIN), min(len(text), stop + _FOLD_MARGIN)
    # Folding the whole text is a slow per-character pass; news has few foldable characters.
    folded = _FOLDABLE.sub(_fold_match, text[lo:hi])
    a, b = start - lo, stop - lo
    found = _scan_amounts(folded, a, b)
    words = _scan_words(folded, a, b, found)
    if words:
        found = sorted(found + words, key=lambda x: x[0])
    out: list[Money] = []
    last = -1
    for s, e, value, currency, q, low, high in found:
        if s >= last:
            out.append(Money(text[s + lo : e + lo], value, currency, q, low, high, Span(s + lo, e + lo)))
            last = e
    return out


def _fold_match(m: re.Match[str]) -> str:
    return fold(m.group())


def parse_money(raw: str) -> Money | None:
    """The single money expression covering (nearly all of) `raw`, else None."""
    stripped = raw.strip()
    found = find_money(stripped) if stripped else []
    if len(found) != 1 or found[0].span is None:
        return None
    rest = stripped[: found[0].span.start] + stripped[found[0].span.end :]
    # A stray character or two (的, a full stop, a bracket) is fine; more words are another thought.
    return found[0] if len(rest.strip(" ，。,.;；的()（）")) <= 2 else None


def _scan_amounts(folded: str, start: int, stop: int) -> list[_Found]:
    out: list[_Found] = []
    pos = floor = start
    search, match = _ANCHOR.search, _CORE.match
    while True:
        hit = search(folded, pos, stop)
        if hit is None:
            return out
        at = hit.start()
        m = match(folded, at, stop)
        if m is None:
            run = _RUN.match(folded, at)
            pos = max(at + 1, run.end() if run else 0)
            continue
        for item in _interpret(m, folded, floor):
            out.append(item)
            floor = item[1]
        # An empty match must still move on, or the scan would spin in place.
        pos = max(m.end(), at + 1)


def _scan_words(folded: str, start: int, stop: int, taken: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    starts = [f[0] for f in taken]
    last = start
    for w in WORD_ANCHOR.finditer(folded, start, stop):
        at = w.start()
        i = bisect.bisect_right(starts, at) - 1
        if at < last or (i >= 0 and taken[i][1] > at):
            continue  # inside an amount already read ("$5 million")
        floor = max(last, taken[i][1] if i >= 0 else start)
        lo, hi = max(start, at - WORD_REACH), min(stop, w.end() + WORD_REACH)
        item: _Found | None
        if not w.group().isascii() or w.group() in ("ndisclosed", "nspecified", "nannounced", "isclose"):
            m = _around(UNDISCLOSED, folded, lo, hi, at)
            item = None if m is None else (m.start(), m.end(), None, None, Qualifier.UNDISCLOSED, None, None)
        else:
            m = _around(EN_VAGUE, folded, lo, hi, at)
            item = None if m is None else _en_vague(m, folded)
            if m is None:
                m = _around(EN_WORD_AMOUNT, folded, lo, hi, at)
                item = None if m is None else _en_words(m, folded, floor)
        if item is not None:
            out.append(item)
            last = item[1]
    return out


def _around(pattern: re.Pattern[str], folded: str, lo: int, hi: int, at: int) -> re.Match[str] | None:
    """The first match of `pattern` in `folded[lo:hi]` that covers offset `at`."""
    for m in pattern.finditer(folded, lo, hi):
        if m.start() <= at < m.end():
            return m
        if m.start() > at:
            break
    return None


# --------------------------------------------------------------------------- reading one atom


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float | None = None
    mult: float | None = None  # the magnitude written (万 = 1e4, million = 1e6), None when none
    currency: str | None = None
    cur_word: str = ""
    vague: float | None = None  # 数/几 N: the N
    low: float | None = None  # the low end of a colloquial 一两亿
    over: bool = False  # 3000多万, 十余亿
    bare_mag: str = ""  # 亿 with no number before it
    unit_only: bool = False  # 千万, 百万 with no digit: a common word unless a currency or hedge follows
    zh_no_unit: bool = False  # 三元: a Chinese numeral with no unit at all
    en_mag: str = ""
    plus: bool = False


def _mult_of(units: str) -> float:
    out = 1.0
    for ch in units:
        out *= ZH_UNITS[ch]
    return out


_ATOM_KEYS = {
    p: tuple(
        p + k for k in ("cp", "cz", "ce", "zm", "el", "ew", "d1", "d2", "pl", "n", "vz", "vu", "bm", "sub")
    )
    for p in ("a_", "b_")
}


def _read_atom(m: re.Match[str], g: dict[str, str | None], p: str) -> _Atom:
    cp, cz, ce, zm, el, ew, d1, d2, pl, n, vz, vu, bm, sub = map(g.__getitem__, _ATOM_KEYS[p])
    atom = _Atom(m.start(p), m.end(p), over=bool(d1 or d2), plus=pl is not None)
    # 港币2亿元: a bare 元 after the number is the generic word; the sign before names the currency.
    cur = cp if cp and cz == "元" else cz or ce or cp
    if cur:
        atom.cur_word = cur
        atom.currency = currency_of(cur)
    if zm:
        atom.mult = _mult_of(zm)
    elif ew or el:
        key = (ew or el or "").lower()
        key = key if key in EN_MULT else key.rstrip("s")
        atom.mult = EN_MULT[key]
        atom.en_mag = el or key  # letters keep their case: a bare "m" may be metres, "M" is million
    if vz:
        atom.vague = atom.mult = _mult_of(vu or "")
    elif bm:
        atom.bare_mag = bm
        atom.value = atom.mult = _mult_of(bm)
    elif n:
        atom.value = _number_value(n, zm, atom)
    if sub and atom.value is not None:
        atom.value += float(sub[:-1]) * 1e4
    return atom


def _number_value(n: str, zm: str | None, atom: _Atom) -> float | None:
    if n[0].isdigit():
        base = float(n.replace(",", ""))
        return base * atom.mult if atom.mult else base
    col = _COLLOQUIAL.fullmatch(n)
    if col and ZH_DIGITS[col.group(1)] < ZH_DIGITS[col.group(2)]:
        # 一两亿, 七八千万: two neighbouring digits are a rough range.
        scale = _mult_of(col.group(3) + (zm or ""))
        atom.low = ZH_DIGITS[col.group(1)] * scale
        return ZH_DIGITS[col.group(2)] * scale
    atom.zh_no_unit = not zm and not any(c in ZH_UNITS for c in n)
    atom.unit_only = bool(zm) and all(c in ZU for c in n) and not any(c in "亿億" for c in zm or "")
    value = parse_zh_numeral(n + (zm or ""))
    if value is None or zm or atom.mult is None:
        return value
    return value * atom.mult  # 两 million


def _standalone_ok(a: _Atom, folded: str, hedged: bool, level: bool) -> bool:
    """Whether one atom is money on its own (before the noun checks)."""
    if a.value is None and a.vague is None:
        return False
    if a.zh_no_unit and not (a.currency and a.mult):
        return False  # 三元 is a word (ternary), not money
    if a.cur_word.lower().rstrip("s") in ("pound", "won") and a.mult is None:
        return False  # "5 pounds" is more often a weight
    if a.currency:
        return True
    if a.bare_mag:
        return hedged or level if a.bare_mag in ("亿", "億", "万亿") else hedged
    if a.mult is None or (a.unit_only and not (hedged or level)):
        return False
    if a.mult < 1e4 and not a.en_mag:
        return False  # 三千, 五百: a bare Chinese number below 万 is a count, not an amount
    if a.en_mag and a.en_mag not in BARE_EN:
        return False
    if a.en_mag in ("M", "B", "K", "k"):
        return _letter_ok(a, folded)
    return True


def _letter_ok(a: _Atom, folded: str) -> bool:
    """A bare 50M / 7B / 500k: money unless it reads as a model size, a resolution or a stage."""
    if _HAN.match(folded, a.end):
        return False  # 2B端, 5G手机
    if a.en_mag in ("K", "k") and (a.value or 0) < 1e4:
        return False  # 4K, 8K are resolutions
    return not MODEL_BEFORE.search(folded, max(0, a.start - 24), a.start)


# --------------------------------------------------------------------------- interpretation


def _prefix(folded: str, start: int, floor: int) -> tuple[str | None, int]:
    """The hedge written just before `start` (not reaching back past `floor`) and where it begins."""
    lo = max(floor, start - PRE_REACH)
    if lo >= start or folded[start - 1] not in PRE_LAST_CHARS:
        return None, start
    m = PRE_REV.match(folded[lo:start][::-1])
    if m is None:
        return None, start
    return folded[start - m.end() : start].strip().lower(), start - m.end()


def _interpret(m: re.Match[str], folded: str, floor: int) -> list[_Found]:
    g = m.groupdict()
    a = _read_atom(m, g, "a_")
    b = _read_atom(m, g, "b_") if g["conn"] is not None else None
    pre, pre_start = _prefix(folded, a.start, floor)
    if pre in BARE_ONLY_PRE and folded[a.start] not in ZU + ZB:
        pre, pre_start = None, a.start
    suf = g["suf"]
    level = g["lvl"] is not None
    if b is not None:
        conn = (g["conn"] or "").strip().lower()
        if conn != "and" or pre == "between":
            ranged = _as_range(a, b, folded, pre_start, m.end())
            if ranged is not None:
                return [ranged]
        if pre == "between":
            pre, pre_start = None, a.start
        # Not a range: each side alone, the hedge with the first and the suffix with the second.
        first = _single(a, folded, pre, pre_start, None, False, a.end)
        second = _single(b, folded, None, b.start, suf, level, m.end())
        return [x for x in (first, second) if x is not None]
    if pre == "between":
        pre, pre_start = None, a.start
    end = m.end()
    if level and a.currency is None:
        # "千万级美元", "亿级人民币": the currency comes after the order of magnitude.
        cur = _LEVEL_CURRENCY.match(folded, end)
        if cur is not None:
            a.currency = currency_of(cur.group(1))
            end = cur.end()
    one = _single(a, folded, pre, pre_start, suf, level, end)
    return [one] if one is not None else []


_LEVEL_CURRENCY = re.compile(rf" ?({CUR_SUF_ZH})")


def _as_range(a: _Atom, b: _Atom, folded: str, start: int, end: int) -> _Found | None:
    if a.vague is not None or b.vague is not None or a.value is None or b.value is None:
        return None
    if a.mult is not None and b.mult is None:
        return None  # 1亿-2024: the second number is something else
    if _FROM_BEFORE.search(folded, max(0, start - 6), start):
        # "from $1 billion to $5 billion" is a change between two amounts, not a range.
        if a.mult is None and b.mult is not None:
            a.value *= b.mult
            a.mult = b.mult
            a.currency = a.currency or b.currency
        return None
    # "200-300 亿美元": the first number takes the unit and currency of the last.
    low = a.value if a.mult is not None or b.mult is None else a.value * b.mult
    high = b.value
    currency = b.currency or a.currency
    if low >= high or (currency is None and (b.mult is None or not _standalone_ok(b, folded, True, False))):
        return None
    if currency is None and _count_like(folded, start, end):
        return None
    currency = _resolve_yen(currency, folded, start, end)
    return start, end, (low + high) / 2, currency, Qualifier.RANGE, low, high


def _single(
    a: _Atom, folded: str, pre: str | None, start: int, suf: str | None, level: bool, end: int
) -> _Found | None:
    if not _standalone_ok(a, folded, pre is not None, level):
        return None
    if a.currency is None and _count_like(folded, start, end):
        return None
    currency = _resolve_yen(a.currency, folded, start, end)
    if a.vague is not None:  # 数千万: several of N
        return start, end, None, currency, Qualifier.RANGE, 2 * a.vague, 9 * a.vague
    assert a.value is not None
    if level:  # 千万级: the order of magnitude
        return start, end, None, currency, Qualifier.RANGE, a.value, 10 * a.value
    if a.low is not None:
        return start, end, (a.low + a.value) / 2, currency, Qualifier.RANGE, a.low, a.value
    q = PRE_Q.get(pre, Qualifier.EXACT) if pre else Qualifier.EXACT
    if q is Qualifier.EXACT:
        if a.over or a.plus:
            q = Qualifier.OVER
        elif suf:
            q = SUF_Q.get(suf.strip().lower(), Qualifier.EXACT)
    return (start, end, a.value, currency, q, *_bounds(q, a.value))


def _bounds(q: Qualifier, value: float) -> tuple[float | None, float | None]:
    """The low and high a hedge implies: at least / over bound below, at most / under above."""
    low = value if q in (Qualifier.AT_LEAST, Qualifier.OVER) else None
    high = value if q in (Qualifier.AT_MOST, Qualifier.UNDER) else None
    return low, high


def _count_like(folded: str, start: int, end: int) -> bool:
    """True when a bare amount is a count: a counting noun after it or a count subject before it."""
    if NOUN_AFTER.match(folded, end):
        return True
    if COUNT_BEFORE_ZH.search(folded, max(0, start - COUNT_REACH_ZH), start):
        return True
    # The English subjects are a slow case-blind search; only English text can hold them.
    return folded[start - 1 : start].isascii() and bool(
        COUNT_BEFORE_EN.search(folded, max(0, start - COUNT_REACH_EN), start)
    )


def _resolve_yen(currency: str | None, folded: str, start: int, end: int) -> str | None:
    if currency != YUAN_OR_YEN:
        return currency
    lo, hi = max(0, start - _YEN_WINDOW), end + _YEN_WINDOW
    if _KANA.search(folded, lo, start) or _KANA.search(folded, end, hi):
        return "JPY"
    return "CNY" if _HAN_NOT_JA.search(folded, lo, hi) else "JPY"


def _en_vague(m: re.Match[str], folded: str) -> _Found | None:
    g = m.group
    word = (g("vcur") or "").strip().lower()
    currency = currency_of(word[3:] if word.startswith("of ") else word) if word else None
    if currency is None and (g("vpl") or _count_like(folded, m.start(), m.end())):
        return None  # "millions of" is money only with a currency after it
    if g("vfig"):
        digits = FIGURES.get(g("vfig").lower()) or int(g("vfig"))
        low = 10.0 ** (digits - 1)  # an eight-figure sum has eight digits
        return m.start(), m.end(), None, currency, Qualifier.RANGE, low, low * 10
    n = EN_MULT[(g("vbase1") or g("vbase2") or g("vbase3") or g("vpl")).lower().rstrip("s")]
    if g("vmul"):
        n *= {"tens": 10, "hundreds": 100, "dozens": 12}[g("vmul").lower()]
    elif g("vh"):
        n *= 100 if g("vh").lower().startswith("hundred") else 10
    return m.start(), m.end(), None, currency, Qualifier.RANGE, 2 * n, 9 * n


def _en_words(m: re.Match[str], folded: str, floor: int) -> _Found | None:
    """An amount in number words with a currency after it: "two million dollars", "half a billion euros"."""
    word = m.group("wc").strip().lower()
    currency = currency_of(word[3:] if word.startswith("of ") else word)
    number = parse_en_number_words(m.group("wn"))
    if number is None:
        return None
    value = number * EN_MULT[m.group("wm").lower()]
    pre, start = _prefix(folded, m.start(), floor)
    if pre in BARE_ONLY_PRE or pre == "between":
        pre, start = None, m.start()
    q = PRE_Q.get(pre, Qualifier.EXACT) if pre else Qualifier.EXACT
    return (start, m.end(), value, currency, q, *_bounds(q, value))
