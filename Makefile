# NHS Health and Wellbeing platform: `make run` serves the app, `make test` runs every test.
# Each target sets up what it needs (virtualenv, Python and npm packages, assets, database).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
ASSETS := app/static/nhsuk
NHSUK_DIST := node_modules/nhsuk-frontend/dist/nhsuk
AUTOCOMPLETE := app/static/autocomplete
AUTOCOMPLETE_DIST := node_modules/accessible-autocomplete/dist
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint bench soak clean db demo translations extract

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.package-lock.json

$(ASSETS)/.built: node_modules/.package-lock.json
	rm -rf $(ASSETS) && mkdir -p $(ASSETS)
	cp $(NHSUK_DIST)/nhsuk-frontend.min.css $(NHSUK_DIST)/nhsuk-frontend.min.js $(ASSETS)/
	cp -r $(NHSUK_DIST)/assets $(ASSETS)/assets
	rm -rf $(AUTOCOMPLETE) && mkdir -p $(AUTOCOMPLETE)
	cp $(AUTOCOMPLETE_DIST)/accessible-autocomplete.min.js $(AUTOCOMPLETE_DIST)/accessible-autocomplete.min.css $(AUTOCOMPLETE)/
	touch $(ASSETS)/.built

# Interface translations (app/i18n.py, docs/translation.md): each .po compiled to its .mo.
PO := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
$(MO): %.mo: %.po $(BIN)/activate
	$(BIN)/pybabel -q compile -d app/translations

translations: $(MO) ## compile the interface translations

extract: $(BIN)/activate ## gather interface text into app/translations/messages.pot and update each .po
	$(BIN)/pybabel extract --no-location --omit-header -F babel.cfg -k _ -k _l -k said -k lazy_gettext -o app/translations/messages.pot app
	$(BIN)/pybabel update --width 100 -i app/translations/messages.pot -d app/translations

db: $(BIN)/activate ## create or upgrade the database (flask db upgrade)
	$(FLASK) db upgrade

install: $(BIN)/activate $(ASSETS)/.built $(MO) db ## set everything up: venv, packages, assets, database, demo data if empty
	$(FLASK) surveys check
	$(FLASK) surveys load
	$(FLASK) seed-demo --if-empty

run: install ## set up, then serve at http://127.0.0.1:5000
	@echo "Serving at http://$(HOST):$(PORT)/  (demo sign-ins are listed above; Ctrl-C stops)"
	HWB_LOCAL_DEV=1 FLASK_DEBUG=$${FLASK_DEBUG:-0} $(FLASK) run --host $(HOST) --port $(PORT)

# worksteal: a worker that runs out takes tests queued for another, so a minutes-long test does
# not leave the other worker idle at the end (pytest-xdist's default hands out fixed batches).
test: $(BIN)/activate $(ASSETS)/.built $(MO) ## set up, then run every test (browser tests need /usr/bin/chromium)
	$(BIN)/pytest -p no:cacheprovider -n auto --dist worksteal $(PYTEST_ARGS)

lint: $(BIN)/activate ## ruff and the import layers (import-linter, also run by tests/conventions/test_layers.py)
	$(BIN)/ruff check app tests bench wsgi.py
	$(BIN)/lint-imports

bench: install ## run the benchmarks in bench/ (see bench/README.md)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y wrk; } || \
		{ echo "wrk is needed: sudo apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py all
	$(BIN)/python bench/themes_speed.py
	$(BIN)/python bench/themes_quality.py

soak: $(BIN)/activate ## the long reliability runs (kill -9 soak)
	$(BIN)/pytest -m slow -p no:cacheprovider

clean: ## remove the virtualenv, node_modules and built assets (keeps instance/)
	rm -rf $(VENV) node_modules $(ASSETS) $(AUTOCOMPLETE)
