"""The merge stage: one record per real-world round, built from every article's mentions (claims).

The policy is written down in docs/merge-policy.md and pinned by tests/knowledge/. In short:
- Claims of one organisation group when their stages are compatible (equal stage and variant, or
  one unknown), their amounts and valuations agree within a tolerance (or one is missing), and
  their dates lie within a window of the group's; a claim goes to the best-fitting group.
- Status: completed > announced > in talks > planned > rumoured; a latest "cancelled" ends it.
- Figures: a completed claim's figure beats a talked-about one, then an exact figure beats a
  hedged one; a figure its own words cannot reconcile with the chosen one is kept as a conflict.
The grouping is a pure function of the claims (sorted input, no randomness), so rebuilding after
new articles arrive is deterministic.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dealscope import codec
from dealscope.domain import (
    FuzzyDate,
    Money,
    Precision,
    Qualifier,
    RoundMention,
    Stage,
    Status,
    ValuationBasis,
)
from dealscope.extract.cues import stage_variant
from dealscope.fx import to_usd

PROGRESS = {
    Status.RUMORED: 1,
    Status.PLANNED: 2,
    Status.IN_TALKS: 3,
    Status.ANNOUNCED: 4,
    Status.COMPLETED: 5,
    Status.CANCELLED: 6,
}
FINAL = frozenset({Status.COMPLETED, Status.ANNOUNCED, Status.CANCELLED})
_CONFIRMING = frozenset({Status.COMPLETED, Status.ANNOUNCED})
AMOUNT_TOLERANCE = 0.15  # "约 65 亿" vs "66 亿", "不到 10 亿" vs "$750 million" are one round
HEDGED_TOLERANCE = 0.35  # a hedge ("不到", "more than") bounds a figure on one side only
# Two claims naming the same explicit stage within the window are one round even when their figures
# disagree this much (a conflict to show); beyond it they are read as different rounds.
SAME_STAGE_TOLERANCE = 0.5
CONFLICT_TOLERANCE = 0.02  # two exact figures further apart than this are a conflict
APPROXIMATE_TOLERANCE = 0.10  # "约 65 亿" is consistent with anything within 10 %
DATE_WINDOW_DAYS = 120  # rumour in September, close in early October; not talks a year apart
MAX_SPAN_DAYS = 240  # a chain of monthly reports does not stretch one round over years
# Two closes of "one" round this far apart are two rounds (a $4B investment in November, a $3.5B Series E
# in March); talks and rumours before a close may stretch over the longer window above.
COMPLETED_APART_DAYS = 60
# A round resized between talks and close keeps its price: $170B in talks, $183B at the close.
RESIZED_VALUATION_TOLERANCE = 0.10

_HEDGES = frozenset(
    {Qualifier.UNDER, Qualifier.AT_MOST, Qualifier.OVER, Qualifier.AT_LEAST, Qualifier.APPROXIMATE}
)


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
    investor_keys: tuple[str, ...] = ()  # one per mention.investors; empty: resolve by the gazetteer

    @property
    def status(self) -> Status:
        return self.mention.status.status

    @functools.cached_property
    def stage(self) -> Stage:
        return self.mention.stage.stage if self.mention.stage else Stage.UNKNOWN

    @functools.cached_property
    def variant(self) -> tuple[bool, bool, str]:
        """Pre-A, A+ and A1 are rounds of their own within series A: (pre, plus, number)."""
        return stage_variant(self.mention.stage.raw if self.mention.stage else "")

    @property
    def bare(self) -> bool:
        """No stage, no figure: the claim names no round in particular."""
        m = self.mention
        return self.stage is Stage.UNKNOWN and not _stated(m.amount) and not _stated(m.valuation)


@dataclass
class _Group:
    index: int
    company_key: str
    claims: list[Claim] = field(default_factory=list)
    stages: set[tuple[Stage, tuple[bool, bool, str]]] = field(default_factory=set)

    def add(self, c: Claim) -> None:
        self.claims.append(c)
        if c.stage is not Stage.UNKNOWN:
            self.stages.add((c.stage, c.variant))


def claim_date(m: RoundMention, published: FuzzyDate | None) -> FuzzyDate | None:
    """A mention's date: its own event date, else (for the round an article reports) the article's."""
    if m.event_date and m.event_date.date:
        return m.event_date.date
    if m.background:
        return None
    if m.disclosed_date and m.disclosed_date.date:
        return m.disclosed_date.date
    return published


# --------------------------------------------------------------------------- grouping


def group_claims(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Group claims into rounds (deterministic: input order does not matter)."""
    ordered = sorted(claims, key=lambda c: (c.company_key, _ord(c.on), c.mention_id))
    groups: list[_Group] = []
    by_company: dict[str, list[_Group]] = defaultdict(list)
    for c in ordered:
        candidates = by_company[c.company_key]
        fits = [g for g in candidates if _fits(g, c)]
        if c.on is None and c.bare and len(candidates) != 1:
            fits = []  # an undated claim with nothing specific cannot tell which of several rounds it is
        if fits:
            target = min(fits, key=lambda g: (_stage_rank(g, c), _distance(g, c), g.index))
        else:
            target = _Group(len(groups), c.company_key)
            groups.append(target)
            candidates.append(target)
        target.add(c)
    return [g.claims for g in groups]


