"""Analyses over consolidated rounds: companies, investors, statistics, multiples."""
