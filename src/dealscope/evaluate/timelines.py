"""Scoring the knowledge layer across articles against `timelines.json` (`dealscope-timelines/1`).

A timeline corpus is a folder of articles that tell the same companies' rounds over years, plus the
gold of what a careful analyst gets from all of them together: each company's distinct rounds and
its valuation timeline, and each investor's portfolio under all its spellings. `evaluate_timelines`
runs the real pipeline (read, extract, store into a scratch SQLite file, resolve, merge) and compares
`dealscope company` and `dealscope investor` with that gold.

Matching, in order of preference (greedy, nearest first):
- a valuation point matches a gold point when their USD values are within `VALUE_TOLERANCE` (the gold
  value converted at its own date) and their dates lie within `DATE_SLACK_DAYS` of each other's
  period; an undated point matches on value alone. A predicted point that matches a gold point already
  taken is a *duplicate*: the same valuation listed twice.
- a round matches a gold round when dates agree as above, stages are compatible (equal, or either
  unknown) and every figure both state agrees (amounts within `AMOUNT_TOLERANCE`, valuations within
  `VALUE_TOLERANCE`); a round with no figure on either side needs a stated, equal stage.
- a portfolio entry matches a gold entry when the company is the same organisation and the dates agree.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dealscope.domain import Money, Qualifier, Stage, Status
from dealscope.errors import DealscopeError, UsageError
from dealscope.evaluate.gold import articles_dir
from dealscope.evaluate.report import Score
from dealscope.fx import to_usd

FORMAT = "dealscope-timelines/1"
VALUE_TOLERANCE = 0.06  # conversions at two dates a few weeks apart differ by a few per cent
AMOUNT_TOLERANCE = 0.10
DATE_SLACK_DAYS = 45  # talks in September and the close on 2 October are one round's dates
_STATUSES = frozenset(s.value for s in Status)
_STAGES = frozenset(s.value for s in Stage)


@dataclass(frozen=True)
class Tally:
    """Matches of one list (valuation points, rounds or a portfolio) against its gold."""

    score: Score = field(default_factory=Score)
    agree: int = 0  # matched pairs whose status (or role) agrees
    duplicates: int = 0  # predictions matching a gold item another prediction already took
    in_order: bool = True  # matched predictions sorted by date follow the gold order

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.score + other.score,
            self.agree + other.agree,
            self.duplicates + other.duplicates,
            self.in_order and other.in_order,
        )


@dataclass(frozen=True)
class CompanyResult:
    name: str
    found: str | None  # the organisation key the name resolved to, None when not in the database
    valuations: Tally
    rounds: Tally
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvestorResult:
    name: str
    gathered: bool  # every spelling seen resolves to one organisation
    portfolio: Tally
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineReport:
    folder: str
    documents: int
    companies: tuple[CompanyResult, ...]
    investors: tuple[InvestorResult, ...]

    @property
    def valuations(self) -> Tally:
        return sum((c.valuations for c in self.companies), Tally())

    @property
    def rounds(self) -> Tally:
        return sum((c.rounds for c in self.companies), Tally())

    @property
    def portfolios(self) -> Tally:
        return sum((i.portfolio for i in self.investors), Tally())

    @property
    def names_gathered(self) -> tuple[int, int]:
        return sum(i.gathered for i in self.investors), len(self.investors)

    @property
    def timelines_exact(self) -> tuple[int, int]:
        """Companies whose valuation timeline is exactly the gold: every point once, in order, statuses right."""
        exact = sum(
            1
            for c in self.companies
            if c.valuations.score.fp == 0
            and c.valuations.score.fn == 0
            and c.valuations.in_order
            and c.valuations.agree == c.valuations.score.tp
        )
        return exact, len(self.companies)


# --------------------------------------------------------------------------- gold


def load_timelines(folder: str | Path) -> dict[str, Any]:
    """Read and check `folder/timelines.json`; UsageError names the first problem."""
    path = Path(folder) / "timelines.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file (a timeline corpus needs a timelines.json)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    _check(data, str(path))
    return data  # type: ignore[no-any-return]


def _check(data: Any, source: str) -> None:
    def need(ok: bool, where: str, what: str) -> None:
        if not ok:
            raise UsageError(f"{source}: {where}: {what}")

    need(isinstance(data, dict) and data.get("format") == FORMAT, "top level", f"format must be {FORMAT!r}")
    for i, c in enumerate(data.get("companies", [])):
        where = f"companies[{i}]"
        need(isinstance(c, dict) and isinstance(c.get("name"), str), where, "needs a name")
        for j, v in enumerate(c.get("valuations", [])):
            need(isinstance(v.get("value"), int | float), f"{where}.valuations[{j}]", "needs a numeric value")
            need(v.get("status") in _STATUSES, f"{where}.valuations[{j}]", "unknown status")
            _check_date(v.get("date"), f"{where}.valuations[{j}]", need)
        for j, r in enumerate(c.get("rounds", [])):
            need(r.get("status") in _STATUSES, f"{where}.rounds[{j}]", "unknown status")
            need(r.get("round", "unknown") in _STAGES, f"{where}.rounds[{j}]", "unknown stage")
            _check_date(r.get("date"), f"{where}.rounds[{j}]", need)
    for i, inv in enumerate(data.get("investors", [])):
        where = f"investors[{i}]"
        need(isinstance(inv, dict) and isinstance(inv.get("name"), str), where, "needs a name")
        need(isinstance(inv.get("names_seen", []), list), where, "names_seen must be a list")
        for j, p in enumerate(inv.get("portfolio", [])):
            need(isinstance(p.get("company"), str), f"{where}.portfolio[{j}]", "needs a company")
            _check_date(p.get("round_date"), f"{where}.portfolio[{j}]", need)


def _check_date(value: Any, where: str, need: Callable[[bool, str, str], None]) -> None:
    if value is not None:
        need(isinstance(value, str) and _period(value) is not None, where, f"bad date {value!r}")


# --------------------------------------------------------------------------- running


def evaluate_timelines(folder: str | Path, extractor: str = "rules-v1") -> TimelineReport:
    """Ingest the folder's articles into a scratch database and score companies and investors."""
    from dealscope import api
    from dealscope.store.db import Store

    gold = load_timelines(folder)
    with (
        tempfile.TemporaryDirectory(prefix="dealscope-timelines-") as tmp,
        Store.open(Path(tmp) / "timelines.db") as store,
    ):
        report = api.ingest([articles_dir(folder)], store, api.IngestOptions(extractor=extractor))
        companies = tuple(_score_company(store, c) for c in gold.get("companies", []))
        investors = tuple(_score_investor(store, i) for i in gold.get("investors", []))
    return TimelineReport(str(folder), report.read, companies, investors)


