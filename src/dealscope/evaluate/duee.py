"""Scoring DuEE-style financing events: `(role, argument)` pairs per event, events matched per document.

Two gold dialects are read:
- `duee-fin`: our corpus format (`corpus/duee/docs.jsonl`), event type 企业融资 and the roles of
  `present.duee`.
- `duee1`: DuEE 1.0 items, event type 财经/交易-融资 (other event types are dropped), roles mapped to
  ours: 融资方 -> 被投资方, 时间 -> 事件时间, 跟投方 -> 投资方, 领投方/融资轮次/融资金额 unchanged;
  trigger, argument_start_index and alias keys are ignored. Scoring in this dialect (1) drops a
  predicted 投资方 that is also a predicted 领投方 of the same event, because DuEE 1.0 has no
  generic investor role and lists leads only as 领投方; (2) drops predicted 披露时间, a role DuEE 1.0
  lacks; (3) compares 融资轮次 after stripping a trailing 轮 on both sides.

Arguments compare exactly after trimming surrounding whitespace. Within a document, predicted and
gold events sharing at least one pair are matched one-to-one to maximise the shared pairs
(`matching.best_matching`). Per role: tp per shared pair of a matched event, fp per other predicted
pair, fn per other gold pair (unmatched events count all their pairs). Event level: a matched
event is a tp only when its pair set equals the gold set exactly (every gold argument found, none
extra); every other predicted event is an fp and every other gold event an fn.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dealscope.domain import ReadFailure
from dealscope.errors import UsageError
from dealscope.evaluate.matching import best_matching
from dealscope.evaluate.report import Mismatch, Score

Dialect = Literal["duee-fin", "duee1"]
EVENT_TYPE = "企业融资"
DUEE1_EVENT_TYPE = "财经/交易-融资"
ROLES = ("被投资方", "融资金额", "融资轮次", "领投方", "投资方", "事件时间", "披露时间")
DUEE1_ROLES = {
    "融资方": "被投资方",
    "时间": "事件时间",
    "跟投方": "投资方",
    "领投方": "领投方",
    "融资轮次": "融资轮次",
    "融资金额": "融资金额",
}

Pair = tuple[str, str]


@dataclass(frozen=True)
class DueeReport:
    """Per-role, pooled-argument and event-level scores of DuEE events (see the module docstring)."""

    documents: int
    roles: dict[str, Score]
    arguments: Score
    events: Score
    mismatches: tuple[Mismatch, ...]


# --------------------------------------------------------------------------- gold


def load_duee_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    """Gold events per document id: {"title", "text", "event_list"} with our event type and roles."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    out: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where}: not valid JSON: {exc.msg} (column {exc.colno})") from None
        doc_id, doc = _gold_document(item, where)
        if doc_id in out:
            raise UsageError(f"{where}: id {doc_id!r} appears twice")
        out[doc_id] = doc
    if not out:
        raise UsageError(f"{path}: holds no documents")
    return out


def _gold_document(item: Any, where: str) -> tuple[str, dict[str, Any]]:
    if not isinstance(item, dict):
        raise UsageError(f"{where}: must be a JSON object with id, text and event_list")
    ident = item.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or str(ident) == "":
        raise UsageError(f"{where}: 'id' must be a non-empty string or a number")
    text, title = item.get("text"), item.get("title", "")
    if not isinstance(text, str) or not isinstance(title, str):
        raise UsageError(f"{where}: 'text' (and 'title' when present) must be strings")
    events = item.get("event_list")
    if not isinstance(events, list):
        raise UsageError(f"{where}: 'event_list' must be a list (use [] for no event)")
    kept = []
    for k, event in enumerate(events):
        at = f"{where}: event_list[{k}]"
        if not isinstance(event, dict) or not isinstance(event.get("arguments"), list):
            raise UsageError(f"{at}: must be an object with event_type and an arguments list")
        kind = event.get("event_type")
        if kind == EVENT_TYPE:
            mapping = {r: r for r in ROLES}
        elif kind == DUEE1_EVENT_TYPE:
            mapping = DUEE1_ROLES
        elif isinstance(kind, str):
            continue  # other event types are not financing rounds
        else:
            raise UsageError(f"{at}: 'event_type' must be a string")
        kept.append({"event_type": EVENT_TYPE, "arguments": _gold_arguments(event["arguments"], mapping, at)})
    return str(ident), {"title": title, "text": text, "event_list": kept}


def _gold_arguments(args: list[Any], mapping: Mapping[str, str], where: str) -> list[dict[str, str]]:
    out = []
    for k, arg in enumerate(args):
        if (
            not isinstance(arg, dict)
            or not isinstance(arg.get("role"), str)
            or not isinstance(arg.get("argument"), str)
        ):
            raise UsageError(f"{where}.arguments[{k}]: must be an object with string 'role' and 'argument'")
        role = mapping.get(arg["role"])
        if role is None:
            raise UsageError(
                f"{where}.arguments[{k}]: unknown role {arg['role']!r}; valid: {', '.join(mapping)}"
            )
        out.append({"role": role, "argument": arg["argument"]})
    return out


