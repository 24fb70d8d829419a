"""Speed of the per-document scanners: money, dates, gazetteer names, and building the gazetteer.

Prints MB/s (CPU time) for each scanner on a synthetic text of about 1 MB, and how long the
bundled gazetteer takes to build. Figures only; no thresholds.

    python benchmarks/scanners.py [--mb 1.0]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date

from dealscope.lang.dates import find_dates
from dealscope.lang.gazetteer import Gazetteer
from dealscope.lang.money import find_money

_FILLER = (
    "本轮融资将用于技术研发和市场拓展，团队规模预计年底扩大一倍。",
    "公司于2024年3月完成数千万元A轮融资，投后估值约12亿元。",
    "The money will fund research and hiring, the company said on Tuesday. ",
    "It raised $25 million in a Series B round led by existing investors last year. ",
)


def _text(megabytes: float, gaz: Gazetteer) -> str:
    rng = random.Random(7)
    names = [n for e in gaz.entries() for n in e.all_names()]
    parts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        part = rng.choice(_FILLER) + rng.choice(names) + "、"
        parts.append(part)
        size += len(part.encode())
    return "".join(parts)


def _cpu(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the synthetic text in MB")
    args = parser.parse_args()
    t = time.process_time()
    gaz = Gazetteer.default()
    build = time.process_time() - t
    text = _text(args.mb, gaz)
    mb = len(text.encode()) / 1e6
    anchor = date(2025, 6, 1)
    print(f"gazetteer build: {build * 1000:.0f} ms ({len(gaz.entries())} entries)")
    for name, fn in (
        ("money", lambda: find_money(text)),
        ("dates", lambda: find_dates(text, anchor)),
        ("gazetteer names", lambda: gaz.find_all(text)),
    ):
        seconds = _cpu(fn)
        print(f"{name:16s} {mb / seconds:8.1f} MB/s  ({seconds * 1000:.0f} ms for {mb:.2f} MB)")


if __name__ == "__main__":
    main()
