#!/usr/bin/env python3
"""Benchmark: build cost, page weight and search speed as the library grows.

    scripts/bench.py [--sizes 1,10,50,100] [--runs 3] [--no-browser] [--variant NAME] [--out bench]

For each size N it copies the project (config, hook, assets, scripts) into a
temporary folder whose ``sources/`` holds N documents ``doc001.txt`` ...,
made by cycling through the real texts of ``sources/`` (texts the parser
rejects are skipped, and the output says so), then measures:

- the generator alone (``studysite.site.build_site``: parse + render), in this
  process, and the whole ``mkdocs build --strict`` as a child process;
- peak memory: ``ru_maxrss`` of the ``mkdocs build`` child (``os.wait4``),
  and ``tracemalloc``'s peak for the generator (Python allocations only);
- pages, bytes of ``site/``, median and largest HTML page, median directive
  page and the bytes of its navigation, search index bytes against the
  texts' UTF-8 bytes;
- in headless Chromium, the site opened from disk (file://): the longest
  main-thread task during a page load (Long Tasks API), the time from
  focusing the search box right after the load event to the worker's READY
  message (on file:// the worker is set up only then, in an iframe on the
  main thread: Material's lunr worker built its index there, ours
  scripts/search_worker.js only normalises strings), the longest task
  during that, and the time from typing a query to the first result.

Every figure is the median of several runs.  Builds slower than
``--budget`` seconds are not repeated (the row says how many runs it got).
One table row per size goes to stdout, and ``bench/<variant>-<N>.json``
holds every figure.  Variants (``--variant``) measure a proposed change
on the throwaway copy only; they never touch the real project.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studysite.errors import SourceError
from studysite.reading import read_source
from studysite.site import build_site, library_order, load_document, source_files

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as in tests/browser.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Catalog kinds of the pages that hold the text (the speech's directives, a report's sections).
UNIT_KINDS = ("directive", "section", "interlude")

#: What the project copy needs besides its sources (as tests/conftest.py copy_project).
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")

#: Targets of issue 7, checked on every row (they are meant for 100 documents).
TARGETS = {
    "generator_share": 0.10,       # generator seconds / mkdocs build seconds
    "directive_page_kb": 60,       # median directive page, KB of HTML
    "index_ratio": 1.5,            # search index bytes / text UTF-8 bytes
    "ready_ms": 500,               # focus after load -> search ready
    "first_result_ms": 150,        # typing -> first result
    "longtask_load_ms": 200,       # longest main-thread task on a page load
}

# Recorded in every page before its own scripts run.  The search worker
# posts {type: 1} (READY) when its index is built; on file:// the worker is the
# iframe-worker shim, whose messages reach this window.
INIT_SCRIPT = """
window.__bench = {longtasks: [], ready: null};
new PerformanceObserver(list => {
  for (const e of list.getEntries()) __bench.longtasks.push([e.startTime, e.duration]);
}).observe({type: 'longtask', buffered: true});
addEventListener('message', e => {
  if (e.data && e.data.type === 1 && __bench.ready === null) __bench.ready = performance.now();
});
"""

# Types a query the way Material listens for it (value + keyup) and resolves
# with the milliseconds until the first result item is in the list.
TYPE_QUERY = """
query => new Promise(resolve => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const done = () => list.querySelector('.md-search-result__item');
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (done()) { obs.disconnect(); resolve(performance.now() - t0); }
  });
  obs.observe(list, {childList: true, subtree: true});
  input.value = query;
  input.dispatchEvent(new KeyboardEvent('keyup', {key: query.slice(-1), bubbles: true}));
  setTimeout(() => { obs.disconnect(); resolve(null); }, 30000);
})
"""

# Not Material: how long a plain substring scan over the index documents the
# page has already loaded (search_index.js sets __index) takes, per query.
# The measure of a design without any index build (bench/README.md).
SUBSTRING_SCAN = """
queries => {
  const t0 = performance.now();
  const docs = __index.docs.map(d => (d.title + ' ' + d.text).replace(/<[^>]+>|\u200b/g, ''));
  const prepare = performance.now() - t0;
  const times = [], hits = [];
  for (const q of queries) {
    const words = q.split(/\\s+/), t = performance.now();
    let n = 0;
    for (const d of docs) if (words.every(w => d.includes(w))) n++;
    times.push(performance.now() - t); hits.push(n);
  }
  return {prepare, times, hits};
}
"""

CLEAR_QUERY = """
() => new Promise(resolve => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  input.value = '';
  input.dispatchEvent(new KeyboardEvent('keyup', {key: 'Backspace', bubbles: true}));
  const check = () => list.children.length === 0 ? resolve() : setTimeout(check, 5);
  check();
})
"""


# --------------------------------------------------------------------------
# The synthetic library

def usable_texts(root: Path) -> tuple[list[Path], list[str]]:
    """The real texts the parser accepts, and a note for each one it rejects."""
    good, skipped = [], []
    for path in source_files(root):
        try:
            doc = load_document(path)
        except SourceError as err:
            first = str(err).splitlines()[0]
            skipped.append(f"skipped {path.relative_to(root)}: the parser rejects it ({first})")
        else:
            good.append((doc, path))
    # The library's own order (the speech first), so doc001 is the speech the search queries are about.
    order = {id(doc): path for doc, path in good}
    return [order[id(doc)] for doc in library_order([doc for doc, _ in good])], skipped


def make_project(target: Path, texts: list[Path], size: int) -> int:
    """Copy the project into ``target`` with ``size`` documents; return the texts' UTF-8 bytes."""
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    sources = target / "sources"
    sources.mkdir()
    glossary = ROOT / "sources" / "glossary.yml"
    if glossary.exists():
        shutil.copy2(glossary, sources / glossary.name)
    text_bytes = 0
    for i in range(size):
        text = texts[i % len(texts)]
        slug = f"doc{i + 1:03d}"
        shutil.copy2(text, sources / f"{slug}.txt")
        if text.with_suffix(".yml").exists():
            shutil.copy2(text.with_suffix(".yml"), sources / f"{slug}.yml")
        text_bytes += len(read_source(sources / f"{slug}.txt").text.encode("utf-8"))
    return text_bytes


