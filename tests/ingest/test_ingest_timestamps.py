"""Metadata timestamps: precision, zones, and refusing garbage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from dealscope.domain import FuzzyDate, Precision
from dealscope.lang.timestamps import parse_timestamp, timezone_name

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR


@pytest.mark.parametrize(
    ("raw", "expected_at", "expected_day"),
    [
        ("2025-03-12 09:41", datetime(2025, 3, 12, 9, 41), FuzzyDate(date(2025, 3, 12), DAY)),
        (
            "2025-05-20T10:02:11Z",
            datetime(2025, 5, 20, 10, 2, 11, tzinfo=UTC),
            FuzzyDate(date(2025, 5, 20), DAY),
        ),
        (
            "2025-05-20T10:02:11+08:00",
            datetime(2025, 5, 20, 10, 2, 11, tzinfo=timezone(timedelta(hours=8))),
            FuzzyDate(date(2025, 5, 20), DAY),
        ),
        (
            "Wed, 05 Mar 2025 08:00:00 GMT",
            datetime(2025, 3, 5, 8, 0, tzinfo=UTC),
            FuzzyDate(date(2025, 3, 5), DAY),
        ),
        ("March 5, 2025", None, FuzzyDate(date(2025, 3, 5), DAY)),
        ("5 March 2025", None, FuzzyDate(date(2025, 3, 5), DAY)),
        ("Sept. 9, 2024", None, FuzzyDate(date(2024, 9, 9), DAY)),
        ("2025年3月12日 09:41", datetime(2025, 3, 12, 9, 41), FuzzyDate(date(2025, 3, 12), DAY)),
        ("２０２５年３月１２日", None, FuzzyDate(date(2025, 3, 12), DAY)),
        ("2025/03/12", None, FuzzyDate(date(2025, 3, 12), DAY)),
        ("2025-03", None, FuzzyDate(date(2025, 3, 1), MONTH)),
        ("2025年3月", None, FuzzyDate(date(2025, 3, 1), MONTH)),
        ("March 2025", None, FuzzyDate(date(2025, 3, 1), MONTH)),
        ("2025", None, FuzzyDate(date(2025, 1, 1), YEAR)),
        ("March 5, 2025 8:05 PM", datetime(2025, 3, 5, 20, 5), FuzzyDate(date(2025, 3, 5), DAY)),
        (
            "2025-05-20T10:02:11.250-05:00",
            datetime(2025, 5, 20, 10, 2, 11, 250000, tzinfo=timezone(timedelta(hours=-5))),
            FuzzyDate(date(2025, 5, 20), DAY),
        ),
    ],
)
def test_parse_timestamp(raw: str, expected_at: datetime | None, expected_day: FuzzyDate) -> None:
    at, day = parse_timestamp(raw)
    assert day == expected_day
    assert at == expected_at
    if at is not None:
        assert (at.tzinfo is None) == (expected_at is not None and expected_at.tzinfo is None)


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "garbage", "yesterday", "2025-13-01", "2025-02-30", "0042-01-01", "12:30", "March 45, 2025"],
)
def test_garbage_gives_nothing(raw: str) -> None:
    assert parse_timestamp(raw) == (None, None)


def test_default_zone_applies_only_to_naive_times() -> None:
    at, _ = parse_timestamp("2025-03-12 09:41", "Asia/Shanghai")
    assert at == datetime(2025, 3, 12, 9, 41, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert timezone_name(at) == "Asia/Shanghai"
    utc, _ = parse_timestamp("2025-03-12T09:41:00Z", "Asia/Shanghai")
    assert utc is not None and utc.utcoffset() == timedelta(0)
    assert timezone_name(utc) == "UTC"
    date_only, day = parse_timestamp("2025-03-12", "Asia/Shanghai")
    assert date_only is None and day == FuzzyDate(date(2025, 3, 12), DAY)


def test_timezone_name_of_naive_and_offset_times() -> None:
    assert timezone_name(None) is None
    assert timezone_name(datetime(2025, 1, 1)) is None
    assert timezone_name(datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=8)))) is None
