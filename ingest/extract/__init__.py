"""Extraction: the language layer and one module per capability."""
