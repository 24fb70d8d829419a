"""Start-up time of the `dealscope` command: median wall time of a few invocations, each a fresh process.

    python benchmarks/startup.py [--runs 5] [--file examples/articles/wechat_lanyu_bio.md] [--json]

Prints figures, never fails on them. `python -c pass` is the interpreter's own floor; `--help` is
what importing the CLI costs; `extract FILE` adds reading and extracting one article (the extractor's
tables load on first use, so most of the difference is that one-off load, not the article).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
_DEFAULT_FILE = _ROOT / "examples" / "articles" / "wechat_lanyu_bio.md"


def dealscope_command() -> list[str]:
    """The installed console script beside this interpreter, else the same entry point through `-c`."""
    script = Path(sys.executable).with_name("dealscope")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from dealscope.cli.main import run; sys.exit(run())"]


def median_seconds(argv: list[str], runs: int) -> tuple[float, list[float]]:
    """Median wall seconds of `runs` runs of `argv` (after one untimed run that warms the disk cache)."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--file", type=Path, default=_DEFAULT_FILE, help="article for `extract`")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()

    cli = dealscope_command()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "dealscope --help": [*cli, "--help"],
        f"dealscope extract {args.file.name}": [*cli, "extract", str(args.file)],
    }
    results = {name: median_seconds(argv, args.runs) for name, argv in cases.items()}
    if args.json:
        print(json.dumps({name: {"median_s": m, "runs_s": t} for name, (m, t) in results.items()}, indent=2))
        return
    print(f"median of {args.runs} runs, wall ms (each run a fresh process)")
    for name, (median, times) in results.items():
        spread = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(f"{name:<48} {median * 1000:7.0f}   ({spread})")


if __name__ == "__main__":
    main()
