"""Scoring predicted round records against a gold corpus (`dealscope eval FOLDER`).

Matching: within one document a predicted round may pair with a gold round when their companies
match (normalised names equal or one containing the other, gold and predicted aliases included) and
their stages are compatible (equal, or either `unknown`). Among the allowed pairings the one-to-one
matching with the most pairs, then the most fully agreeing fields, then the most agreeing
investor names wins; it is found exactly (subset dynamic programming) for documents with up to 8
rounds on the smaller side, greedily beyond (see `matching.best_matching`).

Fields (on matched pairs; an unmatched prediction counts fp for each value it states, an unmatched
gold round fn for each value it states):
- equal values: tp; predicted value and a different or missing gold value: fp (plus fn when gold
  had one); gold value and no predicted value: fn; neither: nothing.
- `company` is tp only when the predicted name equals the gold name or a gold alias after
  normalisation; a containment-only match (a descriptor left on the name) scores fp + fn.
- `round` `unknown`, `valuation_basis` `unspecified`, and a money object with qualifier
  `undisclosed` and no figures are all "no value".
- Money agrees when qualifiers are equal, currencies are equal (any predicted currency agrees with
  a null gold currency: the export carries no `currency_assumed`), and value, low and high are each
  within 1 % (null only matches null; low/high are compared only when the gold money has the key).
- `announced_on` compares strings exactly, so precision counts (`2024-09` is not `2024-09-01`).
- `lead_investors` and `investors` score per name (one-to-one, containment-tolerant): tp per name in
  both, fp per extra predicted name, fn per missing gold name.
- `investor_amounts`: per gold investor with an amount, tp when the matched predicted investor has
  an agreeing amount, else fn (plus fp when it has a different amount); fp per other predicted
  investor amount.
- `background` (true = an earlier round told as context) scores `true` as the value and `false` as
  none; it is scored on a pair only when the predicted record has the key, and for unmatched gold
  rounds only when some predicted record of the run has it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dealscope.errors import UsageError
from dealscope.evaluate.gold import ExpectedDocument, articles_dir, file_key, load_expected
from dealscope.evaluate.matching import best_matching, match_names, matched_name_pairs, names_match, norm_name
from dealscope.evaluate.report import FIELDS, EvalReport, Mismatch, Score

MONEY_TOLERANCE = 0.01  # rounding in the text ("约 1.25 亿" read as 125,000,000) stays well inside 1 %
JSONL_SUFFIXES = (".jsonl", ".ndjson")

Record = Mapping[str, Any]
FieldResult = tuple[Score, Any, Any]  # score, expected shown, predicted shown


# --------------------------------------------------------------------------- values


def _stage(r: Record | None) -> str | None:
    value = r.get("round") if r else None
    return None if value in (None, "", "unknown") else str(value)


def _basis(r: Record | None) -> str | None:
    value = r.get("valuation_basis") if r else None
    return None if value in (None, "", "unspecified") else str(value)


def _money(m: Any) -> dict[str, Any] | None:
    """The comparable part of a money object, or None for no money / an undisclosed amount."""
    if not isinstance(m, Mapping):
        return None
    figures = [m.get(k) for k in ("value", "low", "high")]
    if m.get("qualifier") == "undisclosed" and all(v is None for v in figures):
        return None
    out = {k: m[k] for k in ("raw", "value", "currency", "qualifier", "low", "high") if k in m}
    if out.get("raw") is None:
        out.pop("raw", None)
    return out


def _close(p: Any, g: Any) -> bool:
    if p is None or g is None:
        return p is None and g is None
    a, b = float(p), float(g)
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= MONEY_TOLERANCE * scale


def money_agrees(predicted: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    """Qualifier equal, currency equal (or gold currency null), value/low/high within 1 %."""
    if predicted.get("qualifier") != expected.get("qualifier"):
        return False
    gold_cur = expected.get("currency")
    if gold_cur is not None and predicted.get("currency") != gold_cur:
        return False
    if not _close(predicted.get("value"), expected.get("value")):
        return False
    return all(_close(predicted.get(k), expected[k]) for k in ("low", "high") if k in expected)


def _names(values: Any) -> list[str]:
    out: list[str] = []
    for v in values or ():
        name = v.get("name") if isinstance(v, Mapping) else v
        if isinstance(name, str) and name.strip():
            out.append(name)
    return out


# --------------------------------------------------------------------------- per-field scoring


def _scalar(p: Any, g: Any, equal: Callable[[Any, Any], bool] = lambda a, b: a == b) -> Score:
    if p is None and g is None:
        return Score()
    if p is None:
        return Score(fn=1)
    if g is None:
        return Score(fp=1)
    return Score(tp=1) if equal(p, g) else Score(fp=1, fn=1)


def _company_equal(p: str, gold: Record) -> bool:
    keys = {norm_name(gold["company"]), *(norm_name(a) for a in gold.get("aliases") or ())}
    return norm_name(p) in keys


def _name_set(p: Record | None, g: Record | None, key: str) -> FieldResult:
    missing, extra, pairs = match_names(_names(p.get(key) if p else None), _names(g.get(key) if g else None))
    return Score(pairs, len(extra), len(missing)), missing, extra


def _investor_list(r: Record | None) -> list[tuple[str, dict[str, Any] | None]]:
    out = []
    for inv in (r.get("investors") if r else None) or ():
        name = inv.get("name") if isinstance(inv, Mapping) else None
        if isinstance(name, str) and name.strip():
            out.append((name, _money(inv.get("amount"))))
    return out


def _investor_amounts(p: Record | None, g: Record | None) -> FieldResult:
    pred, gold = _investor_list(p), _investor_list(g)
    pairs = {gi: pi for pi, gi in matched_name_pairs([n for n, _ in pred], [n for n, _ in gold])}
    tp = fp = fn = 0
    expected: dict[str, Any] = {}
    predicted: dict[str, Any] = {}
    counted: set[int] = set()
    for gi, (gname, gmoney) in enumerate(gold):
        if gmoney is None:
            continue
        pi = pairs.get(gi)
        pmoney = pred[pi][1] if pi is not None else None
        if pi is not None:
            counted.add(pi)
        if pmoney is not None and money_agrees(pmoney, gmoney):
            tp += 1
            continue
        fn += 1
        expected[gname] = gmoney
        if pmoney is not None and pi is not None:
            fp += 1
            predicted[pred[pi][0]] = pmoney
    for pi, (pname, pmoney) in enumerate(pred):
        if pmoney is not None and pi not in counted:
            fp += 1
            predicted[pname] = pmoney
    return Score(tp, fp, fn), expected, predicted


def score_pair(p: Record | None, g: Record | None, *, background: bool) -> dict[str, FieldResult]:
    """Per-field results of one predicted and one gold round (None for "no round on that side")."""
    out: dict[str, FieldResult] = {}
    pc = p.get("company") if p else None
    gc = g.get("company") if g else None
    out["company"] = (_scalar(pc, gc, lambda a, _b: g is not None and _company_equal(a, g)), gc, pc)
    for key, read in (("round", _stage), ("valuation_basis", _basis)):
        pv, gv = read(p), read(g)
        out[key] = (_scalar(pv, gv), gv, pv)
    for key in ("status", "announced_on"):
        pv, gv = (p.get(key) if p else None), (g.get(key) if g else None)
        out[key] = (_scalar(pv, gv), gv, pv)
    for key in ("amount", "valuation"):
        pm, gm = _money(p.get(key) if p else None), _money(g.get(key) if g else None)
        out[key] = (_scalar(pm, gm, money_agrees), gm, pm)
    out["lead_investors"] = _name_set(p, g, "lead_investors")
    out["investors"] = _name_set(p, g, "investors")
    out["investor_amounts"] = _investor_amounts(p, g)
    if (p is not None and "background" in p) or (p is None and background):
        pb = True if p is not None and p.get("background") else None
        gb = True if g is not None and g.get("background") else None
        out["background"] = (_scalar(pb, gb), bool(gb), bool(pb))
    return out


def _candidate(p: Record, g: Record) -> bool:
    pnames = [n for n in (p.get("company"), *(p.get("aliases") or ())) if isinstance(n, str)]
    gnames = [g["company"], *(g.get("aliases") or ())]
    if not any(names_match(a, b) for a in pnames for b in gnames):
        return False
    ps, gs = _stage(p), _stage(g)
    return ps is None or gs is None or ps == gs


def _weight(results: Mapping[str, FieldResult]) -> int:
    # Packed (pairs, agreeing fields, agreeing names) so that summing keeps the order: each part
    # stays far below 2**20 in a document of at most a few dozen rounds.
    agree = sum(1 for s, _, _ in results.values() if s.tp and not s.fp and not s.fn)
    tp = sum(s.tp for s, _, _ in results.values())
    return (1 << 40) + (agree << 20) + tp


def _summary(r: Record) -> str:
    money = _money(r.get("amount"))
    amount = "-"
    if money is not None:
        amount = str(
            money.get("raw") or f"{money.get('qualifier')} {money.get('value')} {money.get('currency')}"
        )
    return f"{r.get('company')} | {r.get('round')} | {r.get('status')} | {r.get('announced_on')} | {amount}"


# --------------------------------------------------------------------------- documents


def _match(
    preds: Sequence[Record], golds: Sequence[Record], background: bool
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], dict[str, FieldResult]]]:
    """The best one-to-one pairing of a document's rounds, with the field results of every candidate."""
    cache = {
        (i, j): score_pair(p, g, background=background)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if _candidate(p, g)
    }
    pairs = best_matching(
        len(preds), len(golds), lambda i, j: _weight(cache[(i, j)]) if (i, j) in cache else None
    )
    return pairs, cache


