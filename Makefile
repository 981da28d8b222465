# make site       create .venv from the pinned runtime requirements and build site/
# make test       lint + type check, then the whole test suite (browser tests need Debian's chromium)
# make test-fast  the tests that need no browser and no full site build (under 30 s)
# make lint       ruff (lint) and mypy on scripts/ and tests/
# make format     ruff format over scripts/ and tests/ (one pass by the lead after merging)
# make serve      live preview at http://127.0.0.1:8000/
# make check      validate the sources without writing anything
# make linkcheck  build, then check every link and anchor in site/
# make bench      benchmark 1, 10, 100 documents, three search engines (bench/README.md); BENCH_ARGS=--sizes 1000
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
OFFLINE_ZIP := dist/xuexi-wenku-offline.zip
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: site test test-fast lint format serve pages check linkcheck bench clean

# Runtime: the pinned lock file, then the package itself, editable and without
# dependencies (they are all in the lock file), so `import studysite` finds scripts/.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $(STAMP)

# Tests, browser driver, lint and type check on top of the runtime; the bench's Pagefind and
# matplotlib too, since the tests run the bench.
$(TEST_STAMP): $(STAMP) requirements-test.txt requirements-bench.txt
	$(PIP) -r requirements-test.txt
	touch $(TEST_STAMP)

# Build into a temporary folder and replace site/ only when the build succeeded,
# so a failed build never costs the site that was there.  No --quiet: it hides
# warnings from --strict, which then passes a build it should stop.
site: $(STAMP)
	rm -rf site.tmp
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site.tmp \
	  || { rm -rf site.tmp; exit 1; }
	rm -rf site && mv site.tmp site
	$(BIN)/python scripts/make_zip.py site $(OFFLINE_ZIP)
	@echo "site/ is ready: open site/index.html in a browser; to hand out: $(OFFLINE_ZIP)"

# axe-core, injected by the accessibility test (pinned in package-lock.json).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# pytest's exit status 5 means it collected no test (a -k or -m that matches nothing): said, and a failure.
# Two workers (pytest-xdist) for the machine's two cores; --dist loadfile keeps each test module on one
# worker, so its module fixtures are made once; the real site and the other shared builds are made once
# per run whatever the workers (tests/conftest.py, once_per_run).  TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
test: lint $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || { status=$$?; \
	  [ $$status -ne 5 ] || echo "make test: pytest collected no tests (exit status 5): nothing was checked" >&2; \
	  exit $$status; }

# No browser, no full site build: the unit tests and the small-input tests.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

# Lint and type check.  After the one format pass of the tree (`make format`), add here:
#	$(BIN)/ruff format --check scripts tests
lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

# Rewrites the code in the configured style (pyproject.toml, [tool.ruff.format]).
format: $(TEST_STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# Build cost, page weight and search speed of synthetic libraries; results in bench/.
# Not part of `make test`: timings belong in a report, not in tests.
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# The generated Markdown alone, for reading or diffing: pages/
pages: $(STAMP)
	$(BIN)/python scripts/build_pages.py --out pages

# Validate sources/*.txt without writing anything
check: $(STAMP)
	$(BIN)/python scripts/build_pages.py --check

# Every link and anchor of the built site, checked offline on file://
linkcheck: site $(TEST_STAMP)
	$(BIN)/linkchecker --config tests/linkcheckerrc file://$(CURDIR)/site/index.html

clean:
	rm -rf site site.tmp pages dist scripts/*.egg-info
