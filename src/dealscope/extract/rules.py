"""The rule-based extractor ("rules-v1"): lexicons, patterns and a gazetteer, no model.

It reads a document in three passes (see `context`, `frames`, `assemble`): scan money, dates and
known names once; read each sentence into frames; group frames into rounds with a focus.
"""

from __future__ import annotations

from dealscope.domain import Document, Extraction
from dealscope.extract.assemble import assemble
from dealscope.extract.base import register
from dealscope.extract.context import DocContext
from dealscope.lang.gazetteer import Gazetteer

NAME = "rules-v1"


class RuleExtractor:
    """Reads funding rounds from Chinese and English prose with rules."""

    name = NAME

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer or Gazetteer.default()

    def extract(self, document: Document) -> Extraction:
        ctx = DocContext.build(document, self._gazetteer)
        rounds, metrics, rejections = assemble(ctx)
        return Extraction(
            document_id=document.id,
            extractor=self.name,
            rounds=tuple(rounds),
            metrics=tuple(metrics),
            rejections=tuple(rejections),
        )


register(NAME, RuleExtractor)
