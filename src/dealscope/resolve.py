"""The resolve stage: which organisation a written name refers to.

Known names resolve through the bundled gazetteer (英伟达, Nvidia and NVIDIA are one entry; 红杉印度 is
Peak XV by its former name). Unknown names resolve to a normalised key: width, case, spaces,
punctuation and legal suffixes (有限公司, Inc.) do not make two organisations. After `prepare` has
seen a corpus's names, a Latin-script name one typo away from a more common one (or from a gazetteer
name) shares its key; the guards are in `fuzzy_match`. The user's edits (merge, alias, and their
undoing) are replayed on top, in the order they were made.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz.distance import OSA, Indel

from dealscope.domain import OrgKind
from dealscope.lang.gazetteer import Gazetteer, OrgEntry, name_key

# Legal-form suffixes that do not distinguish organisations. 科技/智能 are kept: "星图" and "星图科技"
# may be different companies, and the merge's containment test already joins them within a round.
# A Latin suffix needs a space or comma before it: "Costco" and "Visa" keep their last letters.
_LEGAL = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|\(集团\)|（集团）|(?:,\s*|\s+)(?:inc|llc|ltd|limited|corp|corporation|co|gmbh|sa|sas|ag|plc)\.?)$",
    re.I,
)
_LEGAL_TAIL = 20  # the longest suffix with its separator fits here; the regex only scans this tail


def strip_legal(name: str) -> str:
    """The name without a trailing legal form (有限公司, Inc.), or the name itself when that is all."""
    s = name.strip()
    stripped = (s[:-_LEGAL_TAIL] + _LEGAL.sub("", s[-_LEGAL_TAIL:])).strip()
    return stripped or s


# Fuzzy matching is for typos in Latin-script names only: a one-character change in a four-character
# Chinese name (星图科技 / 星途科技) is usually another company, and transliterations are not typos.
FUZZY_MIN_LENGTH = 8  # below this one edit is too large a share of the name
_LATIN_KEY = re.compile(r"[a-z0-9]+\Z")
_DIGITS = re.compile(r"\d+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
_MAX_DEPTH = 16  # alias chains longer than this are cut (edits are checked for cycles when made)

MERGE = "merge"
ALIAS = "alias"
UNMERGE = "unmerge"
ALIAS_REMOVE = "alias_remove"
ACTIONS = (MERGE, ALIAS, UNMERGE, ALIAS_REMOVE)
OWN = "own"


def plain_key(name: str) -> str:
    """The normalised key of a name the gazetteer does not know."""
    return "n:" + name_key(strip_legal(name))


def is_cjk(name: str) -> bool:
    """Whether a name contains Chinese (CJK) characters."""
    return _CJK.search(name) is not None


def fuzzy_match(a: str, b: str) -> bool:
    """Whether two normalised keys (no "n:" prefix) are one name misspelt, by the conservative rules.

    Same script (both plain Latin letters and digits), both at least FUZZY_MIN_LENGTH long, the same
    digits, neither a prefix of the other (Meta / Metaplanet, Figure / FigureAI are different names
    that start alike), and one typo apart: one letter added or dropped (rapidfuzz Indel distance 1)
    or two neighbouring letters swapped (OSA distance 1 between anagrams). A changed letter is not
    a typo here: Synthesia / Synthesis, Robotics / Robotica are different names.
    """
    if a == b:
        return True
    if not (_LATIN_KEY.match(a) and _LATIN_KEY.match(b)):
        return False
    if min(len(a), len(b)) < FUZZY_MIN_LENGTH or a.startswith(b) or b.startswith(a):
        return False
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    if Indel.distance(a, b, score_cutoff=1) <= 1:
        return True
    return len(a) == len(b) and sorted(a) == sorted(b) and OSA.distance(a, b, score_cutoff=1) <= 1


def _deletions(key: str) -> Iterator[str]:
    return (key[:i] + key[i + 1 :] for i in range(len(key)))


def _swaps(key: str) -> Iterator[str]:
    return (key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1) if key[i] != key[i + 1])


# --------------------------------------------------------------------------- user edits


@dataclass(frozen=True)
class Edit:
    """One entry of the user's edit log: `merge {a, b}`, `alias {name, alias}`, or an undo of one."""

    id: int
    action: str
    args: Mapping[str, Any]
    created_at: datetime | None = None
    undone: bool = False


@dataclass(frozen=True)
class EditEffects:
    """What the log amounts to once replayed: the merges in force and a pin per written name."""

    merges: tuple[tuple[int, str, str], ...] = ()  # (edit id, into, merged), in log order
    pins: Mapping[str, Pin] = field(default_factory=dict)  # by name_key of the written name


@dataclass(frozen=True)
class Pin:
    """A written name fixed by the user: to another name's organisation ("alias") or its own ("own")."""

    kind: str
    edit_id: int
    target: str  # the name whose organisation it joins (for "own", the name itself)
    written: str  # the name as the user typed it


