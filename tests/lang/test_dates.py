"""Tests for the Chinese and English date grammar."""

from __future__ import annotations

from datetime import date

import pytest

from dealscope.domain import FuzzyDate, Precision
from dealscope.lang.dates import DateHit, find_dates, resolve

THU = date(2025, 3, 6)  # a Thursday
NEW_YEAR = date(2025, 1, 3)  # a Friday, three days into the year
LATE_MARCH = date(2025, 3, 28)

# (text, anchor, expected raw of the single hit, iso, precision); iso None means "found, unresolved".
CASES: list[tuple[str, date | None, str, str | None, str | None]] = [
    # --- Chinese, absolute
    ("2024年6月1日", THU, "2024年6月1日", "2024-06-01", "day"),
    ("于2024年6月完成", THU, "2024年6月", "2024-06", "month"),
    ("2024年营收翻倍", THU, "2024年", "2024", "year"),
    ("2024-06-01", THU, "2024-06-01", "2024-06-01", "day"),
    ("2024/6/1", THU, "2024/6/1", "2024-06-01", "day"),
    ("2024.6.1", THU, "2024.6.1", "2024-06-01", "day"),
    ("2024 年 6 月 1 日", THU, "2024 年 6 月 1 日", "2024-06-01", "day"),
    ("早在2017年10月", THU, "2017年10月", "2017-10", "month"),
    ("成立于2015年", THU, "2015年", "2015", "year"),
    ("二〇二四年三月", THU, "二〇二四年三月", "2024-03", "month"),
    ("二〇二四年三月十五日", THU, "二〇二四年三月十五日", "2024-03-15", "day"),
    ("２０２４年６月１日", THU, "２０２４年６月１日", "2024-06-01", "day"),
    ("2023年第三季度", THU, "2023年第三季度", "2023", "quarter"),
    ("2023年Q3", THU, "2023年Q3", "2023", "quarter"),
    ("2023年三季度", THU, "2023年三季度", "2023", "quarter"),
    ("2024年底", THU, "2024年底", "2024-12", "month"),
    ("2024年初", THU, "2024年初", "2024", "year"),
    ("2024年下半年", THU, "2024年下半年", "2024", "year"),
    ("2024年秋季", THU, "2024年秋季", "2024", "year"),
    ("2024年 营收", THU, "2024年", "2024", "year"),
    ("completed in 2024-06 (source)", THU, "2024-06", "2024-06", "month"),
    # --- Chinese, anchored to the year
    ("去年6月", THU, "去年6月", "2024-06", "month"),
    ("今年1月6日", THU, "今年1月6日", "2025-01-06", "day"),
    ("今年年初", THU, "今年年初", "2025", "year"),
    ("年初", THU, "年初", "2025", "year"),
    ("去年年底", THU, "去年年底", "2024-12", "month"),
    ("去年秋季", THU, "去年秋季", "2024", "year"),
    ("去年春季", THU, "去年春季", "2024", "year"),
    ("去年夏天", THU, "去年夏天", "2024", "year"),
    ("去年冬季", THU, "去年冬季", "2024", "year"),
    ("今年上半年", THU, "今年上半年", "2025", "year"),
    ("去年下半年", THU, "去年下半年", "2024", "year"),
    ("今年第一季度", THU, "今年第一季度", "2025", "quarter"),
    ("今年", THU, "今年", "2025", "year"),
    ("去年", THU, "去年", "2024", "year"),
    ("前年", THU, "前年", "2023", "year"),
    ("明年", THU, "明年", "2026", "year"),
    ("公司称今年 ARR 预计翻倍", THU, "今年", "2025", "year"),
    ("明年第一季度", THU, "明年第一季度", "2026", "quarter"),
    ("前年底", THU, "前年底", "2023-12", "month"),
    # --- Chinese, month and day without a year (7-day rule)
    ("6月1日", THU, "6月1日", "2024-06-01", "day"),
    ("6月1号", THU, "6月1号", "2024-06-01", "day"),
    ("3月1日", THU, "3月1日", "2025-03-01", "day"),
    ("3月13日", THU, "3月13日", "2025-03-13", "day"),
    ("3月14日", THU, "3月14日", "2024-03-14", "day"),
    ("十二月三十一日", THU, "十二月三十一日", "2024-12-31", "day"),
    ("１２月３０日", NEW_YEAR, "１２月３０日", "2024-12-30", "day"),
    ("12月30日", NEW_YEAR, "12月30日", "2024-12-30", "day"),
    ("1月10日", NEW_YEAR, "1月10日", "2025-01-10", "day"),
    ("1月11日", NEW_YEAR, "1月11日", "2024-01-11", "day"),
    ("1月宣布", THU, "1月", "2025-01", "month"),
    ("4月份", THU, "4月份", "2024-04", "month"),
    ("4月份", LATE_MARCH, "4月份", "2025-04", "month"),
    ("3月底", THU, "3月底", "2025-03", "month"),
    ("12月", NEW_YEAR, "12月", "2024-12", "month"),
    # --- Chinese, relative to the day
    ("今天", THU, "今天", "2025-03-06", "day"),
    ("今日", THU, "今日", "2025-03-06", "day"),
    ("昨天", THU, "昨天", "2025-03-05", "day"),
    ("昨日", THU, "昨日", "2025-03-05", "day"),
    ("前天", THU, "前天", "2025-03-04", "day"),
    ("本周", THU, "本周", "2025-03", "month"),
    ("上周", THU, "上周", "2025-02", "month"),
    ("上周", NEW_YEAR, "上周", "2024-12", "month"),
    ("近日", THU, "近日", "2025-03", "month"),
    ("该公司日前宣布", THU, "日前", "2025-03", "month"),
    ("本月", THU, "本月", "2025-03", "month"),
    ("上月", THU, "上月", "2025-02", "month"),
    ("上个月", THU, "上个月", "2025-02", "month"),
    ("上月", NEW_YEAR, "上月", "2024-12", "month"),
    ("月初", THU, "月初", "2025-03", "month"),
    ("上月底", THU, "上月底", "2025-02", "month"),
    # --- Chinese weekdays: the latest such day on or before the anchor
    ("周二", THU, "周二", "2025-03-04", "day"),
    ("星期二", THU, "星期二", "2025-03-04", "day"),
    ("当地时间周二", THU, "周二", "2025-03-04", "day"),
    ("周四", THU, "周四", "2025-03-06", "day"),
    ("周五", THU, "周五", "2025-02-28", "day"),
    ("周二", NEW_YEAR, "周二", "2024-12-31", "day"),
    ("上周二", THU, "上周二", "2025-02-25", "day"),
    ("当地时间周二(3月4日)", THU, "周二(3月4日)", "2025-03-04", "day"),
    ("周一（2024年3月4日）", THU, "周一（2024年3月4日）", "2024-03-04", "day"),
    ("3月4日（周二）", THU, "3月4日（周二）", "2025-03-04", "day"),
    # --- English, absolute
    ("March 4, 2025", THU, "March 4, 2025", "2025-03-04", "day"),
    ("Mar. 4, 2025", THU, "Mar. 4, 2025", "2025-03-04", "day"),
    ("on Sept. 30, 2024", THU, "Sept. 30, 2024", "2024-09-30", "day"),
    ("4 March 2025", THU, "4 March 2025", "2025-03-04", "day"),
    ("March 2025", THU, "March 2025", "2025-03", "month"),
    ("founded in 2024", THU, "2024", "2024", "year"),
    ("2025-03-04", THU, "2025-03-04", "2025-03-04", "day"),
    ("Q3 2024", THU, "Q3 2024", "2024", "quarter"),
    ("the third quarter of 2024", THU, "the third quarter of 2024", "2024", "quarter"),
    ("fourth-quarter 2024", THU, "fourth-quarter 2024", "2024", "quarter"),
    ("the first half of 2025", THU, "the first half of 2025", "2025", "year"),
    ("H2 2024", THU, "H2 2024", "2024", "year"),
    ("mid-2024", THU, "mid-2024", "2024", "year"),
    ("by the end of 2024", THU, "the end of 2024", "2024-12", "month"),
    ("in early March 2025", THU, "early March 2025", "2025-03", "month"),
    ("spring 2024", THU, "spring 2024", "2024", "year"),
    # --- English, relative
    ("on Tuesday", THU, "Tuesday", "2025-03-04", "day"),
    ("last Tuesday", THU, "last Tuesday", "2025-03-04", "day"),
    ("last Thursday", THU, "last Thursday", "2025-02-27", "day"),
    ("Tuesday, March 4", THU, "Tuesday, March 4", "2025-03-04", "day"),
    ("Tuesday (March 4)", THU, "Tuesday (March 4)", "2025-03-04", "day"),
    ("March 4", THU, "March 4", "2025-03-04", "day"),
    ("March 4th", THU, "March 4th", "2025-03-04", "day"),
    ("December 30", NEW_YEAR, "December 30", "2024-12-30", "day"),
    ("last week", THU, "last week", "2025-02", "month"),
    ("this week", THU, "this week", "2025-03", "month"),
    ("yesterday", THU, "yesterday", "2025-03-05", "day"),
    ("Today", THU, "Today", "2025-03-06", "day"),
    ("the day before yesterday", THU, "the day before yesterday", "2025-03-04", "day"),
    ("recently", THU, "recently", "2025-03", "month"),
    ("earlier this month", THU, "earlier this month", "2025-03", "month"),
    ("last month", THU, "last month", "2025-02", "month"),
    ("last month", NEW_YEAR, "last month", "2024-12", "month"),
    ("this month", THU, "this month", "2025-03", "month"),
    ("earlier this year", THU, "earlier this year", "2025", "year"),
    ("last year", THU, "last year", "2024", "year"),
    ("late last year", THU, "late last year", "2024", "year"),
    ("the end of last year", THU, "the end of last year", "2024-12", "month"),
    ("last fall", THU, "last fall", "2024", "year"),
    ("last autumn", THU, "last autumn", "2024", "year"),
    ("last spring", THU, "last spring", "2024", "year"),
    ("last summer", THU, "last summer", "2024", "year"),
    ("last winter", THU, "last winter", "2024", "year"),
    ("in January", THU, "January", "2025-01", "month"),
    ("in April", THU, "April", "2024-04", "month"),
    ("in April", LATE_MARCH, "April", "2025-04", "month"),
    ("in December", NEW_YEAR, "December", "2024-12", "month"),
    ("June last year", THU, "June last year", "2024-06", "month"),
    ("last June", THU, "last June", "2024-06", "month"),
    ("last January", THU, "last January", "2025-01", "month"),
    ("the first half of last year", THU, "the first half of last year", "2024", "year"),
    ("the second quarter of this year", THU, "the second quarter of this year", "2025", "quarter"),
    ("next year", THU, "next year", "2026", "year"),
    # --- no anchor: relative words stay unresolved, absolute dates still resolve
    ("今天", None, "今天", None, None),
    ("去年6月", None, "去年6月", None, None),
    ("6月1日", None, "6月1日", None, None),
    ("周二", None, "周二", None, None),
    ("当地时间周二(3月4日)", None, "周二(3月4日)", None, None),
    ("去年秋季", None, "去年秋季", None, None),
    ("last week", None, "last week", None, None),
    ("March 4", None, "March 4", None, None),
    ("in January", None, "January", None, None),
    ("last fall", None, "last fall", None, None),
    ("2024年6月1日", None, "2024年6月1日", "2024-06-01", "day"),
    ("March 4, 2025", None, "March 4, 2025", "2025-03-04", "day"),
    ("Q3 2024", None, "Q3 2024", "2024", "quarter"),
    ("周一（2024年3月4日）", None, "周一（2024年3月4日）", "2024-03-04", "day"),
]


