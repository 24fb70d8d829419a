"""Name resolution: gazetteer, conservative fuzzy spelling (and its near-misses), the user's edit log."""

from __future__ import annotations

import pytest

from dealscope.resolve import (
    ALIAS,
    ALIAS_REMOVE,
    MERGE,
    UNMERGE,
    Edit,
    Resolver,
    build_organizations,
    fuzzy_match,
    plain_key,
    replay,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("anthropic", "anthropric"),  # one inserted letter
        ("palisaderobotics", "palisaderobotcs"),  # one dropped letter
        ("harboratlaslogistics", "harboratlaslogistcs"),
        ("granitearchventures", "granitarchventures"),
        ("anthropic", "anthorpic"),  # two neighbouring letters swapped
    ],
)
def test_typos_match(a: str, b: str) -> None:
    assert fuzzy_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("meta", "metaplanet"),  # a prefix with another word after it
        ("metaplatforms", "metaplanet"),
        ("figure", "figureai"),
        ("alphalab", "alphalabs"),  # prefix: a missed join the user can fix, never a wrong one
        ("synthesia", "synthesis"),  # a changed letter is not a typo here
        ("harboratlasrobotics", "harboratlasrobotica"),
        ("atlasalclnova", "atlasacolnova"),  # two edits
        ("xanthropicx", "anthropic"),
        ("5ycapital", "6ycapital"),  # different digits
        ("lyft", "lift"),  # too short to judge
        ("星图科技", "星途科技"),  # Chinese names are never fuzzy-matched
        ("zhipuai智谱", "zhipuai智普"),
    ],
)
def test_near_misses_do_not_match(a: str, b: str) -> None:
    assert not fuzzy_match(a, b)


def test_prepare_joins_a_misspelling_to_the_common_spelling() -> None:
    r = Resolver()
    names = ["Palisade Robotics"] * 3 + ["Palisade Robotcs", "Metaplanet", "Meta", "Anthropric"]
    r.prepare(names)
    assert r.key("Palisade Robotcs") == r.key("Palisade Robotics") == "n:palisaderobotics"
    assert r.key("Anthropric") == r.key("Anthropic") == "g:anthropic"  # a gazetteer name is a target too
    assert r.key("Metaplanet") == "n:metaplanet"
    assert r.key("Meta") == "g:meta"
    # Deterministic whatever the order the names come in.
    other = Resolver()
    other.prepare(list(reversed(names)))
    assert other.fuzzy_joins == r.fuzzy_joins


def test_gazetteer_and_normalisation() -> None:
    r = Resolver()
    assert r.key("高瓴资本") == r.key("Hillhouse Capital") == "g:hillhouse"
    assert r.key("红杉中国") == r.key("HongShan") == r.key("Sequoia China") == "g:hongshan"
    assert r.key("OpenAI Inc.") == "g:openai"
    assert r.key("星图科技有限公司") == plain_key("星图科技") == "n:星图科技"
    assert r.key("Harbor  Atlas, Inc.") == r.key("harbor atlas") == "n:harboratlas"
    assert (r.key("Costco"), r.key("Visa")) == ("n:costco", "n:visa")  # a legal form needs a separator


def _edit(i: int, action: str, **args: object) -> Edit:
    return Edit(i, action, args)


def test_merge_alias_and_their_undoing_replay_in_order() -> None:
    log = [
        _edit(1, MERGE, a="岚川智算", b="Lanchuan Compute"),
        _edit(2, ALIAS, name="Thrive Capital", alias="兴盛资本"),
    ]
    r = Resolver(edits=log)
    assert r.key("Lanchuan Compute") == r.key("岚川智算") == "n:岚川智算"
    assert r.key("兴盛资本") == "g:thrive"
    undone = Resolver(edits=[*log, _edit(3, UNMERGE, a="岚川智算", b="Lanchuan Compute", undoes=1)])
    assert undone.key("Lanchuan Compute") == "n:lanchuancompute"
    assert undone.key("兴盛资本") == "g:thrive"
    unaliased = Resolver(
        edits=[*log, _edit(3, ALIAS_REMOVE, name="Thrive Capital", alias="兴盛资本", undoes=2)]
    )
    assert unaliased.key("兴盛资本") == "n:兴盛资本"
    # A merge of B also brings every other name of B's organisation.
    r = Resolver(edits=[_edit(1, MERGE, a="Acme Robotics", b="高瓴资本")])
    assert r.key("Hillhouse Capital") == r.key("Hillhouse") == "n:acmerobotics"


