# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor
TRANSLATIONS := facilitator/translations
PO_FILES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)

.PHONY: run test test-fast setup lint screenshots messages bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(VENDOR)/.installed: package.json package-lock.json $(VENV)/.installed
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/
	mkdir -p $(VENDOR)/fonts
	# Only the Urdu letters, punctuation and presentation forms (159 KB -> 121 KB): an Urdu
	# phone's first load stays under 200 KB (tests/browser/test_transfer_budget.py).
	$(BIN)/python -m fontTools.subset \
	  node_modules/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2 \
	  --unicodes="U+0600-06FF,U+200C-200F,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FEFF" \
	  --layout-features='*' --flavor=woff2 \
	  --output-file=$(VENDOR)/fonts/noto-nastaliq-urdu-arabic-400-normal.woff2
	touch $@

# The compiled catalogues (.mo, committed too) follow their .po files.
$(TRANSLATIONS)/.compiled: $(PO_FILES) $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS)
	touch $@

setup: $(VENV)/.installed $(VENDOR)/.installed $(TRANSLATIONS)/.compiled

## messages: extract every interface text into the template and merge it into each language
messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k t -k tn:2,3 -k tp:1c,2 --sort-by-file \
		--project Facilitator --copyright-holder "Facilitator" -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete

## run: set up, migrate the SQLite database, load the demo event and serve it
run: setup
	$(BIN)/facilitator db upgrade
	$(BIN)/facilitator demo
	$(BIN)/python wsgi.py

## test: set up (Chromium included) and run every test
test: setup
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-fast: the in-process tests only (no server, browser, PostgreSQL or Redis), on both cores
test-fast: setup
	$(BIN)/python -m pytest -m "not server and not browser and not postgres and not redis" -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## screenshots: regenerate docs/screenshots with headless Chromium
screenshots: setup
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/screenshots.py

## bench: the load harness, Facilitator beside a bare Flask-SocketIO ceiling (QUICK=1: under 3 minutes)
bench: setup
	command -v nginx >/dev/null || apt-get install -y nginx >/dev/null
	$(BIN)/python benchmarks/hall.py $(if $(QUICK),--quick) --out bench.json
