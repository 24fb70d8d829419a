"""The `Frame`: what one segment of a sentence says about one round, before rounds are assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

from dealscope.domain import Money, Span, Stage, Status, ValuationBasis
from dealscope.extract.investors import InvestorFound
from dealscope.lang.dates import DateHit

Window = tuple[int, int]


@dataclass
class Frame:
    """One segment's statements about one round."""

    sentence: Span
    segment: Window
    zh: bool
    company: Window | None = None
    alias: Window | None = None
    stage: tuple[Stage, Window] | None = None
    amount: Money | None = None
    valuation: Money | None = None
    basis: ValuationBasis = ValuationBasis.UNSPECIFIED
    basis_span: Window | None = None
    investors: list[InvestorFound] = field(default_factory=list)
    status: tuple[Status, Window] | None = None
    event_date: DateHit | None = None
    disclosed: DateHit | None = None
    background: bool = False
    reference: bool = False
    round_verb: bool = False
    rejected: list[tuple[str, Window]] = field(default_factory=list)
    metrics: list[tuple[str, Money]] = field(default_factory=list)

    @property
    def has_round_facts(self) -> bool:
        return bool(self.amount or self.stage or self.investors or self.valuation)
