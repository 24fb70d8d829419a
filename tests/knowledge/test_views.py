"""The company and investor views: JSON shape, investors' own amounts, metrics and computed multiples."""

from __future__ import annotations

from datetime import date

from dealscope import api
from dealscope.analyse.company import company_view, valuation_points
from dealscope.analyse.investor import investor_view
from dealscope.analyse.multiples import valuation_multiples
from dealscope.domain import (
    Document,
    Evidence,
    Extraction,
    FuzzyDate,
    Language,
    MetricKind,
    MetricMention,
    MetricPeriod,
    Money,
    MoneyMention,
    NameMention,
    Precision,
    Span,
)
from dealscope.store.db import Store

from .conftest import RUMOR_TO_CLOSE, Article, Ingest

SHARES: list[Article] = [
    (
        "q-1",
        "Quillstone raises $80 million Series B",
        "Quillstone said on Monday it has raised $80 million in a Series B round led by Index Ventures, which "
        "invested $50 million. Accel also took part.",
        "2024-04-08T09:00:00-04:00",
    ),
    (
        "q-2",
        "青石科技完成B轮融资",
        "青石科技今日宣布完成2亿元B轮融资，由高瓴资本领投，其中高瓴资本出资1.2亿元，IDG资本跟投。",
        "2024-04-09T09:00:00+08:00",
    ),
    (
        "q-3",
        "Quillstone seed",
        "Quillstone said on Monday it has raised $5 million in a seed round from Accel.",
        "2022-02-07T09:00:00-05:00",
    ),
]
COMPANY_KEYS = ["name", "aliases", "rounds", "valuations", "total_raised_usd", "investors", "metrics"]
POINT_KEYS = ["date", "usd", "status", "basis", "round_id", "sources"]


def test_company_json_shape(store: Store, ingest: Ingest) -> None:
    ingest(shares=SHARES)
    data = company_view(store, "quillstone").to_json()
    assert list(data) == COMPANY_KEYS
    assert data["name"] == "Quillstone"
    assert [list(r) for r in data["rounds"]] == [list(api.EXPORT_KEYS)] * 2
    assert [r["round"] for r in data["rounds"]] == ["seed", "series_b"]
    assert data["total_raised_usd"] == 85e6
    assert [(i["name"], [x["role"] for x in i["rounds"]]) for i in data["investors"]] == [
        ("Accel", ["participant", "participant"]),
        ("Index Ventures", ["lead"]),
    ]
    assert data["metrics"] == {"reported": [], "multiples": []}


def test_investor_rounds_carry_role_and_own_amount(store: Store, ingest: Ingest) -> None:
    ingest(shares=SHARES)
    data = investor_view(store, "Index Ventures").to_json()
    assert list(data) == ["name", "aliases", "rounds", "co_investors"]
    (rnd,) = data["rounds"]
    assert rnd["role"] == "lead"
    assert rnd["amount"]["usd"] == 50e6  # the investor's own share, as the issue asks
    assert rnd["investor_amount"]["usd"] == 50e6
    assert rnd["round_amount"]["usd"] == 80e6  # the round's amount is kept beside it
    assert data["co_investors"] == [{"name": "Accel", "rounds": 1}]
    hillhouse = investor_view(store, "Hillhouse Capital")
    assert hillhouse.rounds[0]["investor_amount"]["raw"] == "1.2亿元"
    accel = investor_view(store, "Accel")
    assert all(r["amount"] == r["round_amount"] for r in accel.rounds)  # no share known: the round's
    assert [(r["company"], r["role"], "investor_amount" in r) for r in accel.rounds] == [
        ("Quillstone", "participant", False),
        ("Quillstone", "participant", False),
    ]
    assert accel.portfolio[0]["rounds"] == 2 and accel.leads == 0


