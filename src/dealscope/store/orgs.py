"""Organisations, the user's edit log, and the index-backed reads behind the company and investor views.

Functions take a `Store` and use its engine; every read goes through a primary key or an index
(`rounds.company_key`, `round_investors.investor_key`, `metric_mentions.company`) except the two
documented scans: `find_organizations` (a name no key resolves to) and `rounds_with_conflicts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from dealscope.lang.gazetteer import name_key
from dealscope.resolve import Edit, Organization
from dealscope.store import schema
from dealscope.store.db import Store

_CHUNK = 500  # bound parameters per IN (...): far below SQLite's and PostgreSQL's limits


# --------------------------------------------------------------------------- the edit log


def load_edits(store: Store) -> list[Edit]:
    """Every edit of the log, oldest first (undone ones included: replay skips them by their undo)."""
    t = schema.org_edits
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t).order_by(t.c.id)).mappings().all()
    return [
        Edit(r["id"], r["action"], dict(r["args"]), _aware(r["created_at"]), bool(r["undone"])) for r in rows
    ]


def append_edit(store: Store, action: str, args: Mapping[str, Any], at: datetime | None = None) -> int:
    """Append one edit; an undo entry (args["undoes"] set) also flags the entry it cancels. Returns its id."""
    t = schema.org_edits
    with store.engine.begin() as conn:
        new_id = conn.execute(
            t.insert().values(
                action=action, args=dict(args), created_at=at or datetime.now(UTC), undone=False
            )
        ).inserted_primary_key
        undoes = args.get("undoes")
        if undoes is not None:
            conn.execute(sa.update(t).where(t.c.id == int(undoes)).values(undone=True))
    assert new_id is not None
    return int(new_id[0])


def _aware(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite drops the offset


# --------------------------------------------------------------------------- organisations


def replace_organizations(store: Store, orgs: Sequence[Organization]) -> None:
    """Swap in the organisations of a rebuild, in one transaction."""
    t = schema.organizations
    rows = [
        {
            "key": o.key,
            "name": o.name,
            "kind": o.kind,
            "names_zh": list(o.names_zh),
            "names_en": list(o.names_en),
            "aliases": list(o.aliases),
            "website": o.website,
            "region": o.region,
            "sector": o.sector,
            "layer": o.layer,
        }
        for o in orgs
    ]
    with store.engine.begin() as conn:
        conn.execute(sa.delete(t))
        for i in range(0, len(rows), 2000):
            conn.execute(t.insert(), rows[i : i + 2000])


def _org(row: sa.RowMapping) -> Organization:
    return Organization(
        key=row["key"],
        name=row["name"],
        kind=row["kind"],
        names_zh=tuple(row["names_zh"] or ()),
        names_en=tuple(row["names_en"] or ()),
        aliases=tuple(row["aliases"] or ()),
        website=row["website"],
        region=row["region"],
        sector=row["sector"],
        layer=row["layer"],
    )


def organization(store: Store, key: str) -> Organization | None:
    """The organisation stored under `key`, if any."""
    t = schema.organizations
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t).where(t.c.key == key)).mappings().first()
    return _org(row) if row else None


def organizations_by_key(store: Store, keys: Iterable[str]) -> dict[str, Organization]:
    """Key -> organisation for those of `keys` that are stored."""
    t = schema.organizations
    out: dict[str, Organization] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(keys))):
            for row in conn.execute(sa.select(t).where(t.c.key.in_(chunk))).mappings():
                out[row["key"]] = _org(row)
    return out


def organization_names(store: Store, keys: Iterable[str]) -> dict[str, str]:
    """Key -> display name for those of `keys` that are stored (two columns: no JSON to decode)."""
    t = schema.organizations
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(keys))):
            out.update(
                (k, name) for k, name in conn.execute(sa.select(t.c.key, t.c.name).where(t.c.key.in_(chunk)))
            )
    return out


def list_organizations(store: Store, kind: str | None = None, limit: int | None = None) -> list[Organization]:
    """Stored organisations by name (then key), optionally of one kind."""
    t = schema.organizations
    stmt = sa.select(t).order_by(t.c.name, t.c.key)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    if limit:
        stmt = stmt.limit(limit)
    with store.engine.connect() as conn:
        return [_org(r) for r in conn.execute(stmt).mappings()]


def find_organizations(store: Store, name: str) -> list[Organization]:
    """Organisations one of whose names has the name_key of `name` (a scan: for names no key gives)."""
    wanted = name_key(name)
    if not wanted:
        return []
    t = schema.organizations
    found = []
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(t).order_by(t.c.key)).mappings():
            org = _org(row)
            if any(name_key(n) == wanted for n in org.all_names()):
                found.append(org)
    return found


def round_counts(store: Store, key: str) -> tuple[int, int]:
    """(rounds as the company, rounds as an investor) of an organisation key."""
    r, ri = schema.rounds, schema.round_investors
    with store.engine.connect() as conn:
        as_company = conn.execute(sa.select(sa.func.count()).where(r.c.company_key == key)).scalar_one()
        as_investor = conn.execute(sa.select(sa.func.count()).where(ri.c.investor_key == key)).scalar_one()
    return int(as_company), int(as_investor)


# --------------------------------------------------------------------------- rounds, investors, metrics


def company_rounds(store: Store, key: str) -> list[dict[str, Any]]:
    """Every round record of one company (by the company_key index)."""
    r = schema.rounds
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(r.c.payload).where(r.c.company_key == key)).scalars().all())


def investor_rounds(store: Store, key: str) -> list[dict[str, Any]]:
    """Every round record one investor is in (the investor_key index, then the rounds' primary key)."""
    r, ri = schema.rounds, schema.round_investors
    stmt = sa.select(r.c.payload).join(ri, ri.c.round_id == r.c.id).where(ri.c.investor_key == key)
    with store.engine.connect() as conn:
        return list(conn.execute(stmt).scalars().all())


def co_investors(store: Store, round_ids: Sequence[str], exclude: str) -> list[tuple[str, str, int]]:
    """(investor key, a written name, rounds shared) of everyone but `exclude` in `round_ids`.

    Counted by the database per chunk of ids, through the round_investors primary key (a join on
    the investor's key instead lets PostgreSQL scan the whole table).
    """
    ri = schema.round_investors
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(round_ids):
            stmt = (
                sa.select(ri.c.investor_key, sa.func.min(ri.c.investor), sa.func.count())
                .where(ri.c.round_id.in_(chunk), ri.c.investor_key != exclude)
                .group_by(ri.c.investor_key)
            )
            for key, name, n in conn.execute(stmt):
                counts[key] = counts.get(key, 0) + int(n)
                names[key] = min(names.get(key, name), name)
    return [(k, names[k], n) for k, n in counts.items()]


def metrics_for(store: Store, companies: Iterable[str]) -> list[dict[str, Any]]:
    """Metric rows whose company is written as one of `companies`, with their article's title and date."""
    m, d = schema.metrics, schema.documents
    cols = [
        m.c.id,
        m.c.document_id,
        m.c.company,
        m.c.kind,
        m.c.period,
        m.c.amount,
        m.c.count,
        m.c.date,
        m.c.precision,
        m.c.start,
        m.c.end,
        m.c.quote,
        d.c.title,
        d.c.path,
        d.c.published_date,
        d.c.published_precision,
    ]
    out: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(companies))):
            stmt = sa.select(*cols).join(d, d.c.id == m.c.document_id).where(m.c.company.in_(chunk))
            out.extend(dict(row._mapping) for row in conn.execute(stmt))
    return sorted(out, key=lambda x: x["id"])


def rounds_with_conflicts(store: Store, company_key: str | None = None) -> list[dict[str, Any]]:
    """Round records with at least one conflict (a scan, or the company_key index when given)."""
    r = schema.rounds
    if store.engine.dialect.name == "sqlite":
        length = sa.func.json_array_length(r.c.payload, "$.conflicts")
    else:
        length = sa.func.json_array_length(r.c.payload["conflicts"])
    stmt = sa.select(r.c.payload).where(length > 0)
    if company_key is not None:
        stmt = stmt.where(r.c.company_key == company_key)
    with store.engine.connect() as conn:
        return [dict(row.payload) for row in conn.execute(stmt.order_by(r.c.announced_date, r.c.id))]


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    items = list(items)
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]
