"""Pages that do not grow with the library: nested shelves in the nav, term pages and the glossary that
summarise past a limit.  The limits are lowered here so the five real documents cross them."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from studysite import layout, render_aids
from studysite.site import build_site, source_files


def test_nav_nests_documents_in_groups_of_at_most_ten():
    documents = [{f"d{i}": [{"概览": f"d{i}/index.md"}]} for i in range(1000)]
    top = layout._shelves(documents)
    assert [next(iter(g)) for g in top] == [f"文档 {i * 100 + 1}–{i * 100 + 100}" for i in range(10)]
    middle = top[3]["文档 301–400"]
    assert [next(iter(g)) for g in middle][:2] == ["文档 301–310", "文档 311–320"]
    assert [next(iter(d)) for d in middle[0]["文档 301–310"]] == [f"d{i}" for i in range(300, 310)]
    assert layout._shelves(documents[:7]) == documents[:7]
    last = layout._shelves(documents[:105])
    assert [next(iter(g)) for g in last] == ["文档 1–100", "文档 101–105"]
    assert [next(iter(g)) for g in layout._shelves(documents[:101])] == ["文档 1–100", "文档 101"]


@pytest.fixture(scope="module")
def small_limits_site():
    patch = pytest.MonkeyPatch()
    patch.setattr(render_aids, "TERM_PAGE_DOCUMENTS", 2)
    patch.setattr(render_aids, "GLOSSARY_PAGE_TERMS", 5)
    patch.setattr(layout, "CATALOG_PAGE_SIZE", 2)
    try:
        yield build_site(source_files(ROOT))
    finally:
        patch.undo()


def test_a_term_page_shows_sentences_for_the_first_documents_then_one_line_each(small_limits_site):
    page = small_limits_site.pages["terms/liangge-weihu.md"]
    assert page.count("### ") == 3  # two documents in full, then "其他 N 篇文档"
    assert "### 其他 3 篇文档 {#in-more" in page
    lines = re.findall(r'<li id="in-([\w-]+)"><a href="([^"]+)">[^<]+</a>（(\d+) 处）</li>', page)
    assert [slug for slug, _, _ in lines] == ["zfgzbg-2022", "zfgzbg-2024", "gd-zfgzbg-2026"]
    assert all(href.startswith(f"../{slug}/") and int(n) >= 1 for slug, href, n in lines)


def test_a_large_glossary_group_gets_pages_of_its_own(small_limits_site):
    glossary = small_limits_site.pages["terms/index.md"]
    extra = sorted(p for p in small_limits_site.pages if p.startswith("terms/group-"))
    assert extra and all(re.fullmatch(r"terms/group-[a-z-]+-\d+\.md", p) for p in extra)
    for path in extra:
        assert f"({path.removeprefix('terms/')})" in glossary
        assert small_limits_site.pages[path].count("\n- [") <= 5


def test_a_large_library_is_listed_on_catalog_pages_and_the_home_page_lists_them(small_limits_site):
    site, titles = small_limits_site, [doc.title for doc in small_limits_site.documents]
    home = site.pages["index.md"]
    assert "本站共收录 5 篇文档" in home
    for n, label in enumerate(["文档 1–2", "文档 3–4", "文档 5"], start=1):
        assert f"[{label}](library/{n}.md)" in home
        page = site.pages[f"library/{n}.md"]
        assert page.startswith(f"# {label} {{#catalog}}") and "[学习文库](../index.md)" in page
        listed = re.findall(r"^- \*\*\[(.+?)\]\(\.\./([\w-]+)/index\.md\)", page, re.M)
        assert [title for title, _ in listed] == titles[(n - 1) * 2 : n * 2]
        # every document is listed once, on exactly one catalog page, and never on the home page itself
        assert all(f"({slug}/index.md)" not in home for _, slug in listed)
    catalog = {e["id"]: e for e in site.catalog if e["kind"] == "catalog"}
    assert list(catalog) == ["library/1", "library/2", "library/3"]
    assert catalog["library/3"] == {
        "id": "library/3",
        "kind": "catalog",
        "title": "文档 5",
        "url": "library/3.html",
        "parent": None,
    }


def test_a_library_within_the_limit_is_listed_on_the_home_page_itself():
    size = layout.CATALOG_PAGE_SIZE
    assert layout.catalog_pages(size) == []
    pages = layout.catalog_pages(size * 10 + 1)
    assert len(pages) == 11 and pages[-1] == ("library/11.md", range(size * 10, size * 10 + 1))
    assert [len(positions) for _, positions in pages] == [size] * 10 + [1]
