"""Each company's sector, layer and region: a user override, else the gazetteer, else keywords.

A company the gazetteer knows takes the gazetteer's sector and layer. Any other company is
classified (see `taxonomy`) from the words around it: the titles and quotes of its rounds and every
sentence of those articles that names it. A row in `company_overrides` (`dealscope sector set`)
beats both. Classifying tens of thousands of companies takes seconds, so a rebuild writes each
company's assignment on its rounds (`rounds.sector`, `layer`, `region`, migration 0004) and
`stats` groups by those columns. Rounds written without them (NULL), or by another version of the
taxonomy or gazetteer (`derived_state` says which), are classified by the first reader that needs
them (`ensure_facets`); setting or clearing an override rewrites that company's rounds at once.
"""

from __future__ import annotations

import functools
import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
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
    "ensure_facets",
    "facets_fingerprint",
    "find_company_key",
    "list_overrides",
    "mark_facets",
    "round_facets",
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
    if keys is None:
        r = schema.rounds
        with store.engine.connect() as conn:
            keys = sorted(conn.execute(sa.select(r.c.company_key).distinct()).scalars())
    return _final(store, _automatic(store, keys, tax, gaz), tax)


# Up to this many companies are looked up by key; past that one scan of all rounds is cheaper.
_FEW = 200
# Part of the facets' fingerprint: change it whenever the classification itself changes.
_METHOD = "keywords-2"
# The derived_state row naming the classifier version the rounds' facets were computed with.
_STATE = "round_facets"


def _final(store: Store, auto: dict[str, SectorAssignment], tax: Taxonomy) -> dict[str, SectorAssignment]:
    overrides = _overrides(store)
    return {k: _apply_override(a, *overrides[k], tax) if k in overrides else a for k, a in auto.items()}


def _automatic(
    store: Store,
    keys: Collection[str],
    tax: Taxonomy,
    gaz: Gazetteer,
    texts: Mapping[str, _Said] | None = None,
) -> dict[str, SectorAssignment]:
    """The assignment without overrides: the gazetteer's sector, else the keywords'.

    `texts` gives what the rounds say about each company when the caller has the rounds in
    memory (a rebuild); otherwise it is read from the stored rounds.
    """
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
    if texts is None:
        plain = [k for k in rest if not k.startswith("g:")]
        texts = _texts(store, None if len(plain) > _FEW else plain)
        texts.update(_texts(store, [k for k in rest if k.startswith("g:")]))
    said = {k: texts[k] for k in rest if k in texts}
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


def _record_texts(records: Iterable[Mapping[str, Any]]) -> dict[str, _Said]:
    """What `_texts` reads from the stored rounds, taken from round records in memory instead."""
    out: dict[str, _Said] = {}
    for rec in records:
        company = rec["company"]
        for source in rec.get("sources") or ():
            said = out.setdefault(rec["company_key"], _Said([], [], set()))
            if company not in said.names:
                said.names.append(company)
            for text in (source.get("title"), source.get("quote")):
                if text and text not in said.texts:
                    said.texts.append(text)
            if source.get("document_id"):
                said.documents.add(source["document_id"])
    return out


# --------------------------------------------------------------------------- facets on the rounds

Facets = dict[str, tuple[str, str, str]]


def round_facets(store: Store, records: Sequence[Mapping[str, Any]]) -> Facets:
    """company key -> (sector, layer, region) for every company of a rebuild's round records.

    Overrides stored in `store` win; the articles' sentences come from the stored documents.
    Pass the result to `Store.replace_rounds`, then call `mark_facets`.
    """
    tax, gaz = Taxonomy.default(), Gazetteer.default()
    keys = list(dict.fromkeys(rec["company_key"] for rec in records))
    found = _final(store, _automatic(store, keys, tax, gaz, _record_texts(records)), tax)
    return {k: (a.sector, a.layer, a.region) for k, a in found.items()}


