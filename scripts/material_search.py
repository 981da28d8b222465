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
2. keeps page furniture out of the index (breadcrumbs, citation lines, pagers,
   lists of other pages, the map and link-table pages): it repeats titles and
   text that are indexed where they belong, and would outrank them;
3. writes the index without jieba's U+200B word marks (Material's search
   plugin inserts them whenever jieba is installed, whatever ``lang`` says;
   the substring scan does not need them), in UTF-8 rather than ``\\u`` escapes.

Runs after ``search`` writes search_index.json (priority 0) and before
``offline`` copies it into search_index.js (priority -100).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

WORKER_SOURCE = Path(__file__).with_name("search_worker.js")
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
LUNR_DIR = "assets/javascripts/lunr"

#: Elements that are page furniture rather than text: breadcrumbs, citation
#: lines ("引用 … 复制"), "上一条/下一条" pagers.
FURNITURE_CLASS = re.compile(r'<(\w+)(?=\s[^>]*\bclass="(?:crumbs|cite|pager)")')
#: Headings of sections that list other pages: related directives, a
#: document's structure, aids and how-to-use, a term's occurrences.  Material's
#: search plugin drops a section whose heading is marked.
FURNITURE_SECTION = re.compile(
    r'<(h[1-6])(?=\s[^>]*\bid="(?:related|structure|aids|how-to-use|occurrences|in-[^"]*)")'
)
#: Pages that only repeat titles and links: the structure map and the link table.
FURNITURE_PAGE = re.compile(r"[^/]+/(?:map|links)\.html")

EXCLUDE = r"<\1 data-search-exclude"

#: Material's search plugin module, whose ``jieba`` global switches segmentation on.
MATERIAL_SEARCH = "material.plugins.search.plugin"


def mark_furniture(html: str) -> str:
    """The page HTML with ``data-search-exclude`` on every piece of furniture."""
    return FURNITURE_SECTION.sub(EXCLUDE, FURNITURE_CLASS.sub(EXCLUDE, html))


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


def on_page_content(html: str, page: Page, **kwargs) -> str:
    if FURNITURE_PAGE.fullmatch(page.url):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return mark_furniture(html)


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    index = clean_index(json.loads(index_file.read_text(encoding="utf-8")))
    # UTF-8 rather than \u escapes: a third of the bytes for Chinese text.
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    install_worker(site)
