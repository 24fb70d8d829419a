"""Each company's sector, layer and region: a user override, else the gazetteer, else keywords.

A company the gazetteer knows takes the gazetteer's sector and layer. Any other company is
classified (see `taxonomy`) from the words around it: the titles and quotes of its rounds and every
sentence of those articles that names it. A row in `company_overrides` (`dealscope sector set`)
beats both. Classifying tens of thousands of companies takes seconds, so the automatic assignments
of every company are cached in `company_sectors` (migration 0003) under a fingerprint of what they
depend on; a reader finding the fingerprint stale recomputes them.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dealscope.analyse.taxonomy import SECTOR_ID, Classification, LayerInfo, SectorInfo, Taxonomy
from dealscope.errors import UsageError
from dealscope.lang import sentences
from dealscope.lang.gazetteer import Gazetteer, name_key
from dealscope.resolve import Resolver
from dealscope.store import schema
from dealscope.store.db import Store

__all__ = [
    "UNKNOWN",
    "Classification",
    "LayerInfo",
    "SectorAssignment",
    "SectorInfo",
    "Taxonomy",
    "assign_sectors",
    "clear_sector",
    "company_sector",
    "find_company_key",
    "group_map",
    "list_overrides",
    "refresh_cache",
    "set_sector",
]

UNKNOWN = "unknown"

# Created by migration 0002_organizations; declared here without metadata so
# this module does not depend on how schema.py names it.
overrides_table = sa.table(
    "company_overrides",
    sa.column("company_key", sa.Text),
    sa.column("sector", sa.Text),
    sa.column("layer", sa.Text),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
# Derived data, created by migration 0003_stats_indexes: the automatic assignments (`refresh_cache`).
cache_table = sa.table(
    "company_sectors",
    sa.column("company_key", sa.Text),
    sa.column("sector", sa.Text),
    sa.column("layer", sa.Text),
    sa.column("region", sa.Text),
    sa.column("source", sa.Text),
    sa.column("evidence", sa.Text),
    sa.column("fingerprint", sa.Text),
)


@dataclass(frozen=True, slots=True)
class SectorAssignment:
    """A company's sector, layer and region, and where they came from (override/gazetteer/keywords/none)."""

    company_key: str
    sector: str
    layer: str
    region: str
    source: str
    evidence: str | None = None


# --------------------------------------------------------------------------- assignment


def _has_overrides(store: Store) -> bool:
    return sa.inspect(store.engine).has_table("company_overrides")


def _overrides(store: Store) -> dict[str, tuple[str | None, str | None]]:
    if not _has_overrides(store):
        return {}
    t = overrides_table
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.company_key, t.c.sector, t.c.layer))
        return {r.company_key: (r.sector, r.layer) for r in rows}


@dataclass
class _Said:
    """What the articles say around one company: its names, titles and sentences, and its documents."""

    names: list[str]
    texts: list[str]
    documents: set[str]


def _texts(store: Store, keys: Collection[str] | None) -> dict[str, _Said]:
    """Names, titles and round quotes per company key for `keys` (None: every non-gazetteer key)."""
    out: dict[str, _Said] = {}
    if keys is not None and not keys:
        return out
    dialect = store.engine.dialect.name
    if dialect in ("sqlite", "postgresql"):
        # The database unpacks the JSON: decoding every payload in Python costs seconds on 100,000 rounds.
        if dialect == "sqlite":
            sql = (
                "SELECT r.company_key, r.company, json_extract(s.value, '$.title'), "
                "json_extract(s.value, '$.quote'), json_extract(s.value, '$.document_id') "
                "FROM rounds AS r, json_each(r.payload, '$.sources') AS s"
            )
        else:
            sql = (
                "SELECT r.company_key, r.company, s.value ->> 'title', s.value ->> 'quote', "
                "s.value ->> 'document_id' FROM rounds AS r, json_array_elements(r.payload::json -> 'sources') AS s"
            )
        if keys is None:
            stmt = sa.text(sql + " WHERE r.company_key NOT LIKE 'g:%'")
        else:
            stmt = sa.text(sql + " WHERE r.company_key IN :keys").bindparams(
                sa.bindparam("keys", list(keys), expanding=True)
            )
        with store.engine.connect() as conn:
            rows: Iterable[Any] = conn.execute(stmt).all()
    else:
        r = schema.rounds
        q = sa.select(r.c.company_key, r.c.company, r.c.payload)
        q = q.where(r.c.company_key.not_like("g:%")) if keys is None else q.where(r.c.company_key.in_(keys))
        with store.engine.connect() as conn:
            rows = [
                (row.company_key, row.company, s.get("title"), s.get("quote"), s.get("document_id"))
                for row in conn.execute(q)
                for s in row.payload.get("sources", [])
            ]
    for key, company, title, quote, doc in rows:
        said = out.setdefault(key, _Said([], [], set()))
        if company not in said.names:
            said.names.append(company)
        for text in (title, quote):
            if text and text not in said.texts:
                said.texts.append(text)
        if doc:
            said.documents.add(doc)
    return out


