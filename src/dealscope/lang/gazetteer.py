"""A curated gazetteer of organisations and people in venture financing, with a one-pass matcher.

The bundled list lives in `dealscope/data/orgs.json` (its fields are described in
docs/gazetteer.md). `Gazetteer.find_all` scans a text once with an Aho-Corasick automaton and
returns leftmost-longest, non-overlapping hits whose spans index the text; `Gazetteer.lookup`
resolves any listed name, alias or former name through `name_key`.

Matching rules: names are matched exactly as listed (case-sensitive; an all-caps form such as
`NVIDIA` matches only when listed). A name that begins or ends with a Latin letter or digit must sit
on a word boundary at that end, so `Meta` does not match inside `Metaplanet`; Chinese characters
need no boundary. Names in an entry's `ambiguous` list are common words or shared prefixes: they
match, but the hit says so, and callers may drop them (`include_ambiguous=False`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

from dealscope.domain import OrgKind, Span

__all__ = ["LAYERS", "Gazetteer", "GazetteerHit", "OrgEntry", "name_key"]

FORMAT = "dealscope-orgs/1"
LAYERS = frozenset({"foundation_models", "infrastructure", "applications"})

_ID = re.compile(r"[a-z0-9][a-z0-9_]*\Z")
_REGION = re.compile(r"[A-Z]{2}\Z")
_SECTOR = re.compile(r"[a-z][a-z0-9_]*\Z")
_NOT_KEY = re.compile(r"[\W_]+")
_LIST_FIELDS = ("names_zh", "names_en", "aliases", "formerly", "ambiguous")
_TEXT_FIELDS = ("region", "sector", "layer", "website", "parent")
_FIELDS = frozenset(("id", "name", "kind", *_LIST_FIELDS, *_TEXT_FIELDS))
_KINDS = tuple(k for k in OrgKind if k is not OrgKind.UNKNOWN)
# Chinese renderings of foreign names join given name and surname with any of these dots; each
# listed form is also matched with the others, so the list needs only one spelling.
_DOTS = "·・•‧･"
# Characters that continue a Latin word. CJK (from U+2E80 on) never does: `OpenAI的` is a match.
_CJK_START = 0x2E80
_CJK_CHAR = chr(_CJK_START)


def name_key(name: str) -> str:
    """The lookup key of a name: NFKC, casefolded, with spaces, punctuation and symbols removed."""
    return _NOT_KEY.sub("", unicodedata.normalize("NFKC", name).casefold())


def _is_word(ch: str) -> bool:
    return (ch.isalnum() and ord(ch) < _CJK_START) or ch == "_"


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One organisation or person: canonical name, every name it goes by, and a few facts."""

    id: str
    name: str
    kind: OrgKind
    names_zh: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    formerly: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    region: str | None = None
    sector: str | None = None
    layer: str | None = None
    website: str | None = None
    parent: str | None = None

    def all_names(self) -> tuple[str, ...]:
        """Every name the entry answers to, `name` first, without repeats."""
        return tuple(
            dict.fromkeys(
                (self.name, *self.names_zh, *self.names_en, *self.aliases, *self.formerly, *self.ambiguous)
            )
        )


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    """A gazetteer name found in a text; `name` is the listed form, `span` indexes the text."""

    span: Span
    name: str
    entry: OrgEntry
    ambiguous: bool


# Automaton payload: (length, entry index or -1 for a stop string, listed name, ambiguous,
# check the left boundary, check the right boundary).
_Payload = tuple[int, int, str, bool, bool, bool]


def _variants(name: str) -> set[str]:
    forms = {name}
    if any(d in name for d in _DOTS):
        forms |= {re.sub(f"[{_DOTS}]", d, name) for d in _DOTS}
    if "'" in name or "\u2019" in name:
        forms |= {f.replace("'", "\u2019") for f in forms} | {f.replace("\u2019", "'") for f in forms}
    return forms


