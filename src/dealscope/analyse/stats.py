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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from itertools import chain
from typing import Any

import sqlalchemy as sa

from dealscope.analyse.sectors import UNKNOWN, SectorAssignment, ensure_facets, find_company_key
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


@dataclass(frozen=True, slots=True)  # slots: thousands per query, each without a dict
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
    total: StatRow = field(default_factory=lambda: StatRow(ALL, None, 0, 0, 0.0, None, None, None))


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


# Groupings whose values are the company's, written on each round by a rebuild (see analyse/sectors.py).
_FACETS = (Grouping.SECTOR, Grouping.LAYER, Grouping.REGION)


def _group_column(q: StatsQuery) -> sa.ColumnElement[Any] | None:
    """The rounds column grouped by besides status and month: None without a grouping or by status."""
    if q.group is None or q.group is Grouping.STATUS:
        return None
    return schema.rounds.c[q.group.value]


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


@dataclass(slots=True)
class _Cell:
    """One (period, group) of the statistics: its deal count and the amounts known in USD."""

    deals: int
    amounts: list[float]


class _Labels(dict[str | None, str]):
    """announced_month -> period label, computed once per distinct month."""

    def __init__(self, by: Period) -> None:
        super().__init__()
        self.by = by

    def __missing__(self, month: str | None) -> str:
        label = self[month] = period_label(month, self.by)
        return label


@contextmanager
def _snapshot(store: Store) -> Iterator[sa.Connection]:
    """A connection whose reads all see one state of the database (SQLite does so in a transaction)."""
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        yield conn


def _grouped(store: Store, q: StatsQuery) -> dict[tuple[str, Any], _Cell] | None:
    """The cells from two index-ordered reads: counts per (status, month, group), then the amounts.

    Both reads walk one covering index (`ix_rounds_stats_<group>`) in the same order, so the
    amounts arrive as consecutive runs, one per counted row (sorted, when grouped by a column):
    Python touches a few thousand counted rows and slices one list of floats instead of handling
    every round. None when the two reads disagree (they cannot inside one snapshot: a safeguard).
    """
    r = schema.rounds
    col = _group_column(q)
    keys = [r.c.status, r.c.announced_month, *([col] if col is not None else [])]
    counts = _filter(sa.select(*keys, sa.func.count(), sa.func.count(r.c.amount_usd)), q)
    amounts = _filter(sa.select(r.c.amount_usd), q).where(r.c.amount_usd.is_not(None))
    # By amount too where the index has it next: free here, and Python's sorts then find sorted runs.
    order = [*keys, r.c.amount_usd] if col is not None else keys
    with _snapshot(store) as conn:
        # Plain DBAPI rows: SQLAlchemy's Row objects would cost more than the query itself here.
        groups = conn.execute(counts.group_by(*keys).order_by(*keys)).cursor.fetchall()
        # Fetched in batches, not whole: the one-float row tuples of a batch are freed before the
        # next, so 100,000 of them never live together and never set off the collector's full passes.
        cursor = conn.execute(amounts.order_by(*order)).cursor
        values: list[float] = []
        while batch := cursor.fetchmany(4096):
            values += [usd for (usd,) in batch]
    labels = _Labels(q.by)
    by_status = q.group is Grouping.STATUS
    cells: dict[tuple[str, Any], _Cell] = {}
    at = 0
    for row in groups:
        with_amount = row[-1]
        group = row[0] if by_status else (row[2] if col is not None else None)
        if group is None and q.group in _FACETS:
            group = UNKNOWN
        chunk = values[at : at + with_amount]
        at += with_amount
        cell = cells.get((labels[row[1]], group))
        if cell is None:
            cells[(labels[row[1]], group)] = _Cell(row[-2], chunk)
        else:
            cell.deals += row[-2]
            cell.amounts += chunk
    return cells if at == len(values) else None


