"""Which figure is which: each amount of a segment is the round's amount, its valuation, an investor's
share, a metric, or a trap with a reason (a fund's size, an acquisition price, a cumulative total…)."""

from __future__ import annotations

import re

from dealscope.domain import InvestorRole, Money, Qualifier, ValuationBasis
from dealscope.extract import cues, names
from dealscope.extract.context import DocContext
from dealscope.extract.frame import Frame
from dealscope.extract.investors import InvestorFound
from dealscope.extract.subjects import MARKET_VALUE

Window = tuple[int, int]

# The company itself changing hands: its "valuation" is a sale price ("purchase" of shares is a tender).
_ACQUIRED = re.compile(
    r"收购|并购|被.{0,12}收购|\b(?:to be acquired|agreed to be (?:bought|acquired)|acquir(?:e|es|ed|ing) "
    r"(?:the company|it|[A-Z]\w+)|acquisition of|takeover|buy(?:s|ing)? out)\b"
)
ZH_COMPARED = re.compile(r"(?:较|(?<![对无相])比(?![如例较重率])|相比|相较于?|对比)[^，。；]{0,24}?时(?:的)?")

_LISTING = re.compile(r"IPO(?!轮)|上市|招股|\b(?:IPO|public offering|went public|listing)\b")


def clause_of(clauses: list[Window], pos: int) -> Window:
    for c in clauses:
        if c[0] <= pos < c[1]:
            return c
    return clauses[-1]


def classify_money(ctx: DocContext, frame: Frame, clauses: list[Window]) -> None:
    """Sort each amount of the segment into round amount, valuation, investor share, metric or trap."""
    f = ctx.folded
    a, b = frame.segment
    round_amounts: list[Money] = []
    for money in ctx.money.within(a, b):
        assert money.span is not None
        m0, m1 = money.span.start, money.span.end
        cl = clause_of(clauses, m0)
        before = f[max(cl[0], m0 - 16) : m0]
        if _EARLIER_FIGURE.match(f, cl[0], m0) and _VALUED.search(f, frame.sentence.start, cl[0]):
            # "…at a valuation of $700 million, down from $2.4 billion in its 2022 Series C": the
            # earlier valuation, in a clause of its own (its own segment when it names its stage).
            frame.background = True
            frame.valuation = frame.valuation or money
            continue
        if frame.zh and ZH_COMPARED.search(f, cl[0], m0) and "估值" in f[frame.sentence.start : m0]:
            # "估值约为3500亿美元，较9月F轮融资时的1830亿美元几乎翻倍": the earlier round's valuation.
            frame.background = True
            frame.valuation = frame.valuation or money
            continue
        after = f[m1 : min(frame.sentence.end, m1 + 24)]
        if cues.MULTIPLE_AFTER.match(after):
            continue
        if MARKET_VALUE.search(f, max(cl[0], m0 - 16), min(cl[1], m1 + 24)):
            # "worth more than $3 trillion on the stock market", "市值超2万亿": a listed company's price.
            frame.rejected.append(("market value of a listed company", (m0, m1)))
            continue
        if (
            cues.VALUATION_BEFORE.search(before)
            or cues.VALUATION_AFTER.match(after)
            or _valued_at(f, cl[0], m0)
        ):
            if _ACQUIRED.search(f, *cl):
                # "agreed to be acquired in a cash deal valued at $250m": the price of a sale.
                frame.rejected.append(("acquisition price", (m0, m1)))
                continue
            if frame.valuation is None:
                frame.valuation = money
                # 32 after: "at a valuation of roughly $9 billion, including the new capital".
                window = f[max(frame.segment[0], m0 - 40) : min(frame.segment[1], m1 + 32)]
                pm = cues.POST_MONEY.search(window) or cues.PRE_MONEY.search(window)
                if pm:
                    frame.basis = (
                        ValuationBasis.POST if cues.POST_MONEY.search(window) else ValuationBasis.PRE
                    )
            continue
        if cues.METRIC_BEFORE.search(f[max(cl[0], m0 - 12) : m0]) or cues.METRIC_AFTER.match(after):
            frame.metrics.append((_metric_kind(f[max(cl[0], m0 - 16) : m1 + 12]), money))
            continue
        trap = _trap(f, cl, money)
        if trap:
            frame.rejected.append((trap, (m0, m1)))
            continue
        if _assign_share(ctx, frame, money, cl, before):
            continue
        round_amounts.append(money)
    if round_amounts:
        frame.amount = _best_amount(f, round_amounts, frame.sentence.end)
    elif frame.company is not None and len(frame.investors) == 1 and frame.investors[0].amount is not None:
        # "Microsoft invested €15 million in Mistral in February": one backer's money is the round.
        frame.amount = frame.investors[0].amount