# Variants: a proposed change applied to the throwaway copy only.

def _add_feature(project: Path, feature: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "  features:\n"
    if anchor not in text:
        raise SystemExit("bench: mkdocs.yml has no theme features list to extend")
    config.write_text(text.replace(anchor, f"{anchor}    - {feature}\n", 1), encoding="utf-8")


VARIANTS: dict[str, Callable[[Path], None]] = {
    "baseline": lambda project: None,
    "prune": lambda project: _add_feature(project, "navigation.prune"),
}


# --------------------------------------------------------------------------
# Build measurements

def time_generator(project: Path, runs: int) -> dict[str, Any]:
    paths = source_files(project)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        site = build_site(paths)
        times.append(time.perf_counter() - start)
    tracemalloc.start()  # a separate, untimed run: tracing slows allocation down
    build_site(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": times, "tracemalloc_peak_mb": peak / 2**20, "generated_pages": len(site.pages)}


def mkdocs_build(project: Path, site_dir: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``mkdocs build --strict``, as a child process."""
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: mkdocs build failed in {project}:\n{output}")
    return seconds, usage.ru_maxrss / 1024  # Linux: KB


def html_pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary"')


def nav_bytes(html: str) -> int:
    """Bytes of the primary navigation (``<nav class="md-nav md-nav--primary">`` and all it nests)."""
    start = PRIMARY_NAV.search(html)
    if not start:
        return 0
    depth, pos = 0, start.start()
    for tag in re.finditer(r"<(/?)nav\b", html[pos:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.index(">", pos + tag.end()) + 1
            return len(html[start.start():end].encode("utf-8"))
    return 0


def site_figures(site: Path, text_bytes: int) -> dict[str, Any]:
    pages = html_pages(site)
    catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
    directives = sorted(e["url"] for e in catalog if e["kind"] in UNIT_KINDS)
    directive_sizes = sorted(pages[url] for url in directives)
    median_directive = sorted(directives, key=lambda url: pages[url])[len(directives) // 2]
    index_json = site / "search" / "search_index.json"
    index = json.loads(index_json.read_text(encoding="utf-8"))
    index_js = (site / "search" / "search_index.js").stat().st_size
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "html_median_bytes": statistics.median(pages.values()),
        "html_max_bytes": max(pages.values()),
        "html_max_page": max(pages, key=pages.get),
        "directive_median_bytes": statistics.median(directive_sizes),
        "directive_median_page": median_directive,
        "directive_median_nav_bytes": nav_bytes((site / median_directive).read_text(encoding="utf-8")),
        "index_entries": len(index["docs"]),
        "index_json_bytes": index_json.stat().st_size,
        "index_js_bytes": index_js,
        "text_bytes": text_bytes,
        "index_ratio": index_js / text_bytes,
    }


# --------------------------------------------------------------------------
# Browser measurements

def load_queries(count: int) -> list[str]:
    import yaml

    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
    # Spread over the file, so every kind (term, part, phrase, rare, idiom, multi) is in.
    step = max(1, len(queries) // count)
    return [q["query"] for q in queries[::step]][:count]


def browse(browser, url: str, queries: list[str]) -> dict[str, Any]:
    """One fresh page load, then search init, then the queries; all times in ms."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    blocked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (blocked.append(route.request.url), route.abort()))
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_timeout(1000)  # let the page settle: late tasks count as page load too
        nav = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        load_tasks = page.evaluate("__bench.longtasks.map(t => t[1])")
        focused = page.evaluate(
            "() => { document.querySelector('input.md-search__input').focus(); return performance.now(); }"
        )
        page.locator("input.md-search__input").click()  # opens the search toggle, which starts the worker
        page.wait_for_function("__bench.ready !== null", timeout=180_000, polling=20)
        ready = page.evaluate("__bench.ready")
        init_tasks = page.evaluate("t => __bench.longtasks.filter(x => x[0] + x[1] >= t).map(x => x[1])", focused)
        first_results = []
        for query in queries:
            page.evaluate(CLEAR_QUERY)
            first_results.append(page.evaluate(TYPE_QUERY, query))
        scan = page.evaluate(SUBSTRING_SCAN, queries)
        return {
            "load_event_ms": nav["loadEventEnd"],
            "longtask_load_ms": max(load_tasks, default=0.0),
            "ready_ms": ready - focused,
            "longtask_init_ms": max(init_tasks, default=0.0),
            "first_result_ms": first_results,
            "scan_prepare_ms": scan["prepare"],
            "scan_ms": scan["times"],
            "scan_hits": scan["hits"],
            "blocked_requests": len(blocked),
        }
    finally:
        context.close()


RESULT_HREFS = (
    "() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')].map(a => a.href)"
)


def recall_at_3(browser, site: Path, slug: str) -> dict[str, Any]:
    """tests/search_queries.yml on a one-document library of the speech (``tanxin/`` read as ``<slug>/``).

    Not a speed figure: it shows that a variant keeps the search results of the search issue.
    """
    import urllib.parse

    import yaml

    # The queries' blocks in the speech, the only text of this library; queries that
    # only the reports answer are left out.
    queries = []
    for q in yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8")):
        mine = [e.replace("tanxin/", f"{slug}/", 1) for e in q["expect"] if e.startswith("tanxin/")]
        if mine:
            queries.append({**q, "expect": mine})
    catalog = {e["url"]: e["id"] for e in json.loads((site / "links.json").read_text(encoding="utf-8"))}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    misses = []
    try:
        page.goto((site / slug / "index.html").as_uri())
        page.locator("input.md-search__input").click()
        page.wait_for_function("__bench.ready !== null", timeout=180_000, polling=20)
        for q in queries:
            page.evaluate(CLEAR_QUERY)
            page.evaluate(TYPE_QUERY, q["query"])
            ids: list[str] = []
            for href in page.evaluate(RESULT_HREFS):
                parts = urllib.parse.urlsplit(href)
                relative = Path(urllib.parse.unquote(parts.path)).relative_to(site).as_posix()
                found = catalog.get(f"{relative}#{parts.fragment}") or catalog.get(relative) or relative
                if found not in ids:
                    ids.append(found)
            expected = q["expect"]
            if not set(expected[:3]) <= set(ids[:3]):
                misses.append({"query": q["query"], "expect": expected, "top3": ids[:3]})
    finally:
        context.close()
    return {"queries": len(queries), "recall_at_3": 1 - len(misses) / len(queries), "misses": misses}


# --------------------------------------------------------------------------
# The run

def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure(size: int, args: argparse.Namespace, texts: list[Path], workdir: Path, browser) -> dict[str, Any]:
    project = workdir / f"{args.variant}-{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    text_bytes = make_project(project, texts, size)
    VARIANTS[args.variant](project)
    site = project / "site"

    builds, notes = [], []
    for run in range(args.runs):
        builds.append(mkdocs_build(project, site))
        if builds[-1][0] > args.budget and run + 1 < args.runs:
            notes.append(
                f"{size} docs: {run + 1} build run(s), not {args.runs}: "
                f"one takes {builds[-1][0]:.0f} s > --budget {args.budget:.0f} s"
            )
            break
    generator = time_generator(project, len(builds))
    row: dict[str, Any] = {
        "variant": args.variant,
        "documents": size,
        "texts": sorted({texts[i % len(texts)].name for i in range(size)}),
        "build_runs": len(builds),
        "build_seconds": [b[0] for b in builds],
        "build_peak_rss_mb": max(b[1] for b in builds),
        "generator_seconds": generator["seconds"],
        "generator_tracemalloc_peak_mb": generator["tracemalloc_peak_mb"],
        "generated_pages": generator["generated_pages"],
    }
    row["build_s"] = median(row["build_seconds"])
    row["generator_s"] = median(row["generator_seconds"])
    row["generator_share"] = row["generator_s"] / row["build_s"]
    row.update(site_figures(site, text_bytes))

    if browser is not None:
        catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
        middle = f"doc{size // 2 + 1:03d}"
        url_path = next(e["url"] for e in catalog if e["kind"] in UNIT_KINDS and e["id"].startswith(middle + "/"))
        url = (site / url_path).as_uri()
        queries = load_queries(args.queries)
        warm = browser.new_page()  # the first load after building is cold (disk cache): not counted
        warm.goto(url, wait_until="load", timeout=120_000)
        warm.close()
        visits = []
        for run in range(args.runs):
            visits.append(browse(browser, url, queries))
            if visits[-1]["ready_ms"] > args.budget * 1000 / 4 and run + 1 < args.runs:
                notes.append(
                    f"{size} docs: {run + 1} browser run(s): search init takes {visits[-1]['ready_ms'] / 1000:.1f} s"
                )
                break
        row["browser"] = {"page": url_path, "queries": queries, "visits": visits}
        row["browser_runs"] = len(visits)
        for key in ("load_event_ms", "longtask_load_ms", "ready_ms", "longtask_init_ms"):
            row[key] = median([v[key] for v in visits])
        per_query = [median([v["first_result_ms"][i] for v in visits]) for i in range(len(queries))]
        row["first_result_ms"] = median(per_query)
        row["first_result_max_ms"] = max((q for q in per_query if q is not None), default=None)
        row["scan_prepare_ms"] = median([v["scan_prepare_ms"] for v in visits])
        row["scan_ms"] = median([t for v in visits for t in v["scan_ms"]])
        row["scan_max_ms"] = max(t for v in visits for t in v["scan_ms"])
        row["blocked_requests"] = sum(v["blocked_requests"] for v in visits)
        if size == 1 and texts[0].name == "tanxin.txt":
            row["search_quality"] = recall_at_3(browser, site, "doc001")
    row["notes"] = notes
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return row


def passes(row: dict[str, Any]) -> dict[str, bool | None]:
    def check(key: str, value: float | None) -> bool | None:
        return None if value is None else value <= TARGETS[key]

    return {
        "generator_share": check("generator_share", row["generator_share"]),
        "directive_page_kb": check("directive_page_kb", row["directive_median_bytes"] / 1000),
        "index_ratio": check("index_ratio", row["index_ratio"]),
        "ready_ms": check("ready_ms", row.get("ready_ms")),
        "first_result_ms": check("first_result_ms", row.get("first_result_ms")),
        "longtask_load_ms": check("longtask_load_ms", row.get("longtask_load_ms")),
    }


def mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def fmt(value: float | None, digits: int = 0, ok: bool | None = None) -> str:
    return ("–" if value is None else f"{value:,.{digits}f}") + mark(ok)


HEADER = (
    "| docs | pages | generator s | build s | gen/build | peak RSS MB | site MB | median HTML KB | max HTML KB "
    "| median directive KB (nav KB) | index MB | index/text | long task on load ms | search ready ms "
    "| long task in init ms | first result ms (max) |"
)


def table_row(row: dict[str, Any]) -> str:
    ok = row["pass"]
    cells = [
        str(row["documents"]),
        str(row["pages"]),
        fmt(row["generator_s"], 3),
        fmt(row["build_s"], 1) + ("" if row["build_runs"] > 1 else "¹"),
        fmt(row["generator_share"] * 100, 1) + " %" + mark(ok["generator_share"]),
        fmt(row["build_peak_rss_mb"]),
        fmt(row["site_bytes"] / 1e6, 1),
        fmt(row["html_median_bytes"] / 1000),
        fmt(row["html_max_bytes"] / 1000),
        f"{fmt(row['directive_median_bytes'] / 1000, 0, ok['directive_page_kb'])}"
        f" ({fmt(row['directive_median_nav_bytes'] / 1000)})",
        fmt(row["index_js_bytes"] / 1e6, 2),
        fmt(row["index_ratio"], 2, ok["index_ratio"]),
        fmt(row.get("longtask_load_ms"), 0, ok["longtask_load_ms"]),
        fmt(row.get("ready_ms"), 0, ok["ready_ms"]),
        fmt(row.get("longtask_init_ms")),
        f"{fmt(row.get('first_result_ms'), 0, ok['first_result_ms'])} ({fmt(row.get('first_result_max_ms'))})",
    ]
    return "| " + " | ".join(cells) + " |"


def growth(rows: list[dict[str, Any]]) -> list[str]:
    """Cost per added document between consecutive sizes: linear growth keeps it flat."""
    lines = []
    keys = [("build_s", "build s", 1e3, "ms"), ("generator_s", "generator s", 1e3, "ms"),
            ("site_bytes", "site", 1e-6, "MB"), ("index_js_bytes", "index", 1e-3, "KB"),
            ("directive_median_bytes", "directive page", 1e-3, "KB"), ("ready_ms", "search ready", 1, "ms"),
            ("first_result_ms", "first result", 1, "ms"), ("longtask_load_ms", "long task on load", 1, "ms")]
    for a, b in zip(rows, rows[1:]):
        added = b["documents"] - a["documents"]
        parts = []
        for key, label, scale, unit in keys:
            if a.get(key) is None or b.get(key) is None:
                continue
            per_doc = (b[key] - a[key]) / added * scale
            ratio = b[key] / a[key] if a[key] else float("inf")
            parts.append(f"{label} +{per_doc:,.2f} {unit}/doc (×{ratio:.2f})")
        lines.append(f"{a['documents']}→{b['documents']} docs: " + "; ".join(parts))
    if len(rows) >= 3:
        first = (rows[1]["build_s"] - rows[0]["build_s"]) / (rows[1]["documents"] - rows[0]["documents"])
        last = (rows[-1]["build_s"] - rows[-2]["build_s"]) / (rows[-1]["documents"] - rows[-2]["documents"])
        linear = last <= 1.5 * first
        lines.append(
            f"build time per added document, last step vs first step: {last:.3f} s vs {first:.3f} s "
            f"(×{last / first:.1f}): {'linear ✓' if linear else 'worse than linear ✗'} (target: within ×1.5)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50,100", help="library sizes, comma-separated (default 1,10,50,100)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; each figure is their median (default 3)")
    parser.add_argument("--budget", type=float, default=90.0,
                        help="seconds: a size whose build takes longer gets no further runs (default 90)")
    parser.add_argument("--queries", type=int, default=8, help="queries from tests/search_queries.yml (default 8)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument(
        "--variant", default="baseline", choices=sorted(VARIANTS), help="a proposed change, on the copy only"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="folder for the JSON results (default bench/)")
    parser.add_argument("--workdir", type=Path, help="where the throwaway projects go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway projects and sites")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    texts, skipped = usable_texts(ROOT)
    # The speech first: a one-document library is the speech, on which
    # tests/search_queries.yml checks that the search results stay right.
    texts.sort(key=lambda path: path.name != "tanxin.txt")
    for note in skipped:
        print(note, file=sys.stderr)
    if not texts:
        print("bench: no source text the parser accepts", file=sys.stderr)
        return 1
    print(
        f"texts cycled: {', '.join(p.name for p in texts)}; variant: {args.variant}; runs: {args.runs}", file=sys.stderr
    )

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=args.workdir) as tmp:
        workdir = Path(tmp)
        rows = []
        browser, playwright = None, None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print(HEADER)
            print("|" + "---|" * HEADER.count(" | ") + "---|")
            for size in sizes:
                row = measure(size, args, texts, workdir, browser)
                row["pass"] = passes(row)
                row["skipped_sources"] = skipped
                row["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
                (args.out / f"{args.variant}-{size}.json").write_text(
                    json.dumps(row, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                rows.append(row)
                print(table_row(row), flush=True)
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    if any(row["build_runs"] == 1 for row in rows):
        print("¹ one build run only (see notes)")
    for row in rows:
        for note in row["notes"]:
            print("note:", note)
    for row in rows:
        if "search_quality" in row:
            quality = row["search_quality"]
            print(
                f"recall@3 on tests/search_queries.yml ({row['documents']} doc): {quality['recall_at_3']:.1%}"
                + "".join(f"\n  miss: {m['query']} expects {m['expect']}, top 3 {m['top3']}" for m in quality["misses"])
            )
        if row.get("scan_ms") is not None:
            print(
                f"{row['documents']} docs: plain substring scan of the loaded index: "
                f"{row['scan_prepare_ms']:.0f} ms to prepare, "
                f"{row['scan_ms']:.1f} ms a query (max {row['scan_max_ms']:.1f})"
            )
    for line in growth(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
