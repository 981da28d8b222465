# make site   create .venv from the pinned requirements and build site/
# make test   run the test suite (browser tests need Debian's chromium)
# make serve  live preview at http://127.0.0.1:8000/
# make check  validate the sources without writing anything
# make linkcheck  build, then check every link and anchor in site/
# make bench  benchmark 1, 10, 100 documents, three search engines (bench/README.md); BENCH_ARGS=--sizes 1000
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OFFLINE_ZIP := dist/xuexi-wenku-offline.zip

.PHONY: site test serve pages check linkcheck bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

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

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# Build cost, page weight and search speed of synthetic libraries; results in bench/.
# Not part of `make test`: timings belong in a report, not in tests.
bench: $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# The generated Markdown alone, for reading or diffing: pages/
pages: $(STAMP)
	$(BIN)/python scripts/build_pages.py --out pages

# Validate sources/*.txt without writing anything
check: $(STAMP)
	$(BIN)/python scripts/build_pages.py --check

# Every link and anchor of the built site, checked offline on file://
linkcheck: site
	$(BIN)/linkchecker --config tests/linkcheckerrc file://$(CURDIR)/site/index.html

clean:
	rm -rf site site.tmp pages dist