class Gazetteer:
    """Finds and resolves the names of known organisations and people."""

    __slots__ = ("_automaton", "_by_id", "_by_key", "_entries", "_size")

    def __init__(self, entries: Sequence[OrgEntry], stop: Iterable[str] = ()) -> None:
        self._entries = tuple(entries)
        self._by_id: dict[str, OrgEntry] = {}
        self._by_key: dict[str, OrgEntry] = {}
        for entry in self._entries:
            _check_entry(entry)
            if entry.id in self._by_id:
                raise ValueError(f"entry {entry.id!r}: duplicate id")
            self._by_id[entry.id] = entry
            for name in entry.all_names():
                key = name_key(name)
                owner = self._by_key.setdefault(key, entry)
                if owner is not entry:
                    raise ValueError(
                        f"entry {entry.id!r}: name {name!r} is already claimed by entry {owner.id!r}"
                    )
        for entry in self._entries:
            if entry.parent is not None and (entry.parent == entry.id or entry.parent not in self._by_id):
                raise ValueError(f"entry {entry.id!r}: parent {entry.parent!r} is not another entry's id")

        automaton = ahocorasick.Automaton()
        size = 0
        for index, entry in enumerate(self._entries):
            flagged = set(entry.ambiguous)
            for name in entry.all_names():
                for form in _variants(name):
                    size += automaton.add_word(form, _payload(form, name, index, name in flagged))
        for text in stop:
            if not text or text != text.strip():
                raise ValueError(f"stop string {text!r} is empty or has surrounding spaces")
            claimed = self._by_key.get(name_key(text))
            if claimed is not None:
                raise ValueError(f"stop string {text!r} is also a name of entry {claimed.id!r}")
            size += automaton.add_word(text, _payload(text, text, -1, False))
        if size:
            automaton.make_automaton()
        self._automaton = automaton
        self._size = size

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer bundled with dealscope, loaded once per process."""
        return _default()

    @classmethod
    def from_entries(cls, entries: Iterable[OrgEntry], stop: Iterable[str] = ()) -> Gazetteer:
        """A gazetteer of `entries`; raises ValueError when they are inconsistent."""
        return cls(tuple(entries), stop)

    @classmethod
    def from_json(cls, text: str | bytes, source: str = "orgs.json") -> Gazetteer:
        """A gazetteer read from the JSON format of the bundled file; errors name `source`."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source}: not valid JSON: {exc}") from exc
        try:
            entries, stop = _parse(data)
            return cls(entries, stop)
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from exc

    def entries(self) -> tuple[OrgEntry, ...]:
        """All entries, in file order."""
        return self._entries

    def get(self, entry_id: str) -> OrgEntry | None:
        """The entry with this id, if any."""
        return self._by_id.get(entry_id)

    def lookup(self, name: str) -> OrgEntry | None:
        """The entry that lists `name` (or a spelling with the same `name_key`) among its names."""
        key = name_key(name)
        return self._by_key.get(key) if key else None

    def find_all(
        self, text: str, start: int = 0, end: int | None = None, *, include_ambiguous: bool = True
    ) -> list[GazetteerHit]:
        """Leftmost-longest, non-overlapping gazetteer names in `text[start:end]`, spans into `text`."""
        stop = len(text) if end is None else min(end, len(text))
        if not self._size or start >= stop:
            return []
        # Boundaries look at the whole text, not the window: a window edge is not a word boundary.
        size = len(text)
        found: list[tuple[int, int, int, str, bool]] = []
        for last, (length, index, name, flagged, left, right) in self._automaton.iter(text, start, stop):
            first = last + 1 - length
            # Inlined `_is_word` on the neighbours: this loop runs once per raw match.
            if left and first:
                ch = text[first - 1]
                if (ch.isalnum() and ch < _CJK_CHAR) or ch == "_":
                    continue
            if right and last + 1 < size:
                ch = text[last + 1]
                if (ch.isalnum() and ch < _CJK_CHAR) or ch == "_":
                    continue
            found.append((first, -length, index, name, flagged))
        found.sort()
        hits: list[GazetteerHit] = []
        taken = start
        for first, neg_length, index, name, flagged in found:
            if first < taken:
                continue
            taken = first - neg_length
            # A stop string or a dropped ambiguous name still claims its characters: the shorter
            # names inside it are not a better reading.
            if index < 0 or (flagged and not include_ambiguous):
                continue
            hits.append(GazetteerHit(Span(first, taken), name, self._entries[index], flagged))
        return hits