@functools.cache
def facets_fingerprint() -> str:
    """Which classifier the facets come from: the method and the bundled taxonomy and gazetteer."""
    digest = hashlib.sha256(_METHOD.encode())
    data = resources.files("dealscope") / "data"
    for name in ("sectors.json", "orgs.json"):
        digest.update((data / name).read_bytes())
    return digest.hexdigest()[:32]


def mark_facets(store: Store) -> None:
    """Record that the rounds' facets were computed by this version's classifier."""
    with store.writing() as conn:
        _stamp(conn)


def _stamp(conn: sa.Connection) -> None:
    t = schema.derived_state
    conn.execute(sa.delete(t).where(t.c.name == _STATE))
    conn.execute(sa.insert(t).values(name=_STATE, fingerprint=facets_fingerprint()))


def ensure_facets(store: Store) -> dict[str, SectorAssignment] | None:
    """Classify the rounds whose facets are missing or were computed by another classifier version.

    Returns None when every round row holds its current facets (the usual case, two indexed
    look-ups). When the database cannot be written (read-only, locked), returns the assignments
    of the companies whose rows are missing or stale, so the caller can still answer right.
    """
    r, st = schema.rounds, schema.derived_state
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(st.c.fingerprint).where(st.c.name == _STATE)).scalar()
        current = stored == facets_fingerprint()
        keys = sa.select(r.c.company_key).distinct()
        if current:  # served by the partial index ix_rounds_unclassified
            keys = keys.where(r.c.sector.is_(None))
        todo = sorted(conn.execute(keys).scalars())
    if current and not todo:
        return None
    found = assign_sectors(store, todo)
    try:
        _write_facets(store, found, only_missing=current)
    except sa.exc.OperationalError:
        return found  # a read-only or busy database: the answer is right, only not kept
    return None


def _write_facets(store: Store, found: Mapping[str, SectorAssignment], *, only_missing: bool) -> None:
    """Write each company's assignment on its rounds (only on rows still NULL when `only_missing`)."""
    r = schema.rounds
    stmt = (
        sa.update(r)
        .where(r.c.company_key == sa.bindparam("b_key"))
        .values(
            sector=sa.bindparam("b_sector"), layer=sa.bindparam("b_layer"), region=sa.bindparam("b_region")
        )
    )
    if only_missing:
        # A rebuild may have written fresher rows since this reader looked: leave those alone.
        stmt = stmt.where(r.c.sector.is_(None))
    rows = [
        {"b_key": a.company_key, "b_sector": a.sector, "b_layer": a.layer, "b_region": a.region}
        for a in found.values()
    ]
    with store.writing() as conn:
        for i in range(0, len(rows), 2000):
            conn.execute(stmt, rows[i : i + 2000])
        _stamp(conn)
    if store.engine.dialect.name == "postgresql" and len(rows) > _FEW:
        # Many rows rewritten: refresh the planner's statistics and the visibility map (index-only scans).
        with suppress(sa.exc.SQLAlchemyError), store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM (ANALYZE) rounds")


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
    found = _apply_override(_automatic(store, [key], tax, Gazetteer.default())[key], sector, layer, tax)
    t = overrides_table
    # The override and the rounds' columns change together: `stats` never sees one without the other.
    with store.writing() as conn:
        conn.execute(sa.delete(t).where(t.c.company_key == key))
        conn.execute(sa.insert(t).values(company_key=key, sector=sector, layer=layer, updated_at=updated_at))
        _set_facets(conn, found)
    return found


def clear_sector(store: Store, company: str) -> bool:
    """Remove a company's override; True when there was one."""
    _require_table(store)
    key = find_company_key(store, company)
    found = _automatic(store, [key], Taxonomy.default(), Gazetteer.default())[key]
    t = overrides_table
    with store.writing() as conn:
        removed = bool(conn.execute(sa.delete(t).where(t.c.company_key == key)).rowcount)
        if removed:
            _set_facets(conn, found)
    return removed


def _set_facets(conn: sa.Connection, a: SectorAssignment) -> None:
    r = schema.rounds
    conn.execute(
        sa.update(r)
        .where(r.c.company_key == a.company_key)
        .values(sector=a.sector, layer=a.layer, region=a.region)
    )


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
