"""The database: open (and migrate), write one document per transaction, query rounds.

Default is an SQLite file; any SQLAlchemy URL works (`postgresql+psycopg://…`). Writing is
idempotent: a document is keyed by its content hash, so reading the same article again changes
nothing, and each document with everything read from it is written in a single transaction, so an
interrupted run never leaves half a document behind.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from dealscope import codec
from dealscope.domain import Document, Evidence, Extraction, RoundMention
from dealscope.errors import NotFoundError, StorageError
from dealscope.store import schema

DEFAULT_DB = "dealscope.db"
ENV_VAR = "DEALSCOPE_DB"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from `--db` (a path or a URL), else $DEALSCOPE_DB, else ./dealscope.db."""
    raw = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


class SaveOutcome(enum.StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"
    UPDATED = "updated"  # same article, read again by a newer extractor


@dataclass(frozen=True)
class RoundQuery:
    company: str | None = None
    investor: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    min_amount_usd: float | None = None
    include_background: bool = True
    limit: int | None = None


def _migrations_dir() -> str:
    return str(resources.files("dealscope.store") / "migrations")


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite opens transactions only before DML, so DDL and the SELECT that decides a save would run
    # outside them: turn its own handling off and let `_on_begin` start every transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    # One transaction per article: with the default rollback journal every commit waits for two
    # fsyncs, which made ingest disk-bound. WAL with synchronous=NORMAL commits without waiting and
    # still never loses or tears a committed transaction when the process is killed.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock up front: two deferred transactions that both read and then write
    # deadlock, and SQLite then fails one at once instead of letting the busy timeout wait.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


_WRITE = "dealscope_write"


@contextmanager
def _errors(url: str, doing: str) -> Iterator[None]:
    """Database failures (locked, read-only, disk full, connection lost) as one StorageError line."""
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise StorageError(f"cannot {doing} {_safe(url)}: {detail}".replace("\n", " ")) from exc


class Store:
    """A dealscope database, migrated to the latest schema on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            with _errors(url, "open database"):
                self.engine = sa.create_engine(url, future=True)
                if self.engine.dialect.name == "sqlite":
                    sa.event.listen(self.engine, "connect", _on_connect)
                    sa.event.listen(self.engine, "begin", _on_begin)
                self._writer = self.engine.execution_options(**{_WRITE: True})
                try:
                    self.migrate()
                except BaseException:
                    self.engine.dispose()
                    raise
        except ModuleNotFoundError as exc:
            raise StorageError(
                f"cannot open database {_safe(url)}: driver {exc.name!r} is not installed "
                "(pip install 'dealscope[postgres]' for PostgreSQL)"
            ) from exc

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Store:
        return cls(resolve_url(db))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------- schema

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is there)."""
        cfg = Config()
        cfg.set_main_option("script_location", _migrations_dir())
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return  # the usual case: no write lock just to look
        # One transaction (SQLite runs DDL transactionally too): an interrupted upgrade leaves nothing.
        with self._writer.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return  # another process migrated meanwhile
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at (None for an empty database)."""
        with _errors(self.url, "read"), self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # ----------------------------------------------------------------------- writing

    def save(self, document: Document, extraction: Extraction) -> SaveOutcome:
        """Write a document and what was read from it, atomically; idempotent by content hash."""
        try:
            with _errors(self.url, "write to"), self.writing() as conn:
                row = conn.execute(
                    sa.select(schema.documents.c.extractor).where(schema.documents.c.id == document.id)
                ).first()
                if row is not None and row.extractor == extraction.extractor:
                    return SaveOutcome.DUPLICATE
                if row is not None:
                    self._delete_document(conn, document.id)
                self._insert(conn, document, extraction)
        except StorageError as exc:
            # Another process saved the same article between our read and our write.
            if isinstance(exc.__cause__, sa.exc.IntegrityError) and self.stored_by(document.id) == (
                extraction.extractor
            ):
                return SaveOutcome.DUPLICATE
            raise
        return SaveOutcome.UPDATED if row is not None else SaveOutcome.ADDED

    def writing(self) -> AbstractContextManager[sa.Connection]:
        """A write transaction; on SQLite it takes the write lock at its start (see `_on_begin`)."""
        return self._writer.begin()

    def stored_by(self, doc_id: str) -> str | None:
        """The extractor that read the stored document `doc_id`, or None when it is not stored."""
        with _errors(self.url, "read"), self.engine.connect() as conn:
            return conn.execute(
                sa.select(schema.documents.c.extractor).where(schema.documents.c.id == doc_id)
            ).scalar_one_or_none()

    def _delete_document(self, conn: sa.Connection, doc_id: str) -> None:
        # Explicit child deletes: PostgreSQL and SQLite both cascade, but SQLite only with the pragma.
        ids = sa.select(schema.mentions.c.id).where(schema.mentions.c.document_id == doc_id)
        conn.execute(sa.delete(schema.round_members).where(schema.round_members.c.mention_id.in_(ids)))
        conn.execute(sa.delete(schema.evidence).where(schema.evidence.c.mention_id.in_(ids)))
        for table in (schema.mentions, schema.metrics, schema.rejections):
            conn.execute(sa.delete(table).where(table.c.document_id == doc_id))
        conn.execute(sa.delete(schema.documents).where(schema.documents.c.id == doc_id))

    def _insert(self, conn: sa.Connection, doc: Document, ex: Extraction) -> None:
        conn.execute(
            schema.documents.insert().values(
                id=doc.id,
                path=doc.path,
                format=doc.format,
                title=doc.title,
                text=doc.text,
                body_start=doc.body_start,
                published_date=doc.published.value if doc.published else None,
                published_precision=doc.published.precision.value if doc.published else "unknown",
                published_at=doc.published_at.isoformat() if doc.published_at else None,
                timezone=doc.timezone,
                source_url=doc.source_url,
                author=doc.author,
                language=doc.language.value,
                offsets=[list(a) for a in doc.offsets.anchors],
                extractor=ex.extractor,
                ingested_at=datetime.now(UTC),
            )
        )
        mention_rows, evidence_rows = [], []
        for i, m in enumerate(ex.rounds):
            mid = f"{doc.id}-{i}"
            mention_rows.append(
                {
                    "id": mid,
                    "document_id": doc.id,
                    "idx": i,
                    "company": m.company.text,
                    "stage": (m.stage.stage.value if m.stage else "unknown"),
                    "stage_raw": m.stage.raw if m.stage else None,
                    "status": m.status.status.value,
                    "amount": codec.to_data(m.amount.money) if m.amount else None,
                    "valuation": codec.to_data(m.valuation.money) if m.valuation else None,
                    "valuation_basis": m.valuation_basis.value,
                    "event_date": m.event_date.date.value if m.event_date and m.event_date.date else None,
                    "event_precision": m.event_date.date.precision.value
                    if m.event_date and m.event_date.date
                    else None,
                    "disclosed_date": m.disclosed_date.date.value
                    if m.disclosed_date and m.disclosed_date.date
                    else None,
                    "disclosed_precision": (
                        m.disclosed_date.date.precision.value
                        if m.disclosed_date and m.disclosed_date.date
                        else None
                    ),
                    "background": m.background,
                    "confidence": m.confidence,
                    "payload": codec.to_data(m),
                }
            )
            evidence_rows.extend(_evidence_rows(mid, doc.text, m))
        if mention_rows:
            conn.execute(schema.mentions.insert(), mention_rows)
        if evidence_rows:
            conn.execute(schema.evidence.insert(), evidence_rows)
        metric_rows = [
            {
                "document_id": doc.id,
                "company": mm.company.text if mm.company else None,
                "kind": mm.kind.value,
                "period": mm.period.value,
                "amount": codec.to_data(mm.amount.money) if mm.amount else None,
                "count": mm.count,
                "date": mm.date.date.value if mm.date and mm.date.date else None,
                "precision": mm.date.date.precision.value if mm.date and mm.date.date else None,
                "start": mm.evidence.span.start,
                "end": mm.evidence.span.end,
                "quote": mm.evidence.span.quote(doc.text),
            }
            for mm in ex.metrics
        ]
        if metric_rows:
            conn.execute(schema.metrics.insert(), metric_rows)
        rejection_rows = [
            {
                "document_id": doc.id,
                "reason": r.reason,
                "start": r.evidence.span.start,
                "end": r.evidence.span.end,
                "quote": r.evidence.span.quote(doc.text),
            }
            for r in ex.rejections
        ]
        if rejection_rows:
            conn.execute(schema.rejections.insert(), rejection_rows)

    def replace_rounds(
        self,
        records: Sequence[dict[str, Any]],
        facets: Mapping[str, tuple[str | None, str | None, str | None]] | None = None,
    ) -> None:
        """Swap in a new set of consolidated rounds in one transaction (the merge is deterministic).

        `facets` maps a company key to its (sector, layer, region), written on each of its rounds;
        a company it leaves out gets NULLs, which the statistics compute when they need them.
        """
        facets = facets or {}
        none = (None, None, None)
        with _errors(self.url, "write to"), self.writing() as conn:
            conn.execute(sa.delete(schema.round_investors))
            conn.execute(sa.delete(schema.round_members))
            conn.execute(sa.delete(schema.rounds))
            round_rows: list[dict[str, Any]] = []
            inv_rows: list[dict[str, Any]] = []
            member_rows: list[dict[str, Any]] = []
            for rec in records:
                sector, layer, region = facets.get(rec["company_key"], none)
                round_rows.append(
                    {
                        "id": rec["id"],
                        "company": rec["company"],
                        "company_key": rec["company_key"],
                        "stage": rec["round"],
                        "status": rec["status"],
                        "announced_on": rec["announced_on"],
                        "announced_date": _first_day(rec["announced_on"]),
                        "announced_month": (rec["announced_on"] or "")[:7] or None,
                        "amount_usd": (rec["amount"] or {}).get("usd"),
                        "valuation_usd": (rec["valuation"] or {}).get("usd"),
                        "sector": sector,
                        "layer": layer,
                        "region": region,
                        "payload": rec,
                    }
                )
                seen: set[str] = set()
                for inv in rec["investors"]:
                    key = inv["key"]
                    if key in seen:
                        continue
                    seen.add(key)
                    inv_rows.append(
                        {
                            "round_id": rec["id"],
                            "investor_key": key,
                            "investor": inv["name"],
                            "lead": inv["lead"],
                            "amount_usd": (inv.get("amount") or {}).get("usd"),
                        }
                    )
                member_rows.extend({"round_id": rec["id"], "mention_id": mid} for mid in rec["mention_ids"])
            for table, rows in (
                (schema.rounds, round_rows),
                (schema.round_investors, inv_rows),
                (schema.round_members, member_rows),
            ):
                for chunk in _chunks(rows, 2000):
                    conn.execute(table.insert(), chunk)
        if self.engine.dialect.name == "postgresql":
            # Every row was rewritten: without fresh statistics and visibility map the planner reads
            # the whole table instead of the covering indexes until autovacuum passes (if it is on).
            # Best effort: the rounds are committed, and a later autovacuum does the same.
            with suppress(sa.exc.SQLAlchemyError), self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.exec_driver_sql("VACUUM (ANALYZE) rounds, round_investors, round_members")

    # ----------------------------------------------------------------------- reading

    def has_document(self, doc_id: str) -> bool:
        with _errors(self.url, "read"), self.engine.connect() as conn:
            return (
                conn.execute(sa.select(schema.documents.c.id).where(schema.documents.c.id == doc_id)).first()
                is not None
            )

    def document(self, doc_id: str) -> dict[str, Any]:
        with _errors(self.url, "read"), self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(schema.documents).where(schema.documents.c.id == doc_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFoundError(f"no document {doc_id!r}")
        return dict(row)

    def documents_meta(self) -> dict[str, dict[str, Any]]:
        """id -> path, title, published date and precision, for every document (no texts)."""
        cols = [
            schema.documents.c.id,
            schema.documents.c.path,
            schema.documents.c.title,
            schema.documents.c.published_date,
            schema.documents.c.published_precision,
            schema.documents.c.language,
        ]
        with _errors(self.url, "read"), self.engine.connect() as conn:
            return {r.id: dict(r._mapping) for r in conn.execute(sa.select(*cols))}

    def iter_mentions(self) -> Iterator[tuple[str, str, RoundMention, str]]:
        """(mention id, document id, mention, quote of its sentence) for every stored mention, in order."""
        ev = schema.evidence
        q = (
            sa.select(
                schema.mentions.c.id, schema.mentions.c.document_id, schema.mentions.c.payload, ev.c.quote
            )
            .join(ev, sa.and_(ev.c.mention_id == schema.mentions.c.id, ev.c.field == "round"))
            .order_by(schema.mentions.c.document_id, schema.mentions.c.idx)
        )
        with _errors(self.url, "read"), self.engine.connect() as conn:
            for row in conn.execute(q):
                yield row.id, row.document_id, codec.from_data(RoundMention, row.payload), row.quote

    def mention(self, mention_id: str) -> tuple[str, RoundMention]:
        """(document id, mention) of one stored mention."""
        m = schema.mentions
        with _errors(self.url, "read"), self.engine.connect() as conn:
            row = conn.execute(sa.select(m.c.document_id, m.c.payload).where(m.c.id == mention_id)).first()
        if row is None:
            raise NotFoundError(f"no mention {mention_id!r}")
        return row.document_id, codec.from_data(RoundMention, row.payload)

    def counts(self) -> dict[str, int]:
        with _errors(self.url, "read"), self.engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                for name, t in (
                    ("documents", schema.documents),
                    ("mentions", schema.mentions),
                    ("rounds", schema.rounds),
                    ("metrics", schema.metrics),
                )
            }

    def query_rounds(self, q: RoundQuery = RoundQuery()) -> list[dict[str, Any]]:
        """Round records matching every filter of `q`, newest first."""
        r, ri = schema.rounds, schema.round_investors
        stmt = sa.select(r.c.payload)
        if q.status:
            stmt = stmt.where(r.c.status == q.status)
        if q.since:
            stmt = stmt.where(r.c.announced_date >= q.since)
        if q.until:
            stmt = stmt.where(r.c.announced_date <= q.until)
        if q.min_amount_usd is not None:
            stmt = stmt.where(r.c.amount_usd >= q.min_amount_usd)
        stmt = stmt.order_by(
            r.c.announced_date.desc().nulls_last(), r.c.amount_usd.desc().nulls_last(), r.c.id
        )
        if q.limit and q.include_background:  # else the limit applies after dropping background rounds
            stmt = stmt.limit(q.limit)
        with _errors(self.url, "read"), self.engine.connect() as conn:
            if q.company:
                names = conn.execute(sa.select(r.c.company_key, r.c.company).distinct())
                stmt = stmt.where(r.c.company_key.in_(_matching_keys(q.company, names)))
            if q.investor:
                names = conn.execute(sa.select(ri.c.investor_key, ri.c.investor).distinct())
                keys = _matching_keys(q.investor, names)
                stmt = stmt.where(r.c.id.in_(sa.select(ri.c.round_id).where(ri.c.investor_key.in_(keys))))
            rows = [row.payload for row in conn.execute(stmt)]
        if not q.include_background:
            rows = [p for p in rows if not p.get("background")][: q.limit or None]
        return rows

    def round(self, round_id: str) -> dict[str, Any]:
        """One round by its id, or by a prefix that exactly one id starts with."""
        r = schema.rounds
        wanted = round_id.strip()
        with _errors(self.url, "read"), self.engine.connect() as conn:
            row = conn.execute(sa.select(r.c.payload).where(r.c.id == wanted)).first()
            if row is None and wanted:
                prefixed = sa.select(r.c.id).where(r.c.id.startswith(wanted, autoescape=True))
                ids = conn.execute(prefixed.order_by(r.c.id).limit(6)).scalars().all()
                if len(ids) > 1:
                    shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
                    raise NotFoundError(f"round id prefix {round_id!r} is ambiguous: {shown}")
                if ids:
                    row = conn.execute(sa.select(r.c.payload).where(r.c.id == ids[0])).first()
        if row is None:
            raise NotFoundError(f"no round {round_id!r}")
        return dict(row.payload)


def _evidence_rows(mid: str, text: str, m: RoundMention) -> list[dict[str, Any]]:
    items: list[tuple[str, Evidence]] = [
        ("round", m.evidence),
        ("company", m.company.evidence),
        ("status", m.status.evidence),
    ]
    if m.stage:
        items.append(("stage", m.stage.evidence))
    if m.amount:
        items.append(("amount", m.amount.evidence))
    if m.valuation:
        items.append(("valuation", m.valuation.evidence))
    if m.event_date:
        items.append(("event_date", m.event_date.evidence))
    if m.disclosed_date:
        items.append(("disclosed_date", m.disclosed_date.evidence))
    for i, inv in enumerate(m.investors):
        items.append((f"investor[{i}]", inv.evidence))
        if inv.amount:
            items.append((f"investor[{i}].amount", inv.amount.evidence))
    return [
        {
            "mention_id": mid,
            "field": name,
            "start": ev.span.start,
            "end": ev.span.end,
            "sentence_start": ev.sentence.start,
            "sentence_end": ev.sentence.end,
            "quote": ev.span.quote(text),
        }
        for name, ev in items
    ]


def _first_day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _matching_keys(text: str, pairs: Iterable[Any]) -> list[str]:
    """Organisation keys one of whose names contains `text` (case, width and spacing ignored).

    The names are those stored with the key and, for a gazetteer organisation, every name the
    gazetteer lists, so `红杉` finds HongShan and `Sequoia China` finds a round stored as 红杉中国.
    """
    from dealscope.lang.gazetteer import Gazetteer, name_key
    from dealscope.resolve import company_key

    needle = name_key(text)
    if not needle:
        return []
    resolved = company_key(text)
    gazetteer = Gazetteer.default()
    keys: set[str] = set()
    for key, name in pairs:
        if key in keys:
            continue
        names = [name]
        if key.startswith("g:") and (entry := gazetteer.get(key[2:])) is not None:
            names.extend(entry.all_names())
        if key == resolved or any(needle in name_key(n) for n in names):
            keys.add(key)
    return sorted(keys)


def _chunks(rows: list[dict[str, Any]], n: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