def _find(store: Any, names: Sequence[str]) -> Any:
    from dealscope.analyse import orgs

    for name in names:
        try:
            return orgs.find(store, name)
        except DealscopeError:
            continue
    return None


def _score_company(store: Any, gold: Mapping[str, Any]) -> CompanyResult:
    from dealscope.analyse.company import company_view

    org = _find(store, [gold["name"], *gold.get("aliases", [])])
    gold_points = gold.get("valuations", [])
    gold_rounds = gold.get("rounds", [])
    if org is None:
        missed = Tally(Score(fn=len(gold_points)))
        return CompanyResult(gold["name"], None, missed, Tally(Score(fn=len(gold_rounds))), ("not found",))
    view = company_view(store, org.name)
    notes: list[str] = []
    points = score_valuations(list(view.valuations), gold_points, notes)
    rounds = score_rounds(list(view.records), gold_rounds, notes)
    return CompanyResult(gold["name"], org.key, points, rounds, tuple(notes))


def _score_investor(store: Any, gold: Mapping[str, Any]) -> InvestorResult:
    from dealscope.analyse.investor import investor_view

    key_of = functools.lru_cache(maxsize=None)(lambda name: getattr(_find(store, [name]), "key", None))
    spellings = [gold["name"], *gold.get("names_seen", [])]
    found = [org for n in spellings if (org := _find(store, [n])) is not None]
    keys = {org.key for org in found}
    notes: list[str] = []
    if len(keys) > 1:
        notes.append(f"spellings resolve to {len(keys)} organisations: {', '.join(sorted(keys))}")
    portfolio = gold.get("portfolio", [])
    if not found:
        return InvestorResult(gold["name"], False, Tally(Score(fn=len(portfolio))), ("not found",))
    view = investor_view(store, found[0].name)
    company_keys = {p["company"]: key_of(p["company"]) for p in portfolio}
    # The investor's rounds are in the export format: each company's organisation, looked up once.
    rounds = [{**r, "company_key": key_of(r["company"])} for r in view.rounds]
    tally = score_portfolio(rounds, portfolio, company_keys, notes)
    return InvestorResult(gold["name"], len(keys) == 1, tally, tuple(notes))


