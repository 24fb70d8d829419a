"""The Python API of dealscope: the pipeline end to end. The CLI and tests call these functions.

ingest (files -> Documents) -> extract (-> mentions, converted to USD at their dates) -> store (one
transaction per document) -> resolve + merge (-> one record per real round) -> query / export.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dealscope.domain import (
    Document,
    Evidence,
    Extraction,
    MetricMention,
    MoneyMention,
    ReadFailure,
    RoundMention,
)
from dealscope.extract import get_extractor
from dealscope.extract.base import DEFAULT_EXTRACTOR, Extractor
from dealscope.fx import to_usd
from dealscope.ingest import ReadOptions, iter_documents
from dealscope.merge import Claim, claim_date, convert, records_from, seen_names
from dealscope.resolve import Resolver, build_organizations

if TYPE_CHECKING:
    from dealscope.store.db import RoundQuery, Store

# SQLAlchemy, Alembic and the sector classifier load inside the functions that store or query:
# `dealscope extract` and `--help` never touch a database and should not pay for one.

EXPORT_KEYS = (
    "id",
    "company",
    "round",
    "round_raw",
    "status",
    "announced_on",
    "amount",
    "valuation",
    "valuation_basis",
    "lead_investors",
    "investors",
    "sources",
)


@dataclass(frozen=True)
class IngestOptions:
    extractor: str = DEFAULT_EXTRACTOR
    read: ReadOptions = field(default_factory=ReadOptions)
    rebuild: bool = True  # re-run the merge once the files are in


@dataclass(frozen=True)
class Progress:
    """One step of a long run, for a progress bar: `done` inputs so far, the last one's outcome."""

    done: int
    path: str
    outcome: str


@dataclass(frozen=True)
class IngestReport:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failures: tuple[ReadFailure, ...] = ()
    mentions: int = 0
    rounds: int = 0
    seconds: float = 0.0


# --------------------------------------------------------------------------- extraction


def extract_document(document: Document, extractor: Extractor | None = None) -> Extraction:
    """Read one document and convert every amount to USD at the rate of its round's date."""
    ex = (extractor or get_extractor()).extract(document)
    fallback = document.published.value if document.published else None
    rounds = tuple(convert(m, claim_date(m, document.published), fallback) for m in ex.rounds)
    metrics = tuple(_convert_metric(m, fallback) for m in ex.metrics)
    return dataclasses.replace(ex, rounds=rounds, metrics=metrics)


def _convert_metric(m: MetricMention, fallback: date | None) -> MetricMention:
    if m.amount is None:
        return m
    day = m.date.date.value if m.date and m.date.date else fallback
    return dataclasses.replace(m, amount=dataclasses.replace(m.amount, money=to_usd(m.amount.money, day)))


def extract_paths(
    paths: Iterable[str | Path], extractor: str = DEFAULT_EXTRACTOR, read: ReadOptions | None = None
) -> Iterator[tuple[Document, Extraction] | ReadFailure]:
    """Read and extract files without a database, one result (or failure) per document."""
    ex = get_extractor(extractor)
    for item in iter_documents(paths, read or ReadOptions()):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield item, extract_document(item, ex)


def records_for(
    pairs: Iterable[tuple[Document, Extraction]], resolver: Resolver | None = None
) -> list[dict[str, Any]]:
    """Consolidated round records (export format plus extras) from in-memory extractions."""
    resolver = resolver or Resolver()
    claims = []
    for doc, ex in pairs:
        for i, m in enumerate(ex.rounds):
            claims.append(_claim(f"{doc.id}-{i}", doc.id, m, _doc_source(doc, m), doc.published, resolver))
    return records_from(claims)


def _doc_source(doc: Document, m: RoundMention) -> dict[str, Any]:
    return {
        "path": doc.path,
        "document_id": doc.id,
        "title": doc.title,
        "published_on": doc.published.iso() if doc.published else None,
        "quote": m.evidence.span.quote(doc.text),
    }


def _claim(
    mid: str, doc_id: str, m: RoundMention, source: dict[str, Any], published: Any, resolver: Resolver
) -> Claim:
    return Claim(
        mention_id=mid,
        document_id=doc_id,
        mention=m,
        company_key=resolver.key(m.company.text),
        company_name=m.company.text,
        on=claim_date(m, published),
        source=source,
        investor_keys=tuple(resolver.key(i.name) for i in m.investors),
    )


# --------------------------------------------------------------------------- storage


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    options: IngestOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """Read, extract and store every document under `paths`; bad inputs are reported, not fatal."""
    from dealscope.store.db import SaveOutcome

    options = options or IngestOptions()
    started = time.perf_counter()
    extractor = get_extractor(options.extractor)
    counts = {o: 0 for o in SaveOutcome}
    failures: list[ReadFailure] = []
    mentions = read = 0
    for item in iter_documents(paths, options.read):
        if isinstance(item, ReadFailure):
            failures.append(item)
            outcome, where = "failed", item.path
        else:
            read += 1
            # Re-ingesting is common (the same folder again): skip the extraction when it is stored.
            if store.stored_by(item.id) == extractor.name:
                saved = SaveOutcome.DUPLICATE
            else:
                extraction = extract_document(item, extractor)
                saved = store.save(item, extraction)
                if saved is not SaveOutcome.DUPLICATE:
                    mentions += len(extraction.rounds)
            counts[saved] += 1
            outcome, where = saved.value, item.path
        if progress:
            progress(Progress(read + len(failures), where, outcome))
    rounds = rebuild_rounds(store) if options.rebuild else store.counts()["rounds"]
    return IngestReport(
        read=read,
        added=counts[SaveOutcome.ADDED],
        duplicates=counts[SaveOutcome.DUPLICATE],
        updated=counts[SaveOutcome.UPDATED],
        failures=tuple(failures),
        mentions=mentions,
        rounds=rounds,
        seconds=time.perf_counter() - started,
    )


