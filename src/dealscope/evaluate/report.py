"""Counts and reports of an evaluation: `Score`, `Mismatch`, `EvalReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The fields scored on every round, in report order.
FIELDS: tuple[str, ...] = (
    "company",
    "round",
    "status",
    "announced_on",
    "amount",
    "valuation",
    "valuation_basis",
    "lead_investors",
    "investors",
    "investor_amounts",
    "background",
)


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one field or of detection.

    Precision is 1.0 when nothing was predicted and nothing was expected (tp = fp = fn = 0), and 0.0
    when nothing was predicted but something was expected; recall mirrors that. F1 is 0.0 when both
    precision and recall are 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between the gold and the prediction, for debugging output."""

    file: str
    company: str
    field: str
    expected: Any
    predicted: Any


@dataclass(frozen=True)
class EvalReport:
    """Scores of a gold corpus.

    `rounds` is detection (matched pairs tp, unmatched predictions fp, unmatched gold rounds fn);
    `fields` scores every field over matched and unmatched rounds alike; `agreement` holds, per field,
    (matched pairs that agree, matched pairs compared) for `field_accuracy`. `unannotated` lists
    documents that were read but have no entry in expected.json (not scored); `unread` lists
    expected documents the reader failed on (their rounds count as missed).
    """

    documents: int
    rounds: Score
    fields: dict[str, Score]
    mismatches: tuple[Mismatch, ...]
    agreement: dict[str, tuple[int, int]] = field(default_factory=dict)
    unannotated: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def predicted_rounds(self) -> int:
        return self.rounds.tp + self.rounds.fp

    @property
    def expected_rounds(self) -> int:
        return self.rounds.tp + self.rounds.fn

    @property
    def rounds_found(self) -> float:
        """Share of gold rounds matched by a prediction (detection recall)."""
        return self.rounds.recall

    @property
    def not_a_round_rate(self) -> float:
        """Share of predicted rounds that match no gold round; 0.0 when nothing was predicted."""
        predicted = self.predicted_rounds
        return self.rounds.fp / predicted if predicted else 0.0

    def field_accuracy(self, name: str) -> float:
        """Share of matched pairs on which `name` agrees (both empty agrees); 1.0 with no pairs."""
        if name not in FIELDS:
            raise KeyError(f"unknown field {name!r}; fields: {', '.join(FIELDS)}")
        agree, compared = self.agreement.get(name, (0, 0))
        return agree / compared if compared else 1.0
