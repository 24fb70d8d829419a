"""The merge stage: one record per real-world round, built from every article's mentions.

Policy (documented in docs/knowledge.md and pinned by tests):
- Mentions group when they name the same organisation (after resolution), their stages are
  compatible (equal, or one unknown), their amounts and valuations agree within 15 % (or one is
  missing), and their dates lie within 120 days of the group (or one is unknown).
- Status: the most advanced claim wins (completed > announced > in talks > planned > rumoured), and
  a later "cancelled" ends the round; the history keeps every claim with its date.
- Values: an exact figure beats a hedged one; among equals the claim of the most advanced status,
  then the latest article, wins. Figures that disagree beyond 2 % are kept as conflicts.
- The date is the first completed claim's date, else the earliest claim's date.
The grouping is a pure function of the mentions (sorted input, no randomness), so rebuilding after
new articles arrive is deterministic.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dealscope import codec
from dealscope.domain import FuzzyDate, Money, Qualifier, RoundMention, Stage, Status
from dealscope.fx import to_usd

PROGRESS = {
    Status.RUMORED: 1,
    Status.PLANNED: 2,
    Status.IN_TALKS: 3,
    Status.ANNOUNCED: 4,
    Status.COMPLETED: 5,
    Status.CANCELLED: 6,
}
AMOUNT_TOLERANCE = 0.15  # "约 65 亿" vs "66 亿", "不到 10 亿" vs "$750 million" are one round
CONFLICT_TOLERANCE = 0.02  # beyond this two figures of one round are shown as a conflict
DATE_WINDOW_DAYS = 120  # rumour in September, close in early October; not talks a year apart


@dataclass(frozen=True)
class Claim:
    """One article's mention of a round, with what the merge needs to know about its source."""

    mention_id: str
    document_id: str
    mention: RoundMention
    company_key: str
    company_name: str
    on: FuzzyDate | None
    source: dict[str, Any]

    @property
    def status(self) -> Status:
        return self.mention.status.status


@dataclass
class _Group:
    company_key: str
    claims: list[Claim] = field(default_factory=list)

    def stage(self) -> Stage:
        for c in self.claims:
            if c.mention.stage and c.mention.stage.stage is not Stage.UNKNOWN:
                return c.mention.stage.stage
        return Stage.UNKNOWN


def claim_date(m: RoundMention, published: FuzzyDate | None) -> FuzzyDate | None:
    """A mention's date: its own event date, else (for the round an article reports) the article's."""
    if m.event_date and m.event_date.date:
        return m.event_date.date
    if m.background:
        return None
    if m.disclosed_date and m.disclosed_date.date:
        return m.disclosed_date.date
    return published


