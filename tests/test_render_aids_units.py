"""The study pages (structure map, link table, glossary and term pages, quotations) on a tiny text."""

from __future__ import annotations

import html
import re

import pytest

from studysite import layout, render_aids
from studysite.aids import StudyAids, citation
from studysite.cite import fill_template
from studysite.model import Document
from tiny import tiny_aids, tiny_document


@pytest.fixture(scope="module")
def doc() -> Document:
    return tiny_document()


@pytest.fixture(scope="module")
def aids() -> StudyAids:
    return tiny_aids()


def hrefs(markup: str, css: str) -> list[str]:
    return re.findall(rf'<a class="{css}" href="([^"]+)"', markup)


def test_structure_map_links_every_part_and_directive_in_order(doc: Document):
    page = render_aids.map_page(doc)
    assert hrefs(page, "sm-part-title") == ["1.html", "2.html"]
    assert hrefs(page, "sm-directive") == ["1-1.html", "1-2.html", "2-1.html", "2-2.html"]
    assert hrefs(page, "sm-opening") == ["opening.html"]
    assert page.startswith(render_aids.UNSEARCHED_PAGE)


def test_link_table_has_a_row_and_the_citation_of_every_section(doc: Document, aids: StudyAids):
    page = render_aids.links_page(doc, aids)
    rows = re.findall(r'<tr class="cite level-(\w+)" data-node="([^"]+)" data-where="([^"]+)"', page)
    assert [(level, node) for level, node, _ in rows] == [
        ("part", "1"),
        ("directive", "1-1"),
        ("directive", "1-2"),
        ("part", "2"),
        ("directive", "2-1"),
        ("directive", "2-2"),
    ]
    template = html.unescape(re.search(r'<div class="cite-template" hidden data-cite="([^"]+)"', page).group(1))
    for _, node, where in rows:  # a row's citation: the page's template with its locator (docs/assets/cite.js)
        assert fill_template(template, where=html.unescape(where), place=node, url="") == citation(doc, doc.find(node))
    assert "data-url" not in page  # no site_url: the browser resolves the relative link


def test_term_pages_list_each_occurrence_with_its_block(doc: Document, aids: StudyAids):
    pages = render_aids.term_pages([doc], aids)
    assert layout.GLOSSARY_PAGE in pages
    by_text = {term.text: term for term in aids.index.terms}
    assert {"甲乙", "丙丁"} <= set(by_text)
    page = pages[layout.term_page(by_text["甲乙"].id)]
    assert "# 甲乙 {#term}" in page
    assert re.findall(r'<li data-owner="([^"]+)"><a class="occurrence" href="([^"]+)"', page) == [
        ("1-1", "../x/1-1.html#1-1")
    ]
    assert "<mark>甲乙</mark>" in page
    glossary = pages[layout.GLOSSARY_PAGE]
    assert f"[甲乙]({by_text['甲乙'].id}.md)" in glossary


def test_quotations_page_says_when_there_are_none(doc: Document, aids: StudyAids):
    assert "本文没有引用领导人讲话的句子。" in render_aids.quotations_page(doc, aids)


def test_self_test_asks_which_part_each_directive_belongs_to(doc: Document, aids: StudyAids):
    page = render_aids.selftest_page(doc, aids)
    assert "{#which-part}" in page
    for heading in ("要“甲乙”", "要“丙丁”", "要戊", "要己"):
        assert heading in page
