"""The text pages of one tiny document, rendered without MkDocs: every character once, links by structure."""

from __future__ import annotations

import html
import re

import pytest

from studysite import render
from studysite.aids import StudyAids
from studysite.model import Document
from tiny import TEXT, tiny_aids, tiny_document


@pytest.fixture(scope="module")
def doc() -> Document:
    return tiny_document()


@pytest.fixture(scope="module")
def aids() -> StudyAids:
    return tiny_aids()


def block_text(markdown: str, css: str) -> str:
    """What a reader sees of the ``css`` blocks of a page, in order."""
    blocks = re.findall(rf'<(div|h1)\b[^>]*class="{css}"[^>]*>(.*?)</\1>', markdown, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>|\n", "", "".join(inner for _, inner in blocks)))


def test_full_text_page_holds_every_character_once_in_order(doc: Document, aids: StudyAids):
    page = render.full_text_page(doc, aids)
    assert block_text(page, "fulltext") == TEXT.replace("\n", "")
    assert 'class="verbatim"' not in page  # the verbatim property counts each character on its own page only


def test_text_pages_together_hold_every_character_once(doc: Document, aids: StudyAids):
    units = doc.directives
    pages = [render.document_page(doc, aids), render.opening_page(doc, aids)]
    for part in doc.parts:
        pages.append(render.part_page(doc, part, aids))
        for unit in part.directives:
            i = units.index(unit)
            before, after = units[i - 1] if i else None, units[i + 1] if i + 1 < len(units) else None
            pages.append(render.directive_page(doc, unit, before, after, aids, [doc]))
    assert "".join(block_text(p, "verbatim") for p in pages) == TEXT.replace("\n", "")


def test_directive_page_links_by_structure(doc: Document, aids: StudyAids):
    first, second, third = doc.directives[:3]
    page = render.directive_page(doc, second, first, third, aids, [doc])
    assert f"# 1-2 要“丙丁” {{#{second.id}}}" in page
    crumbs = page.split("\n{: .crumbs")[0]
    assert re.findall(r"\]\(([^)]+)\)", crumbs) == ["index.md", "1.md"]
    pager = page.split("\n{: .pager")[0].rsplit("\n", 1)[-1]
    assert re.findall(r"\]\(([^)]+)\)", pager) == ["1-1.md", "2-1.md"]
    assert f'data-node="{second.id}"' in page  # its cite line


def test_home_page_links_each_document(doc: Document):
    page = render.home_page([doc])
    assert "[标题](x/index.md)" in page
