"""A stage letter before a full stop ends the sentence; a person's initial does not."""

from __future__ import annotations

from dealscope.lang.sentences import split


def test_series_letter_ends_a_sentence_but_an_initial_does_not() -> None:
    text = "It raised its 2022 Series C. The round was led by J. Smith Capital."
    spans = [text[s.start : s.end] for s in split(text)]
    assert spans == ["It raised its 2022 Series C.", "The round was led by J. Smith Capital."]
