# Set up, check and serve the exhibition. Each target installs what it needs, once:
# stamps keyed on the requirement files make a second run quick.

PORT ?= 8000
CONTENT ?= content
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed
LIGHTHOUSE_DIR := tools/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/node_modules/.installed
# The site's own words: a catalogue (.po) per language, kept in git; compiled (.mo) here, never committed.
TRANSLATIONS := exhibition/translations
COMPILED := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -q -y
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund

# $(call apt-install,PACKAGES): recipes call it only when a command they need is missing.
apt-install = { echo "Installing $(1) with apt-get"; $(APT_GET) update && $(APT_GET) install --no-install-recommends $(1); }

.PHONY: install preview run dev test lint audit format demo-media lighthouse clean messages
.DEFAULT_GOAL := install

# `make`: the `exhibition` command in .venv, with what the site needs; then says what to type.
install: $(SITE_STAMP) $(COMPILED)
	@echo "Installed. Type: . $(BIN)/activate   (or run $(BIN)/exhibition without it)"
	@echo "Then: exhibition start my-exhibition   (docs/curators.md starts with a quick start)"

# The exhibition in CONTENT (default: the demo) with its drafts, reloading as files change.
preview: $(SITE_STAMP) $(COMPILED)
	$(BIN)/exhibition preview $(CONTENT) --port $(PORT)

run: $(SITE_STAMP) $(COMPILED)
	$(BIN)/gunicorn 'exhibition:create_app()' --bind 127.0.0.1:$(PORT)

dev: $(SITE_STAMP) $(COMPILED)
	EXHIBITION_PREVIEW=1 $(BIN)/flask --app exhibition run --debug --port $(PORT)