def _metric(
    doc_text: str, needle: str, kind: MetricKind, usd: float, on: date, period: MetricPeriod
) -> MetricMention:
    start = doc_text.index(needle)
    ev = Evidence(Span(start, start + len(needle)), Span(0, len(doc_text)))
    money = Money(needle, usd, "USD", usd=usd, fx_rate=1.0, fx_date=on)
    return MetricMention(
        company=NameMention("Nexa Robotics", Evidence(Span(0, 13), Span(0, len(doc_text)))),
        kind=kind,
        period=period,
        evidence=ev,
        amount=MoneyMention(money, ev),
        date=None,
    )


def test_metrics_and_multiples_show_their_inputs(store: Store, ingest: Ingest) -> None:
    ingest(rumor=RUMOR_TO_CLOSE)
    # The metrics an extractor stores for the company, saved the way ingest saves them.
    text = "Nexa Robotics revenue update\n\nNexa Robotics had $70 million of ARR in September and expects $150 million revenue next year."
    doc = Document(
        id="m" * 32,
        path="metrics.txt",
        format="text",
        title="Nexa Robotics revenue update",
        text=text,
        published=FuzzyDate(date(2024, 9, 30), Precision.DAY),
        language=Language.EN,
    )
    ex = Extraction(
        document_id=doc.id,
        extractor="test-metrics",
        metrics=(
            _metric(text, "$70 million", MetricKind.ARR, 70e6, date(2024, 9, 30), MetricPeriod.ACTUAL),
            _metric(
                text, "$150 million", MetricKind.REVENUE, 150e6, date(2024, 9, 30), MetricPeriod.FORECAST
            ),
        ),
    )
    store.save(doc, ex)
    view = company_view(store, "Nexa Robotics")
    assert [(m["kind"], m["period"], m["usd"], m["as_of"], m["quote"]) for m in view.metrics] == [
        ("arr", "actual", 70e6, "2024-09-30", "$70 million"),
        ("revenue", "forecast", 150e6, "2024-09-30", "$150 million"),
    ]
    (multiple,) = view.multiples  # one valuation point: the closed round at $2.1B
    assert multiple["valuation_usd"] == 2.1e9 and multiple["date"] == "2024-10-15"
    assert multiple["metric"]["kind"] == "arr" and multiple["metric"]["period"] == "actual"
    assert multiple["days_apart"] == 15 and multiple["multiple"] == 30.0
    assert view.to_json()["metrics"]["multiples"] == [multiple]


def test_valuation_points_merge_duplicates_and_keep_the_strongest_status() -> None:
    def rec(rid: str, status: str, on: str | None, usd: float | None) -> dict[str, object]:
        return {
            "id": rid,
            "status": status,
            "announced_on": on,
            "valuation": {"value": usd, "usd": usd} if usd else None,
            "valuation_basis": "post",
            "sources": [{"document_id": rid, "title": rid, "published_on": on, "quote": "q"}],
            "history": [{"valuation": "x"}],
        }

    points = valuation_points(
        [
            rec("b", "completed", "2024-10-02", 157e9),
            rec("a", "in_talks", "2023-12-22", 100e9),
            rec("c", "rumored", "2024-10-02", 157e9),  # the same point told by a separate rumour record
            rec("d", "completed", "2024-11-01", None),
        ]
    )
    assert [list(p) for p in points] == [POINT_KEYS, POINT_KEYS]
    assert [(p["date"], p["usd"], p["status"], len(p["sources"])) for p in points] == [
        ("2023-12-22", 100e9, "in_talks", 1),
        ("2024-10-02", 157e9, "completed", 2),
    ]


def test_multiples_need_a_metric_within_a_year() -> None:
    point = {"date": "2024-10-15", "usd": 2e9, "round_id": "r1", "status": "completed", "basis": "post"}
    old = {"id": 1, "kind": "revenue", "period": "actual", "usd": 1e8, "as_of": "2023-06-01"}
    assert valuation_multiples([point], [old]) == []
    near = {"id": 2, "kind": "revenue", "period": "actual", "usd": 1e8, "as_of": "2024-08"}
    arr = {"id": 3, "kind": "arr", "period": "actual", "usd": 2e8, "as_of": "2024-08"}
    (m,) = valuation_multiples([point], [old, near, arr])
    assert m["metric"]["kind"] == "arr" and m["multiple"] == 10.0  # same distance: ARR first