_EARLIER_FIGURE = re.compile(r"\s*(?:down|up) from (?:about |roughly |around |nearly |more than )?$", re.I)
_VALUED = re.compile(r"估值|\bvaluation\b|\bvalu(?:ed|es|ing)\b", re.I)


def _valued_at(f: str, floor: int, m0: int) -> bool:
    # "values the company at $1.6 billion": the verb may sit further back than the 16-char window.
    # 80: "values the London-based developer of reasoning models at …" puts the verb that far back.
    window = f[max(floor, m0 - 80) : m0]
    return bool(
        re.search(
            r"\bvalu(?:es|ed|ing|e)\b[^,;.]{0,60}\bat\s*(?:about |roughly |around |nearly |more than |over |up to |as much as |at least )?$|估值(?:已|将|或)?(?:达|达到|为|超过?|升至|至)\s*$",
            window,
            re.I,
        )
    )


def _metric_kind(window: str) -> str:
    if re.search(r"ARR|年化|经常性|run[- ]rate|annuali[sz]ed", window, re.I):
        return "arr"
    if re.search(r"营收|收入|revenue|sales|销售额", window, re.I):
        return "revenue"
    return "other"


_ROUND_NEAR = re.compile(
    r"\s*(?:的)?(?:新一轮|最新一轮|首轮|天使轮|种子轮|战略|Pre-?[A-J]|[A-J]\+?\s?轮|融资|投资|注资|in (?:new )?(?:funding|financing|"
    r"capital)|(?:series|seed|funding|financing|round|investment|raise)\b)",
    re.I,
)


def _trap(f: str, clause: Window, money: Money) -> str | None:
    """The reason an amount is not round money, judged within its clause; None if it may be."""
    assert money.span is not None
    text = f[clause[0] : clause[1]]
    strong_round = re.search(
        r"[A-J]\+?\s?轮|天使轮|种子轮|Pre-?IPO|领投|跟投|老股|\bSeries [A-J]\b|\bseed round\b|\bled by\b|\bround\b",
        text,
        re.I,
    )
    for reason, pat in cues.TRAPS:
        m = pat.search(text)
        if not m:
            continue
        if strong_round and reason in (
            "acquisition price",
            "IPO or listing proceeds",
            "subsidy or loan",
            "investment pledge or project budget",
        ):
            continue
        if reason in _NEAR_ONLY and not _cumulative_applies(f, clause, money, m.start() + clause[0]):
            continue
        return reason
    if not strong_round:
        # "远川资本宣布完成第三期美元基金募集，总规模为5亿美元": a fund's size may sit in the next clause.
        sentence = ctx_sentence_text(f, money)
        if cues.STATISTIC.search(sentence):
            return "market-wide statistic"  # "…raised €1.2bn in the first half, up from €800m"
        if _LISTING.search(sentence):
            return "IPO or listing proceeds"  # "本次IPO，砺行机器人拟募资约15亿港元"
        fund = cues.TRAPS[0]
        if fund[1].search(sentence) and not re.search(r"轮|Series|seed|round", sentence, re.I):
            return fund[0]
    return None


# Traps that qualify only the amount next to them: "累计融资超20亿元" beside a round's own figure, and
# "spend controls" in a description of what the company sells.
_NEAR_ONLY = frozenset({"cumulative total", "spending, not an investment"})


def ctx_sentence_text(f: str, money: Money) -> str:
    """The sentence around an amount (between sentence-final marks), for sentence-level traps."""
    assert money.span is not None
    a = max(f.rfind(c, 0, money.span.start) for c in "。！？\n") + 1
    ends = [i for i in (f.find(c, money.span.end) for c in "。！？\n") if i != -1]
    return f[a : min(ends) if ends else len(f)]


def _cumulative_applies(f: str, clause: Window, money: Money, cue: int) -> bool:
    # "累计融资超20亿元" and "has raised $1.2 billion to date" qualify the amount next to them, not a
    # round amount elsewhere in the clause.
    assert money.span is not None
    # 24: "total funding to $95 million", "累计融资金额已超过20亿元" put the cue that far before; an
    # English "bringing its total commitment to $8 billion" runs further, with no other figure between.
    if abs(cue - money.span.start) <= 24 or abs(cue - money.span.end) <= 24:
        return True
    gap = f[cue : money.span.start]
    return 0 < len(gap) <= 44 and gap.isascii() and not re.search(r"\d", gap)


