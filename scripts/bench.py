#!/usr/bin/env python3
"""Benchmark: build cost, page weight and three search engines as the library grows.

    scripts/bench.py [--sizes 1,10,100] [--engines ours,lunr,pagefind] [--queries 8] [--no-browser] [--out bench]

For each size N it copies the project into a temporary folder whose ``sources/`` holds N documents
``doc001.txt`` …, made by cycling through the real texts of ``sources/`` (the speech first), builds
it with ``mkdocs build --strict`` (a child process: wall and CPU seconds, peak RSS) and measures:

- the generator alone (``studysite.site.build_site``) in this process (CPU seconds);
- pages, site bytes, median and largest HTML page, median directive page and its navigation,
  ``links.json``, against the texts' UTF-8 bytes;
- three search engines on the same library, in headless Chromium, the same queries from
  ``tests/search_queries.yml`` each on a fresh page (so every figure includes loading the index):

  ours      the site's own search (docs/assets/search.js + search/), from ``file://``: index bytes,
            bytes of the index files a query loads, time from focusing the box to ready, from
            typing to the first result in the list (a hit checked against the text, with its
            snippet) and to the complete list; typed once the box has opened (Material's opening
            transitions over, as for lunr) and, on another fresh page, the moment the index is
            ready (during them); every query ``--repeat`` times (default 3), the load average noted;
  lunr      Material's own search plugin (a variant build: stock header and search partial,
            ``plugins: [search]``), over http on 127.0.0.1: its index is one file the worker loads
            whole (bytes per query = that file); ready = the box's "initialising" message gone;
  pagefind  Pagefind (PyPI ``pagefind[extended]``, pinned in requirements-bench.txt; it segments
            Chinese) run over our built site, over http on 127.0.0.1, through its JS API: bytes =
            the ``_pagefind/`` responses of one query; ready = ``init()``; first result = search plus
            the first result's data.

Recall@3 (scripts/search_recall.py, the rule of tests/test_search.py) is measured per engine on the
real five-document library of ``sources/``, where the queries' expected places are known.

Each size writes ``bench/results-<N>.json``; the tables (stdout) and ``bench/growth.png`` are made
from all ``results-*.json`` in ``--out``, so a size run on its own (``--sizes 1000``) joins the rest.

``--ours-only PROJECT`` measures only our search again on a library built before (a folder with
``sources/`` and ``site/``, as ``--keep`` leaves them), with this checkout's ``search.js`` and search
index (written into that site first), and replaces the ``ours`` row of its ``results-<N>.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from make_zip import make_zip
from search_recall import catalog_id, load_queries, recall_at_3
from studysite.errors import SourceError
from studysite.reading import read_source
from studysite.site import build_site, library_order, load_document, source_files

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]  # as in tests/browser.py

#: Catalog kinds of the pages that hold the text (the speech's directives, a report's sections).
UNIT_KINDS = ("directive", "section", "interlude")

#: What the project copy needs besides its sources (as tests/conftest.py copy_project).
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")

ENGINES = ("ours", "lunr", "pagefind")

#: Targets of issue 13 (for 1,000 documents).
TARGETS = {
    "bytes_per_query_share": 0.01,  # median bytes a query loads / text bytes
    "ready_ms": 300,
    "first_result_ms": 100,
    "index_ratio": 1.5,  # index bytes / text bytes
    "site_ratio": 10,  # site bytes / text bytes
    "max_page_kb": 300,
}

WAITING = ("正在初始化搜索引擎", "键入以开始搜索")


# --------------------------------------------------------------------------
# The synthetic library


def usable_texts(root: Path) -> tuple[list[Path], list[str]]:
    """The real texts the parser accepts (the speech first), and a note for each one it rejects."""
    good, skipped = [], []
    for path in source_files(root):
        try:
            doc = load_document(path)
        except SourceError as err:
            skipped.append(f"skipped {path.relative_to(root)}: the parser rejects it ({str(err).splitlines()[0]})")
        else:
            good.append((doc, path))
    order = {id(doc): path for doc, path in good}
    texts = [order[id(doc)] for doc in library_order([doc for doc, _ in good])]
    texts.sort(key=lambda path: path.name != "tanxin.txt")  # a one-document library is the speech
    return texts, skipped


def copy_project(target: Path) -> None:
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    (target / "sources").mkdir()
    glossary = ROOT / "sources" / "glossary.yml"
    if glossary.exists():
        shutil.copy2(glossary, target / "sources" / glossary.name)


def make_project(target: Path, texts: list[Path], size: int) -> int:
    """Copy the project into ``target`` with ``size`` documents; return the texts' UTF-8 bytes."""
    copy_project(target)
    text_bytes = 0
    for i in range(size):
        text = texts[i % len(texts)]
        slug = f"doc{i + 1:03d}"
        shutil.copy2(text, target / "sources" / f"{slug}.txt")
        if text.with_suffix(".yml").exists():
            shutil.copy2(text.with_suffix(".yml"), target / "sources" / f"{slug}.yml")
        text_bytes += len(read_source(target / "sources" / f"{slug}.txt").text.encode("utf-8"))
    return text_bytes


