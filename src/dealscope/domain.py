"""Domain types shared by every pipeline stage.

Frozen dataclasses and string enums only. This module imports nothing from the rest of dealscope
(an import-linter contract checks it), so every stage can depend on it and tests can build values
by hand.

Grounding rule: every value read from an article carries an `Evidence` whose `span` indexes the
document's `text` (``text[span.start:span.end]`` is the quoted words) and whose `sentence` is the
sentence around it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Language(enum.StrEnum):
    ZH = "zh"
    EN = "en"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class Precision(enum.StrEnum):
    """How much of a date the source actually states."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    UNKNOWN = "unknown"


class Stage(enum.StrEnum):
    """Canonical round stage; the article's own words stay in `StageMention.raw`.

    `Pre-A`, `A+`, `A1`, `A-2` all map to SERIES_A: the raw text keeps the variant.
    """

    PRE_SEED = "pre_seed"
    ANGEL = "angel"
    SEED = "seed"
    SERIES_A = "series_a"
    SERIES_B = "series_b"
    SERIES_C = "series_c"
    SERIES_D = "series_d"
    SERIES_E = "series_e"
    SERIES_F = "series_f"
    SERIES_G = "series_g"
    SERIES_H = "series_h"
    SERIES_I = "series_i"
    SERIES_J = "series_j"
    STRATEGIC = "strategic"
    CORPORATE = "corporate"
    PRE_IPO = "pre_ipo"
    DEBT = "debt"
    GRANT = "grant"
    SECONDARY = "secondary"
    IPO = "ipo"
    UNKNOWN = "unknown"