def _payload(form: str, name: str, index: int, flagged: bool) -> _Payload:
    return (len(form), index, name, flagged, _is_word(form[0]), _is_word(form[-1]))


def _check_entry(entry: OrgEntry) -> None:
    where = f"entry {entry.id!r}"
    if not _ID.match(entry.id):
        raise ValueError(f"{where}: id must be lowercase letters, digits and underscores")
    if entry.kind not in _KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(_KINDS)}, not {entry.kind!r}")
    for name in entry.all_names():
        if not name or name != name.strip() or not name_key(name):
            raise ValueError(f"{where}: bad name {name!r} (empty, padded, or punctuation only)")
    if entry.region is not None and not _REGION.match(entry.region):
        raise ValueError(f"{where}: region must be a two-letter country code, not {entry.region!r}")
    if entry.sector is not None and not _SECTOR.match(entry.sector):
        raise ValueError(f"{where}: sector must be a short lowercase tag, not {entry.sector!r}")
    if entry.layer is not None and entry.layer not in LAYERS:
        raise ValueError(f"{where}: layer must be one of {', '.join(sorted(LAYERS))}, not {entry.layer!r}")
    if entry.website is not None and not entry.website.startswith(("https://", "http://")):
        raise ValueError(f"{where}: website must be an http(s) URL, not {entry.website!r}")


def _parse(data: Any) -> tuple[list[OrgEntry], list[str]]:
    if not isinstance(data, dict):
        raise ValueError("top level must be an object with 'entries'")
    unknown = set(data) - {"format", "stop", "entries"}
    if unknown:
        raise ValueError(f"unknown top-level field(s): {', '.join(sorted(unknown))}")
    if data.get("format", FORMAT) != FORMAT:
        raise ValueError(f"format must be {FORMAT!r}, not {data.get('format')!r}")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise ValueError("'entries' must be a list")
    stop = data.get("stop", [])
    if not isinstance(stop, list) or not all(isinstance(s, str) for s in stop):
        raise ValueError("'stop' must be a list of strings")
    return [_parse_entry(raw, position) for position, raw in enumerate(raw_entries)], stop


def _parse_entry(raw: Any, position: int) -> OrgEntry:
    if not isinstance(raw, Mapping):
        raise ValueError(f"entry #{position}: must be an object")
    entry_id = raw.get("id")
    where = f"entry {entry_id!r}" if isinstance(entry_id, str) else f"entry #{position}"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"{where}: unknown field(s): {', '.join(sorted(unknown))}")
    for required in ("id", "name", "kind"):
        if not isinstance(raw.get(required), str):
            raise ValueError(f"{where}: {required!r} is required and must be a string")
    kind = raw["kind"]
    if kind not in _KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(_KINDS)})")
    lists: dict[str, tuple[str, ...]] = {}
    for field in _LIST_FIELDS:
        value = raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}: {field!r} must be a list of strings")
        lists[field] = tuple(value)
    texts: dict[str, str | None] = {}
    for field in _TEXT_FIELDS:
        value = raw.get(field)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{where}: {field!r} must be a string or null")
        texts[field] = value
    return OrgEntry(
        id=raw["id"],
        name=raw["name"],
        kind=OrgKind(kind),
        names_zh=lists["names_zh"],
        names_en=lists["names_en"],
        aliases=lists["aliases"],
        formerly=lists["formerly"],
        ambiguous=lists["ambiguous"],
        region=texts["region"],
        sector=texts["sector"],
        layer=texts["layer"],
        website=texts["website"],
        parent=texts["parent"],
    )


@cache
def _default() -> Gazetteer:
    text = (resources.files("dealscope") / "data" / "orgs.json").read_text(encoding="utf-8")
    return Gazetteer.from_json(text, "dealscope/data/orgs.json")
