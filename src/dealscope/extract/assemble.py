"""Document level: group sentence frames into rounds and build grounded `RoundMention`s.

A round is opened by a frame that names a company; later frames join it when they name the same
company with compatible facts, or when they name no company and refer back (本轮, 此次, "the round").
The round most recently opened or joined by a current (not background) frame is the *focus*.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from dealscope.domain import (
    DateMention,
    Evidence,
    InvestorMention,
    InvestorRole,
    MetricMention,
    Money,
    MoneyMention,
    NameMention,
    Precision,
    Qualifier,
    Rejection,
    RoundMention,
    Span,
    Stage,
    StageMention,
    Status,
    StatusMention,
    ValuationBasis,
)
from dealscope.extract import cues, names
from dealscope.extract.context import DocContext
from dealscope.extract.frame import Frame
from dealscope.extract.frames import frames_for_sentence, names_key
from dealscope.extract.investors import InvestorFound
from dealscope.extract.metrics import find_metrics
from dealscope.extract.tables import row_frame, table_rows
from dealscope.extract.tranches import split_tranches
from dealscope.lang.dates import DateHit

Window = tuple[int, int]

# Across the sentences of one round, progress wins: an article that says the round was "in talks"
# and then "closed" reports a closed round.
_PROGRESS = {
    Status.CANCELLED: 6,
    Status.COMPLETED: 5,
    Status.ANNOUNCED: 4,
    Status.IN_TALKS: 3,
    Status.PLANNED: 2,
    Status.RUMORED: 1,
}
_ROLE_RANK = {InvestorRole.LEAD: 0, InvestorRole.FOLLOW: 1, InvestorRole.UNSPECIFIED: 2}
# Two amounts further apart than this are two rounds ("约 65 亿" and "66 亿" are one).
_AMOUNT_TOLERANCE = 0.15


@dataclass
class _Draft:
    company: Window
    frames: list[Frame] = field(default_factory=list)
    aliases: list[Window] = field(default_factory=list)
    stage: tuple[Stage, Window] | None = None
    amount: Money | None = None
    valuation: Money | None = None
    basis: ValuationBasis = ValuationBasis.UNSPECIFIED
    investors: list[InvestorFound] = field(default_factory=list)
    status: tuple[Status, Window] | None = None
    event_date: DateHit | None = None
    disclosed: DateHit | None = None
    background: bool = False

    def keys(self, f: str) -> set[str]:
        return {names_key(f, self.company), *(names_key(f, a) for a in self.aliases)}


def assemble(ctx: DocContext) -> tuple[list[RoundMention], list[MetricMention], list[Rejection]]:
    """All rounds, metrics and rejected amounts of one document."""
    drafts: list[_Draft] = []
    focus: _Draft | None = None
    frames: list[Frame] = []
    rows = table_rows(ctx)
    for s in ctx.sentences:
        cells = rows.get(s.start)
        if cells is None:
            frames.extend(part for fr in frames_for_sentence(ctx, s) for part in split_tranches(ctx, fr))
        elif (row := row_frame(ctx, s, cells)) is not None:
            frames.append(row)
    last: _Draft | None = None
    headings = _company_headings(ctx)
    section: Window | None = None
    for fr in frames:
        while headings and headings[0][0] <= fr.sentence.start:
            # "**月之暗面**" heading a section: what follows speaks of that company, not the last one.
            section, focus, last = headings.pop(0)[1], None, None
        if fr.company is None and section is not None and last is None and fr.has_round_facts:
            fr.company = section
        if not fr.background and _past(ctx, fr.event_date):
            fr.background = True  # "镜界今年3月刚完成A轮" in a June article about a new round
        _restated_valuation(ctx, drafts, focus or last, fr)
        if fr.company is None and last is not None and _THAT_ROUND.search(ctx.folded, *fr.segment):
            # "That round was led by Coatue.": the round just told, even an earlier one, not the focus.
            target: _Draft | None = last if _compatible(ctx.folded, last, fr) else None
        else:
            # A history told round by round ("2019年…；2023年1月，微软再投资100亿美元") has no current
            # round in focus: a sentence naming no company speaks of the company last named.
            target = _target(ctx, drafts, focus or last, fr)
        if target is None:
            continue
        _merge(ctx, target, fr)
        if target not in drafts:
            drafts.append(target)
        last = target
        if not target.background:
            focus = target
    _expand_short_names(ctx, frames, drafts)
    _share_dateline(ctx, drafts)
    _mark_past_rounds(ctx, drafts)
    rounds = [r for d in drafts if (r := _mention(ctx, d)) is not None]
    metrics = _metrics(ctx, drafts)
    rejections = [
        Rejection(reason, ctx.evidence(a, b, fr.sentence)) for fr in frames for reason, (a, b) in fr.rejected
    ]
    return rounds, metrics, rejections


# What a short form leaves out of a company's full name: "穹图" for 穹图智能, "Mistral" for Mistral AI.
_NAME_TAIL = re.compile(
    r"(?:科技|智能|机器人|医疗|生物|半导体|网络|信息|技术|数据|动力|智造|集团|股份|控股|"
    r"\s?(?:AI|Labs?|Inc\.?|Technologies|Technology|Robotics|Bio|Health|Systems|Software|Energy))$"
)


_LATIN_TAIL = re.compile(r"(?: [A-Z][\w&.-]*){1,2}")


def _expand_short_names(ctx: DocContext, frames: list[Frame], drafts: list[_Draft]) -> None:
    """Name a round by the company's full name when the article uses a short form for it."""
    f = ctx.folded
    full = [fr.company for fr in frames if fr.company is not None]
    for d in drafts:
        short = f[d.company[0] : d.company[1]]
        best = d.company
        for w in full:
            name = f[w[0] : w[1]]
            longer = len(name) > len(f[best[0] : best[1]]) and name.startswith(short)
            tail = name[len(short) :]
            # "Veldhoorn" for Veldhoorn Agro: in Latin script any one or two capitalised words may follow.
            latin = short.isascii() and _LATIN_TAIL.fullmatch(tail) is not None
            if longer and (_NAME_TAIL.match(tail) or latin):
                best = w
        if best != d.company:
            d.aliases.append(d.company)
            d.company = best


