"""The store stage: documents, extractions and consolidated rounds in SQLite or PostgreSQL."""

from dealscope.store.db import Store, resolve_url

__all__ = ["Store", "resolve_url"]
