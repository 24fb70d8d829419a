"""`dealscope investor NAME`: an investor's portfolio, leads versus follow-ons, and its co-investors.

Every name of the investor (Chinese, English, former, the user's aliases) resolves to one key, so
the portfolio gathers its appearances under any of them. Reads go through the
`round_investors.investor_key` index and primary keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dealscope.analyse import orgs
from dealscope.analyse.company import round_order
from dealscope.api import export_record
from dealscope.store import orgs as org_store
from dealscope.store.db import Store

LEAD = "lead"
PARTICIPANT = "participant"


@dataclass(frozen=True)
class InvestorView:
    """Everything `dealscope investor` shows; `to_json` gives the documented JSON."""

    key: str
    name: str
    aliases: tuple[str, ...]
    # export format + role + round_amount (+ investor_amount, also in `amount`, when known), date order
    rounds: tuple[dict[str, Any], ...]
    portfolio: tuple[dict[str, Any], ...]  # one entry per company
    co_investors: tuple[dict[str, Any], ...]  # most shared rounds first

    @property
    def leads(self) -> int:
        return sum(1 for r in self.rounds if r["role"] == LEAD)

    @property
    def follow_ons(self) -> int:
        return sum(1 for r in self.rounds if r["role"] == PARTICIPANT)

    def to_json(self) -> dict[str, Any]:
        """Keys name, aliases, rounds, co_investors."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "rounds": list(self.rounds),
            "co_investors": [{"name": c["name"], "rounds": c["rounds"]} for c in self.co_investors],
        }


def investor_view(store: Store, name: str) -> InvestorView:
    """The investor a name refers to, with every round it is in."""
    org = orgs.find(store, name)
    records = sorted(org_store.investor_rounds(store, org.key), key=round_order)
    rounds = [_with_role(r, org.key) for r in records]
    return InvestorView(
        key=org.key,
        name=org.name,
        aliases=tuple(n for n in org.all_names() if n != org.name),
        rounds=tuple(rounds),
        portfolio=tuple(_portfolio(records, rounds)),
        co_investors=tuple(_co_investors(store, [r["id"] for r in records], org.key)),
    )


def _with_role(record: dict[str, Any], key: str) -> dict[str, Any]:
    own = next((i for i in record["investors"] if i.get("key") == key), None)
    out = export_record(record)
    out["role"] = LEAD if own and own["lead"] else PARTICIPANT
    # As documented for `dealscope investor`: `amount` is the investor's own share where an article
    # states it; the round's amount is always in `round_amount`, and the share also in `investor_amount`.
    out["round_amount"] = out["amount"]
    if own and own.get("amount"):
        out["amount"] = out["investor_amount"] = own["amount"]
    return out


def _portfolio(records: Sequence[dict[str, Any]], rounds: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    companies: dict[str, dict[str, Any]] = {}
    for rec, r in zip(records, rounds, strict=True):
        entry = companies.setdefault(
            rec["company_key"],
            {"company": rec["company"], "company_key": rec["company_key"], "rounds": 0, "led": 0, "usd": 0.0},
        )
        entry["rounds"] += 1
        entry["led"] += r["role"] == LEAD
        entry["usd"] += ((r.get("investor_amount") or {}).get("usd")) or 0.0
        entry["last"] = rec["announced_on"] or entry.get("last")
    return sorted(companies.values(), key=lambda c: (-c["rounds"], c["company"]))


def _co_investors(store: Store, round_ids: Sequence[str], key: str) -> list[dict[str, Any]]:
    shared = org_store.co_investors(store, round_ids, key)
    known = org_store.organization_names(store, (k for k, _, _ in shared))
    out = [{"name": known.get(k, n), "key": k, "rounds": count} for k, n, count in shared]
    return sorted(out, key=lambda c: (-c["rounds"], c["name"], c["key"]))