def _share_dateline(ctx: DocContext, drafts: list[_Draft]) -> None:
    """A digest's dateline ("3月22日消息", "9月26日讯") is the disclosure date of every round in it."""
    if not ctx.sentences:
        return
    first_body = next((sn for sn in ctx.sentences if sn.start >= ctx.document.body_start), None)
    if first_body is None:
        return
    line = [d for d in ctx.dates.within(first_body.start, first_body.end) if d.disclosure]
    if not line or line[0].span.start - first_body.start > 24:
        return
    for d in drafts:
        if d.disclosed is None and not d.background:
            d.disclosed = line[0]


# A round dated this long before the article is history the article recalls, not its news.
_PAST_DAYS = 60


def _mark_past_rounds(ctx: DocContext, drafts: list[_Draft]) -> None:
    for d in drafts:
        if not d.background and _past(ctx, d.event_date):
            d.background = True


def _past(ctx: DocContext, hit: DateHit | None) -> bool:
    """Whether a date lies well before the article: then its round is history, not news."""
    if ctx.anchor is None or hit is None or hit.date is None:
        return False
    v = hit.date.value
    # Compare the end of a month or year: "今年3月" told in April is recent, not history.
    if hit.date.precision is Precision.YEAR:
        return v.year < ctx.anchor.year  # "in 2024" told in 2025 is last year's news
    elif hit.date.precision is Precision.MONTH:
        last_day = date(v.year, v.month, calendar.monthrange(v.year, v.month)[1])
    else:
        last_day = v
    return (ctx.anchor - last_day).days > _PAST_DAYS


