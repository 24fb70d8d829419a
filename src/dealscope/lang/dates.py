"""Dates written in Chinese and English prose, resolved against an article's published date.

One compiled alternation scans the folded text once; each alternative names a reader that turns the
match into a `FuzzyDate` following the table in docs/conventions.md. When a weekday and an explicit
date are written together (`周二(3月4日)`, `Tuesday, March 4`) the result is one hit spanning both,
dated by the explicit date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from dealscope.domain import FuzzyDate, Precision, Span
from dealscope.lang.normalize import fold

DAY, MONTH, QUARTER, YEAR = Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR

# A month or day without a year is read as the anchor's year unless that would put it more than a
# week after the article (then it is last year's): articles report past events, with a little
# slack for "next Monday" style announcements.
_FUTURE_SLACK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression found in text; `date` is None when it cannot be resolved."""

    span: Span
    raw: str
    date: FuzzyDate | None
    relative: bool
    disclosure: bool


# --------------------------------------------------------------------------- small date helpers


def _fd(y: int, m: int = 1, d: int = 1, precision: Precision = DAY) -> FuzzyDate | None:
    """A FuzzyDate, or None for an impossible calendar date (2月30日) or an implausible year."""
    if not 1900 <= y <= 2099:
        return None
    try:
        return FuzzyDate(date(y, m, d), precision)
    except ValueError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _year_for(anchor: date, m: int, d: int = 1) -> int:
    """Year of a month/day written without one: the anchor's, or the year before (7-day rule)."""
    y = anchor.year
    try:
        candidate = date(y, m, d)
    except ValueError:  # 2月29日 in a common year: compare by the last real day
        candidate = date(y, m, 28)
    return y - 1 if candidate > anchor + _FUTURE_SLACK else y


_CN_DIGIT = dict(zip("〇一二三四五六七八九", range(10), strict=True)) | {"零": 0, "两": 2}


def _num(s: str) -> int:
    """Read 12, 十二, 二十一 or 二〇二四 (digit by digit) as an int."""
    if s.isascii():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


_EN_MONTH = {k: i + 1 for i, k in enumerate(re.findall("...", "janfebmaraprmayjunjulaugsepoctnovdec"))}
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY.update({n: i for i, n in enumerate(_EN_WEEKDAYS)})
_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "this": 0, "last": -1, "next": 1}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}


def _month_of(name: str) -> int:
    return _EN_MONTH[name[:3].lower()]


# --------------------------------------------------------------------------- fixed relative words

_Rel = Callable[[date], FuzzyDate | None]


def _day(k: int) -> _Rel:
    return lambda a: FuzzyDate(a + timedelta(days=k), DAY)


def _week(k: int) -> _Rel:
    # A week is reported at month precision: naming its Monday as a day would be false precision.
    def f(a: date) -> FuzzyDate | None:
        d = _monday(a) + timedelta(weeks=k) if k else a
        return _fd(d.year, d.month, 1, MONTH)

    return f


def _month(k: int) -> _Rel:
    def f(a: date) -> FuzzyDate | None:
        y, m = _add_months(a.year, a.month, k)
        return _fd(y, m, 1, MONTH)

    return f


