# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   - install, ingest corpus/, list the documents and serve the UI on http://127.0.0.1:8000/
#   make test  - install (with Chromium and OCR from Debian) and run the style checks and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install ingest lint pytest system labelled eval train clean

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used);
# scanned PDFs are read with Debian's ocrmypdf and tesseract when they are installed.
CHROMIUM ?= /usr/bin/chromium
DEBIAN_PACKAGES := chromium ocrmypdf tesseract-ocr-eng

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
	$(BIN)/sgkb serve

# Debian packages the tests need, installed when missing and running as root (otherwise it says how).
system:
	@missing=""; test -x $(CHROMIUM) || missing="$$missing chromium"; \
	  command -v ocrmypdf >/dev/null || missing="$$missing ocrmypdf tesseract-ocr-eng"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    else echo "The tests need:$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: install system
	$(BIN)/pytest

test: lint pytest

# The labelled documents (the corpus, our own test documents, the sealed ones) in one data folder;
# incremental, so only new or changed files (or all, after an ingestor upgrade) are read.
labelled: install
	$(BIN)/sgkb --data-dir data-labelled ingest $$($(BIN)/python tests/data/labelled_files.py)

# Every quality figure the README reports: tagging, search and linking against the labels.
eval: labelled ingest
	$(BIN)/sgkb --data-dir data-labelled eval items
	$(BIN)/sgkb --data-dir data-labelled eval links
	$(BIN)/sgkb eval search

# Retrain linking's ranker and status reader from the labelled links of the fitted documents
# (writes linking/data/model.json; the same labels give the same weights).
train: labelled
	$(BIN)/python -m linking.train --data-dir data-labelled

clean:
	rm -rf $(VENV) data data-labelled .pytest_cache .mypy_cache .ruff_cache