def _target(ctx: DocContext, drafts: list[_Draft], focus: _Draft | None, fr: Frame) -> _Draft | None:
    f = ctx.folded
    if fr.company is None:
        if focus is None or _heading(ctx, fr.sentence):
            return None
        if fr.background:
            named = fr.valuation is not None and _PREVIOUS_ROUND.search(f, *fr.segment) is not None
            # "The company previously raised $2 million from angels": the company in focus raised it.
            raised = fr.amount is not None and _IT_RAISED.search(f, *fr.segment) is not None
            if not (fr.stage or fr.investors or _round_money(ctx, fr.amount) or named or raised):
                return None  # "其中过亿元的…": a figure in a statistic, not an earlier round
            same = [
                d
                for d in drafts
                if d.background and d.keys(f) & {names_key(f, focus.company)} and _compatible(f, d, fr)
            ]
            return same[0] if same else _Draft(company=focus.company, background=True)
        if _compatible(f, focus, fr):
            return focus
        # "the company's $45 million Series B in August 2022": another round of the company in focus.
        staged = fr.stage is not None and fr.stage[0] is not Stage.UNKNOWN and (fr.amount or fr.round_verb)
        backed = fr.amount is not None and bool(fr.investors) and fr.round_verb  # "微软向其投资10亿美元"
        # "今年7月又完成近3亿美元融资": a status and an amount written as a round's make a round of their own.
        told = fr.status is not None and fr.amount is not None and _round_money(ctx, fr.amount)
        if not (staged or backed or told):
            return None
        fkey = names_key(f, focus.company)
        for d in reversed(drafts):
            if d is not focus and fkey in d.keys(f) and _compatible(f, d, fr):
                return d
        return _Draft(company=focus.company, background=fr.background)
    key = names_key(f, fr.company)
    for d in reversed(drafts):
        if d.background == fr.background and _same_company(key, d.keys(f)) and _compatible(f, d, fr):
            return d
    if not fr.has_round_facts and not fr.round_verb:
        return None
    return _Draft(company=fr.company, background=fr.background)


# "上一轮融资中，公司估值约为25亿元": a valuation said to be the previous round's.
_PREVIOUS_ROUND = re.compile(
    r"上一?轮|前一轮|上次融资|\b(?:last|previous|prior) (?:round|raise|funding)\b", re.I
)
_THAT_ROUND = re.compile(r"\bthat (?:round|raise|deal|financing)\b|那一?轮|那次融资|那笔融资", re.I)
_IT_RAISED = re.compile(
    r"\b(?:it|the (?:company|startup|firm))\s+(?:(?:had|has|previously|also|earlier|already)\s+)*"
    r"(?:raised|secured|closed|landed)\b|(?:公司|该公司)(?:此前|之前|曾经|曾|已经|已)+(?:完成|获得|拿到)",
    re.I,
)
_LINE_MARKER = re.compile(r"\s*(?:#+\s*)?(?:\d{1,2}[.、)]\s*|[-*•]\s*)?")
# A list item ends with ；or ，("- 2023年5月，Spark Capital领投4.5亿美元C轮；"): not a heading.
_SENTENCE_END = re.compile(r"[。！？!?.…”\"）)；;，,]\s*$")


_HEADING_MAX = 40  # characters; a longer line is prose
_HEADING_DECOR = re.compile(r"[\s#*>\-•·\d.、)）]*")
_HEADING_ALIAS = re.compile(r"\s*[（(][^（）()]{1,20}[)）]\s*$")


def _company_headings(ctx: DocContext) -> list[tuple[int, Window]]:
    """Section headings that are a company's name alone ("**智谱**（智谱AI）", "## MiniMax"), by position.

    Only a name the document also writes elsewhere counts, so a heading such as "钱还是不够花" never
    becomes a company.
    """
    f = ctx.folded
    out = []
    for s in ctx.sentences:
        if s.end - s.start > _HEADING_MAX or s.start < ctx.document.body_start:
            continue  # most sentences: too long to be a heading (checked first, it is the cheap test)
        alias = _HEADING_ALIAS.search(f, s.start, s.end)
        end = alias.start() if alias else s.end  # "星穹科技（星穹AI）": a heading with its other name
        line_end = s.end >= len(f) or f[s.end] == "\n"
        if not (line_end and _heading(ctx, Span(s.start, end), line_end=True)):
            continue
        a = _HEADING_DECOR.match(f, s.start, end)
        start = a.end() if a else s.start
        while end > start and f[end - 1] in "*：: ":
            end -= 1
        name = f[start:end]
        if not (2 <= len(name) <= 20) or not names.company_like(name):
            continue
        if f.count(name) >= 2:
            out.append((s.start, (start, end)))
    return out


