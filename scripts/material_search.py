"""MkDocs hook: Chinese substring search in Material 9.8's own search box, also from file://.

Material's search worker builds a lunr index from the search index documents
every time a page opens the search (on file:// in the page's main thread, via
the iframe-worker shim): 3.5 s at 100 documents (bench/README.md).  And lunr
finds words, while readers search for any string of the text (``判断力`` inside
``政治判断力``).  So the worker is replaced by ``scripts/search_worker.js``: it
scans the documents for substrings, needs no index, and speaks Material's
worker protocol, so Material's box, result list and ``?h=`` highlighting stay.

This hook:

1. writes ``search_worker.js`` over Material's worker file in ``site/`` (the
   path the page's ``__config`` names; overriding that path instead would mean
   copying Material's whole ``config`` block of ``base.html``), and removes
   what only lunr used (``assets/javascripts/lunr/``, the worker's source map);
2. writes the index without jieba's U+200B word marks (Material's search
   plugin inserts them whenever jieba is installed, whatever ``lang`` says;
   the substring scan does not need them), in UTF-8 rather than ``\\u`` escapes.

Runs after ``search`` writes search_index.json (priority 0) and before
``offline`` copies it into search_index.js (priority -100).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

WORKER_SOURCE = Path(__file__).with_name("search_worker.js")
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
LUNR_DIR = "assets/javascripts/lunr"

#: Material's search plugin module, whose ``jieba`` global switches segmentation on.
MATERIAL_SEARCH = "material.plugins.search.plugin"


def clean_index(index: dict) -> dict:
    """The search index without U+200B marks (jieba's word boundaries)."""
    for entry in index["docs"]:
        for field in ("title", "text"):
            if field in entry:
                entry[field] = entry[field].replace("\u200b", "")
    return index


def install_worker(site: Path) -> Path:
    """Write our worker over Material's; PluginError if there is not exactly one."""
    workers = sorted(site.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise PluginError(f"material_search: expected one {WORKER_GLOB} in {site}, found {workers}")
    worker = workers[0]
    worker.write_text(WORKER_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    worker.with_name(worker.name + ".map").unlink(missing_ok=True)  # maps Material's code, not ours
    shutil.rmtree(site / LUNR_DIR, ignore_errors=True)  # lunr-languages: only Material's worker loaded them
    return worker


def on_config(config: MkDocsConfig) -> None:
    # jieba only inserts U+200B marks (removed again below) and costs build time.
    module = sys.modules.get(MATERIAL_SEARCH)
    if module is not None and hasattr(module, "jieba"):
        module.jieba = None


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    index = clean_index(json.loads(index_file.read_text(encoding="utf-8")))
    # UTF-8 rather than \u escapes: a third of the bytes for Chinese text.
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    install_worker(site)