# --------------------------------------------------------------------------- pure scoring


def score_valuations(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]], notes: list[str]
) -> Tally:
    """Valuation points of one company: `predicted` as `dealscope company` lists them."""
    gold_usd = [_gold_usd(g) for g in gold]

    def fits(p: Mapping[str, Any], gi: int) -> float | None:
        g = gold[gi]
        values = [gold_usd[gi], *(_gold_usd({**g, "value": v}) for v in g.get("conflict_values", []))]
        gap = _date_gap(p.get("date"), g.get("date"))
        if gap is None or gap > DATE_SLACK_DAYS:
            return None
        off = min((_rel(p.get("usd"), v) for v in values if v), default=None)
        if off is None or off > VALUE_TOLERANCE:
            return None
        return gap + 1000 * off

    pairs, duplicates = _match(predicted, len(gold), fits)
    agree = _statuses_agree(predicted, gold, pairs, "valuation", notes)
    _note_unmatched(notes, "valuation", predicted, gold, pairs, lambda p: f"{p.get('date')} ${p.get('usd')}")
    return Tally(
        Score(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)),
        agree,
        duplicates,
        _in_order(predicted, pairs),
    )


def score_rounds(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]], notes: list[str]
) -> Tally:
    """Rounds of one company: `predicted` as full round records, in date order."""

    def fits(p: Mapping[str, Any], gi: int) -> float | None:
        g = gold[gi]
        gap = _date_gap(p.get("announced_on"), g.get("date"))
        if gap is None or gap > DATE_SLACK_DAYS:
            return None
        stage, want = p.get("round") or "unknown", g.get("round") or "unknown"
        if "unknown" not in (stage, want) and stage != want:
            return None
        offs = []
        for key, tol in (("amount", AMOUNT_TOLERANCE), ("valuation", VALUE_TOLERANCE)):
            have, need = (p.get(key) or {}).get("usd"), _gold_usd(g[key]) if g.get(key) else None
            if have and need:
                off = _rel(have, need)
                if off > tol:
                    return None
                offs.append(off)
        if not offs and ("unknown" in (stage, want)):
            return None  # nothing ties them: no shared figure and no stated stage
        return gap + 1000 * sum(offs)

    pairs, duplicates = _match(predicted, len(gold), fits)
    agree = _statuses_agree(predicted, gold, pairs, "round", notes)
    _note_unmatched(
        notes,
        "round",
        predicted,
        gold,
        pairs,
        lambda p: (
            f"{p.get('announced_on')} {p.get('round')} {p.get('status')} ${(p.get('amount') or {}).get('usd')}"
        ),
    )
    return Tally(
        Score(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)),
        agree,
        duplicates,
        _in_order([{"date": p.get("announced_on")} for p in predicted], pairs),
    )


