"""What every command shares: the consoles, the --db and --format options, the store, full-width printing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console, RenderableType

if TYPE_CHECKING:
    from dealscope.store.db import Store

out = Console()
err = Console(stderr=True)

# Piped or redirected, a table keeps its full width: a file has no edge to fit.
_PIPE_WIDTH = 10_000

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL (default: $DEALSCOPE_DB or ./dealscope.db)."),
]


class Fmt(StrEnum):
    table = "table"
    json = "json"


FmtOpt = Annotated[Fmt, typer.Option("--format", help="table or json.")]


def print_wide(renderable: RenderableType) -> None:
    """Print on stdout: at the terminal's width there, at full width into a pipe or a file."""
    (out if out.is_terminal else Console(width=_PIPE_WIDTH)).print(renderable)


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The database named by --db (or the default), closed on the way out."""
    # Imported here, not above: SQLAlchemy and Alembic are most of the CLI's start-up time.
    from dealscope.store.db import Store

    store = Store.open(db)
    try:
        yield store
    finally:
        store.close()
