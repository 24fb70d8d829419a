"""The present stage: rounds as tables, JSON Lines, CSV, DuEE events, charts and reports."""
