"""Organisations and the user's corrections: find one by name, merge, alias, and undo either.

Every correction is appended to the edit log (never rewritten) and the rounds are rebuilt at once,
so the views show it; because each rebuild replays the whole log, a correction survives any later
ingest. Undoing appends an entry that cancels the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealscope import api
from dealscope.errors import NotFoundError, UsageError
from dealscope.lang.gazetteer import name_key
from dealscope.resolve import ALIAS, ALIAS_REMOVE, MERGE, UNMERGE, Edit, Organization, Resolver
from dealscope.store import orgs as org_store
from dealscope.store.db import Store


@dataclass(frozen=True)
class EditResult:
    """What one correction did: the log entry, the organisation key(s) involved, a sentence for people."""

    edit_id: int
    action: str
    keys: tuple[str, ...]
    message: str
    rounds: int  # rounds in the database after the rebuild


@dataclass(frozen=True)
class OrgDetail:
    """An organisation with how often it appears and the corrections that touch it."""

    org: Organization
    rounds_as_company: int
    rounds_as_investor: int
    edits: tuple[Edit, ...]


def resolver_for(store: Store) -> Resolver:
    """A resolver with the store's edit log replayed (no corpus spellings: those need a rebuild)."""
    return Resolver(edits=org_store.load_edits(store))


def find(store: Store, name: str, resolver: Resolver | None = None) -> Organization:
    """The organisation a name refers to: by its key, else by any stored name, else the gazetteer."""
    if not name.strip():
        raise UsageError("an organisation name is required")
    resolver = resolver or resolver_for(store)
    key = resolver.key(name)
    org = org_store.organization(store, key)
    if org is not None:
        return org
    found = org_store.find_organizations(store, name)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        listed = ", ".join(f"{o.name} ({o.key})" for o in found[:5])
        raise UsageError(f"{name!r} names several organisations: {listed}")
    entry = resolver.entry(key)
    if entry is None and any(org_store.round_counts(store, key)):
        # Rounds stored before the organisations were (a database migrated from 0001, not yet rebuilt).
        return Organization(key, name.strip(), "unknown")
    if entry is not None:  # known to the gazetteer, perhaps in no stored round yet
        return Organization(
            key,
            entry.name,
            entry.kind.value,
            entry.names_zh,
            entry.names_en,
            tuple(n for n in (*entry.aliases, *entry.formerly, *entry.ambiguous) if n != entry.name),
            entry.website,
            entry.region,
            entry.sector,
            entry.layer,
        )
    raise NotFoundError(f"no organisation named {name!r}")


def detail(store: Store, name: str) -> OrgDetail:
    """`dealscope org show`: the organisation, its round counts and the edits that name it."""
    resolver = resolver_for(store)
    org = find(store, name, resolver)
    as_company, as_investor = org_store.round_counts(store, org.key)
    names = {name_key(n) for n in org.all_names()}
    touching = tuple(
        e for e in org_store.load_edits(store) if any(name_key(str(v)) in names for v in e.args.values())
    )
    return OrgDetail(org, as_company, as_investor, touching)


def list_organizations(store: Store, kind: str | None = None, limit: int | None = None) -> list[Organization]:
    """`dealscope org list`: stored organisations by name."""
    return org_store.list_organizations(store, kind, limit)


def edits(store: Store) -> list[Edit]:
    """The whole edit log, oldest first."""
    return org_store.load_edits(store)


# --------------------------------------------------------------------------- corrections


def merge(store: Store, into: str, merged: str) -> EditResult:
    """`org merge A B`: B's organisation becomes A's (every name of B resolves to A's key)."""
    resolver = resolver_for(store)
    a, b = find(store, into, resolver), find(store, merged, resolver)
    if a.key == b.key:
        raise UsageError(f"{into!r} and {merged!r} are already one organisation ({a.key})")
    edit_id = org_store.append_edit(store, MERGE, {"a": into, "b": merged})
    return _done(store, edit_id, MERGE, (a.key, b.key), f"merged {b.name} ({b.key}) into {a.name} ({a.key})")


def unmerge(store: Store, a: str, b: str) -> EditResult:
    """`org unmerge A B`: undo the edit that joined B to A, or split B off what the machine joined."""
    log = org_store.load_edits(store)
    resolver = Resolver(edits=log)
    org = find(store, a, resolver)
    if find(store, b, resolver).key != org.key:
        raise UsageError(f"{a!r} and {b!r} are not one organisation")
    undo = _joining_edit(log, a, b, (MERGE, ALIAS))
    args: dict[str, object] = {"a": a, "b": b, "undoes": undo.id if undo else None}
    edit_id = org_store.append_edit(store, UNMERGE, args)
    what = f"undid edit #{undo.id} ({undo.action})" if undo else f"split {b!r} off as its own organisation"
    return _done(store, edit_id, UNMERGE, (org.key,), what)


def add_alias(store: Store, name: str, alias: str) -> EditResult:
    """`org alias add NAME ALIAS`: the written name ALIAS refers to NAME's organisation."""
    resolver = resolver_for(store)
    org = find(store, name, resolver)
    if not name_key(alias):
        raise UsageError(f"alias {alias!r} has no letters or digits")
    if resolver.key(alias) == org.key:
        raise UsageError(f"{alias!r} already refers to {org.name} ({org.key})")
    edit_id = org_store.append_edit(store, ALIAS, {"name": name, "alias": alias})
    return _done(store, edit_id, ALIAS, (org.key,), f"{alias!r} now refers to {org.name} ({org.key})")


def remove_alias(store: Store, name: str, alias: str) -> EditResult:
    """`org alias remove NAME ALIAS`: undo the alias, or split ALIAS off when the machine joined it."""
    log = org_store.load_edits(store)
    resolver = Resolver(edits=log)
    org = find(store, name, resolver)
    if resolver.key(alias) != org.key and name_key(alias) not in {name_key(n) for n in org.all_names()}:
        raise UsageError(f"{alias!r} is not a name of {org.name} ({org.key})")
    undo = _joining_edit(log, name, alias, (ALIAS,))
    args: dict[str, object] = {"name": name, "alias": alias, "undoes": undo.id if undo else None}
    edit_id = org_store.append_edit(store, ALIAS_REMOVE, args)
    what = f"undid edit #{undo.id}" if undo else f"split {alias!r} off as its own organisation"
    return _done(store, edit_id, ALIAS_REMOVE, (org.key,), what)


def _joining_edit(log: Sequence[Edit], a: str, b: str, actions: tuple[str, ...]) -> Edit | None:
    """The latest edit in force whose undoing alone separates `a` and `b`."""
    active = _active(log)
    for e in reversed(active):
        if e.action not in actions:
            continue
        without = Resolver(edits=[x for x in log if x.id != e.id])
        if without.key(a) != without.key(b):
            return e
    return None


def _active(log: Sequence[Edit]) -> list[Edit]:
    undone = {int(e.args["undoes"]) for e in log if e.args.get("undoes") is not None}
    return [e for e in log if e.action in (MERGE, ALIAS) and e.id not in undone]


def _done(store: Store, edit_id: int, action: str, keys: tuple[str, ...], message: str) -> EditResult:
    return EditResult(edit_id, action, keys, message, api.rebuild_rounds(store))
