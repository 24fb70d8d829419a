"""The HTML report: one self-contained file (inline CSS, inline SVG, no scripts, fonts or URLs to fetch).

Sections: funding by period, the biggest rounds, new rumours and talks, valuation changes, the most
active investors. Every round named anywhere links to its entry at the end of the page, which
quotes the sentences it was read from, with the article's title, date and source link.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

import jinja2
import sqlalchemy as sa

from dealscope.analyse.stats import (
    InvestorActivity,
    Period,
    StatsQuery,
    StatsResult,
    deal_stats,
    top_investors,
)
from dealscope.present.chart import funding_chart, inline_svg, investors_chart, short_usd
from dealscope.store import schema
from dealscope.store.db import Store

__all__ = ["NOT_CLOSED", "Report", "build_report", "money_words", "render_report"]

# Rounds reported but not closed: what "rumours" means in the report.
NOT_CLOSED = ("rumored", "in_talks", "planned")


@dataclass(frozen=True)
class ValuationChange:
    """Two successive valuations of one company, the later one inside the report's range."""

    company: str
    before_id: str
    before_on: str
    before_usd: float
    after_id: str
    after_on: str
    after_usd: float
    after_status: str

    @property
    def multiple(self) -> float:
        return self.after_usd / self.before_usd if self.before_usd else math.inf


@dataclass(frozen=True)
class Report:
    """Everything the template shows; `rounds` holds each referenced round's record (sources, quotes)."""

    since: date | None
    until: date | None
    generated: str | None
    stats: StatsResult
    biggest: list[str]
    rumors: list[str]
    changes: list[ValuationChange]
    investors: list[InvestorActivity]
    investor_rounds: dict[str, list[str]]
    rounds: dict[str, dict[str, Any]]
    source_urls: dict[str, str]
    charts: dict[str, str] = field(default_factory=dict)


def _range(stmt: sa.Select[Any], since: date | None, until: date | None) -> sa.Select[Any]:
    r = schema.rounds
    if since is not None:
        stmt = stmt.where(r.c.announced_date >= since)
    if until is not None:
        stmt = stmt.where(r.c.announced_date <= until)
    return stmt


def _period_for(since: date | None, until: date | None) -> Period:
    """Months for a range under a year and a half, else quarters: a chart of 10-40 bars."""
    if since is not None and (until or date.max).toordinal() - since.toordinal() < 550:
        return Period.MONTH
    return Period.QUARTER


def build_report(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    top: int = 15,
    generated: str | None = None,
) -> Report:
    """Gather the report's data from the database (completed rounds unless a section says otherwise)."""
    r = schema.rounds
    q = StatsQuery(by=_period_for(since, until), since=since, until=until)
    stats = deal_stats(store, q)
    with store.engine.connect() as conn:
        biggest = list(
            conn.execute(
                _range(sa.select(r.c.id), since, until)
                .where(r.c.status == "completed", r.c.amount_usd.is_not(None))
                .order_by(r.c.amount_usd.desc(), r.c.id)
                .limit(top)
            ).scalars()
        )
        rumors = list(
            conn.execute(
                _range(sa.select(r.c.id), since, until)
                .where(r.c.status.in_(NOT_CLOSED))
                .order_by(r.c.announced_date.desc().nulls_last(), r.c.amount_usd.desc().nulls_last(), r.c.id)
                .limit(top * 2)
            ).scalars()
        )
        valued = conn.execute(
            sa.select(
                r.c.company_key,
                r.c.company,
                r.c.id,
                r.c.announced_on,
                r.c.announced_date,
                r.c.valuation_usd,
                r.c.status,
            )
            .where(r.c.valuation_usd.is_not(None), r.c.announced_date.is_not(None), r.c.status != "cancelled")
            .order_by(r.c.company_key, r.c.announced_date, r.c.id)
        ).all()
    changes = _changes(valued, since, until)[: top * 2]
    investors = top_investors(store, q, top)
    investor_rounds = _investor_rounds(store, [i.key for i in investors], q)
    wanted = {*biggest, *rumors, *(c.before_id for c in changes), *(c.after_id for c in changes)}
    wanted.update(i for ids in investor_rounds.values() for i in ids)
    rounds = _records(store, wanted)
    urls = _source_urls(store, {s["document_id"] for rec in rounds.values() for s in rec.get("sources", [])})
    report = Report(
        since, until, generated, stats, biggest, rumors, changes, investors, investor_rounds, rounds, urls
    )
    if stats.rows:
        report.charts["funding"] = inline_svg(
            funding_chart(stats, "svg", title="Raised per period (completed rounds)")
        )
    if investors:
        report.charts["investors"] = inline_svg(investors_chart(investors, "svg"))
    return report


