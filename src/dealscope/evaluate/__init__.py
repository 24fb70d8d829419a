"""Evaluation behind `dealscope eval`: rounds against `expected.json`, events against DuEE gold.

The scoring rules are documented in `rounds` (gold corpora) and `duee` (DuEE events). Every function
here is pure except `evaluate_folder` and `predict_duee`, which run the extractor.
"""

from dealscope.evaluate.duee import DueeReport, load_duee_gold, predict_duee, score_duee
from dealscope.evaluate.gold import ExpectedDocument, load_expected, parse_expected
from dealscope.evaluate.matching import names_match, norm_name
from dealscope.evaluate.report import FIELDS, EvalReport, Mismatch, Score
from dealscope.evaluate.rounds import evaluate_folder, money_agrees, score_documents, score_pair

__all__ = [
    "FIELDS",
    "DueeReport",
    "EvalReport",
    "ExpectedDocument",
    "Mismatch",
    "Score",
    "evaluate_folder",
    "load_duee_gold",
    "load_expected",
    "money_agrees",
    "names_match",
    "norm_name",
    "parse_expected",
    "predict_duee",
    "score_documents",
    "score_duee",
    "score_pair",
]
