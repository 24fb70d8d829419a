"""Throughput of dealscope on a generated corpus: reading, extracting on one core, ingesting into SQLite.

    python benchmarks/throughput.py [--n 10000] [--seed 7] [--json] [--pg URL] [--corpus DIR]

Single process, no multiprocessing. Three figures: (a) the ingest readers alone (files -> Documents),
(b) `api.extract_document` over Documents already in memory (readers excluded), (c) `api.ingest` end
to end into a fresh SQLite file (and into PostgreSQL with --pg), with the merge timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import shape_of
from benchmarks.corpus_cache import cached_corpus
from dealscope import api
from dealscope.domain import Document, ReadFailure
from dealscope.extract import get_extractor
from dealscope.ingest import iter_documents
from dealscope.store.db import Store, resolve_url

_SLOWEST = 5


def python_version() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"


def _rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


class Stopwatch:
    """Wall time (perf_counter) and this process's CPU time (process_time) since it was made.

    On a shared machine the CPU figure is the steadier one: it leaves out time spent waiting for a core.
    """

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()

    def figures(self, docs: int, prefix: str = "") -> dict[str, float]:
        wall, cpu = time.perf_counter() - self.wall0, time.process_time() - self.cpu0
        return {
            f"{prefix}seconds": wall,
            f"{prefix}docs_per_s": _rate(docs, wall),
            f"{prefix}cpu_seconds": cpu,
            f"{prefix}docs_per_cpu_s": _rate(docs, cpu),
        }


def measure_read(folder: Path) -> tuple[list[Document], dict[str, Any]]:
    """Read every file with the ingest readers; the Documents and the figures."""
    docs: list[Document] = []
    failures: list[ReadFailure] = []
    watch = Stopwatch()
    for item in iter_documents([folder]):
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            docs.append(item)
    timed = watch.figures(len(docs))
    chars = sum(len(d.text) for d in docs)
    return docs, {
        "docs": len(docs),
        "failures": [{"path": f.path, "reason": f.reason} for f in failures],
        **timed,
        "chars": chars,
        "chars_per_s": _rate(chars, timed["seconds"]),
    }


def measure_extract(docs: list[Document]) -> dict[str, Any]:
    """Time `api.extract_document` over Documents already read; per shape, the slowest, and any crash."""
    extractor = get_extractor()
    by_shape: dict[str, list[float]] = defaultdict(list)
    timings: list[tuple[float, str]] = []
    errors: list[dict[str, str]] = []
    rounds = 0
    clock = time.perf_counter
    # The first call loads lazy data (rate tables, lexicons): timed apart so docs/s is the steady rate.
    t0 = clock()
    if docs:
        api.extract_document(docs[0], extractor)
    warmup = clock() - t0
    watch = Stopwatch()
    for doc in docs:
        t0 = clock()
        try:
            rounds += len(api.extract_document(doc, extractor).rounds)
        except Exception as exc:  # a crash on one article is a finding to report, not the end of the run
            errors.append({"path": doc.path, "error": f"{type(exc).__name__}: {exc}"})
        spent = clock() - t0
        by_shape[shape_of(doc.path)].append(spent)
        timings.append((spent, doc.path))
    timed = watch.figures(len(docs))
    chars = sum(len(d.text) for d in docs)
    timings.sort(reverse=True)
    return {
        "docs": len(docs),
        **timed,
        "chars": chars,
        "chars_per_s": _rate(chars, timed["seconds"]),
        "rounds": rounds,
        "warmup_seconds": warmup,
        "errors": errors,
        "shapes": {
            shape: {
                "docs": len(ts),
                "docs_per_s": _rate(len(ts), sum(ts)),
                "mean_ms": 1000 * sum(ts) / len(ts),
                "max_ms": 1000 * max(ts),
            }
            for shape, ts in sorted(by_shape.items())
        },
        "slowest": [{"path": p, "ms": 1000 * s} for s, p in timings[:_SLOWEST]],
    }


def measure_ingest(folder: Path, url: str) -> dict[str, Any]:
    """`api.ingest` into the database at `url` (without the merge), then the merge on its own."""
    with Store(url) as store:
        whole = Stopwatch()
        report = api.ingest([folder], store, api.IngestOptions(rebuild=False))
        ingest = whole.figures(report.read, "ingest_")
        merge = Stopwatch()
        rounds = api.rebuild_rounds(store)
        merged = merge.figures(0, "merge_")
        total = whole.figures(report.read)
    return {
        "docs": report.read,
        "added": report.added,
        "duplicates": report.duplicates,
        "failures": len(report.failures),
        "mentions": report.mentions,
        "rounds": rounds,
        **total,
        **ingest,
        "merge_seconds": merged["merge_seconds"],
        "merge_cpu_seconds": merged["merge_cpu_seconds"],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    def note(text: str) -> None:
        if not args.json:
            print(text, file=sys.stderr, flush=True)

    if args.corpus is not None:
        folder, generated = args.corpus, False
    else:
        note(f"corpus: {args.n} articles, seed {args.seed} ...")
        folder, generated = cached_corpus(args.n, args.seed, args.cache_dir)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    result: dict[str, Any] = {
        "python": python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_start": _load(),
        "corpus": {"folder": str(folder), "generated_now": generated, "bytes": size},
        "n": args.n,
        "seed": args.seed,
    }
    note("reading ...")
    docs, result["read"] = measure_read(folder)
    note(f"extracting {len(docs)} documents ...")
    result["extract"] = measure_extract(docs)
    del docs
    if not args.no_ingest:
        with tempfile.TemporaryDirectory(prefix="dealscope-bench-db-") as tmp:
            note("ingesting into a fresh SQLite file ...")
            result["ingest_sqlite"] = measure_ingest(folder, resolve_url(Path(tmp) / "bench.db"))
        if args.pg:
            note("ingesting into PostgreSQL ...")
            result["ingest_pg"] = measure_ingest(folder, args.pg)
    result["load_average_at_end"] = _load()
    return result


def _load() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: above the core count, other work competed for the CPU."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def render(r: dict[str, Any]) -> str:
    """The figures as a small table for people."""
    corpus = r["corpus"]
    lines = [
        f"dealscope throughput: {r['read']['docs']} articles, {corpus['bytes'] / 1e6:.1f} MB "
        f"({corpus['folder']})",
        f"Python {r['python']} on {r['platform']}; one process, one core of {r['cpus']}",
        f"load average {r['load_average_at_start']} at start, {r['load_average_at_end']} at end",
        "",
        f"{'stage':<34}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'cpu s':>9}{'docs/cpu-s':>11}{'chars/s':>11}",
    ]

    def row(label: str, d: dict[str, Any], prefix: str = "", chars: bool = False) -> None:
        cps = f"{d['chars_per_s']:>11,.0f}" if chars else ""
        lines.append(
            f"{label:<34}{d['docs']:>7}{d[prefix + 'seconds']:>9.2f}{d[prefix + 'docs_per_s']:>9.1f}"
            f"{d[prefix + 'cpu_seconds']:>9.2f}{d[prefix + 'docs_per_cpu_s']:>11.1f}{cps}"
        )

    row("(a) read (ingest readers)", r["read"], chars=True)
    ex = r["extract"]
    row("(b) extract (readers excluded)", ex, chars=True)
    for key, label in (("ingest_sqlite", "SQLite"), ("ingest_pg", "PostgreSQL")):
        if key in r:
            g = r[key]
            row(f"(c) ingest -> {label}, end to end", g)
            row("      read + extract + store", g, "ingest_")
            lines.append(
                f"{'      merge (resolve + rounds)':<34}{'':>7}{g['merge_seconds']:>9.2f}{'':>9}"
                f"{g['merge_cpu_seconds']:>9.2f}"
            )
            if key == "ingest_sqlite" and g["docs"] == ex["docs"]:
                # Estimated, not measured: the ingest run minus the read and extract runs above.
                store = g["ingest_seconds"] - r["read"]["seconds"] - ex["seconds"]
                cpu = g["ingest_cpu_seconds"] - r["read"]["cpu_seconds"] - ex["cpu_seconds"]
                lines.append(f"{'      ~ storing (by difference)':<34}{'':>7}{store:>9.2f}{'':>9}{cpu:>9.2f}")
    lines.append("")
    lines.append(f"first extract call (lazy loading, not in the figures above): {ex['warmup_seconds']:.2f} s")
    lines.append(f"extract found {ex['rounds']} round mentions; {len(ex['errors'])} articles raised an error")
    for e in ex["errors"][:10]:
        lines.append(f"  ERROR {e['path']}: {e['error']}")
    if r["read"]["failures"]:
        lines.append(f"{len(r['read']['failures'])} files could not be read, e.g. {r['read']['failures'][0]}")
    lines += ["", f"{'extract by shape':<18}{'docs':>7}{'docs/s':>10}{'mean ms':>10}{'max ms':>10}"]
    for shape, s in ex["shapes"].items():
        lines.append(
            f"{shape:<18}{s['docs']:>7}{s['docs_per_s']:>10.1f}{s['mean_ms']:>10.1f}{s['max_ms']:>10.1f}"
        )
    lines += ["", "slowest articles to extract:"]
    lines += [f"  {s['ms']:8.1f} ms  {s['path']}" for s in ex["slowest"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure dealscope throughput on a generated corpus.")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--pg", metavar="URL", help="also ingest into this (empty) PostgreSQL database")
    parser.add_argument("--no-ingest", action="store_true", help="skip the end-to-end ingest")
    parser.add_argument("--corpus", type=Path, help="measure this folder instead of a generated corpus")
    parser.add_argument("--cache-dir", type=Path, help="where generated corpora are kept (default: temp dir)")
    args = parser.parse_args(argv)
    if args.n <= 0:
        parser.error("--n must be positive")
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
