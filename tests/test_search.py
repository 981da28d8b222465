"""Chinese search in Material's own search box, on the site opened from disk.

Every query of tests/search_queries.yml is typed into the box; the ids it must
find have to be among the top three results.  Recall@3 is printed and must be 100%.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
import yaml

from browser import search
from conftest import ROOT, Build
from studysite.site import load_document, source_files

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))

def _catalog_id(href: str, site: Path, catalog: dict[str, str]) -> str:
    parsed = urllib.parse.urlsplit(href)
    relative = Path(urllib.parse.unquote(parsed.path)).relative_to(site).as_posix()
    with_anchor = f"{relative}#{parsed.fragment}" if parsed.fragment else relative
    return catalog.get(with_anchor) or catalog.get(relative) or with_anchor


def result_groups(page, site: Path, catalog: dict[str, str]) -> list[list[str]]:
    """The results as the reader sees them: one group per page (its own link, then its sections' links)."""
    groups = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))",
    )
    return [list(dict.fromkeys(_catalog_id(href, site, catalog) for href in hrefs)) for hrefs in groups]


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


def right_answers(q: dict, parents: dict[str, str | None]) -> set[str]:
    """The blocks that hold the words, and the pages and sections that contain those blocks."""
    accepted = set()
    for target in q["expect"]:
        while target:
            accepted.add(target)
            target = parents.get(target)
    return accepted


def test_recall_at_3_is_complete_and_no_request_leaves(real_build: Build, offline_page, catalog):
    entries = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    parents = {e["id"]: e["parent"] for e in entries}
    kinds = {e["id"]: e["kind"] for e in entries}
    page, network = offline_page
    page.goto((real_build.site / "tanxin/index.html").as_uri())
    misses = []
    for q in QUERIES:
        search(page, q["query"])
        top3 = result_groups(page, real_build.site, catalog)[:3]
        shown = {i for group in top3 for i in group}
        if len(q["expect"]) <= 3:
            # Few blocks hold the words: every one of them is among the first three
            # results, as itself or within its page's result (a page lists its sections).
            wrong = [t for t in q["expect"] if t not in shown and not (kinds[t] == "point" and parents[t] in shown)]
        else:
            # Many do: each of the first three results is one of them (or a page holding them).
            accepted = right_answers(q, parents)
            wrong = [group[0] for group in top3 if not accepted & set(group)] + (
                [] if len(top3) == 3 else ["(fewer than 3)"]
            )
        if wrong:
            misses.append((q["query"], wrong, [group[0] for group in top3]))
    recall = 1 - len(misses) / len(QUERIES)
    print(f"\nrecall@3 = {recall:.1%} over {len(QUERIES)} queries")
    for query, wrong, top3 in misses:
        print(f"  miss: {query!r}: {wrong} not right; top 3 were {top3}")
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
