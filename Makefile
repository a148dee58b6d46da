# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   - install, ingest corpus/, then list the documents (serves the UI once it exists)
#   make test  - install and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install ingest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/sgkb ingest

run: ingest
	$(BIN)/sgkb docs

test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) data .pytest_cache
