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

from .model import Directive, Document, Part, Point
from .terms import TermIndex

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "terms/index.md"


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
    """The page and anchor of the node owning a verbatim span (``title``, ``opening``, a part, directive or point id)."""
    if owner == "title":
        return document_page(doc) + "#title"
    if owner == "opening":
        return opening_page(doc) + "#opening"
    depth = owner.count("-")
    if depth == 2:
        return f"{doc.slug}/{owner.rsplit('-', 1)[0]}.md#{owner}"
    return f"{doc.slug}/{owner}.md#{owner}"


def owner_label(doc: Document, owner: str) -> str:
    """How a reader names that place: ``开场白``, ``第一部分``, ``2-1 务必强在前面``."""
    if owner == "title":
        return "标题"
    if owner == "opening":
        return "开场白"
    for part in doc.parts:
        if part.id == owner:
            return f"{part_label(part)}导语"
        for directive in part.directives:
            if directive.id == owner:
                return f"{directive.id} {directive.heading}"
            for point in directive.points:
                if point.id == owner:
                    return f"{point.id} {point.heading}"
    return owner


def document_page(doc: Document) -> str:
    return f"{doc.slug}/index.md"


def opening_page(doc: Document) -> str:
    return f"{doc.slug}/opening.md"


def full_text_page(doc: Document) -> str:
    return f"{doc.slug}/full.md"


def node_page(doc: Document, node: Part | Directive) -> str:
    return f"{doc.slug}/{node.id}.md"


def point_page(doc: Document, point: Point) -> str:
    """The directive page that holds the point, with the point's anchor."""
    directive_id = point.id.rsplit("-", 1)[0]
    return f"{doc.slug}/{directive_id}.md#{point.id}"


def url(page: str) -> str:
    """A page path (``tanxin/1-2.md#1-2-3``) as its site URL (``tanxin/1-2.html#1-2-3``)."""
    path, hash_, anchor = page.partition("#")
    return path[: -len(".md")] + ".html" + hash_ + anchor


def part_label(part: Part) -> str:
    """``第一部分`` for part 1."""
    return f"{part.marker}部分"


def directive_label(directive: Directive) -> str:
    """``1-2`` plus the marker, as readers cite it: ``1-2（其次）``."""
    return f"{directive.id}（{directive.marker}）"


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
    for doc in documents:
        section: list[Any] = [{"概览": document_page(doc)}, {"开场白": opening_page(doc)}]
        for part in doc.parts:
            items: list[Any] = [{f"{part_label(part)}导读": node_page(doc, part)}]
            items += [{t(f"{d.id} {d.heading}"): node_page(doc, d)} for d in part.directives]
            section.append({t(f"{part.marker} {part.heading}"): items})
        section.append({"全文": full_text_page(doc)})
        section.append({"结构图": map_page(doc)})
        section.append({"引语": quotations_page(doc)})
        section.append({"自测与讨论": selftest_page(doc)})
        section.append({"链接目录": links_page(doc)})
        nav.append({t(doc.title): section})
    # Term pages are reached from the glossary and the text, not the sidebar.
    nav.append({"术语表": GLOSSARY_PAGE})
    return nav


def catalog(documents: list[Document], index: TermIndex | None = None) -> list[dict[str, str | None]]:
    """Every linkable thing in reading order: ``id``, ``kind``, ``title``, ``url``, ``parent``."""
    entries: list[dict[str, str | None]] = []

    def add(id_: str, kind: str, title: str, page: str, parent: str | None) -> None:
        entries.append({"id": id_, "kind": kind, "title": title, "url": url(page), "parent": parent})

    for doc in documents:
        add(doc.slug, "document", doc.title, document_page(doc), None)
        add(f"{doc.slug}/opening", "opening", "开场白", opening_page(doc), doc.slug)
        for part in doc.parts:
            part_id = f"{doc.slug}/{part.id}"
            add(part_id, "part", f"{part_label(part)} {part.heading}", node_page(doc, part), doc.slug)
            for directive in part.directives:
                directive_id = f"{doc.slug}/{directive.id}"
                add(directive_id, "directive", directive.heading, node_page(doc, directive), part_id)
                for point in directive.points:
                    add(f"{doc.slug}/{point.id}", "point", point.heading, point_page(doc, point), directive_id)
        add(f"{doc.slug}/full", "fulltext", "全文", full_text_page(doc), doc.slug)
        add(f"{doc.slug}/map", "map", "结构图", map_page(doc), doc.slug)
        add(f"{doc.slug}/quotes", "quotations", "引语", quotations_page(doc), doc.slug)
        add(f"{doc.slug}/selftest", "selftest", "自测与讨论", selftest_page(doc), doc.slug)
        add(f"{doc.slug}/links", "linktable", "链接目录", links_page(doc), doc.slug)
    if index is not None:
        add("terms", "glossary", "术语表", GLOSSARY_PAGE, None)
        for term in index.terms:
            add(f"terms/{term.id}", "term", term.text, term_page(term.id), "terms")
    return entries
