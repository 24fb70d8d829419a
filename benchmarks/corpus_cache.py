"""A generated corpus kept in a temporary folder, keyed by size, seed and the generator's own source.

The benchmarks share it so that a second run (or another script) skips the generation. The key
includes a hash of the generator modules: editing the generator gives a new folder, never a stale one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # imported from a script run as a file: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import write_corpus

_HERE = Path(__file__).resolve().parent
_GENERATOR = ("corpus.py", "corpus_deals.py", "corpus_en.py", "corpus_zh.py", "corpus_vocab.py")
# A hidden file: the readers skip names starting with "." so it is never read as an article.
_DONE = ".complete"


def generator_digest() -> str:
    """A short hash of the generator's source files."""
    h = hashlib.sha256()
    for name in _GENERATOR:
        h.update((_HERE / name).read_bytes())
    return h.hexdigest()[:10]


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "dealscope-bench"


def cached_corpus(n: int, seed: int = 7, cache_dir: str | Path | None = None) -> tuple[Path, bool]:
    """The folder holding the corpus of `n` articles for `seed`, written if missing; and whether it was."""
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    folder = root / f"corpus-n{n}-s{seed}-{generator_digest()}"
    if (folder / _DONE).exists():
        return folder, False
    root.mkdir(parents=True, exist_ok=True)
    # Written beside the final name and renamed at the end, so an interrupted run leaves no half corpus.
    partial = Path(tempfile.mkdtemp(prefix=folder.name + ".partial-", dir=root))
    try:
        write_corpus(partial, n, seed)
        (partial / _DONE).write_text(f"{n} articles, seed {seed}\n", encoding="utf-8")
        try:
            os.rename(partial, folder)
        except OSError:  # another run finished the same corpus first: use theirs
            if not (folder / _DONE).exists():
                raise
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    return folder, True
