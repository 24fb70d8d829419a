"""The sector taxonomy, its keyword matcher, and the override > gazetteer > keywords order."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa

from dealscope.analyse import sectors
from dealscope.analyse.sectors import Taxonomy, assign_sectors
from dealscope.errors import UsageError
from dealscope.store.db import Store

from .conftest import RECORDS, record

WHEN = datetime(2025, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "name", "sector", "layer"),
    [
        ("AI 编程公司 Poolside 完成5亿美元融资", "Poolside", "coding", "applications"),
        ("具身智能公司星海图完成A轮融资", "星海图", "robotics", "applications"),
        ("具身大模型公司灵枢完成融资", "灵枢", "robotics", "foundation_models"),
        ("Palisade, a robotics startup, raised $40 million", "Palisade", "robotics", "applications"),
        ("Chipmaker Etched raised $120M to build AI chips", "Etched", "chips", "infrastructure"),
        (
            "Kestrel Freight, a logistics startup, raised a seed round",
            "Kestrel Freight",
            "logistics",
            "applications",
        ),
        ("储能电池公司岚桥储能正在洽谈融资", "岚桥储能", "new_energy", "other"),
    ],
)
def test_keywords_give_sector_and_layer(text: str, name: str, sector: str, layer: str) -> None:
    c = Taxonomy.default().classify([text], [name])
    assert (c.sector, c.layer) == (sector, layer)
    assert c.keyword is not None and c.keyword.lower() in text.lower()


def test_a_keyword_next_to_the_name_beats_one_elsewhere() -> None:
    text = "数据库公司澄明完成融资，投资方包括一家机器人企业的产业基金"
    c = Taxonomy.default().classify([text], ["澄明"])
    assert (c.sector, c.keyword) == ("database", "数据库")
    # Without the name to anchor it, the two keywords tie and the taxonomy's order decides.
    assert Taxonomy.default().classify([text]).sector != "unknown"


def test_latin_keywords_need_word_boundaries_and_take_plurals() -> None:
    tax = Taxonomy.default()
    assert tax.classify(["The chipper startup Foo raised money"]).sector is None
    assert tax.classify(["Foo makes chips for phones"]).sector == "chips"
    assert tax.classify(["Foo builds Robots"]).sector == "robotics"


def test_regions_from_place_words_and_stop_phrases() -> None:
    tax = Taxonomy.default()
    assert tax.classify(["总部位于上海的芯片公司曜衡完成融资"], ["曜衡"]).region == "CN"
    assert tax.classify(["Corvina, a Boston robotics startup, raised $45M"], ["Corvina"]).region == "US"
    assert tax.classify(["北京时间今日，Foo 宣布完成融资"], ["Foo"]).region is None


def test_bundled_taxonomy_is_consistent() -> None:
    tax = Taxonomy.default()
    assert [layer.id for layer in tax.layers()] == [
        "foundation_models",
        "infrastructure",
        "applications",
        "other",
    ]
    assert len(tax.sectors()) >= 40
    assert tax.layers_of("robotics") == ("foundation_models", "applications")
    # Every sector tag the gazetteer uses for a layered company exists in the taxonomy.
    from dealscope.lang.gazetteer import Gazetteer

    used = {(e.layer, e.sector) for e in Gazetteer.default().entries() if e.layer and e.sector}
    missing = {sector for layer, sector in used if tax.sector(layer, sector) is None}
    assert len(missing) <= len(used) // 3


def test_malformed_taxonomy_names_the_file() -> None:
    text = (resources.files("dealscope") / "data" / "sectors.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["layers"][0]["sectors"][0]["zh"].append("芯片")  # already a chips keyword
    with pytest.raises(ValueError, match=r"mine\.json: keyword '芯片' is listed twice"):
        Taxonomy.from_json(json.dumps(data), "mine.json")
    with pytest.raises(ValueError, match=r"mine\.json"):
        Taxonomy.from_json("{}", "mine.json")


def test_override_beats_gazetteer_beats_keywords(hand_store: Store) -> None:
    got = assign_sectors(hand_store, ["g:poolside", "n:alpha", "n:gamma"])
    assert (got["g:poolside"].source, got["g:poolside"].sector) == ("gazetteer", "coding")
    assert (got["n:alpha"].source, got["n:alpha"].sector, got["n:alpha"].evidence) == (
        "keywords",
        "coding",
        "AI编程",
    )
    assert (got["n:gamma"].source, got["n:gamma"].sector, got["n:gamma"].layer) == (
        "none",
        "unknown",
        "unknown",
    )
    sectors.set_sector(hand_store, "Poolside", "developer_tools", None, WHEN)
    a = sectors.set_sector(hand_store, "Alpha", None, "foundation_models", WHEN)
    assert (a.source, a.sector, a.layer) == ("override", "coding", "foundation_models")
    got = assign_sectors(hand_store, ["g:poolside", "n:alpha"])
    assert (got["g:poolside"].sector, got["g:poolside"].layer) == ("developer_tools", "infrastructure")
    assert [o["company_key"] for o in sectors.list_overrides(hand_store)] == ["g:poolside", "n:alpha"]
    assert sectors.clear_sector(hand_store, "Poolside") is True
    assert sectors.clear_sector(hand_store, "Poolside") is False
    assert assign_sectors(hand_store, ["g:poolside"])["g:poolside"].source == "gazetteer"


def test_set_sector_checks_its_input(hand_store: Store) -> None:
    with pytest.raises(UsageError, match="several layers"):
        sectors.set_sector(hand_store, "Alpha", "robotics", None, WHEN)
    with pytest.raises(UsageError, match="unknown layer"):
        sectors.set_sector(hand_store, "Alpha", "coding", "apps", WHEN)
    with pytest.raises(UsageError, match="lowercase tag"):
        sectors.set_sector(hand_store, "Alpha", "Coding Tools", None, WHEN)
    with pytest.raises(UsageError, match="give a sector"):
        sectors.set_sector(hand_store, "Alpha", None, None, WHEN)


def test_bulk_classification_agrees_with_direct_assignment_and_the_rounds(tmp_path: Path) -> None:
    many = [
        record(f"r{i:04d}", f"Co{i}", "2024-03-01", 1e6, quote=f"Co{i}, a legal tech startup, raised $1M.")
        for i in range(260)
    ]
    with Store.open(tmp_path / "many.db") as store:
        store.replace_rounds([*RECORDS, *many])
        bulk = assign_sectors(store)  # every company with rounds
        assert len(bulk) == 269
        direct = assign_sectors(store, ["n:co7", "n:alpha", "g:poolside"])
        assert {k: bulk[k] for k in direct} == direct
        assert bulk["n:co7"].sector == "legal"
        # The rounds were written without facets: the first reader that needs them fills them in.
        assert sectors.ensure_facets(store) is None
        assert _facets(store) == {k: (a.sector, a.layer, a.region) for k, a in bulk.items()}
        # New articles change the rounds: the rewritten rows are classified again.
        changed = [
            record(f"r{i:04d}", f"Co{i}", "2024-03-01", 1e6, quote=f"Co{i}, a fintech startup, raised.")
            for i in range(261)
        ]
        store.replace_rounds([*RECORDS, *changed])
        assert sectors.ensure_facets(store) is None
        again = _facets(store)
        assert again["n:co7"][0] == "fintech" and "n:co260" in again
        # An override shows on the rounds at once.
        sectors.set_sector(store, "Co7", "legal", "applications", WHEN)
        assert assign_sectors(store)["n:co7"].source == "override"
        assert _facets(store)["n:co7"] == ("legal", "applications", "unknown")


def _facets(store: Store) -> dict[str, tuple[str, str, str]]:
    """company key -> (sector, layer, region) as written on its rounds (all its rounds agree)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT DISTINCT company_key, sector, layer, region FROM rounds")).all()
    out = {key: (sector, layer, region) for key, sector, layer, region in rows}
    assert len(out) == len(rows)
    return out
