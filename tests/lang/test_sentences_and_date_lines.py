"""A stage letter before a full stop ends the sentence; a person's initial does not."""

from __future__ import annotations

from dealscope.lang.sentences import split


def test_series_letter_ends_a_sentence_but_an_initial_does_not() -> None:
    text = "It raised its 2022 Series C. The round was led by J. Smith Capital."
    spans = [text[s.start : s.end] for s in split(text)]
    assert spans == ["It raised its 2022 Series C.", "The round was led by J. Smith Capital."]


def test_a_date_line_with_its_weekday_is_a_date() -> None:
    from dealscope.lang.timestamps import parse_timestamp

    assert parse_timestamp("2025年9月11日 星期四")[1] == parse_timestamp("2025年9月11日")[1]
    assert parse_timestamp("2025-09-11（周四）")[1] == parse_timestamp("2025-09-11")[1]


def test_a_lower_case_name_with_a_digit_opens_a_sentence() -> None:
    text = "It raised $600 million. a16z led its Series A. eBay was not involved."
    assert [text[s.start : s.end] for s in split(text)] == [
        "It raised $600 million.",
        "a16z led its Series A.",
        "eBay was not involved.",
    ]
