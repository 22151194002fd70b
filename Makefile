# ML Intern Board: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test e2e lint format clean

help: ## Lists the targets and what they do
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED) ## Creates .venv and installs the project with its dev extra

run: install ## Migrates, makes the cache table, adds the real postings if missing and serves on http://127.0.0.1:8000 (DEBUG on; PORT=8001 for another port)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py load_real_postings
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

.PHONY: serve
serve: install ## Production settings under gunicorn on 127.0.0.1:8000 (or BIND); needs SECRET_KEY
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	BIND="$${BIND:-$(HOST):$(PORT)}" $(BIN)/gunicorn --config gunicorn.conf.py

test: install ## Runs the whole test suite, browser tests included when /usr/bin/chromium exists (DATABASE_URL or SQLite)
	SECRET_KEY="$${SECRET_KEY:-insecure-key-for-tests-only}" $(BIN)/pytest

e2e: install ## Runs only the browser tests (Playwright driving /usr/bin/chromium); fails if Chromium is missing
	SECRET_KEY="$${SECRET_KEY:-insecure-key-for-tests-only}" E2E_REQUIRED=1 $(BIN)/pytest -m e2e tests/e2e

lint: install ## ruff check, ruff format --check and makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: ingest-eval
ingest-eval: install ## Scores the posting reader on tests/ingest_corpus (or CORPUS=folder): accuracy per field, invented values, time per posting
	DEBUG=1 $(BIN)/python manage.py ingest_eval $(CORPUS)

.PHONY: bench
bench: install ## Benchmarks the pages at 1,000 and 100,000 postings on a throwaway PostgreSQL database
	$(BIN)/python -m bench.run

.PHONY: loadtest
loadtest: install ## 64 students and 4 recruiters for 60 s (locust) against make serve on 100,000 postings
	$(BIN)/python -m bench.loadtest

format: install ## Rewrites the code with ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Removes the virtualenv, caches and collected static files
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles *.egg-info