def rebuild_rounds(store: Store, resolver: Resolver | None = None) -> int:
    """Re-run resolve + merge over every stored mention and swap in the new rounds; returns their count."""
    from dealscope.analyse import sectors
    from dealscope.store import orgs as org_store

    meta = store.documents_meta()
    stored = list(store.iter_mentions())
    if resolver is None:  # the user's edits, replayed; spellings learnt from every stored name
        resolver = Resolver(edits=org_store.load_edits(store))
        resolver.prepare(n for _, _, m, _ in stored for n in (m.company.text, *(i.name for i in m.investors)))
    claims = []
    for mid, doc_id, m, quote in stored:
        d = meta[doc_id]
        published = _published(d)
        source = {
            "path": d["path"],
            "document_id": doc_id,
            "title": d["title"],
            "published_on": published.iso() if published else None,
            "quote": quote,
        }
        claims.append(_claim(mid, doc_id, m, source, published, resolver))
    records = records_from(claims)
    # Each company's sector, layer and region go on its rounds, so `stats` never classifies.
    store.replace_rounds(records, sectors.round_facets(store, records))
    sectors.mark_facets(store)
    org_store.replace_organizations(store, build_organizations(seen_names(claims), resolver))
    return len(records)


def _published(d: dict[str, Any]) -> Any:
    from dealscope.domain import FuzzyDate, Precision

    if d["published_date"] is None:
        return None
    return FuzzyDate(d["published_date"], Precision(d["published_precision"]))


def list_rounds(store: Store, query: RoundQuery | None = None) -> list[dict[str, Any]]:
    from dealscope.store.db import RoundQuery

    return store.query_rounds(query or RoundQuery())


def get_round(store: Store, round_id: str) -> dict[str, Any]:
    return store.round(round_id)


def round_detail(store: Store, round_id: str) -> dict[str, Any]:
    """A round record plus, per field, the words it came from (an article stating the chosen value)."""
    record = store.round(round_id)
    found: dict[str, tuple[bool, str]] = {}  # field -> (states the record's value, quote)
    texts: dict[str, str] = {}
    for mid in record.get("mention_ids", []):
        doc_id, m = store.mention(mid)
        if doc_id not in texts:
            texts[doc_id] = store.document(doc_id)["text"]
        for name, ev, agrees in _field_evidence(record, m):
            if ev is not None and (name not in found or (agrees and not found[name][0])):
                found[name] = (agrees, ev.span.quote(texts[doc_id]))
    # A date quote that reads differently from the record's date would mislead: none is better.
    evidence = {name: quote for name, (agrees, quote) in found.items() if agrees or name != "date"}
    return {**record, "evidence": evidence}


def _field_evidence(record: dict[str, Any], m: RoundMention) -> list[tuple[str, Evidence | None, bool]]:
    """(field, evidence, whether this mention states the value the record chose) for one mention."""
    dated = m.event_date or m.disclosed_date
    stage = m.stage.stage.value if m.stage else None
    on = dated.date.iso() if dated and dated.date else None
    return [
        ("company", m.company.evidence, m.company.text == record["company"]),
        ("status", m.status.evidence, m.status.status.value == record["status"]),
        ("stage", m.stage.evidence if m.stage else None, stage == record["round"]),
        ("amount", m.amount.evidence if m.amount else None, _same_money(m.amount, record["amount"])),
        (
            "valuation",
            m.valuation.evidence if m.valuation else None,
            _same_money(m.valuation, record["valuation"]),
        ),
        ("date", dated.evidence if dated else None, on is not None and on == record["announced_on"]),
        *((f"investor:{i.name}", i.evidence, True) for i in m.investors),
    ]


def _same_money(mention: MoneyMention | None, chosen: dict[str, Any] | None) -> bool:
    return (
        mention is not None
        and chosen is not None
        and (mention.money.raw, mention.money.value) == (chosen["raw"], chosen["value"])
    )


def export_record(record: dict[str, Any]) -> dict[str, Any]:
    """A round record cut to exactly the export keys."""
    out = {k: record[k] for k in EXPORT_KEYS}
    out["investors"] = [
        {"name": i["name"], "lead": i["lead"], "amount": i["amount"]} for i in record["investors"]
    ]
    out["sources"] = [
        {k: s.get(k) for k in ("path", "document_id", "title", "published_on", "quote", "start", "end")}
        for s in record["sources"]
    ]
    return out


def export_records(store: Store, query: RoundQuery | None = None) -> list[dict[str, Any]]:
    return [export_record(r) for r in list_rounds(store, query)]
