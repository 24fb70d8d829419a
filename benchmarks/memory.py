"""Peak memory of extracting generated corpora of growing size, each in a fresh subprocess.

    python benchmarks/memory.py [--sizes 1000,5000,10000] [--seed 7] [--no-tracemalloc] [--json]

Each child reads the corpus one file at a time and extracts it (`api.extract_document`), keeping
only counts, as `dealscope extract` and `dealscope ingest` do. A flat peak across sizes means nothing
grows with the corpus (no cache or list that keeps every document). Two children per size: one for
the resident set (`ru_maxrss`), one under tracemalloc (whose own bookkeeping would inflate the RSS).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_cache import cached_corpus

_MIB = 1024 * 1024


def peak_rss_bytes() -> int:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss_bytes() -> int | None:
    """The resident set now, where /proc tells it (Linux); None elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def child(folder: Path, trace: bool) -> dict[str, Any]:
    """Stream-extract every article under `folder` and report memory (runs in the subprocess)."""
    from dealscope import api
    from dealscope.domain import ReadFailure
    from dealscope.extract import get_extractor
    from dealscope.ingest import iter_documents

    extractor = get_extractor()
    items = iter_documents([folder])
    first = next(items)
    # One article before measuring: lazy tables (rates, lexicons) load on first use, whatever the size.
    if not isinstance(first, ReadFailure):
        api.extract_document(first, extractor)
    gc.collect()
    baseline_peak, baseline_now = peak_rss_bytes(), current_rss_bytes()
    if trace:
        tracemalloc.start()
        traced_start = tracemalloc.get_traced_memory()[0]
    failures = int(isinstance(first, ReadFailure))
    docs, rounds, checkpoints = 1 - failures, 0, []
    started, cpu_started = time.perf_counter(), time.process_time()
    for item in items:
        if isinstance(item, ReadFailure):
            failures += 1
            continue
        docs += 1
        rounds += len(api.extract_document(item, extractor).rounds)
        if docs % 1000 == 0:
            checkpoints.append((docs, current_rss_bytes()))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    out: dict[str, Any] = {
        "docs": docs,
        "failures": failures,
        "rounds": rounds,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "baseline_peak_rss": baseline_peak,
        "baseline_rss": baseline_now,
        "peak_rss": peak_rss_bytes(),
        "checkpoints_rss": checkpoints,
    }
    if trace:
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["traced_peak"] = peak - traced_start
        out["traced_retained"] = current - traced_start
    else:
        gc.collect()
        out["final_rss"] = current_rss_bytes()
    return out


def run_child(folder: Path, trace: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder)]
    if trace:
        cmd.append("--trace")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}) on {folder}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    sizes: list[int], seed: int, trace: bool, cache_dir: Path | None, quiet: bool
) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        folder, _ = cached_corpus(n, seed, cache_dir)  # generated here, never in the measured child
        if not quiet:
            print(f"{n} articles: measuring RSS ...", file=sys.stderr, flush=True)
        row: dict[str, Any] = {"n": n, "folder": str(folder), "rss": run_child(folder, trace=False)}
        if trace:
            if not quiet:
                print(f"{n} articles: measuring under tracemalloc ...", file=sys.stderr, flush=True)
            row["traced"] = run_child(folder, trace=True)
        rows.append(row)
    return rows


def _mib(n: int | None) -> str:
    return "-" if n is None else f"{n / _MIB:.1f}"


def render(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'articles':>9}{'docs/s':>9}{'base RSS':>10}{'peak RSS':>10}{'growth':>9}"
        f"{'end RSS':>9}{'traced peak':>13}{'retained':>10}"
    )
    lines = [f"Python {sys.version.split()[0]}; MiB; one fresh subprocess per run", "", head]
    for row in rows:
        r, t = row["rss"], row.get("traced", {})
        rate = r["docs"] / r["seconds"] if r["seconds"] > 0 else 0.0
        lines.append(
            f"{r['docs']:>9}{rate:>9.1f}{_mib(r['baseline_peak_rss']):>10}{_mib(r['peak_rss']):>10}"
            f"{_mib(r['peak_rss'] - r['baseline_peak_rss']):>9}{_mib(r.get('final_rss')):>9}"
            f"{_mib(t.get('traced_peak')):>13}{_mib(t.get('traced_retained')):>10}"
        )
    lines += [
        "",
        "base RSS: peak after imports, extractor and one warm-up article; peak RSS: ru_maxrss at the end;",
        "growth: peak - base; end RSS: resident set after the loop; traced peak / retained: tracemalloc",
        "peak and what was still allocated at the end, both counted from the start of the loop.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Peak memory of extracting corpora of growing size.")
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the (slower) tracemalloc runs")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--cache-dir", type=Path, help="where generated corpora are kept (default: temp dir)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.trace)))
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated integers, not {args.sizes!r}")
    if not sizes or min(sizes) <= 0:
        parser.error("--sizes must list positive integers")
    rows = measure(sizes, args.seed, not args.no_tracemalloc, args.cache_dir, args.json)
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "seed": args.seed, "runs": rows}, indent=2))
    else:
        print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