def _assign_share(ctx: DocContext, frame: Frame, money: Money, clause: Window, before: str) -> bool:
    """Attach an amount to one investor ("其中高瓴出资约5000万美元"); True when it was a share."""
    f = ctx.folded
    assert money.span is not None
    m0 = money.span.start
    if _ROUND_NEAR.match(f, money.span.end, min(len(f), money.span.end + 12)):
        return False
    share_cue = cues.SHARE_BEFORE.search(before)
    if share_cue is None and not frame.zh and any(i.amount for i in frame.investors):
        # "Nvidia will invest up to $10 billion and Microsoft up to $5 billion": the verb is elided.
        elided = _EN_ELIDED_SHARE.search(f, max(clause[0], m0 - 60), m0)
        if elided:
            named = InvestorFound(elided.span("name"), InvestorRole.UNSPECIFIED, amount=money)
            frame.investors.append(named)
            return True
    marker = _SHARE_MARKER.search(f[clause[0] : m0])
    # The marker may open the sentence in a clause of its own: "其中，高瓴创投出资约6000万美元".
    marked = marker or _SHARE_MARKER.search(f[frame.segment[0] : m0])
    if not share_cue or not (marked or frame.amount or len(frame.investors) > 1 or not frame.zh):
        return False
    if re.search(
        r"\bcombined\b|\btogether\b|\bjointly\b|合计|共同|联合", f[m0 : min(clause[1], money.span.end + 12)]
    ):
        return False  # "Microsoft and Nvidia will invest as much as $15 billion combined"
    holder: InvestorFound | None = None
    at = -1
    for inv in frame.investors:
        # Where the name is last written before the amount: "Google … took part, and Google contributed".
        pos = f.rfind(f[inv.span[0] : inv.span[1]], clause[0], m0)
        if pos > at:
            holder, at = inv, pos
    if holder is not None and _JOINED_BEFORE.search(f, max(0, at - 6), at):
        return False  # the last of "A and B will invest …": the money is the pair's, not B's
    if holder is None:
        span = _share_holder(ctx, frame, clause, m0 - len(before) + share_cue.start(), marker)
        if span is None or _JOINED_BEFORE.search(f, max(0, span[0] - 6), span[0]):
            return False
        holder = InvestorFound(span, InvestorRole.UNSPECIFIED)
        frame.investors.append(holder)
    holder.amount = money
    return True


_SHARE_MARKER = re.compile(r"其中|including|of which|among them", re.I)
_EN_ELIDED_SHARE = re.compile(
    r"\band\s+(?P<name>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3})\s+(?:up to |about |roughly |nearly |around |another )?$"
)
# "A and B will invest": B's name is joined to A's; ", and B contributed" starts a clause instead.
_JOINED_BEFORE = re.compile(r"(?:(?<!,)\s(?:and|&)\s|[、和与及])\s*$")
_AUX_TAIL = re.compile(
    r"\s+(?:is|are|was|were|will|would|has|have|had|also|alone|itself)(?:\s+(?:also|be|been))*\s*$"
)


def _share_holder(
    ctx: DocContext, frame: Frame, clause: Window, cue: int, marker: re.Match[str] | None
) -> Window | None:
    """The investor written before a share verb: "其中国澜产业基金出资…", "ASML is contributing …"."""
    f = ctx.folded
    hits = ctx.names.within(clause[0], cue)
    if hits:
        return hits[-1].span.start, hits[-1].span.end
    a = clause[0] + (marker.end() if marker else 0)
    if frame.zh:
        w = names.company_zh(f, a, cue)
    else:
        tail = _AUX_TAIL.search(f, a, cue)
        w = names.company_en(f, a, tail.start() if tail else cue)
    # An investor's name, not a company's: investment firms (…资本, …基金) are exactly who holds shares.
    return w if w is not None and names.plausible_name(f[w[0] : w[1]]) else None


def _best_amount(f: str, amounts: list[Money], limit: int) -> Money:
    """Prefer the amount written next to the round words ("3 亿美元 C 轮融资", "raised $X")."""
    for m in amounts:
        assert m.span is not None
        if _ROUND_NEAR.match(f, m.span.end, min(limit, m.span.end + 12)):
            return m
        if re.search(
            r"(?:raise[sd]?|raising|secured|closed|landed|完成|获得?|融资|募集|筹集)\s*(?:了)?\s*$",
            f[max(0, m.span.start - 12) : m.span.start],
            re.I,
        ):
            return m
    exact = [m for m in amounts if m.qualifier is not Qualifier.UNDISCLOSED]
    return (exact or amounts)[0]
