"""`dealscope conflicts`: figures the articles disagree on beyond the tolerance, kept beside the chosen one."""

from __future__ import annotations

from typing import Any

from dealscope.analyse import orgs
from dealscope.store import orgs as org_store
from dealscope.store.db import Store


def conflicts(store: Store, company: str | None = None) -> list[dict[str, Any]]:
    """One row per disputed figure: the round, the chosen value and the article that says otherwise."""
    key = orgs.find(store, company).key if company else None
    rows: list[dict[str, Any]] = []
    for record in org_store.rounds_with_conflicts(store, key):
        for c in record["conflicts"]:
            rows.append(
                {
                    "round_id": record["id"],
                    "company": record["company"],
                    "round": record["round"],
                    "status": record["status"],
                    "announced_on": record["announced_on"],
                    "field": c["field"],
                    "chosen": c["chosen"],
                    "chosen_document_id": c.get("chosen_document_id"),
                    "value": c["value"],
                    "value_status": c.get("status"),
                    "value_date": c.get("date"),
                    "document_id": c["document_id"],
                    "title": c.get("title"),
                }
            )
    return rows