@pytest.mark.parametrize(("text", "anchor", "raw", "iso", "precision"), CASES)
def test_reads_one_expression(
    text: str, anchor: date | None, raw: str, iso: str | None, precision: str | None
) -> None:
    hits = find_dates(text, anchor)
    assert [h.raw for h in hits] == [raw]
    hit = hits[0]
    assert text[hit.span.start : hit.span.end] == hit.raw == hit.raw.strip()
    if iso is None:
        assert hit.date is None
        assert hit.relative
    else:
        assert hit.date is not None
        assert (hit.date.iso(), hit.date.precision.value) == (iso, precision)
        assert resolve(text, anchor) == hit.date


NEGATIVES = [
    "3年",
    "过去3年团队扩大了两倍",
    "6个月内",
    "two years",
    "18 months",
    "a four-year-old startup",
    "2024亿",
    "融资20.24亿元",
    "增长2024%",
    "24/7",
    "10:30",
    "上午10点",
    "Series A",
    "B轮融资",
    "v2024.6.1",
    "call 010-62345678",
    "今日资本领投",
    "今日头条",
    "此前天使轮融资",
    "每周二更新",
    "一周一次",
    "上周期",
    "三周年",
    "she may join",
    "grew 12.5% to $2.4 billion",
    "In March, 12 companies",
    "in 2024-25",
    "每年年初公司都会发布财报",
    "当年年底，公司上市",
    "1-3月营收增长",
    "近日本公司宣布",
    "90年代",
    "March Capital led the round",
    "Jan Koum invested",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_non_dates(text: str) -> None:
    assert find_dates(text, THU) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年6月1日", FuzzyDate(date(2024, 6, 1), Precision.DAY)),
        ("2023年第三季度", FuzzyDate(date(2023, 7, 1), Precision.QUARTER)),
        ("Q1 2025", FuzzyDate(date(2025, 1, 1), Precision.QUARTER)),
        ("2024年下半年", FuzzyDate(date(2024, 7, 1), Precision.YEAR)),
        ("the first half of 2025", FuzzyDate(date(2025, 1, 1), Precision.YEAR)),
        ("上周", FuzzyDate(date(2025, 2, 1), Precision.MONTH)),
        ("去年年底", FuzzyDate(date(2024, 12, 1), Precision.MONTH)),
        ("去年秋季", FuzzyDate(date(2024, 1, 1), Precision.YEAR)),
    ],
)
def test_unset_parts_are_the_first_of_their_period(text: str, expected: FuzzyDate) -> None:
    assert resolve(text, THU) == expected


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("2024年6月1日", False),
        ("March 2025", False),
        ("6月1日", True),
        ("去年6月", True),
        ("on Tuesday", True),
    ],
)
def test_relative_flag_says_whether_the_anchor_was_used(text: str, relative: bool) -> None:
    assert [h.relative for h in find_dates(text, THU)] == [relative]