def make_real_project(target: Path) -> None:
    """The project with its own five documents, under their own names (for recall@3)."""
    copy_project(target)
    for path in source_files(ROOT):
        shutil.copy2(path, target / "sources" / path.name)
        if path.with_suffix(".yml").exists():
            shutil.copy2(path.with_suffix(".yml"), target / "sources" / path.with_suffix(".yml").name)


def lunr_variant(project: Path) -> None:
    """Material's own search: its stock header and search box, its search plugin, ours left out."""
    for name in ("header.html", "search.html"):
        (project / "overrides" / "partials" / name).unlink(missing_ok=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "plugins: []" not in text:
        raise SystemExit("bench: mkdocs.yml no longer says `plugins: []`; update lunr_variant")
    text = text.replace("plugins: []", "plugins:\n  - search", 1)
    text = re.sub(r"\n  - assets/search\.js[^\n]*", "", text)
    if "\nhooks:\n" not in text:
        raise SystemExit("bench: mkdocs.yml no longer has a `hooks:` list; update lunr_variant")
    text = text.replace("\nhooks:\n", "\nhooks:\n  - lunr_furniture.py\n", 1)
    config.write_text(text, encoding="utf-8")
    (project / "lunr_furniture.py").write_text(LUNR_FURNITURE_HOOK, encoding="utf-8")


#: The lunr variant's own hook: our pages no longer mark their furniture for Material's search plugin
#: (nothing else reads ``data-search-exclude``, and it cost bytes on every page), so the variant marks it
#: again, as the pages did before: breadcrumbs, citation lines, pagers, the list of a page's contents, the
#: print citation, the handout's help, and the sections that list other pages.  Lunr is then compared on
#: the text alone, as our search is.
LUNR_FURNITURE_HOOK = """import re

FURNITURE = re.compile(
    r'<(p|div|details)((?: [^>]*)? class="'
    r'(?:crumbs|cite|pager|page-contents|print-only print-cite|handout-help|handout-app)\\b)'
)
SECTIONS = re.compile(r'<h2((?: [^>]*)? id="(?:refused|how-to-use|structure|aids|related)")')


def on_page_content(html, **kwargs):
    html = FURNITURE.sub(lambda m: f'<{m.group(1)} data-search-exclude=""{m.group(2)}', html)
    return SECTIONS.sub(lambda m: f'<h2 data-search-exclude=""{m.group(1)}', html)
"""


# --------------------------------------------------------------------------
# Build measurements


def mkdocs_build(project: Path, site_dir: Path) -> dict[str, float]:
    """Wall and CPU seconds and peak RSS (MB) of one ``mkdocs build --strict``, as a child process."""
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: mkdocs build failed in {project}:\n{output}")
    return {"wall_s": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def time_generator(project: Path) -> dict[str, Any]:
    paths = source_files(project)
    start, cpu = time.perf_counter(), time.process_time()
    site = build_site(paths)
    return {
        "wall_s": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu,
        "generated_pages": len(site.pages),
        "search_files": len(site.search),
    }


def html_pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary[" ]')  # "md-nav--integrated" may follow


def nav_bytes(html: str) -> int:
    """Bytes of the primary navigation (``<nav class="md-nav md-nav--primary">`` and all it nests: with
    ``toc.integrate`` the page's table of contents too)."""
    start = PRIMARY_NAV.search(html)
    if not start:
        return 0
    depth, pos = 0, start.start()
    for tag in re.finditer(r"<(/?)nav\b", html[pos:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.index(">", pos + tag.end()) + 1
            return len(html[start.start() : end].encode("utf-8"))
    return 0


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def site_figures(site: Path, text_bytes: int) -> dict[str, Any]:
    pages = html_pages(site)
    catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
    directives = [e["url"] for e in catalog if e["kind"] in UNIT_KINDS]
    median_directive = sorted(directives, key=lambda url: pages[url])[len(directives) // 2]
    kinds: dict[str, list[int]] = {}
    for e in catalog:
        if "#" not in e["url"] and e["url"] in pages:
            kinds.setdefault(e["kind"], []).append(pages[e["url"]])
    site_bytes = folder_bytes(site)
    documents = [e["url"].partition("/")[0] for e in catalog if e["kind"] == "document"]
    article_bytes = 0
    for page in pages:
        html = (site / page).read_bytes()
        start, end = html.find(b"<article"), html.find(b"</article>")
        article_bytes += end - start if 0 <= start < end else 0
    in_documents = [size for page, size in pages.items() if page.partition("/")[0] in set(documents)]
    return {
        "pages": len(pages),
        "site_bytes": site_bytes,
        "site_ratio": site_bytes / text_bytes,
        "html_bytes": sum(pages.values()),
        # Where the bytes are: the generated text of the pages (<article>), Material's chrome around it
        # (html_bytes - article_bytes), the search index, the theme's and our assets.
        "article_bytes": article_bytes,
        "search_bytes": folder_bytes(site / "search"),
        "assets_bytes": folder_bytes(site / "assets"),
        "html_median_bytes": statistics.median(pages.values()),
        # The pages of documents only: the all-page median also moves with the mix of pages (a small
        # library has about as many term pages as document pages, a large one a tenth as many).
        "document_page_median_bytes": statistics.median(in_documents),
        # The pages of the first five documents (the five texts), to compare page for page across sizes.
        "same_pages": {page: size for page, size in pages.items() if page.partition("/")[0] in documents[:5]},
        "html_max_bytes": max(pages.values()),
        "html_max_page": max(pages, key=pages.get),
        "pages_over_300kb": sorted(p for p, size in pages.items() if size > 300_000),
        "median_bytes_by_kind": {k: statistics.median(v) for k, v in sorted(kinds.items())},
        "max_bytes_by_kind": {k: max(v) for k, v in sorted(kinds.items())},
        "directive_median_bytes": pages[median_directive],
        "directive_median_page": median_directive,
        "directive_median_nav_bytes": nav_bytes((site / median_directive).read_text(encoding="utf-8")),
        "links_json_bytes": (site / "links.json").stat().st_size,
        "text_bytes": text_bytes,
    }


# --------------------------------------------------------------------------
# Browser measurements

#: Bytes the bench's http server has sent (reset before each query): what a query really loads,
#: whatever thread or worker fetched it (Resource Timing sees only the page's own fetches).
SERVED = [0]


@contextmanager
def http_server(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port), quietly; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
            data = source.read()
            SERVED[0] += len(data)
            outputfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def fresh_page(browser, allowed: Callable[[str], bool], blocked: list[str]):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if allowed(route.request.url) else (blocked.append(route.request.url), route.abort())
        ),
    )
    context.add_init_script("""
      window.__longtasks = [];
      new PerformanceObserver(l => { for (const e of l.getEntries()) __longtasks.push([e.startTime, e.duration]); })
        .observe({type: 'longtask', buffered: true});
    """)
    return context, context.new_page()


# Ours: focus (the index starts loading), ready, then one query typed as a paste would (input event),
# once the box has opened (Material's opening transitions, 250-400 ms of width and opacity, are over:
# no reader types a word sooner), or, atReady, the moment the index is ready, during them.
OURS = """
async ([query, atReady]) => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const t0 = performance.now();
  input.focus();
  while (window.__studySearchReady === undefined) await new Promise(r => setTimeout(r, 2));
  const ready = window.__studySearchReady - t0;
  const t2 = performance.now();
  while (!atReady && document.getAnimations().some(a => a.playState === 'running') && performance.now() - t2 < 2000)
    await new Promise(r => setTimeout(r, 10));
  const opening = performance.now() - t2;
  // first: the first result item (a hit checked against the text, shown as soon as its chunk is);
  // complete: the list marked with the query (search.js sets it once every candidate it checks is).
  let first = null, complete = null;
  await new Promise(resolve => {
    const t1 = performance.now();
    const obs = new MutationObserver(() => {
      if (first === null && list.querySelector('.md-search-result__item')) first = performance.now() - t1;
      if (list.dataset.query === query) { complete = performance.now() - t1; obs.disconnect(); resolve(); }
    });
    obs.observe(list, {childList: true, subtree: true, attributes: true, attributeFilter: ['data-query']});
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => { obs.disconnect(); resolve(); }, 60000);
  });
  const files = [...document.querySelectorAll('script[src*="/search/"]')].map(s => s.src.split('/search/')[1]);
  return {ready, opening, first, complete, files,
          longtask: Math.max(0, ...__longtasks.filter(t => t[0] >= t0).map(t => t[1]))};
}
"""

# Material's box: the worker is set up when the search opens; READY replaces the "initialising" text.
LUNR = """
async ([query, waiting]) => {
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const t0 = performance.now();
  input.focus();
  input.click();
  while (meta.textContent.trim() === waiting[0]) await new Promise(r => setTimeout(r, 2));
  const ready = performance.now() - t0;
  const t2 = performance.now();  // typed once the box has opened, as ours
  while (document.getAnimations().some(a => a.playState === 'running') && performance.now() - t2 < 2000)
    await new Promise(r => setTimeout(r, 10));
  const first = await new Promise(resolve => {
    const t1 = performance.now();
    const obs = new MutationObserver(() => {
      if (list.querySelector('.md-search-result__item')) { obs.disconnect(); resolve(performance.now() - t1); }
    });
    obs.observe(list, {childList: true, subtree: true});
    input.value = query;
    input.dispatchEvent(new KeyboardEvent('keyup', {key: query.slice(-1), bubbles: true}));
    setTimeout(() => { obs.disconnect(); resolve(null); }, 60000);
  });
  return {ready, first, longtask: Math.max(0, ...__longtasks.filter(t => t[0] >= t0).map(t => t[1]))};
}
"""

PAGEFIND = """
async ([query, base]) => {
  const t0 = performance.now();
  const pagefind = await import(base + '_pagefind/pagefind.js');
  await pagefind.init();
  const ready = performance.now() - t0;
  const t1 = performance.now();
  const search = await pagefind.search(query);
  const top = search.results.length ? await search.results[0].data() : null;
  const first = top ? performance.now() - t1 : null;
  const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  const bytes = performance.getEntriesByType('resource').filter(e => e.name.includes('/_pagefind/'))
    .reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0);
  return {ready, first, bytes, groups: data.map(d => [d.url, ...(d.sub_results || []).map(s => s.url)]),
          longtask: Math.max(0, ...__longtasks.filter(t => t[0] >= t0).map(t => t[1]))};
}
"""


def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(engine: str, runs: list[dict[str, Any]], index_bytes: int, text_bytes: int, **extra: Any) -> dict:
    per_query = [r["bytes"] for r in runs]
    firsts = [r["first"] for r in runs]
    return {
        "engine": engine,
        "index_bytes": index_bytes,
        "index_ratio": index_bytes / text_bytes,
        "bytes_per_query_median": median(per_query),
        "bytes_per_query_max": max(per_query, default=None),
        "bytes_per_query_share": (median(per_query) or 0) / text_bytes,
        "ready_ms": median([r["ready"] for r in runs]),
        "first_result_ms": median(firsts),
        "first_result_max_ms": max((f for f in firsts if f is not None), default=None),
        "longtask_ms": max((r.get("longtask", 0) for r in runs), default=None),
        "runs": runs,
        **extra,
    }


def measure_ours(browser, site: Path, page_url: str, queries: list[str], text_bytes: int, repeat: int = 1) -> dict:
    """Every query ``repeat`` times (all queries, then again), each on a fresh page, typed once the box is open
    and, on another fresh page, the moment the index is ready; medians over all runs."""
    sizes = {p.relative_to(site / "search").as_posix(): p.stat().st_size for p in (site / "search").rglob("*.js")}
    runs, at_ready, blocked = [], [], []
    load_before = os.getloadavg()
    for round_ in range(repeat):
        for query in queries:
            for typed_at_ready in (False, True):
                context, page = fresh_page(browser, lambda url: url.startswith("file:"), blocked)
                try:
                    page.goto((site / page_url).as_uri(), wait_until="load", timeout=300_000)
                    before = page.evaluate("document.querySelectorAll('script[src*=\"/search/\"]').length")
                    result = page.evaluate(OURS, [query, typed_at_ready])
                    result.update(
                        query=query,
                        round=round_,
                        bytes=sum(sizes[f] for f in result["files"]),
                        loaded_before_search=before,
                        load_average=os.getloadavg()[0],
                    )
                    (at_ready if typed_at_ready else runs).append(result)
                finally:
                    context.close()
    per_query = {
        q: {
            "first_result_ms": median([r["first"] for r in runs if r["query"] == q]),
            "first_result_typed_at_ready_ms": median([r["first"] for r in at_ready if r["query"] == q]),
            "complete_ms": median([r["complete"] for r in runs if r["query"] == q]),
            "bytes": median([r["bytes"] for r in runs if r["query"] == q]),
            "files": median([len(r["files"]) for r in runs if r["query"] == q]),
        }
        for q in queries
    }
    return summarise(
        "ours",
        runs,
        sum(sizes.values()),
        text_bytes,
        blocked_requests=len(blocked),
        loaded_before_search=max(r["loaded_before_search"] for r in runs + at_ready),
        complete_ms=median([r["complete"] for r in runs]),
        opening_ms=median([r["opening"] for r in runs]),
        first_result_typed_at_ready_ms=median([r["first"] for r in at_ready]),
        first_result_typed_at_ready_max_ms=max((r["first"] for r in at_ready if r["first"] is not None), default=None),
        complete_typed_at_ready_ms=median([r["complete"] for r in at_ready]),
        runs_typed_at_ready=at_ready,
        repeat=repeat,
        per_query=per_query,
        load_average={"before": load_before, "after": os.getloadavg()},
        measured=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )


def queries_over_http(
    browser, site: Path, page_url: str, queries: list[str], ask: Callable[[Any, str, str], dict]
) -> tuple[list[dict], list[str]]:
    """Each query asked by ``ask(page, query, base)`` on a fresh page of ``site`` served over http, after
    the page has loaded and the byte count of the server is reset; the runs, and the requests blocked."""
    runs: list[dict] = []
    blocked: list[str] = []
    with http_server(site) as base:
        for query in queries:
            context, page = fresh_page(browser, lambda url: url.startswith(base), blocked)
            try:
                page.goto(base + page_url, wait_until="load", timeout=300_000)
                SERVED[0] = 0
                runs.append({**ask(page, query, base), "query": query})
            finally:
                context.close()
    return runs, blocked


def measure_lunr(browser, site: Path, page_url: str, queries: list[str], text_bytes: int) -> dict:
    index = site / "search" / "search_index.json"

    def ask(page, query: str, base: str) -> dict:
        result = page.evaluate(LUNR, [query, list(WAITING)])
        # Over http Material fetches the whole index for every page, as it loads or on the focus
        # (both happen): what a query costs is the index, or what was served after the focus if more.
        return {**result, "bytes": max(index.stat().st_size, SERVED[0]), "served_after_focus": SERVED[0]}

    runs, blocked = queries_over_http(browser, site, page_url, queries, ask)
    return summarise("lunr", runs, index.stat().st_size, text_bytes, blocked_requests=len(blocked))


def run_pagefind(site: Path) -> float:
    """Index ``site`` with Pagefind into ``site/_pagefind``; returns the seconds it took."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "_pagefind"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench: pagefind failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def measure_pagefind(browser, site: Path, page_url: str, queries: list[str], text_bytes: int) -> dict:
    seconds = run_pagefind(site)

    def ask(page, query: str, base: str) -> dict:
        result = page.evaluate(PAGEFIND, [query, base])
        return {**result, "resource_timing_bytes": result["bytes"], "bytes": SERVED[0]}

    runs, blocked = queries_over_http(browser, site, page_url, queries, ask)
    return summarise(
        "pagefind",
        runs,
        folder_bytes(site / "_pagefind"),
        text_bytes,
        index_seconds=seconds,
        blocked_requests=len(blocked),
    )


def bench_queries(count: int) -> list[str]:
    """``count`` queries spread over tests/search_queries.yml, so every kind is in."""
    queries = load_queries()
    step = max(1, len(queries) // count)
    return [q["query"] for q in queries[::step]][:count]


# --------------------------------------------------------------------------
# Recall@3 of each engine on the real library


def recall(browser, engines: tuple[str, ...], workdir: Path) -> dict[str, Any]:
    queries = load_queries()
    found: dict[str, Any] = {}
    for engine in engines:
        project = workdir / f"recall-{engine}"
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        make_real_project(project)
        if engine == "lunr":
            lunr_variant(project)
        site = project / "site"
        mkdocs_build(project, site)
        catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
        ids = {e["url"]: e["id"] for e in catalog}
        if engine == "pagefind":
            run_pagefind(site)
        with http_server(site) as base:
            context, page = fresh_page(browser, lambda url: url.startswith(("file:", base)), [])
            try:
                if engine == "ours":
                    page.goto((site / "index.html").as_uri())
                    page.locator("input.md-search__input").click()

                    def results(query: str) -> list[list[str]]:
                        page.evaluate(
                            "q => { const i = document.querySelector('input.md-search__input');"
                            " i.value = q; i.dispatchEvent(new Event('input', {bubbles: true})); }",
                            query,
                        )
                        page.wait_for_function(
                            "q => document.querySelector('.md-search-result__list').dataset.query === q",
                            arg=query,
                            timeout=60_000,
                        )
                        return groups_in_list(page, site, ids)
                elif engine == "lunr":
                    page.goto(base + "index.html")
                    page.locator("input.md-search__input").click()

                    def results(query: str) -> list[list[str]]:
                        return lunr_results(page, query, Path("/"), ids)
                else:
                    page.goto(base + "index.html")

                    def results(query: str) -> list[list[str]]:
                        groups = page.evaluate(PAGEFIND, [query, base])["groups"]
                        return [
                            [catalog_id(base.rstrip("/") + href, Path("/"), ids) for href in group] for group in groups
                        ]

                share, misses = recall_at_3(queries, results, catalog)
            finally:
                context.close()
        found[engine] = {"recall_at_3": share, "queries": len(queries), "misses": misses}
        shutil.rmtree(project, ignore_errors=True)
    return found


GROUPS = (
    "() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]"
    ".map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))"
)


def groups_in_list(page, site: Path, ids: dict[str, str]) -> list[list[str]]:
    out = []
    for hrefs in page.evaluate(GROUPS):
        if hrefs:
            root = site if hrefs[0].startswith("file:") else Path("/")
            out.append(list(dict.fromkeys(catalog_id(h, root, ids) for h in hrefs)))
    return out


def lunr_results(page, query: str, root: Path, ids: dict[str, str]) -> list[list[str]]:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
        arg=WAITING[1],
        timeout=60_000,
    )
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(
        "w => !w.includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        arg=list(WAITING),
        timeout=60_000,
    )
    return groups_in_list(page, root, ids)


# --------------------------------------------------------------------------
# The run


def save(row: dict[str, Any], out: Path) -> None:
    """Written after every step, so a long run that is stopped keeps what it measured."""
    (out / f"results-{row['documents']}.json").write_text(
        json.dumps(row, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def measure(size: int, args: argparse.Namespace, texts: list[Path], workdir: Path, browser) -> dict[str, Any]:
    project = workdir / f"library-{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    text_bytes = make_project(project, texts, size)
    site = project / "site"
    print(f"[{size} docs] mkdocs build …", file=sys.stderr, flush=True)
    build = mkdocs_build(project, site)
    print(f"[{size} docs] built in {build['wall_s']:.0f} s; generator …", file=sys.stderr, flush=True)
    generator = time_generator(project)
    row: dict[str, Any] = {
        "documents": size,
        "texts": sorted({texts[i % len(texts)].name for i in range(size)}),
        "build": build,
        "generator": generator,
        "build_cpu_s_per_doc": build["cpu_s"] / size,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load_average": os.getloadavg()},
        "skipped_sources": args.skipped,
    }
    row.update(site_figures(site, text_bytes))
    # What is handed out on a stick or by mail: the offline zip `make site` writes (deflate).
    row["zip_bytes"] = make_zip(site, workdir / f"offline-{size}.zip").stat().st_size
    (workdir / f"offline-{size}.zip").unlink()
    row["search"] = {}
    save(row, args.out)
    if browser is not None:
        page_url = row["search_page"] = search_page(site, size)
        queries = bench_queries(args.queries)
        warm = browser.new_page()  # the first load after building is cold (disk cache): not counted
        warm.goto((site / page_url).as_uri(), wait_until="load", timeout=300_000)
        warm.close()
        if "ours" in args.engines:
            print(f"[{size} docs] our search …", file=sys.stderr, flush=True)
            row["search"]["ours"] = measure_ours(browser, site, page_url, queries, text_bytes, args.repeat)
            save(row, args.out)
        if "pagefind" in args.engines:
            print(f"[{size} docs] pagefind …", file=sys.stderr, flush=True)
            row["search"]["pagefind"] = measure_pagefind(browser, site, page_url, queries, text_bytes)
            save(row, args.out)
        if "lunr" in args.engines:
            print(f"[{size} docs] lunr variant build …", file=sys.stderr, flush=True)
            shutil.rmtree(site)
            lunr_variant(project)
            row["lunr_build"] = mkdocs_build(project, site)
            lunr_queries = queries[: args.lunr_queries] if args.lunr_queries else queries
            row["search"]["lunr"] = measure_lunr(browser, site, page_url, lunr_queries, text_bytes)
            save(row, args.out)
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return row


def search_page(site: Path, size: int) -> str:
    """The first text page of the middle document: where every query is typed."""
    catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
    middle = f"doc{size // 2 + 1:03d}"
    return next(e["url"] for e in catalog if e["kind"] in UNIT_KINDS and e["id"].startswith(middle + "/"))


def ours_only(project: Path, args: argparse.Namespace, browser) -> dict[str, Any]:
    """Our search measured again on a library built before, with this checkout's search; its results row updated."""
    site = project / "site"
    paths = source_files(project)
    if not paths or not (site / "links.json").exists():
        raise SystemExit(f"bench: {project} has no sources/*.txt or no built site/ (make one with --keep)")
    size = len(paths)
    text_bytes = sum(len(read_source(p).text.encode("utf-8")) for p in paths)
    if args.reindex:
        print(f"[{size} docs] writing this checkout's search index into {site} …", file=sys.stderr, flush=True)
        shutil.rmtree(site / "search", ignore_errors=True)
        build_site(paths).write_search(site)
    shutil.copy2(ROOT / "docs" / "assets" / "search.js", site / "assets" / "search.js")
    results = args.out / f"results-{size}.json"
    row = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {"documents": size}
    page_url = row["search_page"] = search_page(site, size)
    warm = browser.new_page()  # the first load after writing is cold (disk cache): not counted
    warm.goto((site / page_url).as_uri(), wait_until="load", timeout=300_000)
    warm.close()
    print(f"[{size} docs] our search …", file=sys.stderr, flush=True)
    row.setdefault("search", {})["ours"] = measure_ours(
        browser, site, page_url, bench_queries(args.queries), text_bytes, args.repeat
    )
    return row


def fmt(value: float | None, digits: int = 0, target: str | None = None, scale: float = 1) -> str:
    if value is None:
        return "–"
    text = f"{value * scale:,.{digits}f}"
    if target is not None:
        text += " ✓" if value <= TARGETS[target] else " ✗"
    return text


def build_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| docs | pages | build s (CPU s) | build CPU s/doc | generator CPU s | peak RSS MB | site MB | site/text "
        "| zip MB | median page KB | median document page KB | same pages vs 10 docs (median, max) "
        "| median directive KB (nav KB) | largest page KB | links.json MB |",
        "|" + "---|" * 15,
    ]
    base = next((r.get("same_pages") for r in rows if r["documents"] == 10), None)
    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                [
                    str(r["documents"]),
                    f"{r['pages']:,}",
                    f"{r['build']['wall_s']:,.1f} ({r['build']['cpu_s']:,.1f})",
                    f"{r['build_cpu_s_per_doc']:.3f}",
                    f"{r['generator']['cpu_s']:,.1f}",
                    fmt(r["build"]["peak_rss_mb"]),
                    fmt(r["site_bytes"] / 1e6, 1),
                    fmt(r["site_ratio"], 1, "site_ratio"),
                    fmt(r.get("zip_bytes", 0) / 1e6, 1),
                    fmt(r["html_median_bytes"] / 1e3),
                    fmt(r.get("document_page_median_bytes", 0) / 1e3),
                    same_pages(base, r.get("same_pages")),
                    f"{r['directive_median_bytes'] / 1e3:.0f} ({r['directive_median_nav_bytes'] / 1e3:.0f})",
                    f"{fmt(r['html_max_bytes'] / 1e3)} ({r['html_max_page']})"
                    + (" ✓" if r["html_max_bytes"] <= 300_000 else " ✗"),
                    fmt(r["links_json_bytes"] / 1e6, 2),
                ]
            )
            + " |"
        )
    return lines


def same_pages(base: dict[str, int] | None, pages: dict[str, int] | None) -> str:
    """How much the same pages (those of the first five documents) weigh against the 10-document library."""
    common = sorted(set(base or {}) & set(pages or {}))
    if not base or not pages or not common:
        return "–"
    ratios = [pages[p] / base[p] for p in common]
    return f"×{statistics.median(ratios):.2f}, ×{max(ratios):.2f}" + (" ✓" if max(ratios) <= 1.1 else " ✗")


def search_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| docs | engine | index MB | index/text | median bytes/query KB (share of text) | max bytes/query KB "
        "| ready ms | first result ms (max) | complete list ms | typed at ready: first (max), complete ms "
        "| longest task ms | load avg |",
        "|" + "---|" * 12,
    ]
    for r in rows:
        for engine in ENGINES:
            s = r.get("search", {}).get(engine)
            if not s:
                continue
            ours = engine == "ours"
            lines.append(
                "| "
                + " | ".join(
                    [
                        str(r["documents"]),
                        engine,
                        fmt(s["index_bytes"] / 1e6, 2),
                        fmt(s["index_ratio"], 2, "index_ratio" if ours else None),
                        f"{fmt(s['bytes_per_query_median'] / 1e3, 1)} ({s['bytes_per_query_share'] * 100:.2f} %"
                        + (
                            (" ✓" if s["bytes_per_query_share"] <= TARGETS["bytes_per_query_share"] else " ✗")
                            if ours
                            else ""
                        )
                        + ")",
                        fmt((s["bytes_per_query_max"] or 0) / 1e3, 1),
                        fmt(s["ready_ms"], 0, "ready_ms" if ours else None),
                        f"{fmt(s['first_result_ms'], 0, 'first_result_ms' if ours else None)}"
                        f" ({fmt(s['first_result_max_ms'])})",
                        fmt(s.get("complete_ms")),
                        f"{fmt(s['first_result_typed_at_ready_ms'], 0, 'first_result_ms')}"
                        f" ({fmt(s['first_result_typed_at_ready_max_ms'])}), {fmt(s['complete_typed_at_ready_ms'])}"
                        if "first_result_typed_at_ready_ms" in s
                        else "–",
                        fmt(s["longtask_ms"]),
                        load_average(s, r),
                    ]
                )
                + " |"
            )
    return lines


