"""knowledge layer: organizations, the user's edit log, company overrides

Revision ID: 0002_organizations
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_organizations"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("names_zh", sa.JSON(), nullable=False),
        sa.Column("names_en", sa.JSON(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("region", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=64), nullable=True),
        sa.Column("layer", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "org_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "company_overrides",
        sa.Column("company_key", sa.Text(), nullable=False),
        sa.Column("sector", sa.String(length=64), nullable=True),
        sa.Column("layer", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("company_key"),
    )


def downgrade() -> None:
    op.drop_table("company_overrides")
    op.drop_table("org_edits")
    op.drop_table("organizations")