def group_claims(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Group claims into rounds (deterministic: input order does not matter)."""
    ordered = sorted(claims, key=lambda c: (c.company_key, _ord(c.on), c.mention_id))
    groups: list[_Group] = []
    by_company: dict[str, list[_Group]] = defaultdict(list)
    for c in ordered:
        target = None
        for g in by_company[c.company_key]:
            if _fits(g, c):
                target = g
                break
        if target is None:
            target = _Group(c.company_key)
            groups.append(target)
            by_company[c.company_key].append(target)
        target.claims.append(c)
    return [g.claims for g in groups]


def _ord(d: FuzzyDate | None) -> date:
    return d.value if d else date.max


def _fits(g: _Group, c: Claim) -> bool:
    m = c.mention
    stage = m.stage.stage if m.stage else Stage.UNKNOWN
    gstage = g.stage()
    if Stage.UNKNOWN not in (stage, gstage) and stage is not gstage:
        return False
    for other in g.claims:
        o = other.mention
        if m.amount and o.amount and not _agree(m.amount.money, o.amount.money, AMOUNT_TOLERANCE):
            return False
        if m.valuation and o.valuation and not _agree(m.valuation.money, o.valuation.money, AMOUNT_TOLERANCE):
            return False
    dates = [x.on.value for x in g.claims if x.on]
    if c.on and dates and min(abs((c.on.value - d).days) for d in dates) > DATE_WINDOW_DAYS:
        return False
    # Without any figure or stage, an undated claim only joins a group that has one claim so far.
    return not (stage is Stage.UNKNOWN and not m.amount and not m.valuation and len(g.claims) > 3)


def _usd_or_native(m: Money) -> tuple[float | None, str | None]:
    if m.usd is not None:
        return m.usd, "USD"
    return m.value, m.currency


def _agree(a: Money, b: Money, tolerance: float) -> bool:
    va, ca = _usd_or_native(a)
    vb, cb = _usd_or_native(b)
    if va is None or vb is None:
        lo_a, hi_a = a.low_usd or a.low, a.high_usd or a.high
        lo_b, hi_b = b.low_usd or b.low, b.high_usd or b.high
        if None in (lo_a, hi_a, lo_b, hi_b):
            return True
        return not (hi_a < lo_b or hi_b < lo_a)  # type: ignore[operator]
    if ca and cb and ca != cb:
        return True
    hi, lo = max(va, vb), min(va, vb)
    if hi == 0:
        return True
    # Hedges loosen the test: "不到 10 亿" (under 1B) agrees with 750 million.
    hedged = {a.qualifier, b.qualifier} & {
        Qualifier.UNDER,
        Qualifier.AT_MOST,
        Qualifier.OVER,
        Qualifier.AT_LEAST,
        Qualifier.APPROXIMATE,
    }
    limit = max(tolerance, 0.35) if hedged else tolerance
    return (hi - lo) / hi <= limit


# --------------------------------------------------------------------------- consolidation


def consolidate(claims: list[Claim], display_name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The record of one round: export fields plus history, conflicts, aliases and member ids."""
    claims = sorted(claims, key=lambda c: (_ord(c.on), c.mention_id))
    status_claim = _status_claim(claims)
    best_amount, amount_conflicts = _pick_money(claims, "amount")
    best_val, val_conflicts = _pick_money(claims, "valuation")
    stage_claim = next(
        (c for c in claims if c.mention.stage and c.mention.stage.stage is not Stage.UNKNOWN), None
    )
    any_stage = stage_claim or next((c for c in claims if c.mention.stage), None)
    completed = [c for c in claims if c.status is Status.COMPLETED and c.on]
    dated = completed or [c for c in claims if c.on]
    on = dated[0].on if dated else None
    investors = _investors(claims)
    company_key = claims[0].company_key
    name = display_name(company_key) if display_name else _common_name(claims)
    basis = next(
        (
            c.mention.valuation_basis.value
            for c in claims
            if c.mention.valuation and c.mention.valuation_basis.value != "unspecified"
        ),
        "unspecified",
    )
    record: dict[str, Any] = {
        "id": round_id(company_key, claims),
        "company": name,
        "round": (
            stage_claim.mention.stage.stage.value if stage_claim and stage_claim.mention.stage else "unknown"
        ),
        "round_raw": any_stage.mention.stage.raw if any_stage and any_stage.mention.stage else None,
        "status": status_claim.status.value,
        "announced_on": on.iso() if on else None,
        "amount": _money_out(best_amount),
        "valuation": _money_out(best_val),
        "valuation_basis": basis if best_val else "unspecified",
        "lead_investors": [i["name"] for i in investors if i["lead"]],
        "investors": investors,
        "sources": [_source(c) for c in claims],
        # Beyond the export format:
        "company_key": company_key,
        "aliases": sorted({c.company_name for c in claims} - {name}),
        "background": all(c.mention.background for c in claims),
        "history": [
            {
                "status": c.status.value,
                "date": c.on.iso() if c.on else None,
                "document_id": c.document_id,
                "cue": c.mention.status.cue,
            }
            for c in claims
        ],
        "conflicts": amount_conflicts + val_conflicts,
        "mention_ids": [c.mention_id for c in claims],
        "confidence": max(c.mention.confidence for c in claims),
    }
    return record


def round_id(company_key: str, claims: Sequence[Claim]) -> str:
    """Stable id: the company and the earliest mention of the round."""
    first = min(c.mention_id for c in claims)
    return "r" + hashlib.sha256(f"{company_key}|{first}".encode()).hexdigest()[:11]


def _status_claim(claims: list[Claim]) -> Claim:
    latest_cancel = [c for c in claims if c.status is Status.CANCELLED]
    if latest_cancel and latest_cancel[-1] is claims[-1]:
        return latest_cancel[-1]
    live = [c for c in claims if c.status is not Status.CANCELLED] or claims
    return max(live, key=lambda c: (PROGRESS[c.status], _ord(c.on) if c.on else date.min))


def _pick_money(claims: list[Claim], attr: str) -> tuple[Money | None, list[dict[str, Any]]]:
    found = [(c, getattr(c.mention, attr).money) for c in claims if getattr(c.mention, attr) is not None]
    if not found:
        return None, []

    def rank(item: tuple[Claim, Money]) -> tuple[int, int, int, date]:
        c, m = item
        exact = 1 if m.qualifier is Qualifier.EXACT and m.value is not None else 0
        stated = 1 if m.value is not None else 0
        return exact, stated, PROGRESS[c.status], _ord(c.on) if c.on else date.min

    best_claim, best = max(found, key=rank)
    conflicts = [
        {"field": attr, "value": _money_out(m), "document_id": c.document_id, "chosen": _money_out(best)}
        for c, m in found
        if c is not best_claim and not _agree(m, best, CONFLICT_TOLERANCE)
    ]
    return best, conflicts


def _money_out(m: Money | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "raw": m.raw,
        "value": m.value,
        "currency": m.currency,
        "low": m.low,
        "high": m.high,
        "qualifier": m.qualifier.value,
        "usd": m.usd,
        "low_usd": m.low_usd,
        "high_usd": m.high_usd,
        "fx_rate": m.fx_rate,
        "fx_date": m.fx_date.isoformat() if m.fx_date else None,
    }


def _investors(claims: list[Claim]) -> list[dict[str, Any]]:
    from dealscope.resolve import investor_key

    out: dict[str, dict[str, Any]] = {}
    for c in claims:
        for inv in c.mention.investors:
            key = investor_key(inv.name)
            cur = out.get(key)
            amount = _money_out(inv.amount.money) if inv.amount else None
            if cur is None:
                out[key] = {"name": inv.name, "lead": inv.role.value == "lead", "amount": amount, "key": key}
            else:
                cur["lead"] = cur["lead"] or inv.role.value == "lead"
                cur["amount"] = cur["amount"] or amount
    return sorted(out.values(), key=lambda i: (not i["lead"],))


def _source(c: Claim) -> dict[str, Any]:
    """The export's source entry: the caller's document fields plus the span of the round's sentence."""
    ev = c.mention.evidence
    return {**c.source, "start": ev.span.start, "end": ev.span.end}


def _common_name(claims: list[Claim]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        counts[c.company_name] += 1
    return max(sorted(counts), key=lambda n: counts[n])


def convert(m: RoundMention, on: FuzzyDate | None, fallback: date | None) -> RoundMention:
    """The mention with USD amounts at the rate of its date (or the article's)."""
    import dataclasses

    day = on.value if on else fallback
    if day is None:
        return m

    def mm(x: Any) -> Any:
        return dataclasses.replace(x, money=to_usd(x.money, day)) if x is not None else None

    investors = tuple(dataclasses.replace(i, amount=mm(i.amount)) for i in m.investors)
    return dataclasses.replace(m, amount=mm(m.amount), valuation=mm(m.valuation), investors=investors)


def records_from(
    claims: Iterable[Claim], display_name: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    records = [consolidate(g, display_name) for g in group_claims(list(claims))]
    return sorted(records, key=lambda r: (r["announced_on"] or "", r["id"]), reverse=True)


__all__ = ["Claim", "claim_date", "codec", "consolidate", "convert", "group_claims", "records_from"]