def _quarter(k: int) -> _Rel:
    def f(a: date) -> FuzzyDate | None:
        y, m = _add_months(a.year, (a.month - 1) // 3 * 3 + 1, 3 * k)
        return _fd(y, m, 1, QUARTER)

    return f


def _year(k: int, month: int | None = None) -> _Rel:
    if month is None:
        return lambda a: _fd(a.year + k, 1, 1, YEAR)
    return lambda a: _fd(a.year + k, month, 1, MONTH)


# (Chinese words, English phrases, reading). English phrases are matched case-insensitively.
_FIXED_TABLE: tuple[tuple[str, str, _Rel], ...] = (
    (
        "今天 今日 今晨 今早 今晚",
        "today|earlier today|later today|tonight|this morning|this afternoon|this evening",
        _day(0),
    ),
    ("昨天 昨日 昨晚 昨夜", "yesterday|last night", _day(-1)),
    ("前天", "the day before yesterday", _day(-2)),
    (
        "本周 这周 本星期 这个星期 近日 日前",
        "this week|earlier this week|later this week|recently|in recent days|in recent weeks",
        _week(0),
    ),
    ("上周 上星期 上个星期 上一周", "last week|earlier last week|late last week", _week(-1)),
    ("下周", "next week", _week(1)),
    (
        "本月 这个月 月初 月底 月末",
        "this month|earlier this month|early this month|later this month|late this month",
        _month(0),
    ),
    ("上月 上个月", "last month|earlier last month|early last month|late last month", _month(-1)),
    ("下月 下个月", "next month", _month(1)),
    ("", "this quarter|the current quarter", _quarter(0)),
    ("", "last quarter|the previous quarter", _quarter(-1)),
    ("", "next quarter", _quarter(1)),
    (
        "今年 年初",
        "this year|earlier this year|early this year|later this year|late this year|"
        "the start of this year|the beginning of this year|the start of the year|the beginning of the year",
        _year(0),
    ),
    ("年底 年末", "the end of this year|end of this year|the end of the year", _year(0, 12)),
    ("去年", "last year|earlier last year|early last year|late last year", _year(-1)),
    ("", "the end of last year|end of last year", _year(-1, 12)),
    ("前年", "the year before last", _year(-2)),
    ("明年", "next year", _year(1)),
)
_FIXED: dict[str, _Rel] = {}
for _cn, _en, _fn in _FIXED_TABLE:
    _FIXED.update({w: _fn for w in _cn.split()})
    _FIXED.update({w: _fn for w in _en.split("|") if w})
_EN_FIXED_PHRASES = sorted((w for _, e, _ in _FIXED_TABLE for w in e.split("|") if w), key=len, reverse=True)


# --------------------------------------------------------------------------- pattern pieces

_S = r"[ \t]*"  # Chinese writers often space out numbers: 2024 年 6 月
_CN19 = "一二三四五六七八九"
# A Chinese number glued to another number or a decimal point is not a date part (12024年, 1.2024年).
_NUM_LB = r"(?<![0-9〇零一二三四五六七八九十百千万亿.\-/])"
_WDP = r"(?:[ \t]*[（(][ \t]*(?:周|星期|礼拜)[一二三四五六日天][ \t]*[)）])?"


def _y(p: str) -> str:
    return rf"(?P<{p}y>(?:19|20)[0-9]{{2}}|[〇零{_CN19}]{{4}})"


def _m(p: str) -> str:
    return rf"(?P<{p}m>1[0-2]|0?[1-9]|十[一二]?|[{_CN19}])"


def _d(p: str) -> str:
    return rf"(?P<{p}d>3[01]|[12][0-9]|0?[1-9]|三十一?|二十[{_CN19}]?|十[{_CN19}]?|[{_CN19}])"


def _cn_tail(p: str) -> str:
    """What may follow `2024年` or `去年`: a month(-day), quarter, half, season or year edge."""
    return (
        rf"(?:{_S}(?:的{_S})?(?:{_m(p)}{_S}月{_S}(?:{_d(p)}{_S}[日号]{_WDP}|份?(?:初|底|末|[上中下]旬)?)"
        rf"|第?(?P<{p}q>[一二三四1-4])季度|[Qq](?P<{p}q2>[1-4])(?![0-9])|(?P<{p}h>[上下])半年"
        rf"|(?P<{p}ss>[春夏秋冬])[季天]|(?P<{p}e>年初|年底|年末|年中|初|底|末)))?"
    )


_B = r"(?<![A-Za-z0-9])"
_MODS = (
    r"(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|start\s+of|the\s+beginning\s+of"
    r"|beginning\s+of|the\s+middle\s+of)"
)
_PREPS = r"(?i:in|since|during|by|until|till|through|throughout|from|before|after|around|starting|as\s+of)"
_YEAR_TAIL = r"(?![0-9%]|[.,\-][0-9]|[ \t]*(?i:%|percent|per\s+cent))"
_SEASON_EN = r"(?i:fall|autumn|spring|summer|winter)"


def _mon(p: str) -> str:
    return (
        rf"(?P<{p}mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?"
        rf"|Jul(?:y|\.)?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?"
        rf"|Dec(?:ember|\.)?)(?![A-Za-z])"
    )


def _dd(p: str) -> str:
    return rf"(?P<{p}d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"


def _yy(p: str) -> str:
    return rf"(?P<{p}y>(?:19|20)[0-9]{{2}})(?![0-9])"


def _rel_year_en(p: str) -> str:
    return rf"(?P<{p}rel>(?i:last|this|next))[ \t]+(?i:year)(?![A-Za-z])"


# --------------------------------------------------------------------------- readers

_Reading = tuple[FuzzyDate | None, bool]  # (date, resolution used the anchor)
_Reader = Callable[["re.Match[str]", str, date | None], _Reading | None]


def _g(m: re.Match[str], name: str) -> str | None:
    """Group `name`, or None when it did not take part or this alternative has no such group."""
    return m.group(name) if name in m.re.groupindex else None


def _tail_date(m: re.Match[str], p: str, y: int) -> FuzzyDate | None:
    """Date of year `y` refined by what `_cn_tail` matched."""
    if (mo := _g(m, p + "m")) is not None:
        if (d := _g(m, p + "d")) is not None:
            return _fd(y, _num(mo), _num(d))
        return _fd(y, _num(mo), 1, MONTH)
    if (q := _g(m, p + "q") or _g(m, p + "q2")) is not None:
        return _fd(y, 3 * (_QUARTER.get(q) or int(q)) - 2, 1, QUARTER)
    if (h := _g(m, p + "h")) is not None:
        return _fd(y, 7 if h == "下" else 1, 1, YEAR)
    if (e := _g(m, p + "e")) is not None and e[-1] in "底末":
        return _fd(y, 12, 1, MONTH)
    return _fd(y, 1, 1, YEAR)


def _read_iso(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    d = _g(m, p + "d")
    fd = _fd(int(m[p + "y"]), int(m[p + "m"]), int(d or 1), DAY if d else MONTH)
    return None if fd is None else (fd, False)


def _read_cn_year(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    fd = _tail_date(m, p, _num(m[p + "y"]))
    return None if fd is None else (fd, False)


def _read_cn_rel_year(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    if a is None:
        return None, True
    return _tail_date(m, p, a.year + _REL_YEAR[m[p + "r"]]), True


def _read_year_quarter(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    fd = _fd(int(m[p + "y"]), 3 * int(m[p + "q"]) - 2, 1, QUARTER)
    return None if fd is None else (fd, False)


def _month_day(mo: int, d: int | None, y: int | None, a: date | None) -> _Reading | None:
    """A month (and day) with an optional written year; a missing year comes from the anchor."""
    if d is not None and _fd(2000, mo, d) is None:  # 2000 is a leap year: only impossible days fail
        return None
    if y is not None:
        fd = _fd(y, mo, d or 1, DAY if d else MONTH)
        return None if fd is None else (fd, False)
    if a is None:
        return None, True
    return _fd(_year_for(a, mo, d or 1), mo, d or 1, DAY if d else MONTH), True


def _read_cn_md(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    return _month_day(_num(m[p + "m"]), _num(m[p + "d"]), None, a)


def _read_cn_month(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    return _month_day(_num(m[p + "am"] or m[p + "cm"]), None, None, a)


def _weekday(wd: int, prefix: str, a: date) -> FuzzyDate:
    if prefix in ("上", "上个"):
        return FuzzyDate(_monday(a) - timedelta(days=7 - wd), DAY)
    if prefix in ("本", "这", "这个", "this"):
        return FuzzyDate(_monday(a) + timedelta(days=wd), DAY)
    if prefix in ("下", "下个", "next"):
        return FuzzyDate(_monday(a) + timedelta(days=7 + wd), DAY)
    if prefix == "this coming":
        return FuzzyDate(a + timedelta(days=(wd - a.weekday() - 1) % 7 + 1), DAY)
    back = (a.weekday() - wd) % 7
    if prefix in ("last", "this past") and back == 0:  # "last Tuesday" said on a Tuesday: a week ago
        back = 7
    return FuzzyDate(a - timedelta(days=back), DAY)


def _read_weekday(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    y = _g(m, p + "y")
    year = _num(y) if y else None
    for v in ("", "a", "b"):  # an explicit date written beside the weekday wins
        mo, mon = _g(m, p + v + "m"), _g(m, p + v + "mon")
        if mo is not None or mon is not None:
            month = _num(mo) if mo is not None else _month_of(mon or "")
            return _month_day(month, _num(m[p + v + "d"]), year, a)
    if a is None:
        return None, True
    name = (_g(m, p + "w1") or _g(m, p + "w2") or m[p + "wd"]).lower()
    prefix = " ".join((_g(m, p + "pfx") or "").lower().split())
    return _weekday(_WEEKDAY[name], prefix, a), True


def _read_fixed(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    if a is None:
        return None, True
    return _FIXED[" ".join(m[p + "w"].lower().split())](a), True


def _read_en_date(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    d, y = _g(m, p + "d"), _g(m, p + "y")
    return _month_day(
        _month_of(m[p + "mon"]), None if d is None else int(d), None if y is None else int(y), a
    )


def _read_en_month_rel(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    if a is None:
        return None, True
    mo, rel = _month_of(m[p + "mon"]), " ".join(m[p + "rel"].lower().split())
    if p.startswith("emy"):  # "June last year"
        y = a.year + _REL_YEAR[rel]
    elif rel in ("last", "this past"):  # "last June": the latest June before this month
        y = a.year if mo < a.month else a.year - 1
    elif rel == "next":
        y = a.year if mo > a.month else a.year + 1
    else:
        y = a.year
    return _fd(y, mo, 1, MONTH), True


def _year_or_rel(m: re.Match[str], p: str, a: date | None) -> tuple[int | None, bool]:
    if (y := _g(m, p + "y")) is not None:
        return int(y), False
    if a is None:
        return None, True
    return a.year + _REL_YEAR[m[p + "rel"].lower()], True


def _read_en_quarter(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    y, rel = _year_or_rel(m, p, a)
    q = _g(m, p + "q") or str(_QUARTER[m[p + "qw"].lower()])
    return (None if y is None else _fd(y, 3 * int(q) - 2, 1, QUARTER)), rel


def _read_en_half(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    y, rel = _year_or_rel(m, p, a)
    second = m[p + "h"].lower() in ("second", "h2")
    return (None if y is None else _fd(y, 7 if second else 1, 1, YEAR)), rel


def _read_en_season(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    if _g(m, p + "y") is None and p == "es_":
        rel = " ".join(m[p + "rel"].lower().split())
        if a is None:
            return None, True
        return _fd(a.year + (-1 if rel == "this past" else _REL_YEAR[rel]), 1, 1, YEAR), True
    y, relative = _year_or_rel(m, p, a)
    return (None if y is None else _fd(y, 1, 1, YEAR)), relative


def _read_en_year(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    mod = (_g(m, p + "mod") or "").lower()
    y = int(m[p + "y"])
    return (_fd(y, 12, 1, MONTH) if "end" in mod else _fd(y, 1, 1, YEAR)), False


def _read_en_bare_month(m: re.Match[str], p: str, a: date | None) -> _Reading | None:
    return _month_day(_month_of(m[p + "mon"]), None, None, a)


# --------------------------------------------------------------------------- the scanner

_WD_CN = (
    r"(?:周(?P<{p}w1>一(?![直定些样致切般度体再旦方边])|[二三四五六]|日(?![均报]))(?![刊年岁])"
    r"|(?:星期|礼拜)(?P<{p}w2>[一二三四五六日天]))"
)
_EN_FIXED = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _EN_FIXED_PHRASES)
_NOT_AFTER_RI = (
    "0-9〇零一二三四五六七八九十节生假念易作止期之每当某同次今昨明前本往近平末周月日数几两个多该首"
)


class _Alt(NamedTuple):
    """One kind of date expression: the characters it can start with, its pattern and its reader."""

    name: str
    first: str  # a character class; ASCII letters mark an English alternative (tried at word starts only)
    pattern: str
    reader: _Reader
    dateline: str = ""  # "zh": may open a newsflash (6月24日消息); "any": also an English wire dateline


_NO_NUM_BEFORE = "(?<![0-9〇零一二三四五六七八九十百千万亿年个第每.\\-/])"
_P_ISO = (
    r"(?<![0-9A-Za-z.\-/:])(?P<iso_y>(?:19|20)[0-9]{2})(?P<iso_sep>[-/.])(?P<iso_m>1[0-2]|0?[1-9])"
    r"(?P=iso_sep)(?P<iso_d>3[01]|[12][0-9]|0?[1-9])(?![0-9]|[.\-/][0-9])"
)
_P_ISO_MONTH = (  # 2024-06: only with a dash and a two-digit month, so 2024-25 (a fiscal year) is not one
    r"(?<![0-9A-Za-z.\-/:])(?P<isom_y>(?:19|20)[0-9]{2})-(?P<isom_m>0[1-9]|1[0-2])(?![0-9]|[-/.][0-9])"
)
_P_CN_REL = rf"(?<!每)(?P<cr_r>今年|去年|(?<![提之以此目当先事])前年(?!度)|明年){_cn_tail('cr_')}"
_P_CN_MD = rf"{_NO_NUM_BEFORE}{_m('cmd_')}{_S}月{_S}{_d('cmd_')}{_S}[日号](?![线楼院馆店令]){_WDP}"
_P_CN_WEEKDAY = (
    rf"(?<![每逢隔一两几个])(?P<cwd_pfx>上个?|本|这个?|下个?)?{_WD_CN.format(p='cwd_')}"
    rf"(?:{_S}[（(]{_S}(?:{_y('cwd_')}{_S}年{_S})?{_m('cwd_')}{_S}月{_S}{_d('cwd_')}{_S}[日号]{_S}[)）])?"
)
_P_CN_MONTH = (  # bare months: Arabic numerals freely, Chinese ones only with 份/初/底/旬 (一月 is ambiguous)
    rf"{_NO_NUM_BEFORE}(?:(?P<cm_am>1[0-2]|0?[1-9]){_S}月份?(?:初|底|末|[上中下]旬)?(?![期息薪度])"
    rf"|(?P<cm_cm>十[一二]?|[{_CN19}])月(?:份(?:初|底|末|[上中下]旬)?|初|底|末|[上中下]旬))"
)
_P_CN_FIXED = (  # each word with the neighbours that make it something else (今日资本, 此前天使轮, 节日前)
    r"(?P<cf_w>今天|今日(?!头条|资本)|今晨|今早|今晚|昨天|昨日|昨晚|昨夜|(?<!提)前天(?!使)"
    r"|(?<!每)(?:本周|上周|下周)(?![期边全围])|这周|本星期|这个星期|上星期|上个星期|上一周"
    r"|(?<![接靠贴逼临将最])近日(?![本均元内])"
    rf"|(?<![{_NOT_AFTER_RI}])日前"
    r"|(?<![0-9〇零一二三四五六七八九十年个每本上下这当次同该前])月[初底末]"
    r"|(?<![0-9〇零一二三四五六七八九十今去前明每当同该年次上下本])年[初底末]"
    r"|本月|这个月|上个?月|下个?月)(?:(?<=月)(?:初|底|末|[上中下]旬))?"
)
_P_EN_WEEKDAY = (
    rf"{_B}(?:(?P<ewd_pfx>(?i:last|this|next|this\s+past|this\s+coming))[ \t]+)?"
    r"(?P<ewd_wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
    rf"(?:[ \t]*[(,][ \t]*(?:{_mon('ewd_a')}[ \t]+{_dd('ewd_a')}|{_dd('ewd_b')}[ \t]+{_mon('ewd_b')})"
    rf"(?:[ \t]*,?[ \t]*{_yy('ewd_')})?(?:[ \t]*\))?)?"
)
_P_EN_QUARTER = (
    rf"{_B}(?:Q(?P<eq_q>[1-4])|(?:(?i:the)[ \t]+)?(?P<eq_qw>(?i:first|second|third|fourth))[ \t-]+"
    rf"(?i:quarter))(?:[ \t]+(?i:of)|[ \t]*,)?[ \t]+(?:{_yy('eq_')}|{_rel_year_en('eq_')})"
)
_P_EN_HALF = (
    rf"{_B}(?:(?i:the)[ \t]+)?(?P<eh_h>(?i:first|second))[ \t-]+(?i:half)[ \t]+(?i:of)[ \t]+"
    rf"(?:{_yy('eh_')}|{_rel_year_en('eh_')})"
)
_P_EN_SEASON_YEAR = (
    rf"{_B}(?:(?i:the)[ \t]+)?{_SEASON_EN}[ \t]+(?:(?i:of)[ \t]+)?(?:{_yy('es2_')}|{_rel_year_en('es2_')})"
)
_P_EN_BARE_MONTH = (  # "in January", "early March": a month name alone needs a preposition or modifier
    rf"{_B}(?:{_PREPS}[ \t]+(?P<epm_at>)(?:{_MODS}[ \t-]+)?|{_MODS}[ \t-]+){_mon('epm_')}"
    r"(?![ \t.]*,?[ \t]*[0-9])(?![ \t]+(?:of[ \t]+)?(?i:last|this|next)[ \t]+(?i:year))"
)
_EN_REL_WORD = r"(?i:last|this|next|this\s+past)"

# Order matters where two alternatives can start at the same character: the more specific comes first.
_P_EN_MD = rf"{_B}{_mon('emd_')}[ \t]+{_dd('emd_')}(?:(?:[ \t]*,[ \t]*|[ \t]+){_yy('emd_')})?"
_P_EN_DM = rf"(?<![0-9A-Za-z$£€.,]){_dd('edm_')}[ \t]+(?:of[ \t]+)?{_mon('edm_')}(?:,?[ \t]+{_yy('edm_')})?"
_P_EN_MY = rf"{_B}(?:(?P<emy_mod>{_MODS})[ \t-]+)?{_mon('emy_')}[ \t]*,?[ \t]+(?:of[ \t]+)?{_yy('emy_')}"
_P_EN_M_REL_YEAR = rf"{_B}{_mon('emyrel_')}[ \t]+(?:of[ \t]+)?{_rel_year_en('emyrel_')}"
_P_EN_REL_M = rf"{_B}(?P<erelm_rel>{_EN_REL_WORD})[ \t]+{_mon('erelm_')}(?![ \t.]*[0-9])"
_P_EN_FIXED = rf"(?<![A-Za-z])(?<!USA\s)(?P<efx_w>(?i:{_EN_FIXED}))(?![A-Za-z])"
_P_EN_MOD_YEAR = rf"{_B}(?P<emody_mod>{_MODS})[ \t-]+{_yy('emody_')}{_YEAR_TAIL}"
_P_EN_PREP_YEAR = rf"{_B}{_PREPS}[ \t]+(?P<epy_at>){_yy('epy_')}{_YEAR_TAIL}"
_P_YEAR_Q = rf"{_NUM_LB}(?P<yq_y>(?:19|20)[0-9]{{2}}){_S}[Qq](?P<yq_q>[1-4])(?![0-9])"
_P_CN_YEAR = rf"{_NUM_LB}{_y('cy_')}{_S}年{_cn_tail('cy_')}(?!代)"

_ALTERNATIVES: tuple[_Alt, ...] = (
    _Alt("iso", "12", _P_ISO, _read_iso, "any"),
    _Alt("isom", "12", _P_ISO_MONTH, _read_iso),
    _Alt("yq", "12", _P_YEAR_Q, _read_year_quarter),
    _Alt("cy", "12〇零" + _CN19, _P_CN_YEAR, _read_cn_year, "zh"),
    _Alt("cr", "今去前明", _P_CN_REL, _read_cn_rel_year, "zh"),
    _Alt("cmd", "0-9十" + _CN19, _P_CN_MD, _read_cn_md, "zh"),
    _Alt("cwd", "上本这下周星礼", _P_CN_WEEKDAY, _read_weekday),
    _Alt("cm", "0-9十" + _CN19, _P_CN_MONTH, _read_cn_month),
    _Alt("cf", "今昨前本上下这近日月年", _P_CN_FIXED, _read_fixed),
    _Alt("ewd", "LTNltnMWFS", _P_EN_WEEKDAY, _read_weekday, "any"),
    _Alt("emd", "JFMASOND", _P_EN_MD, _read_en_date, "any"),
    _Alt("emy", "JFMASONDEeMmLlTtBbSs", _P_EN_MY, _read_en_date),
    _Alt("emyrel", "JFMASOND", _P_EN_M_REL_YEAR, _read_en_month_rel),
    _Alt("erelm", "LTNltn", _P_EN_REL_M, _read_en_month_rel),
    _Alt("edm", "0-9", _P_EN_DM, _read_en_date, "any"),
    _Alt("eq", "QTtFfSs", _P_EN_QUARTER, _read_en_quarter),
    _Alt("eh", "TtFfSs", _P_EN_HALF, _read_en_half),
    _Alt("eh2", "H", rf"{_B}(?P<eh2_h>H[12])[ \t]*{_yy('eh2_')}", _read_en_half),
    _Alt("es", "LTNltn", rf"{_B}(?P<es_rel>{_EN_REL_WORD})[ \t]+{_SEASON_EN}(?![A-Za-z])", _read_en_season),
    _Alt("es2", "TtFfAaSsWw", _P_EN_SEASON_YEAR, _read_en_season),
    _Alt("efx", "TtEeLlYyRrIiNn", _P_EN_FIXED, _read_fixed),
    _Alt("emody", "EeMmLlTtBbSs", _P_EN_MOD_YEAR, _read_en_year),
    _Alt("epy", "IiSsDdBbUuTtFfAa", _P_EN_PREP_YEAR, _read_en_year),
    _Alt("epm", "IiSsDdBbUuTtFfAaEeMmLl", _P_EN_BARE_MONTH, _read_en_bare_month),
)

# Speed: the scanner must skip most positions cheaply. Each alternative is guarded by a lookahead on
# its first character, and English ones run only where a word that can open an English date begins.
_EN_FIRST_WORDS = (
    "throughout|through|in|since|during|by|until|till|from|before|after|around|starting|as|last|this|next"
    "|early|mid|late|the|end|start|beginning|first|second|third|fourth|today|earlier|later|tonight|yesterday"
    "|recently|fall|autumn|spring|summer|winter"
)


def _build() -> re.Pattern[str]:
    def group(alts: list[_Alt]) -> str:
        return "|".join(f"(?P<{a.name}>(?=[{a.first}]){a.pattern})" for a in alts)

    english = [a for a in _ALTERNATIVES if a.first.isascii() and a.first.isalpha()]
    cjk = [a for a in _ALTERNATIVES if a not in english]
    first_all = "".join(sorted({c for a in cjk for c in a.first.replace("0-9", "0123456789")}))
    return re.compile(
        f"(?=[{first_all}])(?:{group(cjk)})"
        f"|(?<![A-Za-z0-9])(?=[A-Z]|(?:{_EN_FIRST_WORDS})(?![a-z]))(?:{group(english)})"
    )


_PATTERN = _build()
_READERS = {a.name: (a.reader, a.dateline, f"{a.name}_at" in _PATTERN.groupindex) for a in _ALTERNATIVES}

# Newsflash openers: "6月24日消息", "6月24日晚间消息", "X网6月24日讯", "新华社北京6月24日电（记者…）".
_CN_DATELINE = re.compile(
    r"[ \t]*(?:[早午晚]间|上午|下午|凌晨|中午|晚|早)?[ \t]*(?:消息|讯|报道|报导|电(?=[\s（(：:，,]|$))"
)
# English datelines: "SAN FRANCISCO, March 5, 2025 —", "BEIJING, March 5 (Reuters) -",
# "AUSTIN, Texas--(BUSINESS WIRE)--March 5, 2025--", "(March 5, 2025) —".
_EN_DATELINE_BEFORE = re.compile(
    r"[ \t>*_#\[(]*(?:[A-Z][\w.'&]*(?:[ \t]+[A-Z][\w.'&]*)*[ \t]*(?:,|-{1,3}|/)[ \t]*)*"
    r"(?:\([A-Za-z][A-Za-z .&]*\)[ \t]*(?:-{1,3}|,)?[ \t]*)?\(?[ \t]*"
)
_EN_DATELINE_AFTER = re.compile(
    r"[ \t]*\)?[ \t]*(?:\([A-Za-z][A-Za-z .&]*\)[ \t]*)?(?:/[ \t]*[A-Za-z][^/\n]{0,40}/[ \t]*)?(?:-{1,3}|:)"
)
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_DATELINE_WIDTH = 80  # a dateline's place-name prefix is short; longer prefixes are running text
_LOOKBEHIND = 8  # the longest lookbehind in _PATTERN, so a window sees the characters before it


_FOLD_PROBE = "".join(chr(c) for c in (*range(0xA0, 0x2400), *range(0x3000, 0x3040), *range(0xFE00, 0x10000)))
_FOLDABLE = re.compile(
    "[" + "".join(re.escape(c) for c, f in zip(_FOLD_PROBE, fold(_FOLD_PROBE), strict=True) if c != f) + "]"
)


def _is_dateline(t: str, s: int, e: int, kind: str, window_cut: bool) -> bool:
    if _CN_DATELINE.match(t, e):
        return True
    line_start = t.rfind("\n", 0, s) + 1
    if line_start == 0 and window_cut:  # the line began before the window, farther than any dateline prefix
        return False
    if s - line_start > _DATELINE_WIDTH or not _EN_DATELINE_BEFORE.fullmatch(t, line_start, s):
        return False
    if t[line_start:s].strip() == "" and _LINE_END.match(t, e):  # a date alone on its line
        return True
    return kind == "any" and bool(_EN_DATELINE_AFTER.match(t, e))


def find_dates(text: str, anchor: date | None, start: int = 0, end: int | None = None) -> list[DateHit]:
    """All date expressions in `text[start:end]`, in order, with spans into `text`."""
    stop = len(text) if end is None else min(end, len(text))
    # Fold a window reaching back far enough for lookbehinds and a dateline's place-name prefix.
    lo = max(0, start - _DATELINE_WIDTH - _LOOKBEHIND)
    t = text[lo:stop]
    if _FOLDABLE.search(t):  # folding is a slow per-character pass; most text needs none
        t = fold(t)
    hits: list[DateHit] = []
    for m in _PATTERN.finditer(t, start - lo):
        name = m.lastgroup or ""
        reader, dateline, has_at = _READERS[name]
        reading = reader(m, name + "_", anchor)
        if reading is None:
            continue
        fdate, relative = reading
        s = m.start(name + "_at") if has_at and m.start(name + "_at") >= 0 else m.start()
        e = m.end()
        disclosure = (
            bool(dateline)
            and _is_dateline(t, s, e, dateline, lo > 0)
            and (fdate is None or fdate.precision is DAY)
        )
        hits.append(DateHit(Span(s + lo, e + lo), text[s + lo : e + lo], fdate, relative, disclosure))
    return _same_year(text, t, lo, hits) if _SAME_YEAR_CUE.search(t) else hits


# "同年8月", "次年4月", "later that year": a year told by the date written before it in the text.
_SAME_YEAR_CUE = re.compile(
    r"同年|当年|同一年|次年|翌年|第二年|(?i:later that year|that same year|the following year)"
)
_SAME_YEAR = re.compile(
    r"(?P<rel>同年|当年|同一年|次年|翌年|第二年)(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(?P<d>\d{1,2})[日号])?)?"
    r"|(?i:(?P<rel_en>later that year|that same year|the following year))"
)


def _same_year(text: str, t: str, lo: int, hits: list[DateHit]) -> list[DateHit]:
    out = list(hits)
    for m in _SAME_YEAR.finditer(t):
        s, e = m.start() + lo, m.end() + lo
        before = [h for h in out if h.span.end <= s and h.date is not None]
        if not before:
            continue
        last = max(before, key=lambda h: h.span.end).date
        assert last is not None
        year = last.value.year
        rel = m.group("rel") or m.group("rel_en").lower()
        if rel in ("次年", "翌年", "第二年", "the following year"):
            year += 1
        month = _num(m.group("m")) if m.group("m") else None
        day = int(m.group("d")) if m.group("d") else None
        fdate = _fd(year, month or 1, day or 1, DAY if day else MONTH if month else YEAR)
        if fdate is None:
            continue
        out = [h for h in out if h.span.end <= s or h.span.start >= e]  # "8月" read alone gives way
        out.append(DateHit(Span(s, e), text[s:e], fdate, True, False))
    return sorted(out, key=lambda h: h.span.start)


def resolve(raw: str, anchor: date | None) -> FuzzyDate | None:
    """The date of the single (longest) expression in `raw`, or None."""
    hits = find_dates(raw, anchor)
    if not hits:
        return None
    return max(hits, key=lambda h: h.span.end - h.span.start).date
