"""Reading and checking a gold corpus's `expected.json` (format `dealscope-expected/1`)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dealscope.domain import Qualifier, Stage, Status, ValuationBasis
from dealscope.errors import UsageError

FORMAT = "dealscope-expected/1"
ROUND_KEYS = (
    "company",
    "round",
    "status",
    "announced_on",
    "amount",
    "valuation",
    "valuation_basis",
    "lead_investors",
    "investors",
)
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_STAGES = frozenset(s.value for s in Stage)
_STATUSES = frozenset(s.value for s in Status)
_QUALIFIERS = frozenset(q.value for q in Qualifier)
_BASES = frozenset(b.value for b in ValuationBasis)


@dataclass(frozen=True)
class ExpectedDocument:
    """One annotated article: its key (path under articles/, `x.jsonl#id` for JSON Lines) and rounds."""

    file: str
    published: str | None
    rounds: tuple[Mapping[str, Any], ...]
    not_rounds: tuple[str, ...] = ()


def articles_dir(folder: str | Path) -> Path:
    """Where a gold folder keeps its articles: `folder/articles` when it exists, else the folder."""
    folder = Path(folder)
    sub = folder / "articles"
    return sub if sub.is_dir() else folder


def file_key(path: str) -> str:
    """A file key in one spelling: forward slashes, no leading `./`."""
    key = path.replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def load_expected(folder: str | Path) -> list[ExpectedDocument]:
    """Read `folder/expected.json`; raise UsageError naming the place of the first problem."""
    path = Path(folder) / "expected.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file (a gold folder needs an expected.json)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    return parse_expected(data, str(path))


def parse_expected(data: Any, source: str = "expected.json") -> list[ExpectedDocument]:
    """Check parsed expected.json content and turn it into ExpectedDocuments."""
    check = _Checker(source)
    check.that(isinstance(data, dict), "", "the top level must be an object with 'format' and 'documents'")
    fmt = data.get("format")
    check.that(fmt == FORMAT, "format", f"must be {FORMAT!r}, not {fmt!r}")
    docs = data.get("documents")
    check.that(isinstance(docs, list), "documents", "must be a list")
    out: list[ExpectedDocument] = []
    seen: set[str] = set()
    for i, doc in enumerate(docs):
        where = f"documents[{i}]"
        check.that(isinstance(doc, dict), where, "must be an object")
        name = doc.get("file")
        check.that(
            isinstance(name, str) and name.strip() != "", f"{where}.file", "must be a non-empty string"
        )
        key = file_key(name.strip())
        check.that(key not in seen, f"{where}.file", f"{key!r} appears twice")
        seen.add(key)
        published = doc.get("published")
        check.that(
            published is None or isinstance(published, str), f"{where}.published", "must be a string or null"
        )
        rounds = doc.get("rounds")
        check.that(isinstance(rounds, list), f"{where}.rounds", "must be a list (use [] for no rounds)")
        for j, rnd in enumerate(rounds):
            check.round(rnd, f"{where}.rounds[{j}]")
        not_rounds = doc.get("not_rounds", [])
        check.that(
            isinstance(not_rounds, list) and all(isinstance(x, str) for x in not_rounds),
            f"{where}.not_rounds",
            "must be a list of strings",
        )
        out.append(ExpectedDocument(key, published, tuple(rounds), tuple(not_rounds)))
    return out


class _Checker:
    """Raises UsageError with the JSON path of the offending value."""

    def __init__(self, source: str) -> None:
        self.source = source

    def that(self, ok: bool, where: str, message: str) -> None:
        if not ok:
            place = f"{self.source}: {where}: " if where else f"{self.source}: "
            raise UsageError(place + message)

    def round(self, rnd: Any, where: str) -> None:
        self.that(isinstance(rnd, dict), where, "must be an object")
        missing = [k for k in ROUND_KEYS if k not in rnd]
        self.that(
            not missing, where, f"missing required key(s): {', '.join(missing)} (use null when unknown)"
        )
        company = rnd["company"]
        self.that(
            isinstance(company, str) and company.strip() != "",
            f"{where}.company",
            "must be a non-empty string",
        )
        self.strings(rnd.get("aliases", []), f"{where}.aliases")
        self.choice(rnd["round"], _STAGES, f"{where}.round", nullable=False)
        self.choice(rnd["status"], _STATUSES, f"{where}.status", nullable=False)
        on = rnd["announced_on"]
        self.that(
            on is None or (isinstance(on, str) and _DATE.fullmatch(on) is not None),
            f"{where}.announced_on",
            f"must be YYYY-MM-DD, YYYY-MM, YYYY or null, not {on!r}",
        )
        self.money(rnd["amount"], f"{where}.amount")
        self.money(rnd["valuation"], f"{where}.valuation")
        self.choice(rnd["valuation_basis"], _BASES, f"{where}.valuation_basis", nullable=True)
        self.strings(rnd["lead_investors"], f"{where}.lead_investors")
        investors = rnd["investors"]
        self.that(isinstance(investors, list), f"{where}.investors", "must be a list of objects")
        for k, inv in enumerate(investors):
            at = f"{where}.investors[{k}]"
            self.that(isinstance(inv, dict), at, "must be an object with 'name' and 'lead'")
            name = inv.get("name")
            self.that(
                isinstance(name, str) and name.strip() != "", f"{at}.name", "must be a non-empty string"
            )
            self.that(isinstance(inv.get("lead"), bool), f"{at}.lead", "must be true or false")
            self.that(isinstance(inv.get("existing", False), bool), f"{at}.existing", "must be true or false")
            self.money(inv.get("amount"), f"{at}.amount")
        self.that(
            isinstance(rnd.get("background", False), bool), f"{where}.background", "must be true or false"
        )

    def strings(self, value: Any, where: str) -> None:
        self.that(
            isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value),
            where,
            "must be a list of non-empty strings",
        )

    def choice(self, value: Any, valid: frozenset[str], where: str, *, nullable: bool) -> None:
        ok = (value is None and nullable) or (isinstance(value, str) and value in valid)
        self.that(
            ok,
            where,
            f"{value!r} is not one of {', '.join(sorted(valid))}" + (" or null" if nullable else ""),
        )

    def money(self, value: Any, where: str) -> None:
        if value is None:
            return
        self.that(
            isinstance(value, dict), where, "must be an object with value, currency, qualifier, or null"
        )
        missing = [k for k in ("value", "currency", "qualifier") if k not in value]
        self.that(not missing, where, f"missing key(s): {', '.join(missing)}")
        for key in ("value", "low", "high"):
            v = value.get(key)
            ok = v is None or (isinstance(v, int | float) and not isinstance(v, bool))
            self.that(ok, f"{where}.{key}", f"must be a number or null, not {v!r}")
        cur = value["currency"]
        self.that(
            cur is None or (isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur) is not None),
            f"{where}.currency",
            f"must be an ISO 4217 code or null, not {cur!r}",
        )
        self.choice(value["qualifier"], _QUALIFIERS, f"{where}.qualifier", nullable=False)