def test_impossible_calendar_dates_are_dropped() -> None:
    assert find_dates("2024年2月30日", THU) == []
    assert find_dates("February 30, 2024", THU) == []
    assert resolve("2月29日", date(2024, 3, 20)) == FuzzyDate(date(2024, 2, 29), Precision.DAY)
    # read in the anchor's year, 29 February does not exist: kept as an unresolved mention
    assert [(h.raw, h.date) for h in find_dates("2月29日", date(2025, 3, 20))] == [("2月29日", None)]


DATELINES = [
    ("36氪9月21日消息，星河智能完成B轮融资。", "9月21日"),
    ("亿欧教育6月24日消息，某公司获得融资。", "6月24日"),
    ("【新浪网 6月24日讯】某公司获得融资。", "6月24日"),
    ("6月24日讯 某公司获得融资。", "6月24日"),
    ("新浪科技讯 6月24日晚间消息，某公司获得融资。", "6月24日"),
    ("据路透社9月21日报道，某公司正洽谈融资。", "9月21日"),
    ("新华社北京6月1日电（记者 王某）某公司获得融资。", "6月1日"),
    ("SAN FRANCISCO, March 5, 2025 — Lumen raised $10 million.", "March 5, 2025"),
    ("SAN FRANCISCO, March 5, 2025 /PRNewswire/ -- Lumen raised $10 million.", "March 5, 2025"),
    ("BEIJING, March 5 (Reuters) - Lumen raised $10 million.", "March 5"),
    ("(Reuters) March 5 - Lumen raised $10 million.", "March 5"),
    ("(March 5, 2025) — Lumen raised $10 million.", "March 5, 2025"),
    ("AUSTIN, Texas--(BUSINESS WIRE)--March 5, 2025--Lumen raised $10 million.", "March 5, 2025"),
    ("Weekly digest\nMarch 5, 2025\nLumen raised $10 million.", "March 5, 2025"),
    ("投资周报\n2025年3月12日\n某公司完成融资。", "2025年3月12日"),
    ("Funding roundup\nNEW YORK, N.Y., March 5, 2025 – Lumen raised $10 million.", "March 5, 2025"),
]


