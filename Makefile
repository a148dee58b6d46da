# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   - install, ingest corpus/, list the documents and serve the UI on http://127.0.0.1:8000/
#   make test  - install and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install ingest browser clean

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium

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

browser:
	@test -x $(CHROMIUM) || { test "$$(id -u)" = 0 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  || { echo "Chromium is needed for the browser tests: sudo apt-get install chromium" >&2; exit 1; }

test: install browser
	$(BIN)/pytest

clean:
	rm -rf $(VENV) data .pytest_cache
