"""Deal statistics per period and group: count, USD total, mean, median and share of the total.

Rounds are bucketed by `announced_date` at the precision the articles gave: a round known only to
the year is counted in a year line ("2024") even when months are asked for, and a round with no
date in an "undated" line, so nothing is silently dropped. Totals use `amount_usd`; a round whose
amount is unknown counts as a deal but not in the totals (`deals_with_amount` says how many did).
Only completed rounds count unless other statuses are asked for: a rumour is not money raised.
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from dealscope.analyse.sectors import UNKNOWN, find_company_key, group_map
from dealscope.errors import NotFoundError, UsageError
from dealscope.lang.gazetteer import Gazetteer
from dealscope.store import schema
from dealscope.store.db import Store

__all__ = [
    "STATUSES",
    "UNDATED",
    "Grouping",
    "InvestorActivity",
    "Period",
    "StatRow",
    "StatsQuery",
    "StatsResult",
    "TimelinePoint",
    "company_timeline",
    "deal_stats",
    "period_label",
    "period_sort_key",
    "top_investors",
]

UNDATED = "undated"
ALL = "all"
STATUSES = ("completed", "announced", "in_talks", "rumored", "planned", "cancelled")


class Period(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class Grouping(enum.StrEnum):
    STAGE = "stage"
    SECTOR = "sector"
    LAYER = "layer"
    REGION = "region"
    STATUS = "status"


@dataclass(frozen=True)
class StatsQuery:
    """What to count: bucket size, optional grouping, date range and the statuses that count."""

    by: Period = Period.MONTH
    group: Grouping | None = None
    since: date | None = None
    until: date | None = None
    statuses: tuple[str, ...] | None = ("completed",)  # None: every status

    def __post_init__(self) -> None:
        bad = [s for s in self.statuses or () if s not in STATUSES]
        if bad:
            raise UsageError(f"unknown status {bad[0]!r}; valid: {', '.join(STATUSES)}")


@dataclass(frozen=True)
class StatRow:
    """One line of the statistics; `share` is of the period's total when grouped, else of the grand total."""

    period: str
    group: str | None
    deals: int
    deals_with_amount: int
    total_usd: float
    mean_usd: float | None
    median_usd: float | None
    share: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StatsResult:
    """The rows (chronological, undated last), per-group totals over all periods, and the grand total."""

    query: StatsQuery
    rows: tuple[StatRow, ...]
    group_totals: tuple[StatRow, ...] = field(default=())
    total: StatRow = field(default_factory=lambda: _row(ALL, None, 0, 0, None, None, None))


def period_label(announced_on: str | None, by: Period) -> str:
    """The bucket of an ISO date of any precision ('2024', '2024-06', '2024-06-03'), or 'undated'."""
    if not announced_on:
        return UNDATED
    year = announced_on[:4]
    if by is Period.YEAR or len(announced_on) < 7:
        return year  # known only to the year: a year line, never a guessed month
    month = int(announced_on[5:7])
    if by is Period.MONTH:
        return announced_on[:7]
    if by is Period.QUARTER:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-H{1 if month <= 6 else 2}"


@functools.lru_cache(maxsize=8192)
def period_sort_key(label: str) -> tuple[int, int]:
    """Chronological order of period labels; a year-only line after the parts of its year, undated last."""
    if label == UNDATED:
        return (10**6, 0)
    if label == ALL:
        return (10**6 + 1, 0)
    year = int(label[:4])
    rest = label[5:]
    if not rest:
        return (year, 99)
    if rest[0] == "Q":
        return (year, int(rest[1:]) * 3)
    if rest[0] == "H":
        return (year, int(rest[1:]) * 6)
    return (year, int(rest))


def _row(
    period: str,
    group: str | None,
    deals: int,
    with_amount: int,
    total: float | None,
    median: float | None,
    share: float | None,
) -> StatRow:
    total = float(total or 0.0)
    return StatRow(
        period=period,
        group=group,
        deals=int(deals),
        deals_with_amount=int(with_amount),
        total_usd=total,
        mean_usd=total / with_amount if with_amount else None,
        median_usd=float(median) if median is not None and with_amount else None,
        share=share,
    )


def _extra(q: StatsQuery) -> sa.ColumnElement[Any]:
    r = schema.rounds
    if q.group is Grouping.STAGE:
        return r.c.stage
    if q.group is Grouping.STATUS:
        return r.c.status
    if q.group is not None:
        return r.c.company_key
    return sa.literal_column("NULL")


