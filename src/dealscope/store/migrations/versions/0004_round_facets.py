"""statistics from indexed columns: each round's month, sector, layer and region on its row

Revision ID: 0004_round_facets
Revises: 0003_stats_indexes

`stats --group sector` used to classify every company at query time, through the
`company_sectors` cache, and every `stats` read three columns per round and bucketed them in
Python. Now a rebuild writes the company's sector, layer and region on each round (a user's
override included), and `announced_month` holds the month part of the date, so the statistics
group per month and group value inside one covering index per groupable column. The cache table
goes: nothing reads it any more. Existing rounds get their month here; their facets stay NULL
until the next rebuild or the first `stats` that needs them (see analyse/sectors.py), and
`derived_state` records which classifier version computed them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_round_facets"
down_revision = "0003_stats_indexes"
branch_labels = None
depends_on = None

_GROUPS = ("stage", "sector", "layer", "region")


def upgrade() -> None:
    op.add_column("rounds", sa.Column("announced_month", sa.String(length=7), nullable=True))
    op.add_column("rounds", sa.Column("sector", sa.String(length=64), nullable=True))
    op.add_column("rounds", sa.Column("layer", sa.String(length=32), nullable=True))
    op.add_column("rounds", sa.Column("region", sa.String(length=8), nullable=True))
    op.execute("UPDATE rounds SET announced_month = substr(announced_on, 1, 7) WHERE announced_on <> ''")
    op.drop_index("ix_rounds_stats", table_name="rounds")
    for col in _GROUPS:
        op.create_index(
            f"ix_rounds_stats_{col}",
            "rounds",
            ["status", "announced_month", col, "amount_usd", "announced_date"],
        )
    op.create_index(
        "ix_rounds_unclassified",
        "rounds",
        ["company_key"],
        sqlite_where=sa.text("sector IS NULL"),
        postgresql_where=sa.text("sector IS NULL"),
    )
    op.drop_table("company_sectors")
    op.create_table(
        "derived_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("derived_state")
    op.create_table(
        "company_sectors",
        sa.Column("company_key", sa.Text(), nullable=False),
        sa.Column("sector", sa.String(length=64), nullable=False),
        sa.Column("layer", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("company_key"),
    )
    op.drop_index("ix_rounds_unclassified", table_name="rounds")
    for col in _GROUPS:
        op.drop_index(f"ix_rounds_stats_{col}", table_name="rounds")
    op.create_index(
        "ix_rounds_stats",
        "rounds",
        ["status", "announced_date", "announced_on", "stage", "amount_usd", "company_key"],
    )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy: dropping and recreating `rounds`
    # would cascade-delete its investors and members on SQLite.
    for col in ("region", "layer", "sector", "announced_month"):
        op.drop_column("rounds", col)
