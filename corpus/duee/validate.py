"""Check corpus/duee/docs.jsonl against the annotation rules in README.md and print its counts."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROLES = frozenset({"被投资方", "融资金额", "融资轮次", "领投方", "投资方", "事件时间", "披露时间"})
QUOTES = '“”"《》「」'
# The brief for this set asks for texts of 100–800 characters, the range of real newsflashes.
MIN_TEXT, MAX_TEXT = 100, 800


def check_event(doc_id: str, k: int, ev: dict[str, Any], source: str) -> tuple[list[str], Counter[str]]:
    """Return the rule violations of one event and its argument count per role."""
    errors: list[str] = []
    roles: Counter[str] = Counter()
    where = f"{doc_id} event {k}"
    if ev.get("event_type") != "企业融资":
        errors.append(f"{where}: event_type {ev.get('event_type')!r}")
    pairs = [(a["role"], a["argument"]) for a in ev.get("arguments", [])]
    if len(pairs) != len(set(pairs)):
        errors.append(f"{where}: a (role, argument) pair is listed twice")
    if sum(role == "被投资方" for role, _ in pairs) != 1:
        errors.append(f"{where}: needs exactly one 被投资方")
    leads = {arg for role, arg in pairs if role == "领投方"}
    investors = {arg for role, arg in pairs if role == "投资方"}
    if not leads <= investors:
        errors.append(f"{where}: lead investors missing from 投资方: {sorted(leads - investors)}")
    for role, arg in pairs:
        roles[role] += 1
        if role not in ROLES:
            errors.append(f"{where}: unknown role {role!r}")
        if not arg or arg != arg.strip() or arg not in source:
            errors.append(f"{where}: {role}={arg!r} is not a substring of title or text")
        if role == "融资轮次" and "轮" in arg:
            errors.append(f"{where}: 融资轮次 {arg!r} keeps 轮")
        if any(q in arg for q in QUOTES):
            errors.append(f"{where}: {role}={arg!r} keeps quotes")
    return errors, roles


def main(path: Path) -> int:
    """Validate the file at path; print counts and errors; return the exit status."""
    errors: list[str] = []
    ids: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    by_events: Counter[str] = Counter()
    n_docs = n_events = 0
    for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        doc = json.loads(line)
        n_docs += 1
        if set(doc) != {"id", "title", "text", "event_list"}:
            errors.append(f"line {ln}: keys {sorted(doc)}")
            continue
        ids[doc["id"]] += 1
        if not MIN_TEXT <= len(doc["text"]) <= MAX_TEXT:
            errors.append(f"{doc['id']}: text has {len(doc['text'])} characters")
        events = doc["event_list"]
        n_events += len(events)
        by_events["0" if not events else "1" if len(events) == 1 else "2+"] += 1
        for k, ev in enumerate(events):
            errs, counts = check_event(doc["id"], k, ev, doc["title"] + "\n" + doc["text"])
            errors += errs
            roles += counts
    errors += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    print(f"docs {n_docs}, events {n_events}, docs by number of events {dict(sorted(by_events.items()))}")
    print("arguments per role:", dict(roles.most_common()), "total", sum(roles.values()))
    print("\n".join(errors) if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("docs.jsonl")))
