"""DuEE-Fin output: each round as a `企业融资` event whose arguments are the article's own words.

This is the common format of Chinese financial event-extraction benchmarks, so users can score
dealscope against published systems. Roles: 被投资方, 融资金额, 融资轮次, 领投方, 投资方 (leads too),
事件时间, 披露时间.
"""

from __future__ import annotations

from typing import Any

from dealscope.domain import Extraction, InvestorRole, Qualifier, RoundMention, Stage
from dealscope.extract.cues import stage_core

EVENT_TYPE = "企业融资"
ROLES = ("被投资方", "融资金额", "融资轮次", "领投方", "投资方", "事件时间", "披露时间")


def duee_arguments(m: RoundMention) -> list[dict[str, str]]:
    """The (role, argument) pairs of one round, each argument being words quoted from the text."""
    args: list[tuple[str, str]] = [("被投资方", m.company.text)]
    if m.amount and m.amount.money.qualifier is not Qualifier.UNDISCLOSED:
        args.append(("融资金额", m.amount.money.raw))
    if m.stage and m.stage.stage is not Stage.UNKNOWN:
        args.append(("融资轮次", stage_core(m.stage.raw)))
    for inv in m.investors:
        if inv.role is InvestorRole.LEAD:
            args.append(("领投方", inv.name))
    for inv in m.investors:
        args.append(("投资方", inv.name))
    if m.event_date:
        args.append(("事件时间", m.event_date.raw))
    if m.disclosed_date:
        args.append(("披露时间", m.disclosed_date.raw))
    seen: set[tuple[str, str]] = set()
    out = []
    for role, arg in args:
        arg = arg.strip()
        if arg and (role, arg) not in seen:
            seen.add((role, arg))
            out.append({"role": role, "argument": arg})
    return out


def duee_record(doc_id: str, extraction: Extraction) -> dict[str, Any]:
    """One output line: `{"id", "event_list": [{"event_type": "企业融资", "arguments": [...]}]}`."""
    return {
        "id": doc_id,
        "event_list": [{"event_type": EVENT_TYPE, "arguments": duee_arguments(m)} for m in extraction.rounds],
    }
