"""A total told with its parts: "完成100亿美元融资，其中50亿美元来自有担保票据和定期贷款，另外50亿美元来自
战略股权投资", "$50 million: a $32 million Series C plus $18 million of venture debt".

Such a sentence tells two rounds, a debt one and an equity one, and a total that is neither's. The
frame the sentence gave is split into one frame per part, each with its own amount and stage; the
total is kept as a rejected figure so it stays visible.
"""

from __future__ import annotations

import dataclasses
import re

from dealscope.domain import Money, Stage
from dealscope.extract.context import DocContext
from dealscope.extract.cues import STAGE_EN, STAGE_ZH, stage_of
from dealscope.extract.frame import Frame

Window = tuple[int, int]

# What a part is, read in the words right after its amount (or right before it in English).
_DEBT = re.compile(r"票据|贷款|信贷|债|授信|\b(?:debt|loans?|notes|credit|borrowing)\b", re.I)
_EQUITY = re.compile(r"股权|股份|新股|\b(?:equity|Series [A-J]|shares)\b", re.I)
_STRATEGIC = re.compile(r"战略|\bstrategic\b", re.I)
_CLAUSE_END = re.compile(r"[，,；;。:：]")
_PART_REACH = 24  # characters after a part's amount that say what it is
_SUM_SLACK = 0.02  # the parts add up to the total within rounding


def split_tranches(ctx: DocContext, frame: Frame) -> list[Frame]:
    """One frame per part when the segment tells a total and its debt and equity parts; else [frame]."""
    if frame.amount is None:
        return [frame]
    f = ctx.folded
    monies = [m for m in ctx.money.within(*frame.segment) if m.value is not None and m.span is not None]
    parts: list[tuple[Money, Stage, Window | None]] = []
    for i, money in enumerate(monies):
        assert money.span is not None
        # What the part is comes before the next figure and the next clause.
        stop = min(frame.segment[1], money.span.end + _PART_REACH)
        if i + 1 < len(monies) and monies[i + 1].span is not None:
            stop = min(stop, monies[i + 1].span.start)  # type: ignore[union-attr]
        after = _CLAUSE_END.split(f[money.span.end : stop], maxsplit=1)[0]
        debt = _DEBT.search(after)
        if debt:
            at = money.span.end + debt.start()
            parts.append((money, Stage.DEBT, (at, at + len(debt.group()))))
        elif _EQUITY.search(after):
            parts.append((money, *_equity_stage(ctx, money, after)))
    if len(parts) < 2 or {stage is Stage.DEBT for _, stage, _ in parts} != {True, False}:
        return [frame]
    added = sum(m.value or 0.0 for m, _, _ in parts)
    in_parts = {id(m) for m, _, _ in parts}
    total = next(
        (m for m in monies if id(m) not in in_parts and abs((m.value or 0.0) - added) <= _SUM_SLACK * added),
        None,
    )
    if total is None or total.span is None:
        return [frame]
    # Each investor goes with the part written last before it; names before every part, with the equity.
    starts = [m.span.start for m, _, _ in parts if m.span is not None]
    equity = next(i for i, (_, stage, _) in enumerate(parts) if stage is not Stage.DEBT)
    owner = [
        max((i for i, st in enumerate(starts) if st < inv.span[0]), default=equity) for inv in frame.investors
    ]
    out = []
    for k, (money, stage, stage_span) in enumerate(parts):
        assert money.span is not None
        span = stage_span or (money.span.start, money.span.end)
        out.append(
            dataclasses.replace(
                frame,
                amount=money,
                stage=(stage, span),
                valuation=frame.valuation if stage is not Stage.DEBT else None,
                investors=[inv for inv, o in zip(frame.investors, owner, strict=True) if o == k],
                rejected=[],
                metrics=[],
            )
        )
    out[0].rejected = [
        *frame.rejected,
        ("combined amount of several rounds", (total.span.start, total.span.end)),
    ]
    return out


def _equity_stage(ctx: DocContext, money: Money, after: str) -> tuple[Stage, Window | None]:
    """The stage an equity part names ("a $32 million Series C"), else strategic or unknown."""
    assert money.span is not None
    start = money.span.end
    for pat in (STAGE_EN, STAGE_ZH):
        m = pat.search(ctx.folded, start, start + len(after))
        if m is not None:
            return stage_of(m), (m.start(), m.end())
    strategic = _STRATEGIC.search(after)
    if strategic:
        return Stage.STRATEGIC, (start + strategic.start(), start + strategic.end())
    return Stage.UNKNOWN, None