def _filter(stmt: sa.Select[Any], q: StatsQuery) -> sa.Select[Any]:
    r = schema.rounds
    if q.statuses is not None:
        stmt = stmt.where(r.c.status.in_(q.statuses))
    # An undated round cannot be placed outside the range, so it stays (in the undated line).
    if q.since is not None:
        stmt = stmt.where(sa.or_(r.c.announced_date >= q.since, r.c.announced_date.is_(None)))
    if q.until is not None:
        stmt = stmt.where(sa.or_(r.c.announced_date <= q.until, r.c.announced_date.is_(None)))
    return stmt


def _fetch(store: Store, q: StatsQuery) -> Sequence[Any]:
    """(announced_on, amount_usd, stage/status/company key) of each matching round, from the covering index."""
    r = schema.rounds
    with store.engine.connect() as conn:
        return conn.execute(_filter(sa.select(r.c.announced_on, r.c.amount_usd, _extra(q)), q)).all()


def _fetch_dates(store: Store, q: StatsQuery) -> Sequence[Any] | None:
    """(announced_on, stage/status, deals, amounts as "a,b,c") per date, or None where the SQL has no list.

    The database groups the rows by date (in index order, so without sorting) and lists their
    amounts; Python then handles a few thousand dates instead of every round.
    """
    r = schema.rounds
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        amounts: sa.ColumnElement[Any] = sa.func.group_concat(r.c.amount_usd)
    elif dialect == "postgresql":
        amounts = sa.func.string_agg(sa.cast(r.c.amount_usd, sa.Text), ",")
    else:
        return None
    extra = _extra(q)
    stmt = sa.select(r.c.announced_on, extra, sa.func.count(), amounts)
    keys = [r.c.announced_date, r.c.announced_on] + ([extra] if q.group is not None else [])
    stmt = _filter(stmt, q).group_by(*keys)
    with store.engine.connect() as conn:
        return conn.execute(stmt).all()


class _Labels(dict[str | None, str]):
    """announced_on -> period label, computed once per distinct date."""

    def __init__(self, by: Period) -> None:
        super().__init__()
        self.by = by

    def __missing__(self, on: str | None) -> str:
        label = self[on] = period_label(on, self.by)
        return label


def deal_stats(store: Store, q: StatsQuery | None = None) -> StatsResult:
    """Deal count, USD total, mean, median and share per period (and group) for the matching rounds."""
    q = q or StatsQuery()
    # Periods and medians are computed in Python: SQLite's string functions and window functions
    # cost more per row than a dict lookup, and it has no percentile function.
    labels = _Labels(q.by)
    buckets: dict[tuple[str, Any], list[float | None]] = defaultdict(list)
    by_company = q.group in (Grouping.SECTOR, Grouping.LAYER, Grouping.REGION)
    dates = None if by_company else _fetch_dates(store, q)
    if dates is not None:
        for on, extra, deals, listed in dates:
            values = buckets[(labels[on], extra)]
            if listed:
                values.extend(map(float, listed.split(",")))
            values.extend([None] * (deals - (listed.count(",") + 1 if listed else 0)))
        return _assemble(q, buckets)
    rows = _fetch(store, q)
    if by_company:
        attr = q.group.value if q.group else ""
        names = group_map(store, attr)
        get = names.get
        for on, usd, key in rows:
            buckets[(labels[on], get(key))].append(usd)
        if any(group is None for _, group in buckets):  # companies new since the cache was filled
            names.update(group_map(store, attr, {key for _, _, key in rows if key not in names}))
            buckets = defaultdict(list)
            for on, usd, key in rows:
                buckets[(labels[on], names.get(key, UNKNOWN))].append(usd)
    else:
        for on, usd, extra in rows:
            buckets[(labels[on], extra)].append(usd)
    return _assemble(q, buckets)


def _summary(values: list[float | None]) -> tuple[int, int, float, float | None]:
    """(deals, deals with amount, total, median) of a bucket's amounts."""
    amounts = [v for v in values if v is not None]
    n = len(amounts)
    if not n:
        return len(values), 0, 0.0, None
    amounts.sort()
    mid = n // 2
    median = amounts[mid] if n % 2 else (amounts[mid - 1] + amounts[mid]) / 2
    return len(values), n, float(sum(amounts)), median


