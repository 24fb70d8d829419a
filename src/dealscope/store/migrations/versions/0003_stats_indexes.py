"""statistics: a covering index over the rounds' stats columns, and the company sector cache

Revision ID: 0003_stats_indexes
Revises: 0002_organizations

`stats` reads six small columns of every matching round. Without a covering index each read
drags in the round's JSON payload (about 1.5 kB a row), which made a 100,000-round table scan
cost half a second; with it the scan stays inside the index.

`company_sectors` caches the keyword classification of every company (sector, layer, region):
classifying 30,000 companies from their sentences takes seconds, and `stats --group sector` must
answer in milliseconds. It is derived data: `fingerprint` says which state of the rounds and of the
bundled taxonomy it was computed from, and a mismatch makes the next reader recompute it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_stats_indexes"
down_revision = "0002_organizations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_rounds_stats",
        "rounds",
        ["status", "announced_date", "announced_on", "stage", "amount_usd", "company_key"],
    )
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


def downgrade() -> None:
    op.drop_table("company_sectors")
    op.drop_index("ix_rounds_stats", table_name="rounds")
