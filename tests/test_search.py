"""The site's own search (docs/assets/search.js) in Material's box, on the site opened from disk.

Every query of tests/search_queries.yml is typed into the box; the ids it must
find have to be among the top three results (scripts/search_recall.py, the rule
the bench uses too).  Recall@3 is printed and must be 100%.  Then what a reader
does: paste, keys, traditional characters, and what every hit says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import search
from conftest import ROOT, Build
from search_recall import catalog_id, load_queries, recall_at_3
from studysite.site import load_document, source_files

pytestmark = pytest.mark.browser

QUERIES = load_queries()


def result_groups(page, site: Path, catalog: dict[str, str]) -> list[list[str]]:
    """The results as the reader sees them: one group per page (its places' links, best first)."""
    groups = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))",
    )
    return [list(dict.fromkeys(catalog_id(href, site, catalog) for href in hrefs)) for hrefs in groups if hrefs]


def result_ids(page, site: Path, catalog: dict[str, str]) -> list[str]:
    """Catalog ids of the result links, in display order, each once."""
    return list(dict.fromkeys(i for group in result_groups(page, site, catalog) for i in group))


@pytest.fixture(scope="module")
def catalog(real_build: Build) -> dict[str, str]:
    entries = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    return {entry["url"]: entry["id"] for entry in entries}


def test_query_file_is_big_and_varied():
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == {"term", "part", "phrase", "rare", "idiom", "multi"}


def library_texts() -> dict[str, str]:
    """Every document's text with line breaks removed, as its pages show it."""
    return {p.stem: load_document(p).source.replace("\n", "") for p in source_files(ROOT)}


def test_every_query_occurs_in_the_text_and_its_blocks_are_listed():
    texts = library_texts()
    for q in QUERIES:
        for word in q["query"].split():
            assert any(word in text for text in texts.values()), q
        assert q["expect"], q


def test_recall_at_3_is_complete_and_no_request_leaves(real_build: Build, offline_page, catalog):
    entries = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    page, network = offline_page
    page.goto((real_build.site / "tanxin/index.html").as_uri())

    def results(query: str) -> list[list[str]]:
        search(page, query)
        return result_groups(page, real_build.site, catalog)

    recall, misses = recall_at_3(QUERIES, results, entries)
    print(f"\nrecall@3 = {recall:.1%} over {len(QUERIES)} queries")
    for miss in misses:
        print(f"  miss: {miss['query']!r}: {miss['wrong']} not right; top 3 were {miss['top3']}")
    assert misses == []
    assert network.blocked == []


def test_search_finds_a_word_from_a_directive_page_and_opens_it(real_build: Build, offline_page):
    page, network = offline_page
    page.goto((real_build.site / "tanxin/2-1.html").as_uri())
    search(page, "如履薄冰")
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url("**/tanxin/3-1.html*")
    assert "如履薄冰" in page.locator("article").inner_text()
    assert network.blocked == []


def loaded_index_files(page) -> list[str]:
    """The search index files this page has loaded, as paths under search/."""
    return page.evaluate(
        "[...document.querySelectorAll('script[src*=\"/search/\"]')].map(s => s.src.split('/search/')[1])"
    )


def test_index_loads_only_when_searching_and_then_only_what_the_query_needs(real_build: Build, offline_page):
    page, network = offline_page
    page.goto((real_build.site / "zfgzbg-2024/3-1.html").as_uri())
    assert loaded_index_files(page) == []
    search(page, "好好先生")
    loaded = loaded_index_files(page)
    shards = sum(1 for p in (real_build.site / "search" / "b").iterdir())
    chunks = sum(1 for p in (real_build.site / "search" / "t").iterdir())
    assert {"meta.js", "t2s.js"} <= set(loaded)
    # four characters, three pairs: at most three postings shards, and the one chunk of 2-2
    assert 1 <= sum(p.startswith("b/") for p in loaded) <= 3 < shards
    assert sum(p.startswith("t/") for p in loaded) == 1 < chunks
    assert network.blocked == []


def test_every_hit_names_its_document_and_place(real_build: Build, offline_page):
    page, _ = offline_page
    page.goto((real_build.site / "index.html").as_uri())
    search(page, "绩效")
    wheres = page.locator(".md-search-result__item .study-search__where").all_inner_texts()
    assert len(wheres) >= 3
    # Each document by its short name (studysite.titles.short_title: the speech's short_title, else the title).
    titles = (
        "谈心谈话讲话",
        "2020年政府工作报告",
        "2022年政府工作报告",
        "2024年政府工作报告",
        "2026年广东省政府工作报告",
    )
    assert all(w.startswith(titles) and " · " in w for w in wheres), wheres
    assert "谈心谈话讲话 · 3-2" in wheres
    search(page, "新质生产力")
    assert "2024年政府工作报告 · 三（一）" in page.locator(".study-search__where").all_inner_texts()
    assert page.locator(".md-search-result__item mark", has_text="新质生产力").count() >= 3


def test_a_pasted_query_searches_without_any_key(real_build: Build, offline_page):
    page, _ = offline_page
    page.goto((real_build.site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() === '键入以开始搜索'")
    # What a mouse paste does: text inserted, an input event, no key event at all.
    page.evaluate("document.execCommand('insertText', false, '如履薄冰')")
    page.wait_for_selector(".md-search-result__item")
    assert "tanxin/3-1.html" in page.locator("a.md-search-result__link").first.get_attribute("href")


def test_results_are_reached_and_opened_by_keyboard_and_escape_closes(real_build: Build, offline_page):
    page, _ = offline_page
    page.goto((real_build.site / "index.html").as_uri())
    page.keyboard.press("/")  # opens and focuses the search, as Material's own did
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("好好先生")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert "tanxin/2-2.html" in first and first.endswith("#2-2-2")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.locator("input.md-search__input").click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tanxin/2-2.html*#2-2-2")
    # the words are marked on the page the result opens
    assert page.locator("article mark", has_text="好好先生").count() >= 1


def test_a_query_in_traditional_characters_finds_the_simplified_text(real_build: Build, offline_page, catalog):
    page, _ = offline_page
    page.goto((real_build.site / "index.html").as_uri())
    search(page, "兩個維護")
    traditional = result_ids(page, real_build.site, catalog)
    search(page, "两个维护")
    assert traditional == result_ids(page, real_build.site, catalog) and "tanxin/1-1" in traditional
    search(page, "確保紀律底線")  # the fold is OpenCC's table, not a list of this site's words
    assert page.locator(".md-search-result__item mark", has_text="确保纪律底线").count() >= 1


def test_search_works_over_http_too(real_build: Build, chromium):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(real_build.site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = chromium.new_context(locale="zh-CN")
    elsewhere: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base)
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    try:
        page = context.new_page()
        page.goto(base + "zfgzbg-2024/3-1.html")
        search(page, "好好先生")
        where = page.locator(".study-search__where").all_inner_texts()
        assert where == ["谈心谈话讲话 · 2-2 第2点"]
        assert page.locator("a.md-search-result__link").first.get_attribute("href").startswith(base + "tanxin/2-2.html")
        assert elsewhere == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
