"""A deterministic generator of synthetic funding articles (Chinese and English) for the benchmarks.

`generate(n, seed)` yields (relative file name, file content) pairs; the same seed always gives the
same corpus. About 60 % of the articles are Chinese and 40 % English, in these shapes: WeChat
exports with header lines, front-matter Markdown, plain-text newsflashes, English single-deal
stories and briefs, digests of 6-10 deals, a few long reads of about 10,000 characters, and about
20 % articles with money and numbers that report no round (earnings, fund closes, IPOs, M&A).

    python benchmarks/corpus.py OUT_DIR --n 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_deals import World
from benchmarks.corpus_en import EnWriter
from benchmarks.corpus_zh import ZhWriter

# shape -> (share of the corpus in %, min and max target length in characters)
SHAPES: dict[str, tuple[int, int, int]] = {
    "zh-wechat": (22, 900, 3500),
    "zh-newsflash": (14, 250, 700),
    "zh-frontmatter": (5, 700, 3000),
    "zh-digest": (5, 1500, 3800),
    "zh-other": (12, 300, 2500),
    "zh-longread": (2, 8500, 11000),
    "en-single": (18, 1200, 3800),
    "en-frontmatter": (6, 1000, 3500),
    "en-digest": (5, 2000, 3900),
    "en-other": (8, 400, 2500),
    "en-brief": (3, 300, 800),
}
NON_FUNDING = frozenset({"zh-other", "en-other"})
_FIRST_DAY = datetime(2019, 1, 1, 7, 0)
_DAYS = 6 * 365 + 180  # articles published from 2019 to mid-2025


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield `n` (relative file name, content) pairs, the same ones for the same seed."""
    rng = random.Random(seed)
    world = World(rng)
    zh, en = ZhWriter(rng, world), EnWriter(rng, world)
    shapes = list(SHAPES)
    weights = [SHAPES[s][0] for s in shapes]
    writers: dict[str, Callable[[datetime, int], tuple[str, str]]] = {
        "zh-wechat": lambda p, t: ("md", zh.wechat(p, t)),
        "zh-newsflash": lambda p, t: ("txt", zh.newsflash(p, t)),
        "zh-frontmatter": lambda p, t: ("md", zh.frontmatter(p, t)),
        "zh-digest": zh.digest,
        "zh-other": zh.other,
        "zh-longread": lambda p, t: ("md", zh.wechat(p, t, long_read=True)),
        "en-single": en.single,
        "en-frontmatter": lambda p, t: ("md", en.frontmatter(p, t)),
        "en-digest": en.digest,
        "en-other": en.other,
        "en-brief": lambda p, t: ("txt", en.brief(p, t)),
    }
    for i in range(n):
        shape = rng.choices(shapes, weights)[0]
        _, low, high = SHAPES[shape]
        published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS), minutes=rng.randrange(16 * 60))
        ext, content = writers[shape](published, rng.randint(low, high))
        if ext == "txt" and rng.random() < 0.05:
            content = content.replace("\n", "\r\n")  # some exports keep Windows line ends
        yield f"{i // 1000:02d}/{i:05d}-{shape}.{ext}", content


def write_corpus(folder: str | Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` generated articles under `folder` (UTF-8) and return their paths."""
    root = Path(folder)
    paths = []
    for name, content in generate(n, seed):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
        paths.append(path)
    return paths


def shape_of(name: str) -> str:
    """The shape a generated file name was written in ("zh-wechat", "en-digest", ...)."""
    return Path(name).stem.split("-", 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of funding articles.")
    parser.add_argument("out", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