def _heading(ctx: DocContext, s: Span, *, line_end: bool = False) -> bool:
    """A short body line with no closing punctuation: a section heading ("A轮与B轮：估值从10亿到40亿").

    A heading that names no company sums up what the section tells; its figures are the section's
    rounds, told (with their company) in the paragraphs below, so it neither opens nor joins a round.
    `line_end`: the caller has checked that the line ends after `s` (and a bracketed alias).
    """
    f = ctx.folded
    if s.start < ctx.document.body_start or s.end - s.start > _HEADING_MAX:
        return False
    # A numbered or bulleted heading ("4. Tessarune：4000万美元A轮") starts its line after the marker.
    line_start = s.start == 0 or _LINE_MARKER.fullmatch(f, f.rfind("\n", 0, s.start) + 1, s.start) is not None
    line_end = line_end or s.end >= len(f) or f[s.end : s.end + 1] in ("\n", "")
    return line_start and line_end and _SENTENCE_END.search(f, s.start, s.end) is None


_ROUND_AFTER = re.compile(
    r"\s*(?:的)?(?:[A-J]\+?轮|天使轮|种子轮|融资|投资|注资|funding|round|investment|financing)", re.I
)


def _round_money(ctx: DocContext, money: Money | None) -> bool:
    """Whether an amount is written as a round's ("近亿元天使轮融资", "$5 million in funding")."""
    if money is None or money.span is None:
        return False
    return _ROUND_AFTER.match(ctx.folded, money.span.end, money.span.end + 16) is not None


def _same_company(key: str, keys: set[str]) -> bool:
    # One name containing the other covers "星图智算" vs "星图智算科技" and "Mistral" vs "Mistral AI".
    return any(key == k or (len(key) >= 2 and len(k) >= 2 and (key in k or k in key)) for k in keys)


def _restated_valuation(ctx: DocContext, drafts: list[_Draft], focus: _Draft | None, fr: Frame) -> None:
    """A bare figure equal to a valuation the article already gave that company is that valuation
    again ("5. 2025年10月，就是开头说的老股转让，5000亿美元。"), not a second round's amount."""
    if fr.amount is None or fr.valuation is not None or fr.amount.value is None:
        return
    f = ctx.folded
    key = names_key(f, fr.company) if fr.company is not None else None
    for d in drafts:
        if key is not None and key not in d.keys(f):
            continue
        if key is None and d is not focus:
            continue
        v = d.valuation
        if v is None or not v.value or v.currency != fr.amount.currency:
            continue
        if abs(v.value - fr.amount.value) <= _SAME_FIGURE * v.value:
            fr.valuation, fr.amount = fr.amount, None
            return


_SAME_FIGURE = 0.01


def _compatible(f: str, d: _Draft, fr: Frame) -> bool:
    if d.stage and fr.stage and Stage.UNKNOWN not in (d.stage[0], fr.stage[0]):
        if d.stage[0] != fr.stage[0]:
            return False
        (_, (a0, a1)), (_, (b0, b1)) = d.stage, fr.stage
        if cues.stage_variant(f[a0:a1]) != cues.stage_variant(f[b0:b1]):
            return False  # "Pre-A轮" and "A轮", "C1" and "C2": one canonical stage, two rounds
    if d.amount and fr.amount and not _close(d.amount, fr.amount):
        return False
    if _apart(d.event_date, fr.event_date):
        return False  # "2019年，微软投资10亿美元" and "2024年2月…估值860亿美元": two rounds of a history
    return not (d.valuation and fr.valuation and not _close(d.valuation, fr.valuation))


# Dates of one round told twice in an article (agreed, then closed) lie this close together.
_SAME_ROUND_DAYS = 62


def _apart(a: DateHit | None, b: DateHit | None) -> bool:
    """Whether two stated dates cannot be one round's: their periods lie months apart."""
    if a is None or b is None or a.date is None or b.date is None:
        return False
    (a0, a1), (b0, b1) = _period(a.date.value, a.date.precision), _period(b.date.value, b.date.precision)
    gap = max((b0 - a1).days, (a0 - b1).days)
    return gap > _SAME_ROUND_DAYS