def load_average(search: dict[str, Any], row: dict[str, Any]) -> str:
    """The 1-minute load average while the engine was measured (ours notes it per run), else at the build."""
    runs = search.get("runs", []) + search.get("runs_typed_at_ready", [])
    during = [run["load_average"] for run in runs if "load_average" in run]
    if during:
        return f"{min(during):.1f}–{max(during):.1f}"
    return f"{row['machine']['load_average'][0]:.1f} (build)" if "machine" in row else "–"


def growth_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = []
    for a, b in zip(rows, rows[1:]):
        ratio = b["build_cpu_s_per_doc"] / a["build_cpu_s_per_doc"]
        page = b["html_median_bytes"] / a["html_median_bytes"]
        lines.append(
            f"{a['documents']}→{b['documents']} docs: build CPU s per document ×{ratio:.2f}, median page ×{page:.2f}"
        )
    return lines


def plot(rows: list[dict[str, Any]], out: Path) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench: matplotlib is missing (pip install -r requirements-bench.txt): no plot", file=sys.stderr)
        return None
    sizes = [r["documents"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    axes[0].plot(sizes, [r["build"]["wall_s"] for r in rows], "o-", label="build (wall)")
    axes[0].plot(sizes, [r["build"]["cpu_s"] for r in rows], "s--", label="build (CPU)")
    axes[0].plot(sizes, [r["generator"]["cpu_s"] for r in rows], "^:", label="generator (CPU)")
    axes[0].set_title("build time, s")
    axes[1].plot(sizes, [r["html_median_bytes"] / 1e3 for r in rows], "o-", label="median page")
    axes[1].plot(sizes, [r["directive_median_bytes"] / 1e3 for r in rows], "s--", label="median directive page")
    axes[1].plot(sizes, [r["html_max_bytes"] / 1e3 for r in rows], "^:", label="largest page")
    axes[1].set_title("page weight, KB")
    for engine, style in zip(ENGINES, ("o-", "s--", "^:")):
        points = [(r["documents"], r["search"][engine]["ready_ms"]) for r in rows if r.get("search", {}).get(engine)]
        if points:
            axes[2].plot(*zip(*points), style, label=engine)
    axes[2].set_title("search ready, ms")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("documents in the library")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    path = out / "growth.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def report(out: Path) -> None:
    rows = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in out.glob("results-*.json")), key=lambda r: r["documents"]
    )
    search_rows = rows
    rows = [r for r in rows if "build" in r]  # --ours-only on a library this folder had no results for
    print("\n## Build and pages\n")
    print("\n".join(build_table(rows)))
    print("\n## Search (same library, same queries, each on a fresh page)\n")
    print("\n".join(search_table(search_rows)))
    recall_file = out / "recall.json"
    if recall_file.exists():
        print("\n## Recall@3 on the real five-document library (tests/search_queries.yml)\n")
        for engine, found in json.loads(recall_file.read_text(encoding="utf-8")).items():
            print(
                f"- {engine}: {found['recall_at_3']:.1%} of {found['queries']} queries"
                + "".join(f"\n  - miss {m['query']}: {m['wrong']}" for m in found["misses"][:8])
            )
    print()
    for line in growth_lines(rows):
        print(line)
    path = plot(rows, out) if rows else None
    if path:
        print(f"plot: {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="library sizes, comma-separated (default 1,10,100)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="search engines compared (default all three)")
    parser.add_argument("--queries", type=int, default=8, help="queries from tests/search_queries.yml (default 8)")
    parser.add_argument(
        "--lunr-queries",
        type=int,
        help="fewer queries for lunr, whose every page load builds its index again (default: --queries)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="times each query is typed on a fresh page, for ours (default 3)"
    )
    parser.add_argument(
        "--ours-only",
        type=Path,
        metavar="PROJECT",
        help="only measure our search again, on a library built before (a folder with sources/ and site/)",
    )
    parser.add_argument(
        "--no-reindex",
        dest="reindex",
        action="store_false",
        help="with --ours-only: keep the site's search index (only search.js is copied in)",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements and recall")
    parser.add_argument("--no-recall", action="store_true", help="skip recall@3 on the real library")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="folder for results (default bench/)")
    parser.add_argument("--workdir", type=Path, help="where the throwaway projects go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway projects and sites")
    args = parser.parse_args(argv)
    args.engines = tuple(e for e in args.engines.split(",") if e)
    if set(args.engines) - set(ENGINES):
        parser.error(f"--engines: choose from {', '.join(ENGINES)}")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.ours_only:
        args.out.mkdir(parents=True, exist_ok=True)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                save(ours_only(args.ours_only, args, browser), args.out)
            finally:
                browser.close()
        report(args.out)
        return 0

    texts, skipped = usable_texts(ROOT)
    for note in skipped:
        print(note, file=sys.stderr)
    if not texts:
        print("bench: no source text the parser accepts", file=sys.stderr)
        return 1
    print(f"texts cycled: {', '.join(p.name for p in texts)}; engines: {', '.join(args.engines)}", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    # --keep: a folder that outlives the run (a TemporaryDirectory would remove the kept projects)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    kept = tempfile.mkdtemp(prefix="bench-", dir=args.workdir) if args.keep else None
    folder = contextlib.nullcontext(kept) if kept else tempfile.TemporaryDirectory(prefix="bench-", dir=args.workdir)
    with folder as tmp:
        workdir = Path(tmp)
        if kept:
            print(f"projects kept in {kept}", file=sys.stderr)
        browser = playwright = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            args.skipped = skipped
            for size in sizes:
                save(measure(size, args, texts, workdir, browser), args.out)
            if browser is not None and not args.no_recall:
                print("recall@3 on the real library …", file=sys.stderr, flush=True)
                (args.out / "recall.json").write_text(
                    json.dumps(recall(browser, args.engines, workdir), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8",
                )
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    report(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