def _add_document_sentences(store: Store, said: dict[str, _Said], names: dict[str, list[str]]) -> None:
    """Add every sentence of a company's articles that names it: the title alone often says nothing."""
    by_doc: dict[str, list[str]] = defaultdict(list)
    for key, s in said.items():
        for doc in s.documents:
            by_doc[doc].append(key)
    d = schema.documents
    ids = sorted(by_doc)
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for doc_id, text in conn.execute(sa.select(d.c.id, d.c.text).where(d.c.id.in_(ids[i : i + 500]))):
                spans = sentences.split(text)
                starts = [sp.start for sp in spans]
                for key in by_doc[doc_id]:
                    texts = said[key].texts
                    for name in names[key]:
                        at = text.find(name)
                        while at >= 0:
                            sp = spans[max(0, bisect_right(starts, at) - 1)]
                            quote = text[sp.start : sp.end]
                            if quote not in texts:
                                texts.append(quote)
                            at = text.find(name, sp.end)


def assign_sectors(
    store: Store,
    keys: Collection[str] | None = None,
    *,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict[str, SectorAssignment]:
    """Sector, layer and region for each company key (every company with rounds when keys is None)."""
    tax = taxonomy or Taxonomy.default()
    gaz = gazetteer or Gazetteer.default()
    if keys is not None and len(keys) <= _FEW:
        return _final(store, _automatic(store, keys, tax, gaz), tax)
    refresh_cache(store, keys, taxonomy=tax, gazetteer=gaz)
    t = cache_table
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t)).all()
    found = {r.company_key: _from_row(r) for r in rows}
    wanted = found.keys() if keys is None else keys
    return {k: found[k] for k in wanted if k in found}


# Up to this many companies are classified on the spot; more go through the cache table.
_FEW = 200
# Part of the cache fingerprint: change it whenever the classification itself changes.
_METHOD = "keywords-2"


def _from_row(r: Any) -> SectorAssignment:
    return SectorAssignment(r.company_key, r.sector, r.layer, r.region, r.source, r.evidence)


def _final(store: Store, auto: dict[str, SectorAssignment], tax: Taxonomy) -> dict[str, SectorAssignment]:
    overrides = _overrides(store)
    return {k: _apply_override(a, *overrides[k], tax) if k in overrides else a for k, a in auto.items()}


