"""Read meeting minutes and turn them into statements with evidence.

Importing this package is cheap: spaCy is loaded only by ``ingest.extract.nlp`` when an
extraction actually runs.
"""