def score_portfolio(
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    company_keys: Mapping[str, str | None],
    notes: list[str],
) -> Tally:
    """An investor's rounds (`dealscope investor` JSON rounds) against its gold portfolio."""

    def fits(p: Mapping[str, Any], gi: int) -> float | None:
        g = gold[gi]
        if company_keys.get(g["company"]) != p.get("company_key"):
            return None
        gap = _date_gap(p.get("announced_on"), g.get("round_date"))
        return None if gap is None or gap > DATE_SLACK_DAYS else float(gap)

    pairs, duplicates = _match(predicted, len(gold), fits)
    agree = sum(1 for pi, gi in pairs if predicted[pi].get("role") == gold[gi].get("role"))
    _note_unmatched(
        notes, "portfolio", predicted, gold, pairs, lambda p: f"{p.get('company')} {p.get('announced_on')}"
    )
    return Tally(Score(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)), agree, duplicates)


def _match(
    predicted: Sequence[Mapping[str, Any]],
    n_gold: int,
    fits: Callable[[Mapping[str, Any], int], float | None],
) -> tuple[list[tuple[int, int]], int]:
    """Greedy one-to-one matching by cost; also counts predictions that fit only a taken gold item."""
    costs = sorted(
        (cost, pi, gi)
        for pi, p in enumerate(predicted)
        for gi in range(n_gold)
        if (cost := fits(p, gi)) is not None
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, pi, gi in costs:
        if pi not in used_p and gi not in used_g:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    fitting = {pi for _, pi, _ in costs}
    return sorted(pairs, key=lambda x: x[1]), len(fitting - used_p)


def _statuses_agree(
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    pairs: Sequence[tuple[int, int]],
    what: str,
    notes: list[str],
) -> int:
    """Matched pairs whose status agrees; each disagreement becomes a note."""
    agree = 0
    for pi, gi in pairs:
        have, want = predicted[pi].get("status"), gold[gi].get("status")
        if have == want:
            agree += 1
        else:
            notes.append(f"{what} {gold[gi].get('date')}: status {have}, gold {want}")
    return agree


def _in_order(predicted: Sequence[Mapping[str, Any]], pairs: Sequence[tuple[int, int]]) -> bool:
    """Matched predictions, taken in gold order, never go back in time."""
    dates = [predicted[pi].get("date") for pi, _ in sorted(pairs, key=lambda x: x[1])]
    known = [d for d in dates if d]
    # Compared at the coarser of the two precisions: "2024" is not before "2024-10".
    return all(a[: min(len(a), len(b))] <= b[: min(len(a), len(b))] for a, b in itertools.pairwise(known))


def _note_unmatched(
    notes: list[str],
    what: str,
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    pairs: Sequence[tuple[int, int]],
    show: Callable[[Mapping[str, Any]], str],
) -> None:
    taken_p = {pi for pi, _ in pairs}
    taken_g = {gi for _, gi in pairs}
    for gi, g in enumerate(gold):
        if gi not in taken_g:
            notes.append(f"{what} missed: {json.dumps(g, ensure_ascii=False, default=str)[:160]}")
    for pi, p in enumerate(predicted):
        if pi not in taken_p:
            notes.append(f"{what} extra: {show(p)}")


def _gold_usd(g: Mapping[str, Any]) -> float | None:
    value, currency = g.get("value"), g.get("currency") or "USD"
    if value is None:
        return None
    if currency == "USD":
        return float(value)
    period = _period(g.get("date") or "")
    money = to_usd(Money(str(value), float(value), currency, Qualifier.EXACT), period[0] if period else None)
    return money.usd


def _rel(a: float | None, b: float | None) -> float:
    if not a or not b:
        return float("inf")
    return abs(a - b) / max(abs(a), abs(b))


def _period(text: str) -> tuple[date, date] | None:
    try:
        parts = [int(x) for x in text.split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    return None


def _date_gap(a: str | None, b: str | None) -> int | None:
    """Days between two dates' periods (0 when they overlap). An unknown date may match any, at the
    largest gap allowed, so a dated match is always preferred."""
    if not a or not b:
        return DATE_SLACK_DAYS
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return None
    return max(0, (pb[0] - pa[1]).days, (pa[0] - pb[1]).days)