def _assemble(q: StatsQuery, buckets: dict[tuple[str, Any], list[float | None]]) -> StatsResult:
    summaries = {cell: _summary(values) for cell, values in buckets.items()}
    period_total: dict[str, float] = defaultdict(float)
    for (period, _), (_, _, total, _) in summaries.items():
        period_total[period] += total
    grand = sum(period_total.values())
    rows = []
    for (period, group), (deals, with_amount, total, median) in summaries.items():
        denominator = period_total[period] if q.group is not None else grand
        share = total / denominator if denominator else None
        rows.append(_row(period, group, deals, with_amount, total, median, share))
    rows.sort(key=lambda row: (period_sort_key(row.period), -row.total_usd, -row.deals, row.group or ""))
    totals = []
    if q.group is not None:
        per_group: dict[str | None, list[float | None]] = defaultdict(list)
        for (_, group), values in buckets.items():
            per_group[group].extend(values)
        for group, values in per_group.items():
            deals, with_amount, total, median = _summary(values)
            totals.append(
                _row(ALL, group, deals, with_amount, total, median, total / grand if grand else None)
            )
        totals.sort(key=lambda row: (-row.total_usd, -row.deals, row.group or ""))
    deals, with_amount, total, median = _summary([v for values in buckets.values() for v in values])
    grand_row = _row(ALL, None, deals, with_amount, total, median, 1.0 if grand else None)
    return StatsResult(q, tuple(rows), tuple(totals), grand_row)


# --------------------------------------------------------------------------- investors and timelines


@dataclass(frozen=True)
class InvestorActivity:
    """How often an investor appears in the matching rounds, how often as lead, and their rounds' total."""

    key: str
    name: str
    deals: int
    leads: int
    total_usd: float
    deals_with_amount: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def top_investors(store: Store, q: StatsQuery | None = None, limit: int = 15) -> list[InvestorActivity]:
    """The investors in the most matching rounds (ties: more leads, then the larger total)."""
    q = q or StatsQuery()
    r, ri = schema.rounds, schema.round_investors
    deals = sa.func.count()
    leads = sa.func.sum(sa.case((ri.c.lead, 1), else_=0))
    total = sa.func.sum(r.c.amount_usd)
    stmt = (
        sa.select(
            ri.c.investor_key, sa.func.min(ri.c.investor), deals, leads, total, sa.func.count(r.c.amount_usd)
        )
        .join(r, r.c.id == ri.c.round_id)
        .group_by(ri.c.investor_key)
        .order_by(deals.desc(), leads.desc(), total.desc().nulls_last(), ri.c.investor_key)
        .limit(limit)
    )
    stmt = _where(stmt, q)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    gaz = Gazetteer.default()
    out = []
    for key, name, n, n_lead, usd, with_amount in rows:
        entry = gaz.get(key[2:]) if key.startswith("g:") else None
        out.append(
            InvestorActivity(
                key,
                entry.name if entry else name,
                int(n),
                int(n_lead or 0),
                float(usd or 0.0),
                int(with_amount),
            )
        )
    return out


def _where(stmt: sa.Select[Any], q: StatsQuery) -> sa.Select[Any]:
    r = schema.rounds
    if q.statuses is not None:
        stmt = stmt.where(r.c.status.in_(q.statuses))
    if q.since is not None:
        stmt = stmt.where(r.c.announced_date >= q.since)
    if q.until is not None:
        stmt = stmt.where(r.c.announced_date <= q.until)
    return stmt


@dataclass(frozen=True)
class TimelinePoint:
    """One round of a company on its timeline: date, status, stage, amount and valuation in USD."""

    round_id: str
    announced_on: str
    day: date
    status: str
    stage: str
    amount_usd: float | None
    valuation_usd: float | None


def company_timeline(store: Store, company: str) -> tuple[str, list[TimelinePoint]]:
    """A company's display name and its dated rounds, oldest first (every status)."""
    key = find_company_key(store, company)
    r = schema.rounds
    stmt = (
        sa.select(
            r.c.id,
            r.c.company,
            r.c.announced_on,
            r.c.announced_date,
            r.c.status,
            r.c.stage,
            r.c.amount_usd,
            r.c.valuation_usd,
        )
        .where(r.c.company_key == key)
        .order_by(r.c.announced_date, r.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    if not rows:
        raise NotFoundError(f"no rounds for company {company!r}")
    points = [
        TimelinePoint(
            row.id,
            row.announced_on,
            row.announced_date,
            row.status,
            row.stage,
            row.amount_usd,
            row.valuation_usd,
        )
        for row in rows
        if row.announced_date is not None
    ]
    names = [row.company for row in rows]
    return max(sorted(set(names)), key=names.count), points
