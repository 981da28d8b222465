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

Ids in the catalog are ``<slug>`` for a document and ``<slug>/<structural id>``
for everything inside it, so they stay unique across documents.
"""

from __future__ import annotations

import html
from typing import Any

from .model import Directive, Document, Part, Point

HOME_PAGE = "index.md"


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
        nav.append({t(doc.title): section})
    return nav


def catalog(documents: list[Document]) -> list[dict[str, str | None]]:
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
    return entries
