"""`dealscope company NAME`: one company's rounds, valuation timeline, money raised, investors, metrics.

Reads go through the `rounds.company_key` index (plus primary keys and `metric_mentions.company`),
so the view costs the same on a large database as on a small one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dealscope import codec
from dealscope.analyse import orgs
from dealscope.analyse.multiples import valuation_multiples
from dealscope.api import export_record
from dealscope.domain import FuzzyDate, Money, Precision, Stage, Status
from dealscope.merge import PROGRESS
from dealscope.store import orgs as org_store
from dealscope.store.db import Store

_STAGE_ORDER = {s.value: i for i, s in enumerate(Stage)}
# Money a company did not receive: a secondary sale pays the sellers.
_NOT_RAISED = frozenset({Stage.SECONDARY.value})


@dataclass(frozen=True)
class CompanyView:
    """Everything `dealscope company` shows; `to_json` gives the documented JSON."""

    key: str
    name: str
    aliases: tuple[str, ...]
    records: tuple[dict[str, Any], ...]  # full round records (history, conflicts), in date order
    valuations: tuple[dict[str, Any], ...]
    total_raised_usd: float
    investors: tuple[dict[str, Any], ...]
    metrics: tuple[dict[str, Any], ...]
    multiples: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        """Keys name, aliases, rounds (export format), valuations, total_raised_usd, investors, metrics."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "rounds": [export_record(r) for r in self.records],
            "valuations": list(self.valuations),
            "total_raised_usd": self.total_raised_usd,
            "investors": list(self.investors),
            "metrics": {"reported": list(self.metrics), "multiples": list(self.multiples)},
        }


def company_view(store: Store, name: str) -> CompanyView:
    """The company a name refers to, with its rounds in date order and what follows from them."""
    org = orgs.find(store, name)
    records = sorted(org_store.company_rounds(store, org.key), key=round_order)
    points = valuation_points(records)
    metrics = reported_metrics(store, org.all_names(), records)
    return CompanyView(
        key=org.key,
        name=org.name,
        aliases=tuple(n for n in org.all_names() if n != org.name),
        records=tuple(records),
        valuations=tuple(points),
        total_raised_usd=total_raised(records),
        investors=tuple(investors_by_round(store, records)),
        metrics=tuple(metrics),
        multiples=tuple(valuation_multiples(points, metrics)),
    )


def round_order(record: dict[str, Any]) -> tuple[str, int, str]:
    """Date order; undated rounds (told as background) first, in stage order."""
    return record["announced_on"] or "", _STAGE_ORDER.get(record["round"], len(_STAGE_ORDER)), record["id"]


def total_raised(records: Sequence[dict[str, Any]]) -> float:
    """USD raised in completed rounds whose amount is known in USD (secondary sales excluded)."""
    return float(
        sum(
            (r["amount"] or {}).get("usd") or 0.0
            for r in records
            if r["status"] == Status.COMPLETED.value and r["round"] not in _NOT_RAISED
        )
    )


def valuation_points(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One point per distinct valuation (date and USD value), with the round's status and its sources."""
    points: dict[tuple[str | None, float | None], dict[str, Any]] = {}
    for r in records:
        v = r.get("valuation")
        if not v or (v.get("value") is None and v.get("usd") is None):
            continue
        usd = v.get("usd")
        sources = [
            {k: s.get(k) for k in ("document_id", "title", "published_on", "quote")}
            for s, h in zip(r["sources"], r.get("history", []), strict=False)
            if h.get("valuation") is not None
        ]
        point = {
            "date": r["announced_on"],
            "usd": usd,
            "status": r["status"],
            "basis": r["valuation_basis"],
            "round_id": r["id"],
            "sources": sources,
        }
        same = (r["announced_on"], round(usd, -5) if usd is not None else v.get("value"))
        kept = points.get(same)
        if kept is None:
            points[same] = point
        elif _progress(point["status"]) > _progress(kept["status"]):
            points[same] = {**point, "sources": kept["sources"] + sources}
        else:
            kept["sources"].extend(sources)
    return sorted(points.values(), key=lambda p: (p["date"] or "", p["round_id"]))


def _progress(status: str) -> int:
    return PROGRESS[Status(status)]


def investors_by_round(store: Store, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each investor once (by its organisation), with the rounds it was in and its role in each."""
    found: dict[str, dict[str, Any]] = {}
    for r in records:
        for inv in r["investors"]:
            entry = found.setdefault(inv["key"], {"name": inv["name"], "key": inv["key"], "rounds": []})
            entry["rounds"].append(
                {
                    "round_id": r["id"],
                    "round": r["round"],
                    "announced_on": r["announced_on"],
                    "role": "lead" if inv["lead"] else "participant",
                    "amount": inv.get("amount"),
                }
            )
    known = org_store.organization_names(store, found)
    for key, entry in found.items():
        if key in known:
            entry["name"] = known[key]
    return list(found.values())


def reported_metrics(
    store: Store, names: Sequence[str], records: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Metrics the extractor stored for any of the company's names, oldest first."""
    spelled = set(names) | {a for r in records for a in (r["company"], *r.get("aliases", []))}
    out = []
    for row in org_store.metrics_for(store, spelled):
        money = codec.from_data(Money, row["amount"]) if row["amount"] else None
        on = _iso(row["date"], row["precision"])
        published = _iso(row["published_date"], row["published_precision"])
        out.append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "period": row["period"],
                "raw": money.raw if money else None,
                "value": money.value if money else None,
                "currency": money.currency if money else None,
                "usd": money.usd if money else None,
                "count": row["count"],
                "date": on,
                "as_of": on or published,
                "quote": row["quote"],
                "source": {
                    "document_id": row["document_id"],
                    "title": row["title"],
                    "path": row["path"],
                    "published_on": published,
                },
            }
        )
    return sorted(out, key=lambda m: (m["as_of"] or "", m["id"]))


def _iso(day: Any, precision: str | None) -> str | None:
    if day is None:
        return None
    return FuzzyDate(day, Precision(precision or "day")).iso()
