"""Deal statistics on hand-made rounds (exact figures) and on articles read by the real pipeline."""

from __future__ import annotations

import math
from datetime import date

import pytest

from dealscope.analyse.stats import (
    Grouping,
    Period,
    StatsQuery,
    company_timeline,
    deal_stats,
    period_label,
    period_sort_key,
    top_investors,
)
from dealscope.errors import NotFoundError, UsageError
from dealscope.store.db import Store

M = 1e6


def cells(store: Store, q: StatsQuery) -> dict[tuple[str, str | None], tuple[int, int, float, float | None]]:
    """(period, group) -> (deals, deals with amount, total in $M, median in $M)."""
    out = {}
    for row in deal_stats(store, q).rows:
        median = row.median_usd / M if row.median_usd is not None else None
        out[(row.period, row.group)] = (row.deals, row.deals_with_amount, row.total_usd / M, median)
    return out


def test_period_labels_follow_the_precision_the_article_gave() -> None:
    assert period_label("2024-05-17", Period.MONTH) == "2024-05"
    assert period_label("2024-05-17", Period.QUARTER) == "2024-Q2"
    assert period_label("2024-07", Period.HALF) == "2024-H2"
    assert period_label("2024-12-31", Period.YEAR) == "2024"
    assert period_label("2024", Period.MONTH) == "2024"  # never a guessed January
    assert period_label(None, Period.QUARTER) == "undated"
    labels = ["undated", "2024", "2024-12", "2023-Q4", "2024-01"]
    assert sorted(labels, key=period_sort_key) == ["2023-Q4", "2024-01", "2024-12", "2024", "undated"]


def test_by_month_counts_totals_medians_and_keeps_undated_rounds(hand_store: Store) -> None:
    got = cells(hand_store, StatsQuery(Period.MONTH))
    assert got == {
        ("2024-01", None): (1, 1, 10.0, 10.0),
        ("2024-02", None): (2, 1, 30.0, 30.0),  # Gamma's amount is unknown: a deal, not in the total
        ("2024-05", None): (1, 1, 20.0, 20.0),
        ("2024", None): (1, 1, 40.0, 40.0),  # known only to the year
        ("2025-02", None): (1, 1, 35.0, 35.0),
        ("2025-07", None): (1, 1, 60.0, 60.0),
        ("undated", None): (1, 1, 5.0, 5.0),
    }
    result = deal_stats(hand_store, StatsQuery(Period.MONTH))
    assert [r.period for r in result.rows] == [
        "2024-01",
        "2024-02",
        "2024-05",
        "2024",
        "2025-02",
        "2025-07",
        "undated",
    ]
    assert math.isclose(sum(r.share or 0 for r in result.rows), 1.0)
    assert result.total.deals == 8 and result.total.deals_with_amount == 7
    assert result.total.total_usd == 200 * M and result.total.median_usd == 30 * M


def test_by_quarter_half_and_year(hand_store: Store) -> None:
    assert cells(hand_store, StatsQuery(Period.QUARTER)) == {
        ("2024-Q1", None): (3, 2, 40.0, 20.0),
        ("2024-Q2", None): (1, 1, 20.0, 20.0),
        ("2024", None): (1, 1, 40.0, 40.0),
        ("2025-Q1", None): (1, 1, 35.0, 35.0),
        ("2025-Q3", None): (1, 1, 60.0, 60.0),
        ("undated", None): (1, 1, 5.0, 5.0),
    }
    assert cells(hand_store, StatsQuery(Period.HALF)) == {
        ("2024-H1", None): (4, 3, 60.0, 20.0),
        ("2024", None): (1, 1, 40.0, 40.0),
        ("2025-H1", None): (1, 1, 35.0, 35.0),
        ("2025-H2", None): (1, 1, 60.0, 60.0),
        ("undated", None): (1, 1, 5.0, 5.0),
    }
    result = deal_stats(hand_store, StatsQuery(Period.YEAR))
    by_year = {r.period: r for r in result.rows}
    assert (by_year["2024"].deals, by_year["2024"].total_usd, by_year["2024"].median_usd) == (
        5,
        100 * M,
        25 * M,
    )
    assert by_year["2024"].mean_usd == 25 * M
    assert by_year["2025"].median_usd == 47.5 * M
    assert [round(r.share or 0, 4) for r in result.rows] == [0.5, 0.475, 0.025]


def test_rumours_count_only_when_asked_for(hand_store: Store) -> None:
    default = cells(hand_store, StatsQuery(Period.YEAR))
    with_rumours = cells(hand_store, StatsQuery(Period.YEAR, statuses=("completed", "rumored")))
    everything = cells(hand_store, StatsQuery(Period.YEAR, statuses=None))
    assert default[("2024", None)][:3] == (5, 4, 100.0)
    assert with_rumours[("2024", None)][:3] == (6, 5, 200.0)
    assert everything[("2024", None)][:3] == (7, 6, 250.0)
    only = cells(hand_store, StatsQuery(Period.YEAR, statuses=("rumored",)))
    assert only == {("2024", None): (1, 1, 100.0, 100.0)}


