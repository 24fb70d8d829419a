"""Valuation multiples: a round's valuation divided by the ARR or revenue stated nearest in time.

Computed, never extracted: each multiple carries its inputs (the valuation point, the metric with
its period and source) so a reader can check or discard it. A forecast or target metric still gives
a multiple (a forward one); its period says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

MULTIPLE_WINDOW_DAYS = 365  # a revenue figure more than a year from the valuation describes another company
_KINDS = ("arr", "revenue")  # ARR first on a tie: it is what investors price on


def first_day(iso: str | None) -> date | None:
    """'2024', '2024-06', '2024-06-01' -> the first day of that period; None stays None."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def valuation_multiples(
    valuations: Sequence[dict[str, Any]], metrics: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One multiple per valuation point that has a USD value and an ARR or revenue within a year."""
    usable = [
        m
        for m in metrics
        if m.get("kind") in _KINDS and (m.get("usd") or 0) > 0 and first_day(m.get("as_of"))
    ]
    out: list[dict[str, Any]] = []
    for point in valuations:
        on = first_day(point.get("date"))
        if on is None or not point.get("usd"):
            continue

        def rank(m: dict[str, Any], on: date = on) -> tuple[int, bool, int, int]:
            apart = abs((first_day(m["as_of"]) - on).days)  # type: ignore[operator]
            return apart, m.get("period") != "actual", _KINDS.index(m["kind"]), int(m.get("id") or 0)

        near = sorted((m for m in usable if rank(m)[0] <= MULTIPLE_WINDOW_DAYS), key=rank)
        if not near:
            continue
        metric = near[0]
        out.append(
            {
                "round_id": point["round_id"],
                "date": point["date"],
                "valuation_usd": point["usd"],
                "status": point.get("status"),
                "basis": point.get("basis"),
                "metric": {
                    k: metric.get(k) for k in ("kind", "period", "usd", "date", "as_of", "quote", "source")
                },
                "days_apart": rank(metric)[0],
                "multiple": point["usd"] / metric["usd"],
            }
        )
    return out