def replay(edits: Iterable[Edit]) -> EditEffects:
    """Replay the log in id order; an undo entry cancels the entry it names, a later edit wins."""
    merges: dict[int, tuple[str, str]] = {}
    pins: dict[str, Pin] = {}
    for e in sorted(edits, key=lambda x: x.id):
        a = e.args
        if e.action == MERGE:
            merges[e.id] = (str(a["a"]), str(a["b"]))
        elif e.action == ALIAS:
            pins[name_key(str(a["alias"]))] = Pin(ALIAS, e.id, str(a["name"]), str(a["alias"]))
        elif e.action in (UNMERGE, ALIAS_REMOVE):
            undoes = a.get("undoes")
            if undoes is not None:
                merges.pop(int(undoes), None)
                pins = {k: v for k, v in pins.items() if v.edit_id != int(undoes)}
            else:  # nothing of the user's to undo: split the name from what the machine joined it to
                name = str(a["b"] if e.action == UNMERGE else a["alias"])
                pins[name_key(name)] = Pin(OWN, e.id, name, name)
    return EditEffects(tuple((i, x, y) for i, (x, y) in sorted(merges.items())), pins)


# --------------------------------------------------------------------------- the resolver


class Resolver:
    """Maps written names to organisation keys: gazetteer, fuzzy spelling, then the user's edits."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        aliases: Mapping[str, str] | None = None,
        edits: Iterable[Edit] = (),
    ) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        # name_key or key -> organisation key, set directly by a caller (kept for older callers).
        self.aliases = dict(aliases or {})
        self.effects = replay(edits)
        self._fuzzy: dict[str, str] = {}
        self._redirect: dict[str, str] | None = None
        self._cache: dict[str, str] = {}

    # ----------------------------------------------------------------------- resolution

    def key(self, name: str) -> str:
        """The organisation key of a written name."""
        cached = self._cache.get(name)
        if cached is None:
            cached = self._follow(self._base(name, 0), self._redirects())
            self._cache[name] = cached
        return cached

    def machine_key(self, name: str) -> str:
        """The key before any user edit: gazetteer, legacy aliases, fuzzy spelling, normalisation."""
        nk = name_key(name)
        if nk in self.aliases:
            return self.aliases[nk]
        entry = self._lookup(name)
        if entry is not None:
            base = "g:" + entry.id
        else:
            plain = plain_key(name)
            base = self._fuzzy.get(plain, plain)
        return self.aliases.get(base, base)

    def _lookup(self, name: str) -> OrgEntry | None:
        entry = self.gazetteer.lookup(name)
        if entry is None and (stripped := strip_legal(name)) != name.strip():
            entry = self.gazetteer.lookup(stripped)  # "OpenAI Inc." is OpenAI
        return entry

    def _base(self, name: str, depth: int) -> str:
        pin = self.effects.pins.get(name_key(name))
        if pin is None or depth > _MAX_DEPTH:
            return self.machine_key(name)
        if pin.kind == OWN:
            return plain_key(name)
        return self._follow(self._base(pin.target, depth + 1), self._redirects())

    def _redirects(self) -> dict[str, str]:
        if self._redirect is None:
            self._redirect = {}
            for _, into, merged in self.effects.merges:
                target = self._follow(self._base(into, 0), self._redirect)
                source = self._follow(self._base(merged, 0), self._redirect)
                if target != source:
                    self._redirect[source] = target
        return self._redirect

    @staticmethod
    def _follow(key: str, redirect: Mapping[str, str]) -> str:
        seen = {key}
        while key in redirect and redirect[key] not in seen:
            key = redirect[key]
            seen.add(key)
        return key

    def merged_keys(self) -> dict[str, str]:
        """Key -> the key it was merged into by the user's edits (after following chains)."""
        red = self._redirects()
        return {k: self._follow(k, red) for k in red}

    # ----------------------------------------------------------------------- fuzzy spelling

    def prepare(self, names: Iterable[str]) -> None:
        """Learn a corpus's names so that a misspelling shares the key of the usual spelling.

        Deterministic for a given multiset of names: the most frequent spelling (then the shortest,
        then the first in sort order) is the one the others join; gazetteer names come first.
        """
        counts: Counter[str] = Counter()
        for name, n in Counter(names).items():
            nk = name_key(name)
            if nk in self.aliases or nk in self.effects.pins or self._lookup(name) is not None:
                continue
            plain = plain_key(name)
            if _LATIN_KEY.match(plain[2:]) and len(plain) - 2 >= FUZZY_MIN_LENGTH:
                counts[plain[2:]] += n
        # One-edit neighbourhoods, looked up exactly: a key one letter longer than a known spelling
        # contains it as a deletion; one letter shorter is among its deletions; a swap is a swap.
        owner: dict[str, str] = {}
        rank: dict[str, int] = {}
        shorter: dict[str, list[str]] = defaultdict(list)

        def learn(key: str, target: str) -> None:
            owner[key] = target
            rank[key] = len(rank)
            for d in _deletions(key):
                shorter[d].append(key)

        for key, target in _gazetteer_latin(self.gazetteer):
            if key not in owner:
                learn(key, target)
        fuzzy: dict[str, str] = {}
        for key in sorted(counts, key=lambda k: (-counts[k], len(k), k)):
            if key in owner:  # "Foo" where the gazetteer lists only "Foo Ltd"
                if owner[key] != "n:" + key:
                    fuzzy["n:" + key] = owner[key]
                continue
            near = [d for d in _deletions(key) if d in owner]
            near += shorter.get(key, [])
            near += [w for w in _swaps(key) if w in owner]
            match = min((k for k in near if fuzzy_match(key, k)), key=rank.__getitem__, default=None)
            if match is None:
                learn(key, "n:" + key)
            else:
                fuzzy["n:" + key] = owner[match]
        self._fuzzy = fuzzy
        self._cache.clear()
        self._redirect = None

    @property
    def fuzzy_joins(self) -> Mapping[str, str]:
        """Plain key -> the key it joined by spelling, from the last `prepare`."""
        return dict(self._fuzzy)

    # ----------------------------------------------------------------------- display

    def entry(self, key: str) -> OrgEntry | None:
        """The gazetteer entry behind a key, if it is a gazetteer key."""
        return self.gazetteer.get(key[2:]) if key.startswith("g:") else None

    def canonical(self, key: str) -> str | None:
        """The gazetteer's canonical name for a key, if it is a gazetteer key."""
        e = self.entry(key)
        return e.name if e else None


