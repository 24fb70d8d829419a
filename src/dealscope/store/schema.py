"""Table definitions (SQLAlchemy Core). Alembic migrations under `migrations/` create them.

Mentions are what one article says; `rounds` are the consolidated records the knowledge layer builds
from them (rebuilt deterministically, so they can always be derived again from mentions + user edits).
Money is kept as JSON (native amount, bounds, qualifier, USD and the rate used) with the USD value
copied to a float column for filtering and sorting.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# The rounds columns `stats` can group by that have their own covering index (status uses any).
STATS_GROUPS = ("stage", "sector", "layer", "region")

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("format", sa.String(32), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("body_start", sa.Integer, nullable=False),
    sa.Column("published_date", sa.Date),
    sa.Column("published_precision", sa.String(16), nullable=False),
    sa.Column("published_at", sa.Text),  # ISO 8601 with offset when known
    sa.Column("timezone", sa.String(64)),
    sa.Column("source_url", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("offsets", sa.JSON, nullable=False),
    sa.Column("extractor", sa.String(64), nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

mentions = sa.Table(
    "round_mentions",
    metadata,
    sa.Column("id", sa.String(48), primary_key=True),  # <document id>-<index>
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("company", sa.Text, nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("stage_raw", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("amount", sa.JSON),
    sa.Column("valuation", sa.JSON),
    sa.Column("valuation_basis", sa.String(16), nullable=False),
    sa.Column("event_date", sa.Date),
    sa.Column("event_precision", sa.String(16)),
    sa.Column("disclosed_date", sa.Date),
    sa.Column("disclosed_precision", sa.String(16)),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),  # the whole RoundMention, spans included
    sa.Index("ix_mentions_document", "document_id"),
    sa.Index("ix_mentions_company", "company"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "mention_id", sa.String(48), sa.ForeignKey("round_mentions.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Index("ix_evidence_mention", "mention_id"),
)

metrics = sa.Table(
    "metric_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("company", sa.Text),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("amount", sa.JSON),
    sa.Column("count", sa.Float),
    sa.Column("date", sa.Date),
    sa.Column("precision", sa.String(16)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Index("ix_metrics_company", "company"),
)

rejections = sa.Table(
    "rejections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

rounds = sa.Table(
    "rounds",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("company", sa.Text, nullable=False),
    sa.Column("company_key", sa.Text, nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("announced_on", sa.String(10)),  # ISO by precision
    sa.Column("announced_date", sa.Date),  # first day of that period, for filtering
    sa.Column("amount_usd", sa.Float),
    sa.Column("valuation_usd", sa.Float),
    sa.Column("payload", sa.JSON, nullable=False),  # the export record plus history and conflicts
    # Derived at rebuild time (0004) so `stats` reads a few indexed columns and never the payload:
    # the month part of announced_on ('2024-06', '2024' for a year-only date), and the company's
    # sector, layer and region (analyse/sectors.py; NULL until computed, a user override wins).
    sa.Column("announced_month", sa.String(7)),
    sa.Column("sector", sa.String(64)),
    sa.Column("layer", sa.String(32)),
    sa.Column("region", sa.String(8)),
    sa.Index("ix_rounds_company_key", "company_key"),
    sa.Index("ix_rounds_date", "announced_date"),
    # One covering index per `stats --group` column, in the order the statistics group by: both
    # the per-month counts and the amounts are read from it without a sort or a table lookup.
    *(
        sa.Index(f"ix_rounds_stats_{col}", "status", "announced_month", col, "amount_usd", "announced_date")
        for col in STATS_GROUPS
    ),
    # The rounds whose facets are still to compute: empty once they are, so checking costs nothing.
    sa.Index(
        "ix_rounds_unclassified",
        "company_key",
        sqlite_where=sa.text("sector IS NULL"),
        postgresql_where=sa.text("sector IS NULL"),
    ),
)

round_investors = sa.Table(
    "round_investors",
    metadata,
    sa.Column("round_id", sa.String(32), sa.ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("investor_key", sa.Text, primary_key=True),
    sa.Column("investor", sa.Text, nullable=False),
    sa.Column("lead", sa.Boolean, nullable=False),
    sa.Column("amount_usd", sa.Float),
    sa.Index("ix_round_investors_key", "investor_key"),
)

round_members = sa.Table(
    "round_members",
    metadata,
    sa.Column("round_id", sa.String(32), sa.ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "mention_id", sa.String(48), sa.ForeignKey("round_mentions.id", ondelete="CASCADE"), primary_key=True
    ),
)

# --------------------------------------------------------------------------- knowledge layer (0002)

organizations = sa.Table(
    "organizations",
    metadata,
    # Derived on every rebuild from the gazetteer, the names seen in mentions and the user's edits.
    sa.Column("key", sa.Text, primary_key=True),  # "g:<gazetteer id>" or "n:<normalised name>"
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("names_zh", sa.JSON, nullable=False),
    sa.Column("names_en", sa.JSON, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("website", sa.Text),
    sa.Column("region", sa.String(8)),
    sa.Column("sector", sa.String(64)),
    sa.Column("layer", sa.String(32)),
)

org_edits = sa.Table(
    "org_edits",
    metadata,
    # Append-only log of the user's corrections, replayed in id order on every rebuild.
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(16), nullable=False),  # merge | alias | unmerge | alias_remove
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("undone", sa.Boolean, nullable=False, default=False),
)

company_overrides = sa.Table(
    "company_overrides",
    metadata,
    sa.Column("company_key", sa.Text, primary_key=True),
    sa.Column("sector", sa.String(64)),
    sa.Column("layer", sa.String(32)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

derived_state = sa.Table(
    "derived_state",
    metadata,
    # Which version of the classifier (taxonomy, gazetteer, method) the rounds' facets come from (0004).
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
)
