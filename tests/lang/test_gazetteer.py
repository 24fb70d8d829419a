"""Tests for the organisation gazetteer: the bundled data, validation, and the matcher's rules."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from importlib import resources

import pytest

from dealscope.domain import OrgKind, Span
from dealscope.lang.gazetteer import LAYERS, Gazetteer, GazetteerHit, OrgEntry, name_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _bundled_text() -> str:
    return (resources.files("dealscope") / "data" / "orgs.json").read_text(encoding="utf-8")


def _found(g: Gazetteer, text: str, **kwargs: bool) -> list[tuple[str, str]]:
    return [(h.span.quote(text), h.entry.id) for h in g.find_all(text, **kwargs)]


def _small(*entries: OrgEntry, stop: tuple[str, ...] = ()) -> Gazetteer:
    return Gazetteer.from_entries(entries, stop)


def _doc(entries: list[dict[str, object]], **top: object) -> str:
    return json.dumps({"format": "dealscope-orgs/1", "entries": entries, **top}, ensure_ascii=False)


# --------------------------------------------------------------------------- the bundled file


def test_bundled_file_loads_and_is_consistent(gaz: Gazetteer) -> None:
    entries = gaz.entries()
    assert len(entries) >= 450
    assert len({e.id for e in entries}) == len(entries)
    assert {e.kind for e in entries} == set(OrgKind) - {OrgKind.UNKNOWN}
    for e in entries:
        assert e.layer is None or e.layer in LAYERS
        assert e.parent is None or gaz.get(e.parent) is not None
        for name in e.all_names():
            assert gaz.lookup(name) is e, (e.id, name)
    assert Gazetteer.default() is gaz  # loaded once


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("红杉中国", "hongshan"),
        ("Sequoia China", "hongshan"),
        ("高瓴资本", "hillhouse"),
        ("IDG资本", "idg_capital"),
        ("经纬创投", "matrix_china"),
        ("启明创投", "qiming"),
        ("源码资本", "source_code"),
        ("五源资本", "5y_capital"),
        ("君联资本", "legend_capital"),
        ("深创投", "scgc"),
        ("达晨财智", "fortune_capital"),
        ("中金资本", "cicc_capital"),
        ("腾讯投资", "tencent_investment"),
        ("美团龙珠", "meituan_longzhu"),
        ("险峰长青", "k2vc"),
        ("真格基金", "zhenfund"),
        ("创新工场", "sinovation"),
        ("金沙江创投", "gsr_ventures"),
        ("北极光创投", "northern_light"),
        ("国中资本", "guozhong"),
        ("北京市人工智能产业投资基金", "beijing_ai_fund"),
        ("Andreessen Horowitz", "a16z"),
        ("a16z", "a16z"),
        ("SoftBank Vision Fund", "softbank_vision_fund"),
        ("淡马锡", "temasek"),
        ("华为哈勃", "hubble"),
        ("Elad Gil", "elad_gil"),
        ("月之暗面", "moonshot"),
        ("Moonshot AI", "moonshot"),
        ("稀宇科技", "minimax"),
        ("深度求索", "deepseek"),
        ("DeepSeek", "deepseek"),
        ("Anysphere", "anysphere"),
        ("Safe Superintelligence", "ssi"),
        ("王慧文", "wang_huiwen"),
    ],
)
def test_bundled_names_resolve(gaz: Gazetteer, name: str, entry_id: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and entry.id == entry_id


def test_bundled_entry_fields(gaz: Gazetteer) -> None:
    hongshan = gaz.get("hongshan")
    assert hongshan is not None and hongshan.kind is OrgKind.VC and hongshan.region == "CN"
    openai = gaz.get("openai")
    assert openai is not None and openai.kind is OrgKind.STARTUP
    assert (openai.layer, openai.sector) == ("foundation_models", "llm")
    altman = gaz.lookup("Sam Altman")
    assert altman is not None and altman.kind is OrgKind.PERSON
    gv = gaz.lookup("Google Ventures")
    assert gv is not None and gv.id == "gv" and gv.parent == "alphabet"


# --------------------------------------------------------------------------- validation


def test_unknown_kind_is_rejected() -> None:
    doc = _doc([{"id": "acme", "name": "Acme", "kind": "bank"}])
    with pytest.raises(ValueError, match=r"entry 'acme'.*unknown kind 'bank'"):
        Gazetteer.from_json(doc)


def test_duplicate_id_is_rejected() -> None:
    doc = _doc(
        [{"id": "acme", "name": "Acme", "kind": "vc"}, {"id": "acme", "name": "Acme Two", "kind": "vc"}]
    )
    with pytest.raises(ValueError, match=r"entry 'acme': duplicate id"):
        Gazetteer.from_json(doc)


def test_name_claimed_by_two_entries_is_rejected() -> None:
    # "Open-AI" and "OpenAI" share a name key, so lookup could not tell them apart.
    doc = _doc(
        [
            {"id": "one", "name": "OpenAI", "kind": "startup"},
            {"id": "two", "name": "Two", "kind": "startup", "aliases": ["Open-AI"]},
        ]
    )
    with pytest.raises(ValueError, match=r"entry 'two': name 'Open-AI' is already claimed by entry 'one'"):
        Gazetteer.from_json(doc)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "a", "name": "A", "kind": "vc", "nmaes_zh": []}, "unknown field"),
        ({"id": "a", "name": "A", "kind": "vc", "parent": "nobody"}, "parent 'nobody'"),
        ({"id": "a", "name": "A", "kind": "vc", "layer": "apps"}, "layer must be one of"),
        ({"id": "a", "name": "A", "kind": "vc", "region": "usa"}, "region"),
        ({"id": "a", "name": "A", "kind": "vc", "names_en": ["A "]}, "bad name"),
        ({"id": "a", "name": "A", "kind": "vc", "aliases": "A"}, "'aliases' must be a list"),
        ({"id": "A-1", "name": "A", "kind": "vc"}, "id must be"),
        ({"id": "a", "name": "A", "kind": "unknown"}, "unknown kind"),
        ({"id": "a", "kind": "vc"}, "'name' is required"),
    ],
)
def test_malformed_entries_are_rejected(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        Gazetteer.from_json(_doc([entry]), source="test.json")
    assert str(info.value).startswith("test.json: ")


def test_stop_string_that_is_a_name_is_rejected() -> None:
    doc = _doc([{"id": "jd", "name": "京东", "kind": "corporate"}], stop=["京东"])
    with pytest.raises(ValueError, match=r"stop string '京东' is also a name of entry 'jd'"):
        Gazetteer.from_json(doc)


def test_invalid_json_is_rejected() -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        Gazetteer.from_json("{")


# --------------------------------------------------------------------------- matching rules


def test_leftmost_longest_prefers_the_longer_name(gaz: Gazetteer) -> None:
    text = "本轮由红杉中国领投，Index Ventures跟投，京东方参投。"
    assert _found(gaz, text) == [
        ("红杉中国", "hongshan"),
        ("Index Ventures", "index_ventures"),
        ("京东方", "boe"),
    ]


def test_leftmost_wins_over_a_longer_later_overlap() -> None:
    g = _small(
        OrgEntry("ab", "甲乙", OrgKind.VC),
        OrgEntry("bcd", "乙丙丁", OrgKind.VC),
        OrgEntry("d", "丁", OrgKind.VC),
    )
    assert _found(g, "甲乙丙丁") == [("甲乙", "ab"), ("丁", "d")]


def test_latin_names_need_word_boundaries(gaz: Gazetteer) -> None:
    assert _found(gaz, "Metaplanet and Indexing and MetaX") == [("MetaX", "metax")]
    assert _found(gaz, "Meta's deal") == [("Meta", "meta")]
    assert _found(gaz, "由OpenAI的投资方Thrive Capital领投") == [
        ("OpenAI", "openai"),
        ("Thrive Capital", "thrive"),
    ]
    assert _found(gaz, "GV2 and xGV") == []


def test_latin_names_are_case_sensitive(gaz: Gazetteer) -> None:
    assert _found(gaz, "nvidia openai META sequoia capital") == []
    assert _found(gaz, "NVIDIA, Nvidia") == [("NVIDIA", "nvidia"), ("Nvidia", "nvidia")]


def test_chinese_and_english_names_resolve_to_one_entry(gaz: Gazetteer) -> None:
    text = "英伟达（Nvidia，NVIDIA）"
    assert {entry_id for _, entry_id in _found(gaz, text)} == {"nvidia"}
    assert len(gaz.find_all(text)) == 3
    for name in ("英伟达", "Nvidia", "NVIDIA", "nvidia"):
        entry = gaz.lookup(name)
        assert entry is not None and entry.id == "nvidia"


def test_ambiguous_names_are_flagged_and_can_be_dropped(gaz: Gazetteer) -> None:
    text = "Figure AI rivals Figure; 红杉 backs it."
    hits = gaz.find_all(text)
    assert [(h.span.quote(text), h.entry.id, h.ambiguous) for h in hits] == [
        ("Figure AI", "figure_ai", False),
        ("Figure", "figure_ai", True),
        ("红杉", "hongshan", True),
    ]
    assert _found(gaz, text, include_ambiguous=False) == [("Figure AI", "figure_ai")]


def test_dropped_ambiguous_name_does_not_expose_a_shorter_one(gaz: Gazetteer) -> None:
    # 红杉资本 is flagged (the US firm or, in older Chinese reports, the China fund); dropping it
    # must not fall back to the also-flagged 红杉 inside it, nor to any other reading.
    assert _found(gaz, "红杉资本领投", include_ambiguous=False) == []
    assert _found(gaz, "红杉资本领投") == [("红杉资本", "sequoia")]


def test_stop_strings_block_false_matches(gaz: Gazetteer) -> None:
    text = "总部位于北京东城区的京东"
    assert [(h.span, h.entry.id) for h in gaz.find_all(text)] == [(Span(10, 12), "jd")]
    assert _found(gaz, "研究采用高通量测序") == []
    assert _found(gaz, "高通参投") == [("高通", "qualcomm")]


def test_middle_dot_variants_match(gaz: Gazetteer) -> None:
    for dot in "·・•":
        text = f"投资人萨姆{dot}奥尔特曼参投"
        hits = gaz.find_all(text)
        assert [(h.span.quote(text), h.entry.id) for h in hits] == [(f"萨姆{dot}奥尔特曼", "sam_altman")]
        assert hits[0].name == "萨姆·奥尔特曼"


def test_spans_index_the_text(gaz: Gazetteer) -> None:
    text = (
        "据报道，宇树科技完成新一轮融资，腾讯投资、阿里巴巴跟投; Sequoia Capital India (now Peak XV) joined."
    )
    hits = gaz.find_all(text)
    assert [h.entry.id for h in hits] == ["unitree", "tencent_investment", "alibaba", "peak_xv", "peak_xv"]
    for hit in hits:
        assert isinstance(hit, GazetteerHit)
        assert hit.span.quote(text) == hit.name


def test_window_limits_hits_but_keeps_absolute_spans(gaz: Gazetteer) -> None:
    text = "Accel and Benchmark Capital and Greylock"
    hits = gaz.find_all(text, 6, 28)
    assert [(h.span, h.entry.id) for h in hits] == [(Span(10, 27), "benchmark")]
    # A window edge is not a word boundary: "Meta" cut out of "Metaplanet" is still no match.
    assert gaz.find_all("Metaplanet", 0, 4) == []
    assert gaz.find_all(text, 20, 20) == []


def test_empty_gazetteer_finds_nothing() -> None:
    g = Gazetteer.from_entries([])
    assert g.find_all("OpenAI") == [] and g.lookup("OpenAI") is None and g.entries() == ()


# --------------------------------------------------------------------------- lookup and keys


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("红杉印度", "peak_xv"),
        ("sequoia capital india", "peak_xv"),
        ("晨兴资本", "5y_capital"),
        ("Facebook", "meta"),
        ("脸书", "meta"),
        ("Codeium", "windsurf"),
        ("Cursor", "anysphere"),
        ("open ai", "openai"),
        ("ＯｐｅｎＡＩ", "openai"),
        ("Matrix Partners India", "z47"),
        ("蚂蚁金服", "ant_group"),
    ],
)
def test_lookup_by_former_names_and_aliases(gaz: Gazetteer, name: str, entry_id: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and entry.id == entry_id


def test_lookup_misses(gaz: Gazetteer) -> None:
    assert gaz.lookup("Acme Widgets") is None
    assert gaz.lookup("") is None
    assert gaz.lookup(" · ") is None


def test_name_key() -> None:
    assert name_key("Sequoia Capital India") == "sequoiacapitalindia"
    assert name_key("ＯｐｅｎＡＩ") == name_key("Open-AI") == "openai"
    assert name_key("萨姆·奥尔特曼") == name_key("萨姆・奥尔特曼") == "萨姆奥尔特曼"
    assert name_key("Weights & Biases") == "weightsbiases"


def test_all_names_puts_the_canonical_name_first() -> None:
    entry = OrgEntry("x", "X Corp", OrgKind.CORPORATE, names_en=("X Corp", "XC"), formerly=("Old X",))
    assert entry.all_names() == ("X Corp", "XC", "Old X")


# --------------------------------------------------------------------------- speed


def test_large_text_scan_finds_every_inserted_name(gaz: Gazetteer) -> None:
    # Speed is measured in benchmarks/scanners.py; here the 1 MB scan must stay correct.
    rng = random.Random(7)
    names = [n for e in gaz.entries() for n in e.all_names()]
    filler = (
        "本轮融资将用于技术研发和市场拓展，团队规模预计年底扩大一倍。",
        "The money will fund research and hiring. ",
    )
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        part = rng.choice(filler) + rng.choice(names) + "、"
        parts.append(part)
        size += len(part.encode())
    text = "".join(parts)
    hits = gaz.find_all(text)
    assert len(hits) >= len(parts) // 2
    assert all(text[h.span.start : h.span.end] == h.name for h in hits)
