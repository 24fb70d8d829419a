"""initial schema: documents, mentions, evidence, rounds

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("published_precision", sa.String(length=16), nullable=False),
        sa.Column("published_at", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("offsets", sa.JSON(), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("company_key", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("announced_on", sa.String(length=10), nullable=True),
        sa.Column("announced_date", sa.Date(), nullable=True),
        sa.Column("amount_usd", sa.Float(), nullable=True),
        sa.Column("valuation_usd", sa.Float(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index("ix_rounds_company_key", ["company_key"], unique=False)
        batch_op.create_index("ix_rounds_date", ["announced_date"], unique=False)

    op.create_table(
        "metric_mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.JSON(), nullable=True),
        sa.Column("count", sa.Float(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=16), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("metric_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_metrics_company", ["company"], unique=False)

    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "round_investors",
        sa.Column("round_id", sa.String(length=32), nullable=False),
        sa.Column("investor_key", sa.Text(), nullable=False),
        sa.Column("investor", sa.Text(), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("amount_usd", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "investor_key"),
    )
    with op.batch_alter_table("round_investors", schema=None) as batch_op:
        batch_op.create_index("ix_round_investors_key", ["investor_key"], unique=False)

    op.create_table(
        "round_mentions",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("stage_raw", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.JSON(), nullable=True),
        sa.Column("valuation", sa.JSON(), nullable=True),
        sa.Column("valuation_basis", sa.String(length=16), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_precision", sa.String(length=16), nullable=True),
        sa.Column("disclosed_date", sa.Date(), nullable=True),
        sa.Column("disclosed_precision", sa.String(length=16), nullable=True),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("round_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_company", ["company"], unique=False)
        batch_op.create_index("ix_mentions_document", ["document_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mention_id", sa.String(length=48), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["round_mentions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_mention", ["mention_id"], unique=False)

    op.create_table(
        "round_members",
        sa.Column("round_id", sa.String(length=32), nullable=False),
        sa.Column("mention_id", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["round_mentions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "mention_id"),
    )


def downgrade() -> None:
    op.drop_table("round_members")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_mention")

    op.drop_table("evidence")
    with op.batch_alter_table("round_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_document")
        batch_op.drop_index("ix_mentions_company")

    op.drop_table("round_mentions")
    with op.batch_alter_table("round_investors", schema=None) as batch_op:
        batch_op.drop_index("ix_round_investors_key")

    op.drop_table("round_investors")
    op.drop_table("rejections")
    with op.batch_alter_table("metric_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_metrics_company")

    op.drop_table("metric_mentions")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index("ix_rounds_date")
        batch_op.drop_index("ix_rounds_company_key")

    op.drop_table("rounds")
    op.drop_table("documents")