def _changes(rows: Sequence[Any], since: date | None, until: date | None) -> list[ValuationChange]:
    """Successive valuations per company whose later one falls in the range, newest first."""
    by_company: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_company[row.company_key].append(row)
    out = []
    for series in by_company.values():
        for before, after in pairwise(series):
            if (since and after.announced_date < since) or (until and after.announced_date > until):
                continue
            out.append(
                ValuationChange(
                    after.company,
                    before.id,
                    before.announced_on,
                    before.valuation_usd,
                    after.id,
                    after.announced_on,
                    after.valuation_usd,
                    after.status,
                )
            )
    out.sort(key=lambda c: (c.after_on, c.company), reverse=True)
    return out


def _investor_rounds(store: Store, keys: Sequence[str], q: StatsQuery, per: int = 12) -> dict[str, list[str]]:
    r, ri = schema.rounds, schema.round_investors
    out: dict[str, list[str]] = {k: [] for k in keys}
    if not keys:
        return out
    stmt = (
        sa.select(ri.c.investor_key, r.c.id)
        .join(r, r.c.id == ri.c.round_id)
        .where(ri.c.investor_key.in_(list(keys)), r.c.status.in_(q.statuses or ("completed",)))
        .order_by(r.c.amount_usd.desc().nulls_last(), r.c.id)
    )
    with store.engine.connect() as conn:
        for key, round_id in conn.execute(_range(stmt, q.since, q.until)):
            if len(out[key]) < per:
                out[key].append(round_id)
    return out


def _records(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    r = schema.rounds
    wanted = sorted(set(ids))
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            for rid, payload in conn.execute(
                sa.select(r.c.id, r.c.payload).where(r.c.id.in_(wanted[i : i + 500]))
            ):
                out[rid] = dict(payload)
    return out


def _source_urls(store: Store, doc_ids: Iterable[str]) -> dict[str, str]:
    d = schema.documents
    wanted = sorted(i for i in doc_ids if i)
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            stmt = sa.select(d.c.id, d.c.source_url).where(
                d.c.id.in_(wanted[i : i + 500]), d.c.source_url.is_not(None)
            )
            out.update({k: v for k, v in conn.execute(stmt) if _is_web(v)})
    return out


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def money_words(m: dict[str, Any] | None) -> str:
    """An amount as the article wrote it, with its USD value when the currency is another one."""
    if not m:
        return ""
    if m.get("qualifier") == "undisclosed":
        return "undisclosed"
    words = str(m.get("raw") or "")
    usd = m.get("usd")
    if usd is not None and m.get("currency") != "USD":
        return f"{words} (≈{short_usd(usd)})"
    return words


def _usd(x: float | None) -> str:
    return short_usd(x) if x is not None else "–"


def _pct(x: float | None) -> str:
    return f"{x * 100:.1f}%" if x is not None else "–"


def _stage(record: dict[str, Any]) -> str:
    return str(record.get("round_raw") or record.get("round") or "")


def render_report(report: Report) -> str:
    """The report as one HTML document."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dealscope.present", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(usd=_usd, pct=_pct, money=money_words, stage=_stage)
    template = env.get_template("report.html.j2")
    return template.render(report=report, web=_is_web)