def score_documents(
    predicted: Mapping[str, Sequence[Record]], expected: Sequence[ExpectedDocument]
) -> EvalReport:
    """Score predicted records (per file key) against gold documents. Pure.

    Predicted keys with no gold document are ignored; a gold document with no predicted key counts
    as one where nothing was found.
    """
    background = any("background" in r for recs in predicted.values() for r in recs)
    fields = {f: Score() for f in FIELDS}
    agreement = {f: (0, 0) for f in FIELDS}
    rounds = Score()
    mismatches: list[Mismatch] = []
    for doc in expected:
        preds = list(predicted.get(doc.file, ()))
        golds = list(doc.rounds)
        pairs, cache = _match(preds, golds, background)
        rounds += Score(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(golds) - len(pairs))
        for i, j in pairs:
            for name, (score, exp, got) in cache[(i, j)].items():
                fields[name] += score
                agree, compared = agreement[name]
                agreement[name] = (agree + (not score.fp and not score.fn), compared + 1)
                if score.fp or score.fn:
                    mismatches.append(Mismatch(doc.file, str(golds[j]["company"]), name, exp, got))
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for i, p in enumerate(preds):
            if i not in matched_p:
                for name, (score, _, _) in score_pair(p, None, background=background).items():
                    fields[name] += score
                mismatches.append(Mismatch(doc.file, str(p.get("company")), "rounds", None, _summary(p)))
        for j, g in enumerate(golds):
            if j not in matched_g:
                for name, (score, _, _) in score_pair(None, g, background=background).items():
                    fields[name] += score
                mismatches.append(Mismatch(doc.file, str(g["company"]), "rounds", _summary(g), None))
    return EvalReport(
        documents=len(expected),
        rounds=rounds,
        fields=fields,
        mismatches=tuple(mismatches),
        agreement=agreement,
    )