def refresh_cache(
    store: Store,
    keys: Collection[str] | None = None,
    *,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Bring `company_sectors` up to date: everything when stale, else overridden and missing `keys`."""
    tax = taxonomy or Taxonomy.default()
    gaz = gazetteer or Gazetteer.default()
    fp = _fingerprint(store, tax, gaz)
    t = cache_table
    with store.engine.connect() as conn:
        cached = conn.execute(sa.select(t.c.fingerprint).limit(1)).scalar()
        if cached != fp:
            every = set(conn.execute(sa.select(schema.rounds.c.company_key).distinct()).scalars())
            todo, replace = every | set(keys or ()), True
        else:
            # Overrides change without changing the fingerprint: re-derive those companies each time
            # (a handful), and any asked-for company the cache does not hold yet.
            was = conn.execute(sa.select(t.c.company_key).where(t.c.source == "override")).scalars()
            todo, replace = {*was, *_overrides(store)}, False
            if keys:
                have = set(conn.execute(sa.select(t.c.company_key)).scalars())
                todo |= set(keys) - have
    if replace:
        _write_cache(store, _final(store, _automatic(store, todo, tax, gaz), tax), fp, replace=True)
    elif todo:
        fresh = _final(store, _automatic(store, todo, tax, gaz), tax)
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(t).where(t.c.company_key.in_(list(fresh)))).all()
        held = {r.company_key: _from_row(r) for r in rows}
        changed = {k: a for k, a in fresh.items() if held.get(k) != a}
        if changed:  # a read that changes nothing writes nothing
            _write_cache(store, changed, fp, replace=False)


def group_map(store: Store, attr: str, keys: Collection[str] | None = None) -> dict[str, str]:
    """company key -> its sector, layer or region (`attr`): every cached company, or just `keys`."""
    tax = Taxonomy.default()
    gaz = Gazetteer.default()
    refresh_cache(store, keys, taxonomy=tax, gazetteer=gaz)
    t = cache_table
    column = t.c[attr]
    stmt = sa.select(t.c.company_key, column)
    if keys is not None:
        if len(keys) > _FEW:
            stmt = stmt.where(t.c.company_key.in_(list(keys)))
        else:
            # Few companies: straight from the source (also right when the cache cannot be written).
            return {
                k: getattr(a, attr) for k, a in _final(store, _automatic(store, keys, tax, gaz), tax).items()
            }
    with store.engine.connect() as conn:
        return {key: value for key, value in conn.execute(stmt)}


def _automatic(
    store: Store, keys: Collection[str], tax: Taxonomy, gaz: Gazetteer
) -> dict[str, SectorAssignment]:
    """The assignment without overrides: the gazetteer's sector, else the keywords'."""
    out: dict[str, SectorAssignment] = {}
    rest = []
    for key in keys:
        entry = gaz.get(key[2:]) if key.startswith("g:") else None
        if entry is not None and (entry.sector or entry.layer):
            layer = entry.layer or _default_layer(entry.sector, tax)
            out[key] = SectorAssignment(
                key, entry.sector or UNKNOWN, layer or UNKNOWN, entry.region or UNKNOWN, "gazetteer"
            )
        else:
            rest.append(key)
    plain = [k for k in rest if not k.startswith("g:")]
    # Past a few hundred keys one scan of all rounds beats a long IN list.
    said = _texts(store, None if len(plain) > _FEW else plain)
    said.update(_texts(store, [k for k in rest if k.startswith("g:")]))
    said = {k: said[k] for k in rest if k in said}
    names: dict[str, list[str]] = {}
    for key, s in said.items():
        entry = gaz.get(key[2:]) if key.startswith("g:") else None
        names[key] = [
            n for n in dict.fromkeys([*s.names, *(entry.all_names() if entry else ())]) if len(n) > 1
        ]
    _add_document_sentences(store, said, names)
    for key in rest:
        entry = gaz.get(key[2:]) if key.startswith("g:") else None
        found = said.get(key)
        c = tax.classify(found.texts, names[key]) if found else Classification()
        region = (entry.region if entry else None) or c.region or UNKNOWN
        if c.sector:
            out[key] = SectorAssignment(key, c.sector, c.layer or UNKNOWN, region, "keywords", c.keyword)
        else:
            out[key] = SectorAssignment(key, UNKNOWN, UNKNOWN, region, "none")
    return out


def _fingerprint(store: Store, tax: Taxonomy, gaz: Gazetteer) -> str:
    """What the automatic assignments depend on: stored rounds and mentions, user edits, the lists."""
    parts: list[object] = [_METHOD, tax.digest, _gazetteer_digest(gaz)]
    with store.engine.connect() as conn:
        for table, expr in (
            ("rounds", "count(*)"),
            ("round_members", "count(*)"),
            ("documents", "count(*)"),
            ("evidence", "max(id)"),
            ("org_edits", "max(id)"),
        ):
            parts.append(conn.exec_driver_sql(f"SELECT {expr} FROM {table}").scalar())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _gazetteer_digest(gaz: Gazetteer) -> str:
    facts = [(e.id, e.sector, e.layer, e.region) for e in gaz.entries()]
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:16]


def _write_cache(store: Store, items: dict[str, SectorAssignment], fp: str, replace: bool) -> None:
    t = cache_table
    rows = [
        {
            "company_key": a.company_key,
            "sector": a.sector,
            "layer": a.layer,
            "region": a.region,
            "source": a.source,
            "evidence": a.evidence,
            "fingerprint": fp,
        }
        for a in items.values()
    ]
    try:
        with store.engine.begin() as conn:
            if replace:
                conn.execute(sa.delete(t))
            else:
                for i in range(0, len(rows), 500):
                    conn.execute(
                        sa.delete(t).where(t.c.company_key.in_([r["company_key"] for r in rows[i : i + 500]]))
                    )
            for i in range(0, len(rows), 2000):
                conn.execute(sa.insert(t), rows[i : i + 2000])
    except sa.exc.OperationalError:
        pass  # a read-only or busy database: the answer is right, only not kept for next time


def _default_layer(sector: str | None, tax: Taxonomy) -> str | None:
    layers = tax.layers_of(sector) if sector else ()
    return layers[0] if len(layers) == 1 else None


def _apply_override(
    auto: SectorAssignment, sector: str | None, layer: str | None, tax: Taxonomy
) -> SectorAssignment:
    # An override may set only the sector or only the layer; the other part comes from the
    # automatic assignment, unless a new sector implies its own layer.
    new_sector = sector or auto.sector
    if layer is None:
        layer = auto.layer if new_sector == auto.sector else (_default_layer(new_sector, tax) or UNKNOWN)
    before = f"automatic: {auto.sector}/{auto.layer} ({auto.source})"
    return SectorAssignment(auto.company_key, new_sector, layer, auto.region, "override", before)


# --------------------------------------------------------------------------- overrides


def find_company_key(store: Store, company: str) -> str:
    """The company key of the rounds that `company` names (resolved like ingest does; else a unique match)."""
    r = schema.rounds
    key = Resolver().key(company)
    with store.engine.connect() as conn:
        if conn.execute(sa.select(r.c.id).where(r.c.company_key == key).limit(1)).first():
            return key
        exact = (
            conn.execute(sa.select(r.c.company_key).where(r.c.company == company).distinct()).scalars().all()
        )
        if len(exact) == 1:
            return str(exact[0])
        partial = (
            conn.execute(
                sa.select(r.c.company_key)
                .where(r.c.company_key.contains(name_key(company), autoescape=True))
                .distinct()
                .limit(6)
            )
            .scalars()
            .all()
        )
    if len(partial) == 1:
        return str(partial[0])
    if len(partial) > 1:
        raise UsageError(
            f"{company!r} matches several companies ({', '.join(partial[:5])}); be more specific"
        )
    return key


def set_sector(
    store: Store, company: str, sector: str | None, layer: str | None, updated_at: datetime
) -> SectorAssignment:
    """Store a user's sector and/or layer for a company; it beats the gazetteer and the keywords."""
    tax = Taxonomy.default()
    if sector is None and layer is None:
        raise UsageError("give a sector, a layer, or both")
    if sector is not None and not SECTOR_ID.match(sector):
        raise UsageError(f"sector {sector!r} must be a short lowercase tag such as 'coding' or 'robotics'")
    if layer is not None and not tax.is_layer(layer):
        valid = ", ".join(la.id for la in tax.layers())
        raise UsageError(f"unknown layer {layer!r}; valid: {valid}")
    if sector is not None and layer is None and len(tax.layers_of(sector)) > 1:
        raise UsageError(
            f"sector {sector!r} exists in several layers ({', '.join(tax.layers_of(sector))}); add --layer"
        )
    _require_table(store)
    key = find_company_key(store, company)
    t = overrides_table
    with store.engine.begin() as conn:
        conn.execute(sa.delete(t).where(t.c.company_key == key))
        conn.execute(sa.insert(t).values(company_key=key, sector=sector, layer=layer, updated_at=updated_at))
    return assign_sectors(store, [key])[key]


def clear_sector(store: Store, company: str) -> bool:
    """Remove a company's override; True when there was one."""
    _require_table(store)
    key = find_company_key(store, company)
    t = overrides_table
    with store.engine.begin() as conn:
        return bool(conn.execute(sa.delete(t).where(t.c.company_key == key)).rowcount)


def company_sector(store: Store, company: str) -> SectorAssignment:
    """The sector assignment of one company, by name."""
    key = find_company_key(store, company)
    return assign_sectors(store, [key])[key]


def list_overrides(store: Store) -> list[dict[str, Any]]:
    """Every stored override: company key, sector, layer, updated_at."""
    if not _has_overrides(store):
        return []
    t = overrides_table
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t).order_by(t.c.company_key)).mappings().all()
    return [dict(r) for r in rows]


def _require_table(store: Store) -> None:
    if not _has_overrides(store):
        raise UsageError("this database has no company_overrides table yet (migration 0002 is missing)")
