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

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))

def result_ids(page, site: Path, catalog: dict[str, str]) -> list[str]:
    """Catalog ids of the result links, in display order, each once."""
    ids: list[str] = []
    for href in page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "as => as.map(a => a.href)"):
        parsed = urllib.parse.urlsplit(href)
        relative = Path(urllib.parse.unquote(parsed.path)).relative_to(site).as_posix()
        with_anchor = f"{relative}#{parsed.fragment}" if parsed.fragment else relative
        found = catalog.get(with_anchor) or catalog.get(relative) or with_anchor
        if found not in ids:
            ids.append(found)
    return ids


@pytest.fixture(scope="module")
def catalog(real_build: Build) -> dict[str, str]:
    entries = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    return {entry["url"]: entry["id"] for entry in entries}


def test_query_file_is_big_and_varied():
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == {"term", "part", "phrase", "rare", "idiom", "multi"}


def test_every_query_occurs_in_the_text(speech_text: str):
    for q in QUERIES:
        for word in q["query"].split():
            assert word in speech_text, q


def test_recall_at_3_is_complete_and_no_request_leaves(real_build: Build, offline_page, catalog):
    page, network = offline_page
    page.goto((real_build.site / "tanxin/index.html").as_uri())
    misses = []
    for q in QUERIES:
        search(page, q["query"])
        top3 = result_ids(page, real_build.site, catalog)[:3]
        missing = [target for target in q["expect"] if target not in top3]
        if missing:
            misses.append((q["query"], missing, top3))
    recall = 1 - len(misses) / len(QUERIES)
    print(f"\nrecall@3 = {recall:.1%} over {len(QUERIES)} queries")
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
