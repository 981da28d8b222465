"""Where everything lives: page paths, URLs, the navigation and the link catalog.

This module is the single source of the URL scheme (documented in the README
and pinned by ``tests/golden/links.json``)::

    index.html                      home: the list of documents
    <slug>/index.html               a document: title, structure map, how to use
    <slug>/opening.html             the opening (salutation and first paragraphs)
    <slug>/<p>.html                 part p                       e.g. tanxin/2.html
    <slug>/<p>-<d>.html             directive d of part p        e.g. tanxin/2-1.html
    <slug>/<p>-<d>.html#<p>-<d>-<n> point n of that directive    e.g. tanxin/2-1.html#2-1-3
    <slug>/full.html                the whole text in reading order
    <slug>/map.html                 structure diagram: parts -> directives -> points
    <slug>/quotes.html              the document's quotations of leaders
    <slug>/selftest.html            self-test and discussion questions
    <slug>/links.html               link catalog: every part, directive, point, copyable
    terms/index.html                the glossary index, shared by all documents
    terms/<term id>.html            one term: definition, occurrences   e.g. terms/sanli.html

Ids in the catalog are ``<slug>`` for a document and ``<slug>/<structural id>``
for everything inside it, so they stay unique across documents; a term's id
is ``terms/<term id>`` (see :mod:`studysite.terms` for how term ids are made).
"""

from __future__ import annotations

import html
from typing import Any

from . import cite
from .kinds import Kind, label_is_locator, spec
from .model import Document, Section
from .terms import TermIndex

HOME_PAGE = "index.md"

#: Most documents listed side by side in the sidebar; more are grouped.
SHELF_SIZE = 10
#: Most documents the home page lists itself (about 30 KB); a larger library is listed on catalog pages
#: of this many documents each, ``library/1.html`` …, so no page grows with the library.
CATALOG_PAGE_SIZE = 100
GLOSSARY_PAGE = "terms/index.md"
#: The handout (讲义) and the study notes: pages the browser fills in (studysite/handout.py).
HANDOUT_PAGE = "handout.md"
NOTES_PAGE = "notes.md"


def catalog_pages(count: int) -> list[tuple[str, range]]:
    """The catalog pages of a library of ``count`` documents: path and the documents' positions (from 0).

    None while the home page lists every document itself, so a small library's addresses never change.
    """
    if count <= CATALOG_PAGE_SIZE:
        return []
    return [
        (f"library/{start // CATALOG_PAGE_SIZE + 1}.md", range(start, min(start + CATALOG_PAGE_SIZE, count)))
        for start in range(0, count, CATALOG_PAGE_SIZE)
    ]


def term_page(term_id: str) -> str:
    return f"terms/{term_id}.md"


def map_page(doc: Document) -> str:
    return f"{doc.slug}/map.md"


def quotations_page(doc: Document) -> str:
    return f"{doc.slug}/quotes.md"


def selftest_page(doc: Document) -> str:
    return f"{doc.slug}/selftest.md"


def links_page(doc: Document) -> str:
    return f"{doc.slug}/links.md"


def owner_page(doc: Document, owner: str) -> str:
    """The page and anchor of the node owning a verbatim span (``title``, ``opening`` or a section id)."""
    if owner == "title":
        return document_page(doc) + "#title"
    if owner == "opening":
        return opening_page(doc) + "#opening"
    section = doc.find(owner)
    return point_page(doc, section) if not section.has_page else f"{doc.slug}/{owner}.md#{owner}"


def owner_label(doc: Document, owner: str) -> str:
    """How a reader names that place: ``开场白``, ``第一部分导语``, ``2-1 务必强在前面``."""
    if owner == "title":
        return "标题"
    if owner == "opening":
        return "开场白"
    section = doc.find(owner)
    if section.kind in (Kind.PART, Kind.ANNEX, Kind.CHAPTER) and section.directives:
        return f"{part_label(section)}导语"
    return f"{section.id} {section.heading}"


def document_page(doc: Document) -> str:
    return f"{doc.slug}/index.md"


def opening_page(doc: Document) -> str:
    return f"{doc.slug}/opening.md"