def _period(v: date, precision: Precision) -> tuple[date, date]:
    if precision is Precision.YEAR:
        return date(v.year, 1, 1), date(v.year, 12, 31)
    if precision is Precision.QUARTER:
        q0 = 3 * ((v.month - 1) // 3) + 1
        return date(v.year, q0, 1), date(v.year, q0 + 2, calendar.monthrange(v.year, q0 + 2)[1])
    if precision is Precision.MONTH:
        return date(v.year, v.month, 1), date(v.year, v.month, calendar.monthrange(v.year, v.month)[1])
    return v, v


def _close(a: Money, b: Money) -> bool:
    if a.value is None or b.value is None:
        return True
    if a.currency and b.currency and a.currency != b.currency:
        return True  # cannot compare without rates; do not split a round on it
    hi, lo = max(a.value, b.value), min(a.value, b.value)
    return hi == 0 or (hi - lo) / hi <= _AMOUNT_TOLERANCE


def _merge(ctx: DocContext, d: _Draft, fr: Frame) -> None:
    d.frames.append(fr)
    f = ctx.folded
    if fr.company is not None and names_key(f, fr.company) not in d.keys(f):
        d.aliases.append(fr.company)
    if fr.alias is not None:
        d.aliases.append(fr.alias)
    if fr.stage and (d.stage is None or d.stage[0] is Stage.UNKNOWN):
        d.stage = fr.stage
    if fr.amount and (d.amount is None or _more_specific(fr.amount, d.amount)):
        d.amount = fr.amount
    if fr.valuation and (d.valuation is None or _more_specific(fr.valuation, d.valuation)):
        d.valuation = fr.valuation
    if fr.basis is not ValuationBasis.UNSPECIFIED:
        d.basis = fr.basis
    if fr.status and (d.status is None or _PROGRESS[fr.status[0]] > _PROGRESS[d.status[0]]):
        d.status = fr.status
    d.event_date = d.event_date or fr.event_date
    d.disclosed = d.disclosed or fr.disclosed
    for inv in fr.investors:
        _add_investor(ctx, d, inv)


def _more_specific(new: Money, old: Money) -> bool:
    """An exact figure beats a hedged one; a stated figure beats none."""
    if old.value is None and new.value is not None:
        return True
    return old.qualifier.value != "exact" and new.qualifier.value == "exact" and new.value is not None


def _add_investor(ctx: DocContext, d: _Draft, inv: InvestorFound) -> None:
    f = ctx.folded
    key = names_key(f, inv.span)
    if d.company and _same_company(key, d.keys(f)):
        return
    for i, cur in enumerate(d.investors):
        if names_key(f, cur.span) == key:
            role = inv.role if _ROLE_RANK[inv.role] < _ROLE_RANK[cur.role] else cur.role
            d.investors[i] = InvestorFound(
                cur.span, role, cur.existing or inv.existing, cur.amount or inv.amount
            )
            return
    d.investors.append(inv)


# --------------------------------------------------------------------------- grounded output


def _mention(ctx: DocContext, d: _Draft) -> RoundMention | None:
    if not _is_round(ctx.folded, d):
        return None
    first = d.frames[0]
    ev = ctx.evidence
    company = NameMention(ctx.quote(*d.company), ev(*d.company))
    status = _status(ctx, d)
    zh = any(fr.zh for fr in d.frames)
    stage = StageMention(d.stage[0], ctx.quote(*d.stage[1]), ev(*d.stage[1])) if d.stage else None
    investors = tuple(
        InvestorMention(
            name=ctx.quote(*i.span),
            role=i.role,
            evidence=ev(*i.span),
            amount=_money_mention(ctx, i.amount, zh) if i.amount else None,
            existing=i.existing,
        )
        for i in d.investors
    )
    sentence = first.sentence
    confidence = min(
        1.0, 0.4 + 0.15 * sum(bool(x) for x in (d.amount, d.stage, d.investors, d.valuation, d.status))
    )
    return RoundMention(
        company=company,
        status=status,
        evidence=Evidence(sentence, sentence),
        stage=stage,
        amount=_money_mention(ctx, d.amount, zh) if d.amount else None,
        valuation=_money_mention(ctx, d.valuation, zh) if d.valuation else None,
        valuation_basis=d.basis if d.valuation else ValuationBasis.UNSPECIFIED,
        investors=investors,
        event_date=_date(ctx, d.event_date),
        disclosed_date=_date(ctx, d.disclosed),
        background=d.background,
        confidence=round(confidence, 2),
    )


# A valuation alone makes a round of these ("has signed a term sheet … that would value it at $12
# billion", "正在洽谈新一轮融资，估值要到200亿"): they are reported before any amount is final.
_NOT_YET_CLOSED = frozenset({Status.ANNOUNCED, Status.IN_TALKS, Status.RUMORED, Status.PLANNED})


def _is_round(f: str, d: _Draft) -> bool:
    if d.amount or d.investors:
        return True
    if d.stage and d.stage[0] is not Stage.UNKNOWN and (d.status or d.background):
        # A stage alone needs a cue that something happened: "We could have waited for a Series B"
        # names a stage and no round.
        return True
    if d.valuation and d.background and any(_PREVIOUS_ROUND.search(f, *fr.segment) for fr in d.frames):
        return True  # "上一轮融资中，公司估值约为25亿元": the previous round, known by its valuation
    if d.valuation and d.status and d.status[0] in _NOT_YET_CLOSED:
        return True
    # "X宣布完成新一轮融资" with no figures is still a round, if a verb says so.
    return bool(d.stage and d.status and any(fr.round_verb for fr in d.frames))


def _status(ctx: DocContext, d: _Draft) -> StatusMention:
    if d.status:
        st, (a, b) = d.status
        return StatusMention(st, ctx.quote(a, b), ctx.evidence(a, b))
    # No cue at all: a round told in the past tense of news ("X 10亿融资") reads as completed.
    fr = d.frames[0]
    m = cues.TRIGGER.search(ctx.folded, *fr.segment)
    a, b = (m.start(), m.end()) if m else fr.segment
    return StatusMention(Status.COMPLETED, ctx.quote(a, b), ctx.evidence(a, b, fr.sentence))


def _money_mention(ctx: DocContext, money: Money | None, zh: bool) -> MoneyMention | None:
    if money is None or money.span is None:
        return None
    a, b = money.span.start, money.span.end
    value = Money(
        raw=ctx.quote(a, b),
        value=money.value,
        currency=money.currency,
        qualifier=money.qualifier,
        low=money.low,
        high=money.high,
        span=Span(a, b),
    )
    if value.currency is None and zh and value.qualifier is not Qualifier.UNDISCLOSED:
        # A bare amount in Chinese news is yuan by convention; say so rather than hide it.
        value = _with_currency(value, "CNY")
    return MoneyMention(value, ctx.evidence(a, b))


def _with_currency(m: Money, currency: str) -> Money:
    return Money(m.raw, m.value, currency, m.qualifier, m.low, m.high, m.span, currency_assumed=True)


def _date(ctx: DocContext, hit: DateHit | None) -> DateMention | None:
    if hit is None:
        return None
    return DateMention(
        hit.date, ctx.quote(hit.span.start, hit.span.end), ctx.evidence(hit.span.start, hit.span.end)
    )


# --------------------------------------------------------------------------- metrics


def _metrics(ctx: DocContext, drafts: list[_Draft]) -> list[MetricMention]:
    current = [d for d in drafts if not d.background and d.frames]
    gazetteer_companies = [
        (h.span.start, h.span.end) for h in ctx.names.items if h.entry.kind.value in ("startup", "corporate")
    ]
    known = [d.company for d in drafts] + [a for d in drafts for a in d.aliases] + gazetteer_companies

    def company_at(pos: int, sentence: Span) -> Window | None:
        named = [w for w in known if sentence.start <= w[0] < sentence.end and w[0] < pos]
        if named:
            return max(named, key=lambda w: w[0])
        before = [d for d in current if d.frames[0].sentence.start <= pos]
        if before:
            return before[-1].company
        if current:
            return current[0].company
        earlier = [w for w in known if w[0] < pos]  # "公司预计明年营收…" after the company was named
        return max(earlier, key=lambda w: w[0]) if earlier else None

    def money_mention(money: Money) -> MoneyMention | None:
        if money.span is None:
            return None
        sentence = ctx.sentence_of(money.span.start)
        return _money_mention(ctx, money, ctx.is_zh(sentence.start, sentence.end))

    def date_mention(pos: int, sentence: Span) -> DateMention | None:
        hits = [d for d in ctx.dates.within(sentence.start, sentence.end) if not d.disclosure]
        return _date(ctx, hits[0]) if hits else None

    return find_metrics(ctx, company_at, money_mention, date_mention)
