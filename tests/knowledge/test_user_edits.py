"""User corrections: merge, alias, their undoing, and that they survive re-ingest."""

from __future__ import annotations

import pytest

from dealscope import api
from dealscope.analyse import orgs
from dealscope.analyse.company import company_view
from dealscope.analyse.investor import investor_view
from dealscope.errors import NotFoundError, UsageError
from dealscope.store.db import Store

from .conftest import LANCHUAN, LANCHUAN_LATER, OPENAI, Article, Ingest, by_company

PALISADE: list[Article] = [
    (
        "pr-1",
        "Palisade Robotics closes $40 million Series A",
        "Palisade Robotics, a Pittsburgh startup that builds climbing robots, closed a $40 million Series A "
        "led by Index Ventures.",
        "2024-07-18T14:05:00-04:00",
    ),
    (
        "pr-2",
        "Palisade Robotics raises $40 million",
        "Palisade Robotics said on Thursday it has raised $40 million in a Series A round led by Index Ventures.",
        "2024-07-18T16:00:00-04:00",
    ),
    (
        "pr-3",
        "Robot startup funding",
        "Palisade Robotcs has raised $40 million in a Series A round led by Index Ventures.",
        "2024-07-19T09:00:00-04:00",
    ),
]


def test_user_merge_survives_reingest(store: Store, ingest: Ingest) -> None:
    ingest(lanchuan=LANCHUAN)
    assert sorted(r["company"] for r in api.list_rounds(store)) == ["Lanchuan Compute", "岚川智算"]

    result = orgs.merge(store, "岚川智算", "Lanchuan Compute")
    assert result.rounds == 1 and result.keys == ("n:岚川智算", "n:lanchuancompute")
    (rnd,) = api.list_rounds(store)
    assert len(rnd["sources"]) == 2 and rnd["company_key"] == "n:岚川智算"
    assert [i["key"] for i in rnd["investors"]] == ["g:hongshan", "g:northern_light"]

    # New articles arrive, the old ones are read again, the database is opened afresh: still one company.
    ingest(lanchuan=LANCHUAN, later=LANCHUAN_LATER)
    reopened = Store.open(store.url)
    try:
        view = company_view(reopened, "Lanchuan Compute")
        assert view.name == "岚川智算" and "Lanchuan Compute" in view.aliases
        assert [(r["round"], len(r["sources"])) for r in view.records] == [("series_a", 2), ("series_b", 1)]
    finally:
        reopened.close()

    # Undoing is an entry of its own; the log keeps both.
    undo = orgs.unmerge(store, "岚川智算", "Lanchuan Compute")
    assert undo.rounds == 3
    assert [(e.action, e.undone) for e in orgs.edits(store)] == [("merge", True), ("unmerge", False)]
    assert len(company_view(store, "Lanchuan Compute").records) == 1


def test_alias_links_a_name_the_gazetteer_does_not_know(store: Store, ingest: Ingest) -> None:
    ingest(openai=OPENAI)
    assert investor_view(store, "兴盛资本").key == "n:兴盛资本"

    orgs.add_alias(store, "Thrive Capital", "兴盛资本")
    view = investor_view(store, "兴盛资本")
    assert view.key == "g:thrive" and "兴盛资本" in view.aliases
    assert [(r["company"], r["role"]) for r in view.rounds] == [("OpenAI", "lead")]
    close = by_company(api.list_rounds(store), "OpenAI")[-1]
    assert [i["key"] for i in close["investors"]].count("g:thrive") == 1

    orgs.remove_alias(store, "Thrive Capital", "兴盛资本")
    assert investor_view(store, "兴盛资本").key == "n:兴盛资本"
    assert orgs.detail(store, "Thrive Capital").rounds_as_investor == 1


def test_split_what_the_machine_joined(store: Store, ingest: Ingest) -> None:
    ingest(palisade=PALISADE)
    (rnd,) = api.list_rounds(store)  # the misspelling joined the usual spelling
    assert len(rnd["sources"]) == 3 and rnd["aliases"] == ["Palisade Robotcs"]
    assert orgs.find(store, "Palisade Robotcs").key == "n:palisaderobotics"

    result = orgs.unmerge(store, "Palisade Robotics", "Palisade Robotcs")
    assert "split" in result.message and result.rounds == 2
    assert orgs.find(store, "Palisade Robotcs").key == "n:palisaderobotcs"
    ingest(palisade=PALISADE)  # still split after re-ingest
    assert len(api.list_rounds(store)) == 2
    # Changing one's mind: merging them back is a new edit and wins.
    orgs.merge(store, "Palisade Robotics", "Palisade Robotcs")
    assert len(api.list_rounds(store)) == 1


def test_corrections_refuse_what_makes_no_sense(store: Store, ingest: Ingest) -> None:
    ingest(lanchuan=LANCHUAN)
    with pytest.raises(NotFoundError):
        orgs.merge(store, "岚川智算", "No Such Company")
    with pytest.raises(UsageError, match="already one organisation"):
        orgs.merge(store, "红杉中国", "HongShan")
    with pytest.raises(UsageError, match="not one organisation"):
        orgs.unmerge(store, "岚川智算", "Lanchuan Compute")
    with pytest.raises(UsageError, match="not a name of"):
        orgs.remove_alias(store, "岚川智算", "HongShan")
    with pytest.raises(UsageError, match="already refers"):
        orgs.add_alias(store, "HongShan", "红杉中国")
    assert orgs.edits(store) == []  # nothing refused was logged


def test_org_detail_and_list(store: Store, ingest: Ingest) -> None:
    ingest(lanchuan=LANCHUAN)
    d = orgs.detail(store, "Sequoia China")
    assert (d.org.key, d.org.kind, d.rounds_as_company, d.rounds_as_investor) == ("g:hongshan", "vc", 0, 2)
    assert "红杉中国" in d.org.names_zh and "HongShan" in d.org.names_en
    listed = orgs.list_organizations(store)
    assert [o.name for o in listed] == sorted(o.name for o in listed)
    assert {o.key for o in orgs.list_organizations(store, kind="startup")} == {
        "n:lanchuancompute",
        "n:岚川智算",
    }
    # Known to the gazetteer but in no round: still shown.
    assert orgs.find(store, "英伟达").key == "g:nvidia"