@pytest.mark.parametrize(("text", "raw"), DATELINES)
def test_marks_datelines_as_disclosure(text: str, raw: str) -> None:
    hits = find_dates(text, THU)
    assert [(h.raw, h.disclosure) for h in hits] == [(raw, True)]


@pytest.mark.parametrize(
    "text",
    [
        "6月24日，公司宣布完成融资。",
        "公司于9月21日完成融资，消息人士称。",
        "The company said on March 5, 2025 - after months of talks - that it raised $10 million.",
        "Lumen closed the round on March 5, 2025.",
        "3月4日-6日举行的大会上，公司发布新品。",
    ],
)
def test_dates_in_running_text_are_not_disclosure(text: str) -> None:
    hits = find_dates(text, THU)
    assert len(hits) == 1
    assert not hits[0].disclosure


def test_spans_index_the_original_text() -> None:
    text = (
        "据最新消息，光帧科技于当地时间周二(3月4日)宣布完成 B 轮 1.5 亿美元融资。"
        "此前，该公司在去年秋季完成了 A 轮融资，公司成立于２０１９年。\n"
        "Lumen, founded in 2019, said on Tuesday that it raised $10 million last week."
    )
    hits = find_dates(text, THU)
    assert [h.raw for h in hits] == ["周二(3月4日)", "去年秋季", "２０１９年", "2019", "Tuesday", "last week"]
    for h in hits:
        assert text[h.span.start : h.span.end] == h.raw
    assert [h.date.iso() if h.date else None for h in hits] == [
        "2025-03-04",
        "2024",
        "2019",
        "2019",
        "2025-03-04",
        "2025-02",
    ]