def full_text_page(doc: Document) -> str:
    return f"{doc.slug}/full.md"


def node_page(doc: Document, node: Section) -> str:
    return f"{doc.slug}/{node.id}.md"


def point_page(doc: Document, point: Section) -> str:
    """The page that holds an anchored unit (a point, an article, an item), with its anchor."""
    return f"{doc.slug}/{doc.page_of(point.id).id}.md#{point.id}"


def url(page: str) -> str:
    """A page path (``tanxin/1-2.md#1-2-3``) as its site URL (``tanxin/1-2.html#1-2-3``)."""
    path, hash_, anchor = page.partition("#")
    return path[: -len(".md")] + ".html" + hash_ + anchor


def part_label(part: Section) -> str:
    """How a reader names a section: ``第一部分`` (speech), ``一、`` ``（三）`` (report), ``附件1``."""
    return part.label


def directive_label(directive: Section) -> str:
    """How a child page is listed on its parent's page: ``1-2（其次）``, ``3-1（一）``, ``a1-3（三）``, ``3-u1``."""
    if directive.kind == Kind.DIRECTIVE:
        return directive.label
    number = directive.marker.strip("（）()、")
    return f"{directive.id}（{number}）" if number else directive.id


def nav_title(text: str) -> str:
    """A nav title from source text, as the HTML the theme inserts unescaped.

    MkDocs and Material treat page and section titles as HTML (nav, header,
    footer, search index), so a heading such as ``<script>`` must arrive as
    ``&lt;script&gt;`` to be shown rather than run.
    """
    return html.escape(text, quote=True)


def navigation(documents: list[Document]) -> list[Any]:
    """The MkDocs ``nav`` value: home, then per document its pages in reading order.

    Titles are HTML (see :func:`nav_title`); the catalog's titles stay plain text.
    """
    t = nav_title
    nav: list[Any] = [{"首页": HOME_PAGE}]
    shelf: list[Any] = []
    for doc in documents:
        opening = "正文" if not doc.parts else "开场白"
        section: list[Any] = [{"概览": document_page(doc)}, {opening: opening_page(doc)}]
        section += [_nav_item(doc, part) for part in doc.parts]
        section.append({"全文": full_text_page(doc)})
        section.append({"结构图": map_page(doc)})
        section.append({"引语": quotations_page(doc)})
        section.append({"自测与讨论": selftest_page(doc)})
        section.append({"链接目录": links_page(doc)})
        shelf.append({t(doc.title): section})
    nav += _shelves(shelf)
    # Term pages are reached from the glossary and the text, not the sidebar.
    nav.append({"术语表": GLOSSARY_PAGE})
    # The trainer's own pages, filled in the browser (studysite/handout.py).
    nav += [{"讲义": HANDOUT_PAGE}, {"学习笔记": NOTES_PAGE}]
    return nav


def _shelves(documents: list[Any]) -> list[Any]:
    """Documents in nested groups of at most SHELF_SIZE entries: ``文档 1–100`` › ``文档 1–10`` › documents.

    With navigation.prune a page carries its own branch and the titles of the
    entries beside it on each level, at most SHELF_SIZE per level: its sidebar
    grows with the logarithm of the library, not with the library.
    """
    items, per_item, total = documents, 1, len(documents)
    while len(items) > SHELF_SIZE:
        items = [
            {
                documents_label(range(start * per_item, min((start + SHELF_SIZE) * per_item, total))): items[
                    start : start + SHELF_SIZE
                ]
            }
            for start in range(0, len(items), SHELF_SIZE)
        ]
        per_item *= SHELF_SIZE
    return items


def nav_label(node: Section) -> str:
    """A page's name in the sidebar (plain text; :func:`nav_title` escapes it)."""
    rule = spec(node.kind).nav
    if rule == "heading":
        return node.heading
    if rule == "number":
        return node.marker
    if rule == "marker":
        joiner = "" if node.marker.endswith("、") else " "
        return f"{node.marker}{joiner}{node.heading}"
    return f"{node.id} {node.heading}"


