"""The one exception tree of dealscope.

Library code raises these; each boundary translates them once: the CLI prints one line and exits
with `exit_code`, the web layer maps `http_status`.
"""

from __future__ import annotations


class DealscopeError(Exception):
    """Base of every error dealscope raises on purpose."""

    exit_code = 1
    http_status = 500


class InputError(DealscopeError):
    """An input file cannot be read as an article; `path` names it and the message says why."""

    exit_code = 1
    http_status = 422

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(DealscopeError):
    """A caller asked for something that does not exist or does not make sense."""

    exit_code = 2
    http_status = 400


class UnknownExtractorError(UsageError):
    def __init__(self, name: str, valid: list[str]) -> None:
        super().__init__(f"unknown extractor {name!r}; valid names: {', '.join(sorted(valid))}")
        self.name = name
        self.valid = valid


class NotFoundError(DealscopeError):
    """A round, company, investor or document id that the database does not hold."""

    exit_code = 3
    http_status = 404


class StorageError(DealscopeError):
    """The database cannot be opened, migrated or written."""

    exit_code = 4
    http_status = 503


class ExtractionError(DealscopeError):
    """An extractor failed on a document (an LLM endpoint down, a malformed answer)."""

    exit_code = 5
    http_status = 502
