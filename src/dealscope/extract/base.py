"""The extractor interface and its registry.

An extractor turns one `Document` into one `Extraction`. Rules today, an LLM endpoint later: both
register a factory under a versioned name ("rules-v1"), and callers ask the registry by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from dealscope.domain import Document, Extraction
from dealscope.errors import UnknownExtractorError


@runtime_checkable
class Extractor(Protocol):
    """Reads funding rounds (and metrics) out of one document."""

    name: str

    def extract(self, document: Document) -> Extraction: ...


_FACTORIES: dict[str, Callable[[], Extractor]] = {}
DEFAULT_EXTRACTOR = "rules-v1"


def register(name: str, factory: Callable[[], Extractor]) -> None:
    """Make an extractor available under a versioned name."""
    _FACTORIES[name] = factory


def available_extractors() -> list[str]:
    _load_builtins()
    return sorted(_FACTORIES)


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Extractor:
    """Build the extractor registered as `name`; unknown names list the valid ones."""
    _load_builtins()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise UnknownExtractorError(name, list(_FACTORIES)) from None
    return factory()


def _load_builtins() -> None:
    # Imported lazily so `import dealscope.extract` stays cheap and free of cycles.
    from dealscope.extract import rules  # noqa: F401
