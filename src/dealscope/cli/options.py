"""What every command shares: the consoles, the --db and --format options, full-width printing."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console, RenderableType

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