def test_window_limits_the_search_and_keeps_absolute_spans() -> None:
    text = "2023年融资。2024年6月1日再融资。去年扩张。"
    start = text.index("2024")
    end = text.index("去年")
    hits = find_dates(text, THU, start, end)
    assert [(h.raw, h.span.start) for h in hits] == [("2024年6月1日", start)]
    # the character before the window still counts: "12024年" is not a year even when cut at "2024"
    glued = "编号12024年"
    assert find_dates(glued, THU, glued.index("2024")) == []


def test_dateline_found_through_a_window() -> None:
    filler = "Lumen builds storage software for utilities. " * 5
    dateline = "SAN FRANCISCO, March 5, 2025 — Lumen raised $10 million. "
    text = f"{filler}\n{dateline}{filler}It said so on March 5, 2025."
    second_para = text.index("SAN")
    hits = find_dates(text, THU, second_para)
    assert [(h.raw, h.disclosure) for h in hits] == [("March 5, 2025", True), ("March 5, 2025", False)]
    late = text.rindex("March")
    assert [(h.span.start, h.disclosure) for h in find_dates(text, THU, late - 3)] == [(late, False)]


def test_resolve_takes_the_longest_expression() -> None:
    assert resolve("当地时间周二(3月4日)", THU) == FuzzyDate(date(2025, 3, 4), Precision.DAY)
    assert resolve("没有日期", THU) is None
    assert resolve("去年", None) is None


def test_hit_is_frozen() -> None:
    hit = find_dates("今天", THU)[0]
    assert isinstance(hit, DateHit)
    with pytest.raises(AttributeError):
        hit.raw = "x"  # type: ignore[misc]


def test_pathological_input_gives_grounded_hits() -> None:
    # Long runs of digits, capitals and date-like words (speed: benchmarks/scanners.py).
    text = ("2024" * 2000 + " " + "ABCD EFGH " * 2000 + "年月日周" * 2000 + " the in last " * 2000) * 3
    hits = find_dates(text, THU)
    assert all(text[h.span.start : h.span.end] == h.raw for h in hits)


def test_same_year_and_next_year_take_the_year_written_before_them() -> None:
    text = "2024年3月，完成A轮融资。同年8月，完成A+轮。次年4月，洽谈B轮。It raised in 2022; later that year it grew."
    got = [(h.raw, h.date.iso() if h.date else None) for h in find_dates(text, date(2025, 12, 10))]
    assert got == [
        ("2024年3月", "2024-03"),
        ("同年8月", "2024-08"),
        ("次年4月", "2025-04"),
        ("2022", "2022"),
        ("later that year", "2022"),
    ]
    # With nothing written before, 同年 says nothing.
    assert [h.raw for h in find_dates("同年8月，完成A+轮。", date(2025, 12, 10))] == []