def test_group_by_stage_and_status_shares_sum_to_one_per_period(hand_store: Store) -> None:
    got = cells(hand_store, StatsQuery(Period.YEAR, Grouping.STAGE))
    assert got[("2024", "series_a")] == (2, 2, 30.0, 15.0)
    assert got[("2024", "seed")] == (1, 0, 0.0, None)
    assert got[("2025", "series_b")] == (2, 2, 95.0, 47.5)
    result = deal_stats(hand_store, StatsQuery(Period.YEAR, Grouping.STAGE))
    for period in ("2024", "2025", "undated"):
        assert math.isclose(sum(r.share or 0 for r in result.rows if r.period == period), 1.0)
    totals = {r.group: r for r in result.group_totals}
    assert totals["series_b"].total_usd == 125 * M and totals["series_b"].deals == 3
    assert math.isclose(sum(r.share or 0 for r in result.group_totals), 1.0)
    status = cells(hand_store, StatsQuery(Period.YEAR, Grouping.STATUS, statuses=None))
    assert status[("2024", "rumored")] == (1, 1, 100.0, 100.0)
    assert status[("2024", "in_talks")] == (1, 1, 50.0, 50.0)
    assert status[("2024", "completed")] == (5, 4, 100.0, 25.0)


def test_group_by_sector_layer_and_region(hand_store: Store) -> None:
    sector = cells(hand_store, StatsQuery(Period.YEAR, Grouping.SECTOR))
    assert sector[("2024", "coding")] == (1, 1, 10.0, 10.0)  # "AI编程公司Alpha"
    assert sector[("2024", "robotics")] == (1, 1, 30.0, 30.0)  # "a robotics startup"
    assert sector[("2024", "chips")] == (1, 1, 20.0, 20.0)
    assert sector[("2024", "llm")] == (1, 1, 40.0, 40.0)
    assert sector[("2024", "unknown")] == (1, 0, 0.0, None)
    assert sector[("2025", "coding")] == (1, 1, 60.0, 60.0)  # Poolside, from the gazetteer
    layer = cells(hand_store, StatsQuery(Period.YEAR, Grouping.LAYER))
    assert layer[("2024", "applications")] == (2, 2, 40.0, 20.0)
    assert layer[("2024", "infrastructure")] == (1, 1, 20.0, 20.0)
    assert layer[("2025", "foundation_models")] == (1, 1, 60.0, 60.0)
    region = cells(hand_store, StatsQuery(Period.YEAR, Grouping.REGION))
    assert region[("2024", "CN")] == (1, 1, 10.0, 10.0)  # "北京…公司Alpha"
    assert sum(v[0] for v in region.values()) == 8


def test_since_and_until_filter_dates_but_keep_undated_rounds(hand_store: Store) -> None:
    q = StatsQuery(Period.MONTH, since=date(2024, 2, 1), until=date(2024, 12, 31))
    assert cells(hand_store, q) == {
        ("2024-02", None): (2, 1, 30.0, 30.0),
        ("2024-05", None): (1, 1, 20.0, 20.0),
        ("undated", None): (1, 1, 5.0, 5.0),
    }


def test_unknown_status_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown status 'closed'"):
        StatsQuery(statuses=("closed",))


def test_top_investors_and_timeline(hand_store: Store) -> None:
    top = top_investors(hand_store, StatsQuery(), limit=2)
    assert [(i.name, i.deals, i.leads, i.total_usd) for i in top] == [
        ("Vela", 3, 2, 80 * M),
        ("Oxbow", 2, 1, 10 * M),
    ]
    name, points = company_timeline(hand_store, "Delta")
    assert name == "Delta"
    assert [(p.announced_on, p.valuation_usd) for p in points] == [("2024-05", 100 * M), ("2025-02", 400 * M)]
    with pytest.raises(NotFoundError):
        company_timeline(hand_store, "Nobody Here")


def test_stats_on_articles_read_by_the_pipeline(news_store: Store) -> None:
    result = deal_stats(news_store, StatsQuery(Period.YEAR, Grouping.SECTOR))
    got = {(r.period, r.group): r.deals for r in result.rows}
    # Two completed rounds of the AI coding company, one robotics, one chips; the talks are left out.
    assert got == {("2025", "coding"): 2, ("2025", "robotics"): 1, ("2024", "chips"): 1}
    assert result.total.deals_with_amount == 4
    talks = deal_stats(news_store, StatsQuery(Period.YEAR, statuses=("in_talks",)))
    assert [(r.period, r.deals) for r in talks.rows] == [("2025", 1)]


def test_same_figures_on_sqlite_and_postgresql(db_url: str) -> None:
    from .conftest import RECORDS

    with Store(db_url) as store:
        store.replace_rounds(RECORDS)
        sector = cells(store, StatsQuery(Period.YEAR, Grouping.SECTOR))
        assert sector[("2024", "coding")] == (1, 1, 10.0, 10.0)
        assert sector[("2025", "chips")] == (1, 1, 35.0, 35.0)
        assert cells(store, StatsQuery(Period.QUARTER))[("2024-Q1", None)] == (3, 2, 40.0, 20.0)
        assert [i.name for i in top_investors(store, StatsQuery(), limit=1)] == ["Vela"]