def _file_part(key: str) -> str:
    head, sep, _ = key.rpartition("#")
    return head if sep and head.lower().endswith(JSONL_SUFFIXES) else key


def document_key(path: str, fmt: str, base: str | Path) -> str:
    """The file key of a read Document: its path relative to `base`, `x.jsonl#id` for JSON Lines."""
    if fmt == "jsonl" and "#" in path:
        head, _, ident = path.rpartition("#")
        return f"{file_key(os.path.relpath(head, base))}#{ident}"
    return file_key(os.path.relpath(path, base))


def evaluate_folder(folder: str | Path, extractor: str = "rules-v1") -> EvalReport:
    """Extract every article of a gold folder (one document at a time, no merging) and score it."""
    from dealscope import api  # the extractor stack loads only when a folder is evaluated

    expected = load_expected(folder)
    base = articles_dir(folder)
    absent = sorted({_file_part(d.file) for d in expected if not (base / _file_part(d.file)).is_file()})
    if absent:
        raise UsageError(
            f"{Path(folder) / 'expected.json'} names files not found under {base}: {', '.join(absent)}"
        )
    predicted: dict[str, list[dict[str, Any]]] = {}
    for item in api.extract_paths([base], extractor):
        if isinstance(item, tuple):
            doc, extraction = item
            predicted[document_key(doc.path, doc.format, base)] = api.records_for([(doc, extraction)])
    report = score_documents(predicted, expected)
    gold_keys = {d.file for d in expected}
    return dataclasses.replace(
        report,
        unannotated=tuple(sorted(k for k in predicted if k not in gold_keys)),
        unread=tuple(d.file for d in expected if d.file not in predicted),
    )
