"""The HTTP API of minutes-kg (FastAPI). Never imports spaCy or ``ingest``."""
