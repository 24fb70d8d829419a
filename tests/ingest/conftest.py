"""Shared helpers for the ingest tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dealscope.domain import Document

FIXTURES = Path(__file__).parent / "fixtures"

OffsetCheck = Callable[[Document, str], None]


def _check_offsets(doc: Document, raw: str) -> None:
    """Every copied character maps back to the same character of `raw`.

    Whitespace in the text may be a separator inserted where a line break was; everything else in
    the body is copied, and so is the title when the raw text spells it out.
    """
    start = 0 if doc.title and doc.title in raw else doc.body_start
    mismatches = [
        (i, ch, raw[doc.offsets.to_raw(i)])
        for i, ch in enumerate(doc.text)
        if i >= start and not ch.isspace() and raw[doc.offsets.to_raw(i)] != ch
    ]
    assert mismatches == []
    # Offsets only move forward through the file: the text keeps the raw order.
    raws = [doc.offsets.to_raw(i) for i in range(doc.body_start, len(doc.text)) if not doc.text[i].isspace()]
    assert raws == sorted(raws)


@pytest.fixture
def offsets_exact() -> OffsetCheck:
    return _check_offsets


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
