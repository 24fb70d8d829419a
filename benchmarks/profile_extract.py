"""cProfile over extracting generated articles: the top functions by cumulative and by own time.

    python benchmarks/profile_extract.py [--n 2000] [--seed 7] [--top 25] [--stage extract|read] [--out FILE]

The articles are read before profiling starts, so the profile shows `api.extract_document` alone
(`--stage read` profiles the ingest readers instead). `--out` keeps the raw stats for snakeviz or
`python -m pstats`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_cache import cached_corpus
from dealscope import api
from dealscope.domain import Document, ReadFailure
from dealscope.extract import get_extractor
from dealscope.ingest import iter_documents


def read_all(folder: Path) -> list[Document]:
    return [d for d in iter_documents([folder]) if not isinstance(d, ReadFailure)]


def profile(folder: Path, stage: str) -> tuple[cProfile.Profile, int, float]:
    """Profile one stage over the corpus; the profile, the number of documents and the wall seconds."""
    profiler = cProfile.Profile()
    if stage == "read":
        started = time.perf_counter()
        profiler.enable()
        docs = read_all(folder)
        profiler.disable()
        return profiler, len(docs), time.perf_counter() - started
    docs = read_all(folder)
    extractor = get_extractor()
    if docs:  # lazy loading on the first call is not a hot spot of the steady state
        api.extract_document(docs[0], extractor)
    started = time.perf_counter()
    profiler.enable()
    for doc in docs:
        api.extract_document(doc, extractor)
    profiler.disable()
    return profiler, len(docs), time.perf_counter() - started


def report(profiler: cProfile.Profile, top: int) -> str:
    out = io.StringIO()
    for key, label in (("cumulative", "cumulative time"), ("tottime", "own (total) time")):
        out.write(f"\n=== top {top} functions by {label} ===\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile dealscope extraction on a generated corpus.")
    parser.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--top", type=int, default=25, help="functions to list per ordering (default 25)")
    parser.add_argument("--stage", choices=("extract", "read"), default="extract", help="what to profile")
    parser.add_argument("--out", type=Path, help="also write the raw profile here (pstats format)")
    parser.add_argument("--cache-dir", type=Path, help="where generated corpora are kept (default: temp dir)")
    args = parser.parse_args(argv)
    if args.n <= 0 or args.top <= 0:
        parser.error("--n and --top must be positive")
    folder, _ = cached_corpus(args.n, args.seed, args.cache_dir)
    profiler, count, seconds = profile(folder, args.stage)
    rate = count / seconds if seconds > 0 else 0.0
    print(f"profiled {args.stage} of {count} articles from {folder}")
    print(
        f"{seconds:.2f} s under the profiler, {rate:.1f} docs/s (profiling slows this down; see throughput.py)"
    )
    print(report(profiler, args.top))
    if args.out is not None:
        profiler.dump_stats(args.out)
        print(f"raw profile written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
