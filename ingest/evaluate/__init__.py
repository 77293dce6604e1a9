"""Scoring extractions against hand-written gold (``kg eval``)."""