class Status(enum.StrEnum):
    """How far a round had got, as the article tells it."""

    COMPLETED = "completed"
    ANNOUNCED = "announced"
    IN_TALKS = "in_talks"
    RUMORED = "rumored"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Qualifier(enum.StrEnum):
    """The hedge around an amount: `约 65 亿` is APPROXIMATE, `不到 10 亿` UNDER, `80 亿至 100 亿` RANGE."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    OVER = "over"
    UNDER = "under"
    RANGE = "range"
    UNDISCLOSED = "undisclosed"


class ValuationBasis(enum.StrEnum):
    PRE = "pre"
    POST = "post"
    UNSPECIFIED = "unspecified"


class InvestorRole(enum.StrEnum):
    LEAD = "lead"
    FOLLOW = "follow"
    UNSPECIFIED = "unspecified"


class OrgKind(enum.StrEnum):
    STARTUP = "startup"
    VC = "vc"
    CORPORATE = "corporate"
    SOVEREIGN = "sovereign"
    PERSON = "person"
    FUND = "fund"
    UNKNOWN = "unknown"


class MetricKind(enum.StrEnum):
    REVENUE = "revenue"
    ARR = "arr"
    WAU = "wau"
    MAU = "mau"
    DAU = "dau"
    USERS = "users"
    CUSTOMERS = "customers"


class MetricPeriod(enum.StrEnum):
    ACTUAL = "actual"
    FORECAST = "forecast"
    TARGET = "target"


# --------------------------------------------------------------------------- grounding


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range `[start, end)` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def quote(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was read: the exact words and the sentence holding them."""

    span: Span
    sentence: Span


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A calendar date known only to `precision`: (2024-06-01, MONTH) means "June 2024".

    Unset parts are the first of their period, so values sort sensibly.
    """

    value: date
    precision: Precision

    def iso(self) -> str:
        if self.precision is Precision.DAY:
            return self.value.isoformat()
        if self.precision in (Precision.MONTH,):
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a document's cleaned `text` back to the characters of the file it came from.

    `anchors` are (text_offset, raw_offset) pairs, sorted by text offset; between two anchors the
    characters correspond one to one. Cleaning (dropping Markdown decoration, joining hard-wrapped
    lines) starts a new anchor wherever the correspondence shifts.
    """

    anchors: tuple[tuple[int, int], ...] = ()

    def to_raw(self, offset: int) -> int:
        if not self.anchors:
            return offset
        lo, hi = 0, len(self.anchors) - 1
        if offset < self.anchors[0][0]:
            return self.anchors[0][1]
        while lo < hi:  # last anchor whose text offset <= offset
            mid = (lo + hi + 1) // 2
            if self.anchors[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        text_at, raw_at = self.anchors[lo]
        return raw_at + (offset - text_at)


@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned for reading.

    `text` begins with the title (when there is one) as its own first paragraph, so that facts in
    the title are grounded like facts in the body; `body_start` is where the body begins.
    """

    id: str
    path: str
    format: str
    title: str
    text: str
    body_start: int = 0
    published: FuzzyDate | None = None
    published_at: datetime | None = None
    timezone: str | None = None
    source_url: str | None = None
    author: str | None = None
    language: Language = Language.UNKNOWN
    offsets: OffsetMap = field(default_factory=OffsetMap)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, and why (one line for the user)."""

    path: str
    reason: str


# --------------------------------------------------------------------------- values read from text


@dataclass(frozen=True, slots=True)
class Money:
    """An amount as written, normalised, and (when possible) converted to USD.

    `value` is the single best figure (the midpoint of a range, the bound of a hedge); `low`/`high`
    bound it when the text gives bounds. `currency` is an ISO 4217 code or None when the text names
    none; `currency_assumed` is True when a currency was filled in from context (a bare `10亿` in a
    Chinese newsflash is read as CNY) rather than written. The USD fields are set by the FX stage,
    with the ECB rate used and the date of that rate.
    """

    raw: str
    value: float | None
    currency: str | None
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None = None
    high: float | None = None
    span: Span | None = None
    currency_assumed: bool = False
    usd: float | None = None
    low_usd: float | None = None
    high_usd: float | None = None
    fx_rate: float | None = None
    fx_date: date | None = None


@dataclass(frozen=True, slots=True)
class NameMention:
    """An organisation or person named in the text."""

    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StageMention:
    stage: Stage
    raw: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StatusMention:
    """A status and the cue words that decided it (`洽谈`, `closed`, `据报道`)."""

    status: Status
    cue: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression; `date` is None when it cannot be resolved (`3月4日` with no known year)."""

    date: FuzzyDate | None
    raw: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class MoneyMention:
    money: Money
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class InvestorMention:
    name: str
    role: InvestorRole
    evidence: Evidence
    amount: MoneyMention | None = None
    existing: bool = False  # "老股东", "existing investor"


@dataclass(frozen=True, slots=True)
class RoundMention:
    """One funding round as one article tells it."""

    company: NameMention
    status: StatusMention
    evidence: Evidence  # the sentence that announces the round
    stage: StageMention | None = None
    amount: MoneyMention | None = None
    valuation: MoneyMention | None = None
    valuation_basis: ValuationBasis = ValuationBasis.UNSPECIFIED
    investors: tuple[InvestorMention, ...] = ()
    event_date: DateMention | None = None
    disclosed_date: DateMention | None = None
    background: bool = False  # an earlier round told as context (上一轮, 此前, previously)
    confidence: float = 1.0

    @property
    def leads(self) -> tuple[InvestorMention, ...]:
        return tuple(i for i in self.investors if i.role is InvestorRole.LEAD)


@dataclass(frozen=True, slots=True)
class MetricMention:
    """A business metric (revenue, ARR, users) stated for a company: a fact, not a round."""

    company: NameMention | None
    kind: MetricKind
    period: MetricPeriod
    evidence: Evidence
    amount: MoneyMention | None = None
    count: float | None = None
    date: DateMention | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """Money the extractor saw and decided is not a round, with the reason (kept for review)."""

    reason: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one extractor read from one document."""

    document_id: str
    extractor: str
    rounds: tuple[RoundMention, ...] = ()
    metrics: tuple[MetricMention, ...] = ()
    rejections: tuple[Rejection, ...] = ()