def _ord(d: FuzzyDate | None) -> date:
    return d.value if d else date.max


@functools.lru_cache(maxsize=8192)
def interval(d: FuzzyDate) -> tuple[date, date]:
    """The first and last day a date of its precision may mean ("2024-06" is June 1 to June 30)."""
    v = d.value
    if d.precision is Precision.DAY:
        return v, v
    if d.precision is Precision.MONTH:
        nxt = date(v.year + v.month // 12, v.month % 12 + 1, 1)
        return v, nxt - timedelta(days=1)
    if d.precision is Precision.QUARTER:
        start = date(v.year, (v.month - 1) // 3 * 3 + 1, 1)
        end_month = start.month + 2
        nxt = date(v.year + end_month // 12, end_month % 12 + 1, 1)
        return start, nxt - timedelta(days=1)
    return date(v.year, 1, 1), date(v.year, 12, 31)


def _gap(a: FuzzyDate, b: FuzzyDate) -> int:
    a0, a1 = interval(a)
    b0, b1 = interval(b)
    return max(0, (b0 - a1).days, (a0 - b1).days)


def _distance(g: _Group, c: Claim) -> int:
    if c.on is None:
        return DATE_WINDOW_DAYS + 1
    gaps = [_gap(c.on, x.on) for x in g.claims if x.on]
    return min(gaps) if gaps else DATE_WINDOW_DAYS + 1


def _stage_rank(g: _Group, c: Claim) -> int:
    return 0 if c.stage is not Stage.UNKNOWN and (c.stage, c.variant) in g.stages else 1


def _fits(g: _Group, c: Claim) -> bool:
    if c.stage is not Stage.UNKNOWN and any(s != (c.stage, c.variant) for s in g.stages):
        return False
    m = c.mention
    if m.valuation is not None and any(st in _NO_PRICE for st, _ in g.stages):
        return False  # a loan or a grant sets no valuation: a claim stating one is about equity
    if any(x.document_id == c.document_id and x.mention.background != m.background for x in g.claims):
        return False  # one article telling its news and an earlier round: two rounds by its own words
    for other in _compared(g, c):
        o = other.mention
        same_stage = c.stage is not Stage.UNKNOWN and other.stage is c.stage
        tol = SAME_STAGE_TOLERANCE if same_stage else AMOUNT_TOLERANCE
        if (
            m.amount
            and o.amount
            and not _agree(m.amount.money, o.amount.money, tol)
            and not _resized(c, other)
        ):
            return False
        if m.valuation and o.valuation and not _valuations_agree(c, other, tol):
            return False
    if c.on is None:
        return True
    dated = [x.on for x in g.claims if x.on]
    if not dated:
        return True
    if c.status is Status.COMPLETED and any(
        x.status is Status.COMPLETED and x.on and _gap(c.on, x.on) > COMPLETED_APART_DAYS for x in g.claims
    ):
        return False  # a round completes once: closes told months apart are two rounds
    if min(_gap(c.on, d) for d in dated) > DATE_WINDOW_DAYS:
        return False
    # The shortest span the periods allow: "2024" and 2024-11-20 may be the same week.
    latest_start = max(interval(d)[0] for d in (*dated, c.on))
    earliest_end = min(interval(d)[1] for d in (*dated, c.on))
    return (latest_start - earliest_end).days <= MAX_SPAN_DAYS


_NO_PRICE = frozenset({Stage.DEBT, Stage.GRANT})


def _compared(g: _Group, c: Claim) -> list[Claim]:
    """The claims a new claim's figures must agree with. A close is compared with the other final
    claims and with the latest report before it only: talks move ($3 billion rumoured, $3.5 billion in
    talks, $4 billion at the close), and a stale rumour does not make the close another round."""
    if c.status not in FINAL:
        return g.claims
    before = [x for x in g.claims if x.status not in FINAL]
    latest = max(before, key=lambda x: (_ord(x.on), x.mention_id)) if before else None
    return [x for x in g.claims if x.status in FINAL or x is latest]


def _resized(a: Claim, b: Claim) -> bool:
    """Talks that closed bigger or smaller ("in talks to raise $5 billion at $170 billion", then "$13
    billion at $183 billion"): one claim before the close, one final, and the valuations agree."""
    if (a.status in FINAL) == (b.status in FINAL):
        return False
    va, vb = a.mention.valuation, b.mention.valuation
    if va is None or vb is None or Qualifier.RANGE in (va.money.qualifier, vb.money.qualifier):
        return False
    return _valuations_agree(a, b, RESIZED_VALUATION_TOLERANCE)


def _valuations_agree(a: Claim, b: Claim, tolerance: float) -> bool:
    va, vb = a.mention.valuation, b.mention.valuation
    if va is None or vb is None:
        return True
    if {a.mention.valuation_basis, b.mention.valuation_basis} != {ValuationBasis.PRE, ValuationBasis.POST}:
        return _agree(va.money, vb.money, tolerance)
    # Pre-money plus the round is post-money: compare like with like when the amount is known.
    pre, post = (va, vb) if a.mention.valuation_basis is ValuationBasis.PRE else (vb, va)
    amount = a.mention.amount or b.mention.amount
    pv = _usd_or_native(pre.money)[0]
    postv = _usd_or_native(post.money)[0]
    amt = _usd_or_native(amount.money)[0] if amount else None
    if pv is None or postv is None or amt is None:
        return _agree(va.money, vb.money, max(tolerance, HEDGED_TOLERANCE))
    hi, lo = max(pv + amt, postv), min(pv + amt, postv)
    return hi == 0 or (hi - lo) / hi <= tolerance


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
    # Bounds loosen the test: "不到 10 亿" (under 1B) agrees with 750 million. "约" (about) does not:
    # about 750 billion is not 500 billion.
    hedged = {a.qualifier, b.qualifier} & _HEDGES - {Qualifier.APPROXIMATE}
    limit = max(tolerance, HEDGED_TOLERANCE) if hedged else tolerance
    return (hi - lo) / hi <= limit


def _stated(x: Any) -> bool:
    return x is not None and x.money.qualifier is not Qualifier.UNDISCLOSED


# --------------------------------------------------------------------------- consolidation


def consolidate(claims: list[Claim], display_name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The record of one round: export fields plus history, conflicts, aliases and member ids."""
    claims = sorted(claims, key=lambda c: (_ord(c.on), c.mention_id))
    status_claim = _status_claim(claims)
    best_amount, amount_conflicts = _pick_money(claims, "amount")
    best_val, val_conflicts = _pick_money(claims, "valuation")
    stage_claim = next((c for c in claims if c.stage is not Stage.UNKNOWN), None)
    any_stage = stage_claim or next((c for c in claims if c.mention.stage), None)
    completed = [c for c in claims if c.status is Status.COMPLETED and c.on]
    dated = completed or [c for c in claims if c.on]
    on = dated[0].on if dated else None
    # Once an article confirms the round and names its investors, names only the talks or rumours
    # gave ("Apple is in discussions to participate") are prospective: kept, not counted as investors.
    confirming = [c for c in claims if c.status in _CONFIRMING and c.mention.investors]
    investors = _investors(confirming or claims)
    invested = {i["key"] for i in investors}
    prospective = [i for i in _investors(claims) if i["key"] not in invested] if confirming else []
    company_key = claims[0].company_key
    name = display_name(company_key) if display_name else _common_name(claims)
    val_claim = next(
        (c for c in claims if c.mention.valuation and c.mention.valuation.money is best_val), None
    )
    basis = val_claim.mention.valuation_basis.value if val_claim else "unspecified"
    if basis == "unspecified":
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
        "round": stage_claim.stage.value if stage_claim else "unknown",
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
        "prospective_investors": prospective,
        "history": [_history(c) for c in claims],
        "conflicts": amount_conflicts + val_conflicts,
        "mention_ids": [c.mention_id for c in claims],
        "confidence": max(c.mention.confidence for c in claims),
    }
    return record


def round_id(company_key: str, claims: Sequence[Claim]) -> str:
    """Stable id: the company and the earliest mention of the round."""
    first = min(c.mention_id for c in claims)
    return "r" + hashlib.sha256(f"{company_key}|{first}".encode()).hexdigest()[:11]


def _history(c: Claim) -> dict[str, Any]:
    m = c.mention
    return {
        "status": c.status.value,
        "date": c.on.iso() if c.on else None,
        "document_id": c.document_id,
        "title": c.source.get("title"),
        "cue": m.status.cue,
        "amount": m.amount.money.raw if m.amount else None,
        "amount_usd": m.amount.money.usd if m.amount else None,
        "valuation": m.valuation.money.raw if m.valuation else None,
        "valuation_usd": m.valuation.money.usd if m.valuation else None,
    }


def _status_claim(claims: list[Claim]) -> Claim:
    latest_cancel = [c for c in claims if c.status is Status.CANCELLED]
    if latest_cancel and latest_cancel[-1] is claims[-1]:
        return latest_cancel[-1]
    live = [c for c in claims if c.status is not Status.CANCELLED] or claims
    return max(live, key=lambda c: (PROGRESS[c.status], _ord(c.on) if c.on else date.min))


_SPECIFIC = {
    Qualifier.EXACT: 4,
    Qualifier.APPROXIMATE: 3,
    Qualifier.OVER: 2,
    Qualifier.UNDER: 2,
    Qualifier.AT_LEAST: 2,
    Qualifier.AT_MOST: 2,
    Qualifier.RANGE: 1,
    Qualifier.UNDISCLOSED: 0,
}


def _specificity(m: Money) -> int:
    if m.qualifier is Qualifier.RANGE and m.value is None:
        return 1 if m.low is not None and m.high is not None else 0
    if m.value is None:
        return 0
    return _SPECIFIC[m.qualifier]


def _pick_money(claims: list[Claim], attr: str) -> tuple[Money | None, list[dict[str, Any]]]:
    found = [(c, getattr(c.mention, attr).money) for c in claims if getattr(c.mention, attr) is not None]
    if not found:
        return None, []

    def rank(item: tuple[Claim, Money]) -> tuple[bool, bool, int, int, int, date]:
        c, m = item
        spec = _specificity(m)
        # A timeline shows post-money values: of a round's pre- and post-money figures, the post one.
        basis = _BASIS_RANK[c.mention.valuation_basis] if attr == "valuation" else 0
        return spec > 0, c.status in FINAL, basis, spec, PROGRESS[c.status], _ord(c.on) if c.on else date.min

    best_claim, best = max(found, key=rank)
    conflicts = [
        {
            "field": attr,
            "value": _money_out(m),
            "document_id": c.document_id,
            "title": c.source.get("title"),
            "status": c.status.value,
            "date": c.on.iso() if c.on else None,
            "chosen": _money_out(best),
            "chosen_document_id": best_claim.document_id,
        }
        for c, m in found
        if c is not best_claim
        and not consistent(m, best)
        # Pre- and post-money are two measures of one round, not a disagreement.
        and not (attr == "valuation" and _other_basis(c, best_claim))
    ]
    return best, conflicts


_BASIS_RANK = {ValuationBasis.POST: 2, ValuationBasis.UNSPECIFIED: 1, ValuationBasis.PRE: 0}


def _other_basis(a: Claim, b: Claim) -> bool:
    bases = {a.mention.valuation_basis, b.mention.valuation_basis}
    return bases == {ValuationBasis.PRE, ValuationBasis.POST}


def consistent(claimed: Money, chosen: Money) -> bool:
    """Whether a claim's words allow the chosen figure: "约 65 亿" allows 66 亿, "超 10 亿" allows 12 亿."""
    target, tc = _usd_or_native(chosen)
    if target is None:
        return True
    v, cur = _usd_or_native(claimed)
    if cur and tc and cur != tc:
        return True
    usd = claimed.usd is not None
    low = claimed.low_usd if usd else claimed.low
    high = claimed.high_usd if usd else claimed.high
    q = claimed.qualifier
    tol = CONFLICT_TOLERANCE
    if q is Qualifier.UNDISCLOSED or (v is None and (low is None or high is None)):
        return True
    if q is Qualifier.APPROXIMATE:
        tol = APPROXIMATE_TOLERANCE
    if q in (Qualifier.OVER, Qualifier.AT_LEAST):
        return target >= (low if low is not None else v or 0) * (1 - tol)
    if q in (Qualifier.UNDER, Qualifier.AT_MOST):
        return target <= (high if high is not None else v or 0) * (1 + tol)
    if q is Qualifier.RANGE and low is not None and high is not None:
        return low * (1 - tol) <= target <= high * (1 + tol)
    assert v is not None
    return abs(target - v) <= max(abs(target), abs(v)) * tol


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


def _investor_keys(c: Claim) -> tuple[str, ...]:
    if len(c.investor_keys) == len(c.mention.investors):
        return c.investor_keys
    from dealscope.resolve import investor_key

    return tuple(investor_key(i.name) for i in c.mention.investors)


def _investors(claims: list[Claim]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for c in claims:
        for inv, key in zip(c.mention.investors, _investor_keys(c), strict=True):
            cur = out.get(key)
            amount = _money_out(inv.amount.money) if inv.amount else None
            if cur is None:
                out[key] = {"name": inv.name, "lead": inv.role.value == "lead", "amount": amount, "key": key}
            else:
                cur["lead"] = cur["lead"] or inv.role.value == "lead"
                cur["amount"] = cur["amount"] or amount
                if inv.name.isascii() == cur["name"].isascii() and len(inv.name) > len(cur["name"]):
                    # "a16z" in a headline, "Andreessen Horowitz" in the body: show the fuller name
                    # (within one script, so a Chinese article keeps its Chinese names).
                    cur["name"] = inv.name
    return sorted(out.values(), key=lambda i: (not i["lead"],))


def seen_names(claims: Iterable[Claim]) -> Iterator[tuple[str, str, str]]:
    """(key, written name, "company" | "investor") for every name the claims mention."""
    for c in claims:
        yield c.company_key, c.company_name, "company"
        for inv, key in zip(c.mention.investors, _investor_keys(c), strict=True):
            yield key, inv.name, "investor"


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


__all__ = [
    "Claim",
    "claim_date",
    "codec",
    "consistent",
    "consolidate",
    "convert",
    "group_claims",
    "interval",
    "records_from",
    "seen_names",
    "stage_variant",
]