# --------------------------------------------------------------------------- prediction


def predict_duee(path: str | Path, extractor: str = "rules-v1") -> dict[str, list[dict[str, Any]]]:
    """Run the extractor over a DuEE JSON Lines file: document id -> predicted event_list."""
    from dealscope.extract import get_extractor
    from dealscope.ingest import iter_documents
    from dealscope.present.duee import duee_record

    if not Path(path).is_file():
        raise UsageError(f"{path}: no such file")
    ex = get_extractor(extractor)
    out: dict[str, list[dict[str, Any]]] = {}
    for doc in iter_documents([path]):
        if isinstance(doc, ReadFailure):
            continue  # an unreadable line has no events; its gold events count as missed
        ident = doc.path.rpartition("#")[2] if "#" in doc.path else doc.id
        out[ident] = duee_record(ident, ex.extract(doc))["event_list"]
    return out


# --------------------------------------------------------------------------- scoring


def _pairs(event: Mapping[str, Any], dialect: Dialect, *, predicted: bool) -> frozenset[Pair]:
    pairs = set()
    for arg in event.get("arguments") or ():
        role, text = arg.get("role"), arg.get("argument")
        if not isinstance(role, str) or not isinstance(text, str) or not text.strip():
            continue
        text = text.strip()
        if dialect == "duee1" and role == "融资轮次":
            text = text.removesuffix("轮").strip()
        pairs.add((role, text))
    if dialect == "duee1" and predicted:
        leads = {t for r, t in pairs if r == "领投方"}
        pairs = {(r, t) for r, t in pairs if r != "披露时间" and not (r == "投资方" and t in leads)}
    return frozenset(pairs)


def _events(
    events: Sequence[Mapping[str, Any]], dialect: Dialect, *, predicted: bool
) -> list[frozenset[Pair]]:
    return [
        _pairs(e, dialect, predicted=predicted)
        for e in events
        if e.get("event_type", EVENT_TYPE) == EVENT_TYPE
    ]


def _company(pairs: frozenset[Pair]) -> str:
    return next((t for r, t in sorted(pairs) if r == "被投资方"), "")


def _by_role(pairs: frozenset[Pair]) -> dict[str, list[str]]:
    return {
        role: sorted(t for r, t in pairs if r == role) for role in ROLES if any(r == role for r, _ in pairs)
    }


def _roles_of(pairs: frozenset[Pair]) -> tuple[str, ...]:
    """Our roles in their usual order, then any other role a prediction used (scored as fp)."""
    return ROLES + tuple(sorted({r for r, _ in pairs} - set(ROLES)))


def _match_events(preds: list[frozenset[Pair]], golds: list[frozenset[Pair]]) -> list[tuple[int, int]]:
    return best_matching(len(preds), len(golds), lambda i, j: len(preds[i] & golds[j]) or None)


def score_duee(
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Mapping[str, Mapping[str, Any]],
    *,
    dialect: Dialect,
) -> DueeReport:
    """Score predicted event lists (per id) against gold documents. Pure; ids without gold are ignored."""
    if dialect not in ("duee-fin", "duee1"):
        raise UsageError(f"unknown dialect {dialect!r}; valid: duee-fin, duee1")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    events = Score()
    mismatches: list[Mismatch] = []
    for doc_id, doc in gold.items():
        golds = _events(doc.get("event_list") or (), dialect, predicted=False)
        preds = _events(predicted.get(doc_id) or (), dialect, predicted=True)
        pairs = _match_events(preds, golds)
        exact = 0
        for i, j in pairs:
            p, g = preds[i], golds[j]
            exact += p == g
            for role in _roles_of(p | g):
                pr = {t for r, t in p if r == role}
                gr = {t for r, t in g if r == role}
                tp[role] += len(pr & gr)
                fp[role] += len(pr - gr)
                fn[role] += len(gr - pr)
                if pr != gr:
                    mismatches.append(Mismatch(doc_id, _company(g), role, sorted(gr - pr), sorted(pr - gr)))
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for i, p in enumerate(preds):
            if i not in matched_p:
                fp.update(r for r, _ in p)
                mismatches.append(Mismatch(doc_id, _company(p), "event", None, _by_role(p)))
        for j, g in enumerate(golds):
            if j not in matched_g:
                fn.update(r for r, _ in g)
                mismatches.append(Mismatch(doc_id, _company(g), "event", _by_role(g), None))
        events += Score(tp=exact, fp=len(preds) - exact, fn=len(golds) - exact)
    roles = {r: Score(tp[r], fp[r], fn[r]) for r in _roles_of(frozenset((r, "") for r in tp + fp + fn))}
    arguments = sum(roles.values(), Score())
    return DueeReport(
        documents=len(gold), roles=roles, arguments=arguments, events=events, mismatches=tuple(mismatches)
    )
