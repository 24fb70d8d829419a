"""Business metrics stated in an article: revenue, ARR, active users, customers.

Metrics are facts of their own, not rounds: "Anthropic 的 ARR 已经接近 1 亿美金", "月活用户突破3000万",
"800 million weekly active users". Every sentence is read (not only sentences about a round), each
figure is grounded to its words, and the company is the one the sentence names, else the round in
focus where the sentence sits. Valuation multiples are computed later from these, never extracted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dealscope.domain import (
    DateMention,
    MetricKind,
    MetricMention,
    MetricPeriod,
    Money,
    MoneyMention,
    NameMention,
    Qualifier,
    Span,
)
from dealscope.extract.context import DocContext
from dealscope.lang.numbers import parse_number

Window = tuple[int, int]

# Money metrics: the word right before the amount (same clause) or right after it.
_ARR = r"ARR|年化(?:经常性)?收入|年经常性收入|经常性收入|annuali[sz]ed (?:recurring )?revenue|(?:annual )?recurring revenue|run[- ]rate(?: revenue)?"
_REVENUE = r"营收|营业收入|年收入|收入|营业额|销售额|销售收入|revenue|sales"
_MONEY_BEFORE = re.compile(
    rf"(?P<arr>{_ARR})|(?P<rev>{_REVENUE})"
    r"(?:[^，。；,;\d]{0,8}?)(?:已经|已|将|或|约|达到?|为|超过?|突破|逾|接近|近|至|of|at|to|reached|hit|passed|topped|was|is|above|around|about|nearly|more than|over)?\s*$",
    re.I,
)
_MONEY_AFTER = re.compile(
    rf"\s*(?:的)?(?:(?P<arr>{_ARR})|(?P<rev>{_REVENUE}))|\s*(?:in|of) (?:annual |annualized )?(?:(?P<arr2>recurring revenue|ARR)|(?P<rev2>revenue|sales))",
    re.I,
)
# Counts: users and customers.
_ZH_COUNT = re.compile(
    r"(?P<kind>月活(?:跃)?用户|日活(?:跃)?用户|周活(?:跃)?用户|月活|日活|周活|注册用户|付费用户|用户|企业客户|付费客户|客户)"
    r"(?:数|数量|规模|总数)?(?:已经|已|将)?(?:达到?|超过?|突破|逾|近|接近|约|为|有)?\s*"
    r"(?P<num>[\d.,]+)\s*(?P<unit>万|亿)?(?:多|余)?(?:名|个|家|人|位)?"
)
_EN_COUNT = re.compile(
    r"(?P<num>\d[\d.,]*)\s*(?P<unit>million|billion|thousand|[MBK])?\+?\s+"
    r"(?P<kind>weekly active users|monthly active users|daily active users|active users|paying users|users|"
    r"business customers|paying customers|enterprise customers|customers)\b",
    re.I,
)
_ZH_KIND = {
    "月活": MetricKind.MAU,
    "日活": MetricKind.DAU,
    "周活": MetricKind.WAU,
}
_FORECAST = re.compile(
    r"预计|预期|有望|将(?:达到|突破|超过)|expected|projected|forecasts?|on track|expects|could reach|will reach",
    re.I,
)
_TARGET = re.compile(r"目标|target|aims? to|goal", re.I)
_UNIT = {"万": 1e4, "亿": 1e8, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "b": 1e9}


def find_metrics(
    ctx: DocContext,
    company_at: Callable[[int, Span], Window | None],
    money_mention: Callable[[Money], MoneyMention | None],
    date_mention: Callable[[int, Span], DateMention | None],
) -> list[MetricMention]:
    """Every revenue, ARR, user and customer figure in the document."""
    out: list[MetricMention] = []
    f = ctx.folded
    for money in ctx.money.items:
        if money.span is None or money.qualifier is Qualifier.UNDISCLOSED:
            continue
        a, b = money.span.start, money.span.end
        sentence = ctx.sentence_of(a)
        kind = _money_kind(f, a, b, sentence)
        if kind is None:
            continue
        amount = money_mention(money)
        if amount is None:
            continue
        out.append(_metric(ctx, kind, (a, b), sentence, company_at, date_mention, amount=amount))
    for pat, zh in ((_ZH_COUNT, True), (_EN_COUNT, False)):
        for m in pat.finditer(f):
            count = _count(m.group("num"), m.group("unit"))
            if count is None:
                continue
            kind = _count_kind(m.group("kind"), zh)
            sentence = ctx.sentence_of(m.start())
            end = m.end("unit") if m.group("unit") else m.end("num")
            span = (m.start("num"), end)
            out.append(_metric(ctx, kind, span, sentence, company_at, date_mention, count=count))
    return sorted(out, key=lambda x: x.evidence.span.start)


def _money_kind(f: str, a: int, b: int, sentence: Span) -> MetricKind | None:
    before = _MONEY_BEFORE.search(f, max(sentence.start, a - 24), a)
    after = _MONEY_AFTER.match(f, b, min(sentence.end, b + 30))
    for m in (before, after):
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("arr") or groups.get("arr2"):
            return MetricKind.ARR
        if groups.get("rev") or groups.get("rev2"):
            return MetricKind.REVENUE
    return None


def _count(num: str, unit: str | None) -> float | None:
    value = parse_number(num.replace(",", ""))
    if value is None:
        return None
    scale = _UNIT.get((unit or "").lower(), 1.0) if unit else 1.0
    out = value * scale
    # Bare small counts ("3 customers") are anecdotes, not metrics a reader tracks.
    return out if out >= 1000 else None


def _count_kind(word: str, zh: bool) -> MetricKind:
    w = word.lower()
    if zh:
        for prefix, kind in _ZH_KIND.items():
            if w.startswith(prefix):
                return kind
        return MetricKind.CUSTOMERS if "客户" in w else MetricKind.USERS
    if "weekly" in w:
        return MetricKind.WAU
    if "monthly" in w:
        return MetricKind.MAU
    if "daily" in w:
        return MetricKind.DAU
    return MetricKind.CUSTOMERS if "customer" in w else MetricKind.USERS


def _metric(
    ctx: DocContext,
    kind: MetricKind,
    span: Window,
    sentence: Span,
    company_at: Callable[[int, Span], Window | None],
    date_mention: Callable[[int, Span], DateMention | None],
    *,
    amount: MoneyMention | None = None,
    count: float | None = None,
) -> MetricMention:
    text = ctx.folded[sentence.start : sentence.end]
    period = (
        MetricPeriod.TARGET
        if _TARGET.search(text)
        else MetricPeriod.FORECAST
        if _FORECAST.search(text)
        else MetricPeriod.ACTUAL
    )
    company = company_at(span[0], sentence)
    return MetricMention(
        company=NameMention(ctx.quote(*company), ctx.evidence(*company)) if company else None,
        kind=kind,
        period=period,
        evidence=ctx.evidence(span[0], span[1], sentence),
        amount=amount,
        count=count,
        date=date_mention(span[0], sentence),
    )
