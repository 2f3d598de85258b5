# Development tasks. `make run` and `make test` work on a fresh machine with
# Python 3.11: they create the virtualenv and install what is missing first.
# `make help` lists the targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install, so pip runs again only when a
# requirements file is newer than it.
STAMP := $(VENV)/.requirements-installed
PORT ?= 8000
PYTEST_ARGS ?=
# CHECKS=0 skips ruff, import-linter and makemigrations --check in `make test`.
CHECKS ?= 1

.DEFAULT_GOAL := help
.PHONY: help venv translations run test bench lint fmt messages clean-data

help:
	@echo "make run         web + Celery worker + beat on http://127.0.0.1:$(PORT)/"
	@echo "make test        checks, then pytest (PYTEST_ARGS=..., CHECKS=0)"
	@echo "make lint        ruff check, ruff format --check, lint-imports"
	@echo "make fmt         ruff check --fix-only, then ruff format"
	@echo "make messages    makemessages -l zh_Hans, then compile the catalogues"
	@echo "make bench       pytest -m bench tests/bench"
	@echo "make clean-data  stop leftovers and remove var/ (all local data)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(STAMP)

translations: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

run: translations
	$(BIN)/python scripts/devstack.py run --port $(PORT)

test: translations
	$(BIN)/python scripts/devstack.py test $(if $(filter 0,$(CHECKS)),--no-checks) \
		-- $(PYTEST_ARGS)

bench: translations
	$(BIN)/python scripts/devstack.py test --no-checks -- -m bench tests/bench \
		$(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff check --fix-only .
	$(BIN)/ruff format .

# xgettext/msgmerge come from GNU gettext (Debian: apt-get install gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete \
		--ignore=var --ignore=node_modules --ignore=static
	$(BIN)/python scripts/compile_messages.py

clean-data: $(STAMP)
	$(BIN)/python scripts/devstack.py clean