test: lint audit $(DEV_STAMP) $(NODE_STAMP) $(COMPILED) | test-system
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Known vulnerabilities in every pinned release (pip-audit against OSV, then PyPI): fails on
# one; says NOT AUDITED and goes on when no advisory service can be reached.
audit: $(DEV_STAMP)
	$(BIN)/python tools/audit_dependencies.py

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Gather the site's own words from the code and templates (babel.cfg) into messages.pot, and
# bring every language's catalogue up to date with it: new words come untranslated, changed
# ones marked fuzzy, for a translator to see to (docs/translators.md).
messages: $(SITE_STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords N_ --add-comments Translators: \
		--project exhibition --version 1 --copyright-holder "The exhibition project" \
		--sort-by-file --output-file $(TRANSLATIONS)/messages.pot exhibition templates
	$(BIN)/pybabel update --input-file $(TRANSLATIONS)/messages.pot \
		--output-dir $(TRANSLATIONS) --ignore-obsolete

# A catalogue compiled for the site, whole or not at all.
$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(SITE_STAMP)
	$(BIN)/pybabel compile --input-file $< --output-file $@.tmp
	mv $@.tmp $@

demo-media: $(SITE_STAMP)
	@command -v ffmpeg >/dev/null && command -v espeak-ng >/dev/null \
		&& test -d /usr/share/fonts/truetype/dejavu \
		|| $(call apt-install,ffmpeg espeak-ng fonts-dejavu-core)
	$(BIN)/python -m scripts.demo_media

lighthouse: $(SITE_STAMP) $(LIGHTHOUSE_STAMP) | test-system
	$(BIN)/python $(LIGHTHOUSE_DIR)/audit.py

clean:
	rm -rf $(VENV) node_modules $(LIGHTHOUSE_DIR)/node_modules test-artifacts instance/cache \
		.pytest_cache .ruff_cache exhibition.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The project itself goes in editable, without resolving again what the pins already give.
$(SITE_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json | node-system
	$(NPM_CI)
	touch $@

$(LIGHTHOUSE_STAMP): $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json | node-system
	cd $(LIGHTHOUSE_DIR) && $(NPM_CI)
	touch $@

.PHONY: node-system test-system

node-system:
	@command -v npm >/dev/null || $(call apt-install,nodejs npm)

# The browser, Java, Redis, PostgreSQL and nginx the tests drive; fonts so screenshots show
# text; ffmpeg and espeak-ng, with which tests/test_demo_media.py makes a sound and a clip.
test-system:
	@test -x $(CHROMIUM) && command -v java >/dev/null && test -x /usr/bin/redis-server \
		&& test -x /usr/sbin/nginx && command -v ffmpeg >/dev/null && command -v espeak-ng >/dev/null \
		&& ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
		|| $(call apt-install,chromium fonts-liberation default-jre-headless redis-server nginx \
			postgresql ffmpeg espeak-ng)

# Images: `build` makes every image's derivatives ahead of time (docs/media.md);
# `run` builds first, so no visitor waits for an image to be made.
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: build bench-media bench-panorama

build: $(SITE_STAMP) $(COMPILED)
	$(BIN)/flask --app exhibition build

run: build

# The image build against libvips on generated 12-megapixel photos; figures go in docs/media.md.
bench-media: $(BENCH_STAMP)
	$(BIN)/python bench/media.py

# A room in 360° against the room's own image derivatives, same run; figures go in docs/media.md.
bench-panorama: $(SITE_STAMP)
	$(BIN)/python bench/panorama.py

$(BENCH_STAMP): requirements.txt requirements-bench.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	touch $@

# The archive's freeze against Frozen-Flask on the demo and 500 generated exhibits;
# its figures go in docs/archive.md.
.PHONY: bench-freeze
bench-freeze: $(BENCH_STAMP)
	$(BIN)/python bench/freeze.py

# Rendering the lobby, a room page and an exhibit at 500 exhibits a room and 5,000 in all;
# its figures go in docs/benchmarks.md.
.PHONY: bench-pages
bench-pages: $(SITE_STAMP) $(COMPILED)
	$(BIN)/python bench/pages.py --write

# The demo in each language: Lighthouse on each language's lobby, room and exhibit, and the
# weight of every exhibit page; its section goes in docs/benchmarks.md.
# Search at 500 and 5,000 exhibits: index build, size, query p50/p95, memory; its section
# goes in docs/benchmarks.md.
.PHONY: bench-search
bench-search: $(SITE_STAMP)
	$(BIN)/python bench/search.py

.PHONY: bench-languages
bench-languages: lighthouse
	$(BIN)/python bench/languages.py

.PHONY: bench-check check
bench-check: $(SITE_STAMP) $(COMPILED)
	$(BIN)/python bench/check.py

# Storing pages in a full FileSystemCache folder: batched pruning against cachelib's own;
# its figures go in docs/operators.md.
.PHONY: bench-page-folder
bench-page-folder: $(SITE_STAMP)
	$(BIN)/python bench/pagefolder.py

# Visitors' answers: answers a second on SQLite and on PostgreSQL (Debian's, started for the
# run), and one question's results read at a million answers; then the same through the web, two
# gunicorn replicas on each database; their figures go in docs/benchmarks.md.
.PHONY: bench-answers
bench-answers: $(SITE_STAMP)
	$(BIN)/python bench/answers.py
	$(BIN)/python bench/answers_web.py

# The worker's page store against cachelib's SimpleCache, both full, and their hits on a
# crawl twice their size; its figures go in docs/benchmarks.md.
.PHONY: bench-page-store
bench-page-store: $(SITE_STAMP)
	$(BIN)/python bench/pagestore.py

# Growth with the collection: check, build, freeze, start-up, memory, render times and the
# repeat hit rate at 500 to 10,000 exhibits in three languages (BENCH_SIZES=500,2000 for
# fewer); its table goes in docs/benchmarks.md. Minutes, so `make test` leaves it out.
.PHONY: bench-scale
bench-scale: $(SITE_STAMP) $(COMPILED)
	$(BIN)/python bench/scale.py

check: $(SITE_STAMP)
	$(BIN)/exhibition check $(CONTENT)

# Serving: wrk against gunicorn, its baselines and nginx, on loopback, bounded in time;
# plus start-up, memory, page weight and Lighthouse on the demo. Writes docs/benchmarks.md.
.PHONY: bench bench-system
bench: build $(SITE_STAMP) $(LIGHTHOUSE_STAMP) | test-system bench-system
	$(BIN)/python bench/serve.py

bench-system:
	@command -v wrk >/dev/null && test -x /usr/sbin/nginx || $(call apt-install,wrk nginx)

# Soak: wrk at 64 connections for 5 minutes over every page type of a copy of the demo, while
# its content is edited every 10 s and gunicorn gets a HUP every 60 s. Minutes long, so not part
# of `make test`; exits 1 if a criterion fails. Writes its figures into docs/resilience.md.
SOAK_SECONDS ?= 300
SOAK_CONNECTIONS ?= 64

.PHONY: soak
soak: build $(SITE_STAMP) | bench-system
	SOAK_SECONDS=$(SOAK_SECONDS) SOAK_CONNECTIONS=$(SOAK_CONNECTIONS) $(BIN)/python bench/soak.py