def test_split_off_what_the_machine_joined() -> None:
    r = Resolver(edits=[_edit(1, UNMERGE, a="Meta", b="Facebook", undoes=None)])
    assert r.key("Meta") == "g:meta"
    assert r.key("Facebook") == "n:facebook"
    # A fuzzy join is split the same way, and stays split after the corpus is seen again.
    r = Resolver(edits=[_edit(1, UNMERGE, a="Palisade Robotics", b="Palisade Robotcs", undoes=None)])
    r.prepare(["Palisade Robotics", "Palisade Robotics", "Palisade Robotcs"])
    assert r.key("Palisade Robotcs") != r.key("Palisade Robotics")
    # A later alias beats the earlier split.
    r = Resolver(
        edits=[
            _edit(1, UNMERGE, a="Meta", b="Facebook", undoes=None),
            _edit(2, ALIAS, name="Meta", alias="Facebook"),
        ]
    )
    assert r.key("Facebook") == "g:meta"


def test_merge_chains_and_cycles_terminate() -> None:
    r = Resolver(
        edits=[
            _edit(1, MERGE, a="Beta Works", b="Gamma Labs"),
            _edit(2, MERGE, a="Alpha Studio", b="Beta Works"),
            _edit(3, ALIAS, name="Delta One", alias="Epsilon Two"),
            _edit(4, ALIAS, name="Epsilon Two", alias="Delta One"),
        ]
    )
    assert r.key("Gamma Labs") == r.key("Beta Works") == r.key("Alpha Studio") == "n:alphastudio"
    assert r.key("Delta One") in ("n:deltaone", "n:epsilontwo")  # a cycle is cut, not followed forever


def test_replay_keeps_only_edits_in_force() -> None:
    effects = replay(
        [
            _edit(3, UNMERGE, a="A Co", b="B Co", undoes=1),
            _edit(1, MERGE, a="A Co", b="B Co"),
            _edit(2, MERGE, a="A Co", b="C Co"),
        ]
    )
    assert [(i, a, b) for i, a, b in effects.merges] == [(2, "A Co", "C Co")]


def test_organizations_carry_names_by_language_and_the_users_aliases() -> None:
    r = Resolver(
        edits=[
            _edit(1, ALIAS, name="Thrive Capital", alias="兴盛资本"),
            _edit(2, MERGE, a="岚川智算", b="Lanchuan Compute"),
        ]
    )
    seen = [
        (r.key("Thrive Capital"), "Thrive Capital", "investor"),
        (r.key("兴盛资本"), "兴盛资本", "investor"),
        (r.key("岚川智算"), "岚川智算", "company"),
        (r.key("Lanchuan Compute"), "Lanchuan Compute", "company"),
        (r.key("Lanchuan Compute"), "Lanchuan Compute", "company"),
    ]
    orgs = {o.key: o for o in build_organizations(seen, r)}
    thrive = orgs["g:thrive"]
    assert (thrive.name, thrive.kind) == ("Thrive Capital", "vc")
    assert "兴盛资本" in thrive.aliases and "Thrive" in thrive.aliases
    lanchuan = orgs["n:岚川智算"]
    assert lanchuan.name == "岚川智算"  # the spelling whose own key it is, though the other is more frequent
    assert (lanchuan.names_zh, lanchuan.names_en, lanchuan.kind) == (
        ("岚川智算",),
        ("Lanchuan Compute",),
        "startup",
    )
    assert set(orgs) == {"g:thrive", "n:岚川智算"}