@functools.cache
def _gazetteer_latin(gazetteer: Gazetteer) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for e in gazetteer.entries():
        ambiguous = set(e.ambiguous)
        for n in e.all_names():
            k = name_key(strip_legal(n))
            if n not in ambiguous and _LATIN_KEY.match(k) and len(k) >= FUZZY_MIN_LENGTH:
                out.append((k, "g:" + e.id))
    return tuple(out)


# --------------------------------------------------------------------------- organisations


@dataclass(frozen=True)
class Organization:
    """One real organisation or person as the database knows it."""

    key: str
    name: str
    kind: str
    names_zh: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    website: str | None = None
    region: str | None = None
    sector: str | None = None
    layer: str | None = None

    def all_names(self) -> tuple[str, ...]:
        """The display name first, then every other name, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.names_zh, *self.names_en, *self.aliases)))


def build_organizations(seen: Iterable[tuple[str, str, str]], resolver: Resolver) -> list[Organization]:
    """One Organization per key from (key, written name, "company" | "investor") triples, by key."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, set[str]] = defaultdict(set)
    for key, name, role in seen:
        forms[key][name] += 1
        roles[key].add(role)
    merged_into: dict[str, list[str]] = defaultdict(list)
    for source, target in resolver.merged_keys().items():
        merged_into[target].append(source)
    user_aliases: dict[str, list[str]] = defaultdict(list)
    for pin in resolver.effects.pins.values():
        if pin.kind == ALIAS:
            user_aliases[resolver.key(pin.target)].append(pin.written)
    out = []
    for key in sorted(forms):
        entries = [e for k in (key, *sorted(merged_into[key])) if (e := resolver.entry(k)) is not None]
        out.append(_organization(key, forms[key], roles[key], entries, user_aliases[key], resolver))
    return out


def _organization(
    key: str,
    forms: Counter[str],
    roles: set[str],
    entries: list[OrgEntry],
    user_aliases: list[str],
    resolver: Resolver,
) -> Organization:
    seen = sorted(forms, key=lambda n: (-forms[n], n))
    own = resolver.entry(key)
    zh = [n for e in entries for n in e.names_zh]
    en = [n for e in entries for n in e.names_en]
    others = [n for e in entries for n in (e.name, *e.aliases, *e.formerly, *e.ambiguous)]
    if own is not None:
        name = own.name
    else:
        spelt = [n for n in seen if resolver.machine_key(n) == key] if len(seen) > 1 else seen
        name = (spelt or [e.name for e in entries] or seen or [key[2:]])[0]
    for n in seen:
        (others if entries else zh if is_cjk(n) else en).append(n)
    others.extend(user_aliases)
    if not entries:  # the display name is one of the names in its language
        (zh if is_cjk(name) else en).insert(0, name)
    taken: set[str] = set()

    def fresh(names: list[str]) -> tuple[str, ...]:
        kept = []
        for n in names:
            if name_key(n) not in taken:
                taken.add(name_key(n))
                kept.append(n)
        return tuple(kept)

    zh_t, en_t = fresh(zh), fresh(en)
    taken.add(name_key(name))
    aliases = fresh(others)
    if entries:
        main = entries[0]
        return Organization(
            key,
            name,
            main.kind.value,
            zh_t,
            en_t,
            aliases,
            main.website,
            main.region,
            main.sector,
            main.layer,
        )
    kind = OrgKind.STARTUP.value if "company" in roles else OrgKind.UNKNOWN.value
    return Organization(key, name, kind, zh_t, en_t, aliases)


# --------------------------------------------------------------------------- defaults


@functools.cache
def _default() -> Resolver:
    return Resolver()


def company_key(name: str) -> str:
    """The key of a company name, by the gazetteer and normalisation only (no user edits)."""
    return _default().key(name)


def investor_key(name: str) -> str:
    """The key of an investor name, by the gazetteer and normalisation only (no user edits)."""
    return _default().key(name)
