"""Tests for the number reader shared by the money and date grammars."""

from __future__ import annotations

import pytest

from dealscope.lang.numbers import parse_en_number_words, parse_number, parse_zh_numeral


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1200", 1200.0),
        ("1,200", 1200.0),
        ("1,500,000", 1_500_000.0),
        ("3.75", 3.75),
        (".5", 0.5),
        ("-5", -5.0),
        ("１２", 12.0),  # full-width digits
        (" 42 ", 42.0),
        ("twelve", 12.0),
        ("Twenty", 20.0),
        ("十", 10.0),
        ("十五", 15.0),
        ("两千", 2000.0),
        ("三千五百", 3500.0),
        ("一千零五十", 1050.0),
        ("百亿", 1e10),
        ("十亿", 1e9),
        ("两千万", 2e7),
        ("一亿五千万", 1.5e8),
        ("一亿零五百万", 1.05e8),
        ("一百五十万", 1.5e6),
        ("壹佰万", 1e6),
        ("兩億", 2e8),
        ("2万万", 2e8),
        ("1.5万", 15000.0),
        ("5000万", 5e7),
        ("1,200万", 1.2e7),
        ("3亿5000万", 3.5e8),
        ("三点五亿", 3.5e8),
        ("一点五", 1.5),
        ("零点五", 0.5),
        ("三点五六", 3.56),
        ("1点5亿", 1.5e8),
        ("二〇二四", 2024.0),
    ],
)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    "raw", ["", "   ", "abc", "1.2.3", "1,2345", "1.", "点五", "三点", "三点a", "二十一世纪", "twenty-one"]
)
def test_parse_number_rejects(raw: str) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("seventy-five", 75.0),
        ("Two Hundred", 200.0),
        ("one hundred and twenty", 120.0),
        ("a hundred and fifty", 150.0),
        ("nine hundred ninety-nine", 999.0),
        ("two and a half", 2.5),
        ("half a", 0.5),
        ("one point five", 1.5),
        ("three point two five", 3.25),
        ("an", 1.0),
    ],
)
def test_parse_en_number_words(raw: str, value: float) -> None:
    assert parse_en_number_words(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "hundred", "five five", "point five", "million", "seventy-five-six"])
def test_parse_en_number_words_rejects(raw: str) -> None:
    assert parse_en_number_words(raw) is None


def test_zh_numeral_rejects_digits_without_units_between_numbers() -> None:
    assert parse_zh_numeral("三千五五") is None
    assert parse_zh_numeral("万") == 1e4  # a bare 万 counts one of itself
    assert parse_zh_numeral("") is None