def _nav_item(doc: Document, node: Section) -> dict[str, Any]:
    """A page, or a nav section holding the node's own page and its child pages."""
    t = nav_title
    if not node.directives:
        return {t(nav_label(node)): node_page(doc, node)}
    if label_is_locator(node):
        intro = f"{part_label(node)}导读"
    else:
        intro = f"本{spec(node.kind).noun}导读" if node.kind != Kind.PART else "本部分导读"
    items: list[Any] = [{t(intro): node_page(doc, node)}]
    items += [_nav_item(doc, child) for child in node.directives]
    return {t(nav_label(node)): items}


def catalog(documents: list[Document], index: TermIndex | None = None) -> list[dict[str, str | None]]:
    """Every linkable thing in reading order: ``id``, ``kind``, ``title``, ``url``, ``parent``."""
    entries: list[dict[str, str | None]] = []

    def add(id_: str, kind: str, title: str, page: str, parent: str | None) -> None:
        entries.append({"id": id_, "kind": kind, "title": title, "url": url(page), "parent": parent})

    def add_section(doc: Document, node: Section, parent: str) -> None:
        node_id = f"{doc.slug}/{node.id}"
        if not node.has_page:
            title = node.heading if node.kind == Kind.POINT else nav_label(node)
            add(node_id, node.kind, title, point_page(doc, node), parent)
            add_paragraphs(doc, node.id)
            for child in node.children:
                add_section(doc, child, node_id)
            return
        if label_is_locator(node):
            title = f"{part_label(node)} {node.heading}"  # the speech: 第一部分 “三力”务必要进一步提高
        else:
            title = nav_label(node) if spec(node.kind).nav in ("marker", "heading") else node.heading
        add(node_id, node.kind, title, node_page(doc, node), parent)
        add_paragraphs(doc, node.id)
        for child in node.children:
            add_section(doc, child, node_id)

    def add_paragraphs(doc: Document, owner: str) -> None:
        """The paragraphs of the owner's own text (README, 链接规则): ``tanxin/2-2-p1``."""
        page = owner_page(doc, owner).partition("#")[0]
        for n in range(1, len(cite.paragraphs_of(doc).get(owner, ())) + 1):
            anchor = cite.paragraph_anchor(owner, n)
            title = cite.locator(doc, anchor)
            add(f"{doc.slug}/{anchor}", "paragraph", title, f"{page}#{anchor}", f"{doc.slug}/{owner}")

    for doc in documents:
        add(doc.slug, "document", doc.title, document_page(doc), None)
        add(f"{doc.slug}/opening", "opening", "开场白" if doc.parts else "正文", opening_page(doc), doc.slug)
        add_paragraphs(doc, "opening")
        for part in doc.parts:
            add_section(doc, part, doc.slug)
        add(f"{doc.slug}/full", "fulltext", "全文", full_text_page(doc), doc.slug)
        add(f"{doc.slug}/map", "map", "结构图", map_page(doc), doc.slug)
        add(f"{doc.slug}/quotes", "quotations", "引语", quotations_page(doc), doc.slug)
        add(f"{doc.slug}/selftest", "selftest", "自测与讨论", selftest_page(doc), doc.slug)
        add(f"{doc.slug}/links", "linktable", "链接目录", links_page(doc), doc.slug)
    if index is not None:
        add("terms", "glossary", "术语表", GLOSSARY_PAGE, None)
        for term in index.terms:
            add(f"terms/{term.id}", "term", term.text, term_page(term.id), "terms")
        for moved in index.moved:  # old addresses of phrases that moved or stopped being terms
            add(f"terms/{moved.id}", "moved-term", moved.text, term_page(moved.id), "terms")
    add("handout", "handout", "讲义", HANDOUT_PAGE, None)
    add("notes", "notes", "学习笔记", NOTES_PAGE, None)
    for page, positions in catalog_pages(len(documents)):
        add(page.removesuffix(".md"), "catalog", documents_label(positions), page, None)
    return entries


def documents_label(positions: range) -> str:
    """A group of documents named by their places, counted from 1 as readers count: ``文档 101–200``,
    ``文档 1001`` for a group of one."""
    if len(positions) == 1:
        return f"文档 {positions.stop}"
    return f"文档 {positions.start + 1}–{positions.stop}"
