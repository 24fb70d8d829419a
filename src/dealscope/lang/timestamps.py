"""Parsing of metadata timestamps (front matter, WeChat headers, feeds, JSON Lines).

A timestamp yields a `FuzzyDate` with the precision the string states and, only when it states a
time of day, a `datetime`: aware when the string names its zone (``Z``, ``GMT``, ``+08:00``) or a
default zone is given, naive otherwise. Nothing here reads the clock.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from dealscope.domain import FuzzyDate, Precision

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = (
    r"(?:(?:[T\s]+|,\s*)(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_ZONE = r"\s*(?P<tz>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 2025-03-12, 2025/03/12 09:41, 2025-05-20T10:02:11Z, 2025-05-20T10:02:11+08:00
        r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})" + _TIME + _ZONE,
        # 2025年3月12日 09:41, 2025年3月
        r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?" + _TIME + _ZONE,
        # March 5, 2025 / Wed, March 5, 2025 8:00 AM
        _WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME + _ZONE,
        # 5 March 2025
        _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})" + _TIME + _ZONE,
        # March 2025
        _MONTH + r",?\s+(?P<y>\d{4})",
        # 2025-03, 2025/3
        r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})",
        # 2025, 2025年
        r"(?P<y>\d{4})\s*年?",
    )
)
# RFC 2822 dates of feeds and mail headers: "Wed, 05 Mar 2025 08:00:00 GMT".
_RFC2822 = re.compile(r"(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}", re.IGNORECASE)
# Plausible years for a news article; anything outside is a mis-parse (an id, a price).
_MIN_YEAR, _MAX_YEAR = 1900, 2200


# "2025年9月11日 星期四", "2025-09-11（周四）": the weekday adds nothing to the date.
_WEEKDAY_ZH = re.compile(r"\s*[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?\s*$")


def parse_timestamp(raw: str, default_tz: str | None = None) -> tuple[datetime | None, FuzzyDate | None]:
    """Read a metadata timestamp: (datetime when a time is given, else None; the date with its precision).

    `default_tz` (an IANA name) is attached to naive times. Empty or unreadable input gives (None, None).
    """
    text = _WEEKDAY_ZH.sub("", unicodedata.normalize("NFKC", raw)).strip()
    if not text:
        return None, None
    if _RFC2822.match(text):
        parsed = _parse_rfc2822(text, default_tz)
        if parsed[1] is not None:
            return parsed
    for pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return _from_match(m, default_tz)
    return None, None


def timezone_name(value: datetime | None) -> str | None:
    """The IANA name of a datetime's zone ("UTC" for UTC), or None for naive or fixed-offset times."""
    if value is None or value.tzinfo is None:
        return None
    if isinstance(value.tzinfo, ZoneInfo):
        return value.tzinfo.key
    if value.utcoffset() == timedelta(0):
        return "UTC"
    return None


def _parse_rfc2822(text: str, default_tz: str | None) -> tuple[datetime | None, FuzzyDate | None]:
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None, None
    if not _MIN_YEAR <= value.year <= _MAX_YEAR:
        return None, None
    if value.tzinfo is None and default_tz:
        value = value.replace(tzinfo=ZoneInfo(default_tz))
    return value, FuzzyDate(value.date(), Precision.DAY)


def _from_match(m: re.Match[str], default_tz: str | None) -> tuple[datetime | None, FuzzyDate | None]:
    groups = m.groupdict()
    year = int(groups["y"])
    month: int | None
    if groups.get("mon"):
        month = _MONTHS[groups["mon"].lower()[:3]]
    elif groups.get("m"):
        month = int(groups["m"])
    else:
        month = None
    day = int(groups["d"]) if groups.get("d") else None
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None, None
    try:
        if month is None:
            return None, FuzzyDate(date(year, 1, 1), Precision.YEAR)
        if day is None:
            return None, FuzzyDate(date(year, month, 1), Precision.MONTH)
        fuzzy = FuzzyDate(date(year, month, day), Precision.DAY)
    except ValueError:
        return None, None
    if not groups.get("h"):
        return None, fuzzy
    hour, minute = int(groups["h"]), int(groups["mi"])
    second = int(groups["s"]) if groups.get("s") else 0
    micro = int((groups.get("frac") or "0")[:6].ljust(6, "0"))
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = _zone(groups.get("tz"), default_tz)
    try:
        value = datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None, None
    return value, fuzzy


def _zone(raw: str | None, default_tz: str | None) -> tzinfo | None:
    if not raw:
        return ZoneInfo(default_tz) if default_tz else None
    if raw.lower() in ("z", "utc", "gmt"):
        return UTC
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
