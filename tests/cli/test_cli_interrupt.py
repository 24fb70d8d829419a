"""An ingest killed with SIGKILL leaves only whole documents, and running it again finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

from dealscope import api, codec
from dealscope.domain import Document, Extraction
from dealscope.errors import NotFoundError
from dealscope.store import schema
from dealscope.store.db import Store

ARTICLES = 200
KILL_AFTER = 100  # documents stored when the kill comes: halfway, far from the end either way
ORPHANS = {
    "mentions without a document": "SELECT COUNT(*) FROM round_mentions m "
    "LEFT JOIN documents d ON d.id = m.document_id WHERE d.id IS NULL",
    "evidence without a mention": "SELECT COUNT(*) FROM evidence e "
    "LEFT JOIN round_mentions m ON m.id = e.mention_id WHERE m.id IS NULL",
    "mentions without their round evidence": "SELECT COUNT(*) FROM round_mentions m WHERE NOT EXISTS "
    "(SELECT 1 FROM evidence e WHERE e.mention_id = m.id AND e.field = 'round')",
    "metrics without a document": "SELECT COUNT(*) FROM metric_mentions x "
    "LEFT JOIN documents d ON d.id = x.document_id WHERE d.id IS NULL",
    "rejections without a document": "SELECT COUNT(*) FROM rejections x "
    "LEFT JOIN documents d ON d.id = x.document_id WHERE d.id IS NULL",
    "members without a round": "SELECT COUNT(*) FROM round_members x "
    "LEFT JOIN rounds r ON r.id = x.round_id WHERE r.id IS NULL",
    "members without a mention": "SELECT COUNT(*) FROM round_members x "
    "LEFT JOIN round_mentions m ON m.id = x.mention_id WHERE m.id IS NULL",
    "investors without a round": "SELECT COUNT(*) FROM round_investors x "
    "LEFT JOIN rounds r ON r.id = x.round_id WHERE r.id IS NULL",
}


def _command() -> list[str]:
    script = Path(sys.executable).parent / "dealscope"  # the console script of [project.scripts]
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from dealscope.cli.main import run; run()"]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _kill_partway(folder: Path, db: Path) -> None:
    env = {**os.environ, "DEALSCOPE_DB": str(db)}
    proc = subprocess.Popen(
        [*_command(), "ingest", str(folder)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    try:
        while _stored(db) < KILL_AFTER:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
        proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL


def _check_whole_documents(store: Store, expected: dict[str, tuple[Document, Extraction]]) -> int:
    """Every stored document holds exactly what extracting it gives; returns how many are stored."""
    with store.engine.connect() as conn:
        doc_ids = set(conn.execute(sa.select(schema.documents.c.id)).scalars())
        per_doc = {
            doc_id: n
            for doc_id, n in conn.execute(
                sa.select(schema.mentions.c.document_id, sa.func.count()).group_by(
                    schema.mentions.c.document_id
                )
            )
        }
        metrics = dict(
            conn.execute(
                sa.select(schema.metrics.c.document_id, sa.func.count()).group_by(
                    schema.metrics.c.document_id
                )
            ).all()
        )
        for what, query in ORPHANS.items():
            assert conn.execute(sa.text(query)).scalar_one() == 0, what
    assert doc_ids <= set(expected)
    for doc_id in doc_ids:
        doc, extraction = expected[doc_id]
        assert per_doc.get(doc_id, 0) == len(extraction.rounds), doc.path
        assert metrics.get(doc_id, 0) == len(extraction.metrics), doc.path
        assert store.document(doc_id)["text"] == doc.text
        for i, mention in enumerate(extraction.rounds):
            assert codec.to_data(store.mention(f"{doc_id}-{i}")[1]) == codec.to_data(mention)
    return len(doc_ids)


def test_killed_ingest_leaves_whole_documents_and_a_rerun_completes(
    tmp_path: Path, make_corpus: Callable[[Path, int], Path]
) -> None:
    folder = make_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "killed.db"
    # What an uninterrupted run stores (every document with its extraction, and the merged rounds),
    # worked out in this process while the other one runs, to keep the test short.
    with ThreadPoolExecutor(1) as pool:
        reading = pool.submit(lambda: [x for x in api.extract_paths([folder]) if isinstance(x, tuple)])
        _kill_partway(folder, db)
        pairs = reading.result()
    expected = {doc.id: (doc, ex) for doc, ex in pairs}
    assert len(expected) == ARTICLES
    rounds = api.records_for(pairs)

    with Store.open(db) as store:
        stored = _check_whole_documents(store, expected)
        assert KILL_AFTER <= stored < ARTICLES
        report = api.ingest([folder], store)
        assert (report.added, report.duplicates, report.failures) == (ARTICLES - stored, stored, ())
        assert _check_whole_documents(store, expected) == ARTICLES
        counts = store.counts()
        assert counts["mentions"] == sum(len(ex.rounds) for _, ex in pairs) > 0
        assert counts["rounds"] == report.rounds == len(rounds)
        assert sorted(r["id"] for r in api.list_rounds(store)) == sorted(r["id"] for r in rounds)


def test_console_script_exit_status_and_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [*_command(), "show", "r0000", "--db", str(tmp_path / "empty.db")], capture_output=True, text=True
    )
    assert result.returncode == NotFoundError.exit_code
    assert result.stderr == "error: no round 'r0000'\n" and result.stdout == ""
