"""Sentence level: what each segment of a sentence says about one round (a `Frame`).

A sentence is cut into segments: a new segment starts where a clause names a new company with a
round verb, or tells an earlier round (此前, previously). Each segment yields a Frame holding the
company, stage, amount, valuation, investors, status cue and dates it states; `amounts` classifies
every money figure (round amount, valuation, an investor's share, a metric, or a trap with a
reason). `assemble` then groups frames into rounds.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from dealscope.domain import InvestorRole, Span, Stage, Status
from dealscope.extract import cues, names
from dealscope.extract.amounts import ZH_COMPARED, classify_money, clause_of
from dealscope.extract.context import DocContext
from dealscope.extract.frame import Frame
from dealscope.extract.investors import investors_en, investors_zh
from dealscope.extract.subjects import (
    ADVISER_CLAUSE,
    EN_VERB,
    ZH_PREDICATE,
    accept,
    company_en,
    company_zh,
)

Window = tuple[int, int]


# --------------------------------------------------------------------------- segments

_ZH_CLAUSE = re.compile(r"[，,；;：:]")
_EN_CLAUSE = re.compile(
    r";\s|,\s(?=and (?:in|on|last|then|later|earlier)\b)|,?\s(?=and an? (?:[$€£¥]|US\$|[A-Z]{0,2}\$)?\d)|,\s(?=(?:after|following|up from|down from|having|compared with|a year after|months after)\b)|\s[-–—]\s"
    r"|\s(?=after [A-Z])|,\s(?=(?:more than|less than|nearly|roughly|double|triple|twice)\b)"
    r"|,\s(?=(?:just |only |barely |some |about )?(?:a few |a couple of |two |three |four |six |several |nine )?"
    r"(?:months?|weeks?|days?|a year|years?) (?:after|since)\b)"
)


def _clauses(ctx: DocContext, s: Span, zh: bool) -> list[Window]:
    pat = _ZH_CLAUSE if zh else _EN_CLAUSE
    out: list[Window] = []
    pos = s.start
    for m in pat.finditer(ctx.folded, s.start, s.end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < s.end:
        out.append((pos, s.end))
    return out


def frames_for_sentence(ctx: DocContext, s: Span) -> list[Frame]:
    """Frames for one sentence; empty when it says nothing about a round."""
    f = ctx.folded
    if (
        not _round_words(ctx, s.start, s.end)
        and not stage_in(ctx, s.start, s.end)
        # A sentence with no round words may still date the round in focus ("announced the deal on Monday").
        and not (ctx.dates.within(s.start, s.end) and cues.REFERENCE.search(f, s.start, s.end))
    ):
        return []
    zh = ctx.is_zh(s.start, s.end)
    segments: list[list[Window]] = []
    seg_company: list[Window | None] = []
    prev: Window | None = None
    for cl in _clauses(ctx, s, zh):
        # "较9月F轮融资时的1830亿美元几乎翻倍": a comparison with an earlier round is that round's.
        background = bool(cues.BACKGROUND.search(f, *cl) or (zh and ZH_COMPARED.search(f, *cl)))
        stage = stage_in(ctx, *cl)
        round_clause = bool(stage or _round_words(ctx, *cl))
        # A subject matters only in a clause about a round; finding it is the costly part.
        co = (company_zh(ctx, *cl) if zh else company_en(ctx, *cl)) if round_clause else None
        if co is not None and ADVISER_CLAUSE.search(f, *cl):
            co = None  # "嘉衡资本担任本轮独家财务顾问": an adviser, not the company
        if co is None and zh and round_clause:
            co = _name_before_figure(ctx, cl)
        if co is None and zh and round_clause and prev is not None:
            co = _bare_name_clause(ctx, prev, cl)
        prev = cl
        new_company = (
            co is not None
            and round_clause
            and segments
            and seg_company[-1] is not None
            and (names_key(f, co) != names_key(f, seg_company[-1]))
        )
        # "In December 2023 it raised €385 million …, and in June 2024 it raised €600 million …".
        if (
            not new_company
            and not zh
            and segments
            and EN_VERB.search(f, *cl)
            and ctx.money.within(*cl)
            and ctx.money.within(segments[-1][0][0], segments[-1][-1][1])
            and EN_VERB.search(f, segments[-1][0][0], segments[-1][-1][1])
        ):
            new_company = True
        # "The Series J comes a year after Databricks raised … in a Series I": another stage, another round.
        if (
            not new_company
            and segments
            and stage is not None
            and stage[0] is not Stage.UNKNOWN
            and (co is not None or ctx.money.within(*cl))
        ):
            prev_stage = stage_in(ctx, segments[-1][0][0], segments[-1][-1][1])
            new_company = (
                prev_stage is not None and prev_stage[0] is not Stage.UNKNOWN and prev_stage[0] != stage[0]
            )
        # "…完成B1轮和B2轮融资，其中B2轮由道生投资领投": a clause opening with one round's stage speaks
        # of that round only.
        if (
            not new_company
            and segments
            and stage is not None
            and _STAGE_OPENS.fullmatch(f, cl[0], stage[1][0])
        ):
            prev_stage = stage_in(ctx, segments[-1][0][0], segments[-1][-1][1])
            new_company = prev_stage is not None and (
                prev_stage[0] != stage[0]
                or cues.stage_variant(f[prev_stage[1][0] : prev_stage[1][1]])
                != cues.stage_variant(f[stage[1][0] : stage[1][1]])
                or bool(
                    cues.COORDINATED_ZH.search(f, *segments[-1][0])
                    or cues.COORDINATED_EN.search(f, *segments[-1][0])
                )
            )
        if not segments or (background and round_clause and _has_money_or_stage(ctx, *cl)) or new_company:
            segments.append([cl])
            seg_company.append(co if round_clause else None)
        else:
            segments[-1].append(cl)
            if seg_company[-1] is None and co is not None and round_clause:
                seg_company[-1] = co
    frames = []
    for clauses, co in zip(segments, seg_company, strict=True):
        frame = _frame(ctx, s, clauses, co, zh)
        if frame is not None:
            frames.extend(_split_coordinated(ctx, frame))
    return frames


def _split_coordinated(ctx: DocContext, frame: Frame) -> list[Frame]:
    """ "连续完成Pre-A轮和A轮两轮融资": one frame per round, sharing what the clause says of both.

    An amount written once for the pair is their sum, not either round's, so neither gets it; a
    valuation is the company's after the later round.
    """
    if frame.stage is None:
        return [frame]
    f = ctx.folded
    pat = cues.COORDINATED_ZH if frame.zh else cues.COORDINATED_EN
    m = pat.search(f, *frame.segment)
    if m is None:
        return [frame]
    first, second = m.span("s1"), m.span("s2")
    stages = [(cues.coordinated_stage(f[a:b]), (a, b)) for a, b in (first, second)]
    if any(st is Stage.UNKNOWN for st, _ in stages):
        return [frame]
    if frame.amount is not None and frame.amount.span is not None:
        frame.rejected.append(
            ("combined amount of several rounds", (frame.amount.span.start, frame.amount.span.end))
        )
    earlier = dataclasses.replace(
        frame, stage=stages[0], amount=None, valuation=None, investors=list(frame.investors), metrics=[]
    )
    later = dataclasses.replace(frame, stage=stages[1], amount=None, rejected=[])
    return [earlier, later]


_STAGE_OPENS = re.compile(r"\s*(?:其中|而|另外|the|its)?\s*", re.I)


def _round_words(ctx: DocContext, a: int, b: int) -> bool:
    """Whether a window has words of a round: a trigger, or a headline verb right before an amount."""
    f = ctx.folded
    if cues.TRIGGER.search(f, a, b):
        return True
    return bool(ctx.money.within(a, b)) and cues.MONEY_VERB.search(f, a, b) is not None


_LINE_OPENING = re.compile(r"\s*(?:#+\s*)?(?:\d{1,2}[.、)]\s*|[-*•]\s*)?")


def _name_before_figure(ctx: DocContext, cl: Window) -> Window | None:
    """ "擎渊机器人12亿元C轮" (a digest heading after its label): the name written right before the figure."""
    f = ctx.folded
    line = f.rfind("\n", 0, cl[0]) + 1
    opens = _LINE_OPENING.fullmatch(f, line, cl[0]) or re.fullmatch(r".{1,12}[：:]\s*", f[line : cl[0]])
    found = ctx.money.within(*cl)
    if not opens or not found or found[0].span is None or ZH_PREDICATE.search(f, *cl):
        return None
    end = found[0].span.start
    return accept(ctx, names.company_zh(f, cl[0], end)) if end - cl[0] >= 2 else None


def _bare_name_clause(ctx: DocContext, prev: Window, cl: Window) -> Window | None:
    """ "铁甲智造，今年上半年刚完成一轮10亿元融资": a short clause that is only a name is the subject."""
    f = ctx.folded
    pred = ZH_PREDICATE.search(f, *cl)
    # "4. Tessarune：4000万美元A轮": a name opening its line, then a colon, heads a digest item.
    colon = (
        re.search(r"[：:]", f[prev[1] : cl[0]]) is not None
        and _LINE_OPENING.fullmatch(f, f.rfind("\n", 0, prev[0]) + 1, prev[0]) is not None
    )
    if (pred is None and not colon) or prev[1] - prev[0] > 16 or cues.TRIGGER.search(f, *prev):
        return None
    a, b = names.strip_span(f, *prev)
    pred_prev = ZH_PREDICATE.search(f, a, b)
    if pred_prev is not None and pred_prev.start() > a:
        b = pred_prev.start()  # "智算服务商深算云对外表示，公司计划…"
    return accept(ctx, names.company_zh(f, a, b)) if b - a >= 2 else None


def names_key(f: str, w: Window) -> str:
    return _name_key(f[w[0] : w[1]])


_KEY_NOISE = re.compile(r"[\s\-_.,'’·“”\"]")


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    return _KEY_NOISE.sub("", name).casefold()


def _has_money_or_stage(ctx: DocContext, a: int, b: int) -> bool:
    return bool(ctx.money.within(a, b)) or stage_in(ctx, a, b) is not None


def stage_in(ctx: DocContext, a: int, b: int) -> tuple[Stage, Window] | None:
    """The most specific stage named in a window (a letter stage beats 新一轮)."""
    best: tuple[Stage, Window] | None = None
    for index in (ctx.stages_zh, ctx.stages_en):
        for stage, w in index.within(a, b):
            if w[1] > b:
                continue
            if best is None or (best[0] is Stage.UNKNOWN and stage is not Stage.UNKNOWN):
                best = (stage, w)
    return best


# --------------------------------------------------------------------------- one frame


def _frame(ctx: DocContext, s: Span, clauses: list[Window], company: Window | None, zh: bool) -> Frame | None:
    f = ctx.folded
    a, b = clauses[0][0], clauses[-1][1]
    if company is None and _ANONYMOUS_SUBJECT.search(f, a, b):
        return None  # "还有一家成立才半年的团队，种子轮就拿了5000万美金": a company the article does not name
    frame = Frame(sentence=s, segment=(a, b), zh=zh, company=company)
    frame.background = bool(cues.BACKGROUND.search(f, a, b) or _AFTER_OPENING.match(f, a, b))
    frame.reference = bool(cues.REFERENCE.search(f, a, b))
    frame.round_verb = _round_words(ctx, a, b)
    if company is not None:
        frame.alias = names.parenthetical_alias(f, company[1])
    frame.stage = stage_in(ctx, a, b)
    frame.investors = investors_zh(ctx, a, b) if zh else investors_en(ctx, a, b)
    if company is not None:
        ck = names_key(f, company)
        frame.investors = [i for i in frame.investors if names_key(f, i.span) != ck]
    classify_money(ctx, frame, clauses)
    if frame.amount is not None and frame.amount.span is not None:
        # A background cue elsewhere in the sentence ("… more than double its seed round a year ago")
        # speaks of another round; the clause holding the amount decides.
        if not zh:  # Chinese puts 此前/上一轮 in a clause of its own before the amount
            cl = clause_of(clauses, frame.amount.span.start)
            frame.background = bool(cues.BACKGROUND.search(f, *cl))
        frame.stage = _nearest_stage(ctx, a, b, frame.amount.span.start) or frame.stage
        if (
            frame.stage is not None
            and frame.stage[0] in (Stage.DEBT, Stage.GRANT)
            # A grant's programme name may sit between the amount and the word ("$1.8 million Small
            # Business Innovation Research Phase II grant"); a credit line comes right after its own
            # amount or right before it ("debt financing of 800 million yen").
            and (
                min(
                    abs(frame.stage[1][0] - frame.amount.span.end),
                    abs(frame.amount.span.start - frame.stage[1][1]),
                )
                > (80 if frame.stage[0] is Stage.GRANT else 10)
                or bool(ctx.money.within(frame.amount.span.end, frame.stage[1][0]))
            )
        ):
            # "66亿美元融资+40亿美元信贷额度": a credit line names its own amount, not the equity round's.
            frame.stage = None
    frame.status = _status(ctx, a, b)
    for d in ctx.dates.within(a, b):
        if company and company[0] <= d.span.start < company[1]:
            continue
        if _FOUNDED.search(f, max(a, d.span.start - 14), min(b, d.span.end + 6)):
            continue  # "a company Musk founded last year", "成立于2016年": not the round's date
        if _SINCE.search(f, max(a, d.span.start - 8), d.span.start) and not _WHEN.match(f, d.span.end):
            continue  # "a partner since 2019", "自2019年以来": when something began, not the round
        if _LISTING_PLAN.search(f, *clause_of(clauses, d.span.start)):
            continue  # "计划于2025年申报科创板IPO": the date of a listing plan, not of the round
        if d.disclosure:
            frame.disclosed = frame.disclosed or d
        elif frame.event_date is None:
            frame.event_date = d
    if not frame.has_round_facts and not frame.reference and frame.status is None:
        return None
    staged = frame.stage is not None and frame.stage[0] is not Stage.UNKNOWN
    if not staged and cues.BUYBACK.search(f, a, b):
        return None  # "以约3000亿美元的估值回购股票": the valuation of a buyback, not of a round
    # "… also participated in the round, bringing total funding to $72 million": a total told beside
    # a round's own facts does not unmake them.
    # An investor named only as the giver of that total ("此前已累计向Anthropic投资80亿美元") tells no round.
    told = staged or frame.reference or any(i.role is not InvestorRole.UNSPECIFIED for i in frame.investors)
    if frame.amount is None and any(
        reason in _NOT_ROUND_EVENTS and not (told and reason == "cumulative total")
        for reason, _ in frame.rejected
    ):
        # "a firm that backs Series A companies closed its fourth fund at $400 million": the
        # sentence is about a fund or a deal, so its stage words and names are not a round either.
        return None
    return frame


_NOT_ROUND_EVENTS = frozenset(
    {
        "fund raised by an investment firm",
        "money returned to investors",
        "acquisition price",
        "cumulative total",
        "spending, not an investment",
        "investment pledge or project budget",
        "an investor's portfolio total",
        "share buyback",
        "market-wide statistic",
    }
)


_ANONYMOUS_SUBJECT = re.compile(
    r"(?:还有|另有|另外)?一家[^，。；]{0,12}?(?:公司|团队|企业|创企|初创)|另一家|某(?:家)?(?:公司|创企|初创)"
    r"|\b(?:another|an unnamed|one) (?:startup|company|rival)\b",
    re.I,
)
_LISTING_PLAN = re.compile(r"上市|IPO(?!轮)|申报|递表|招股|\b(?:IPO|go(?:ing)? public|listing)\b", re.I)
_SINCE = re.compile(r"(?:\bsince|\bever since|自|从)\s*$", re.I)
_WHEN = re.compile(r",?\s*when\b|，?当时", re.I)  # "since May 2024, when Thrive led…" dates that round
_FOUNDED = re.compile(
    r"成立|创立|创办|创建|诞生|founded|established|started|launched|incorporated|spun out", re.I
)


def _nearest_stage(ctx: DocContext, a: int, b: int, pos: int) -> tuple[Stage, Window] | None:
    """The letter stage written closest to the amount ("follows the company's $38 million Series B")."""
    best: tuple[Stage, Window] | None = None
    for index in (ctx.stages_zh, ctx.stages_en):
        for stage, w in index.within(a, b):
            if stage is Stage.UNKNOWN or w[1] > b:
                continue
            if best is None or abs(w[0] - pos) < abs(best[1][0] - pos):
                best = (stage, w)
    return best


# A clause opening "after X raised …" recalls an earlier round.
_AFTER_OPENING = re.compile(r"\s*(?:after|following|since)\s", re.I)


def _status(ctx: DocContext, a: int, b: int) -> tuple[Status, Window] | None:
    f = ctx.folded
    for status, pat in cues.STATUS_CUES:
        m = pat.search(f, a, b)
        if m is None:
            continue
        conditional = cues.CONDITIONAL.search(f, max(a, m.start() - 24), m.start())
        if status is Status.COMPLETED and conditional is not None:
            # "若获得本轮融资，估值将达…", "a deal that would value it at …": a round that may happen.
            return Status.IN_TALKS, (conditional.start(), conditional.end())
        return status, (m.start(), m.end())
    return None