def _per_round(
    store: Store, q: StatsQuery, assigned: dict[str, SectorAssignment]
) -> dict[tuple[str, Any], _Cell]:
    """The cells from one row per round, the group of a company in `assigned` taken from there."""
    r = schema.rounds
    col = _group_column(q)
    stmt = sa.select(
        r.c.status,
        r.c.announced_month,
        col if col is not None else r.c.status,
        r.c.company_key,
        r.c.amount_usd,
    )
    with store.engine.connect() as conn:
        rows = conn.execute(_filter(stmt, q)).all()
    attr = q.group.value if q.group in _FACETS and q.group is not None else ""
    labels = _Labels(q.by)
    cells: dict[tuple[str, Any], _Cell] = {}
    for status, month, value, key, usd in rows:
        if q.group is None:
            group = None
        elif key in assigned and attr:
            group = getattr(assigned[key], attr)
        else:
            group = status if q.group is Grouping.STATUS else value
        if group is None and q.group in _FACETS:
            group = UNKNOWN
        cell = cells.setdefault((labels[month], group), _Cell(0, []))
        cell.deals += 1
        if usd is not None:
            cell.amounts.append(usd)
    return cells


def deal_stats(store: Store, q: StatsQuery | None = None) -> StatsResult:
    """Deal count, USD total, mean, median and share per period (and group) for the matching rounds."""
    q = q or StatsQuery()
    # Totals and medians are computed in Python over the sorted amounts: the same figures on every
    # database (a SQL sum adds in another order) and SQLite has no median.
    assigned = ensure_facets(store) if q.group in _FACETS else None
    cells = _grouped(store, q) if assigned is None else None
    if cells is None:
        cells = _per_round(store, q, assigned or {})
    return _assemble(q, cells)


def _median(amounts: list[float]) -> float | None:
    """The median of sorted amounts, None when there are none."""
    n = len(amounts)
    if not n:
        return None
    mid = n // 2
    return float(amounts[mid]) if n % 2 else (amounts[mid - 1] + amounts[mid]) / 2


def _stat(period: str, group: Any, deals: int, amounts: list[float], denominator: float) -> StatRow:
    """The row of sorted `amounts`; its share is of `denominator`."""
    n = len(amounts)
    total = float(sum(amounts))
    return StatRow(
        period,
        group,
        deals,
        n,
        total,
        total / n if n else None,
        _median(amounts),
        total / denominator if denominator else None,
    )


def _cell_order(key: tuple[str, Any]) -> tuple[tuple[int, int], str]:
    return period_sort_key(key[0]), key[1] or ""


def _row_order(row: StatRow) -> tuple[tuple[int, int], float, int, str]:
    return period_sort_key(row.period), -row.total_usd, -row.deals, row.group or ""


def _total_order(row: StatRow) -> tuple[float, int, str]:
    return -row.total_usd, -row.deals, row.group or ""


def _assemble(q: StatsQuery, cells: dict[tuple[str, Any], _Cell]) -> StatsResult:
    # Cells in a fixed order, so the period totals behind the shares add up the same way every time.
    # One pass sorts each cell (runs that are sorted already: nearly free) and sums it; a month by
    # sector of 100,000 rounds is some 7,000 cells, so the work per cell is kept to the few steps here.
    order = sorted(cells, key=_cell_order)
    sums: list[float] = []
    period_total: dict[str, float] = {}
    for key in order:
        amounts = cells[key].amounts
        amounts.sort()
        total = float(sum(amounts))
        sums.append(total)
        period_total[key[0]] = period_total.get(key[0], 0.0) + total
    grand = sum(period_total.values())
    rows = []
    for key, total in zip(order, sums, strict=True):
        cell = cells[key]
        n = len(cell.amounts)
        denominator = period_total[key[0]] if q.group is not None else grand
        rows.append(
            StatRow(
                key[0],
                key[1],
                cell.deals,
                n,
                total,
                total / n if n else None,
                _median(cell.amounts),
                total / denominator if denominator else None,
            )
        )
    rows.sort(key=_row_order)
    totals = []
    deals = sum(cell.deals for cell in cells.values())
    if q.group is not None:
        per_group: dict[Any, _Cell] = {}
        for key in order:
            into = per_group.get(key[1])
            if into is None:
                into = per_group[key[1]] = _Cell(0, [])
            into.deals += cells[key].deals
            into.amounts += cells[key].amounts
        for group, merged in per_group.items():
            merged.amounts.sort()
            totals.append(_stat(ALL, group, merged.deals, merged.amounts, grand))
        totals.sort(key=_total_order)
        # The group lists are sorted: the grand list then sorts from a few long runs.
        every = list(chain.from_iterable(merged.amounts for merged in per_group.values()))
    else:
        every = list(chain.from_iterable(cell.amounts for cell in cells.values()))
    every.sort()
    grand_row = _stat(ALL, None, deals, every, grand)
    grand_row = replace(grand_row, share=1.0 if grand else None)
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
