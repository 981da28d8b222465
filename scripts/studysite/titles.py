"""Page titles for tabs, history and bookmarks: every page names its document.

MkDocs takes a page's ``<title>`` from the ``title`` of its front matter (Material
writes ``{{ page.meta.title }} - {{ site_name }}``), while the sidebar keeps the
short nav titles.  The generator therefore writes a front-matter title into every
generated page: ``2-1 务必强在前面 · 谈心谈话讲话``, ``政治判断力 · 术语表``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from . import layout
from .model import Document
from .printing import print_head
from .render import page_heading
from .terms import TermIndex

#: Between a page's own name and its document's short title.
SEPARATOR = " · "

#: A short title longer than this is cut (with …): a tab shows about twenty characters.
SHORT_TITLE_LENGTH = 16

#: A bracketed tail of a title (``（文字实录）``, ``（草案）``): dropped from the short title.
_BRACKETED_TAIL = re.compile(r"[（(][^（）()]*[）)]$")


def short_title(doc: Document) -> str:
    """The document's name in tabs and search results.

    The ``short_title`` of its metadata when given (``谈心谈话讲话``); else the title
    without a bracketed tail, cut to :data:`SHORT_TITLE_LENGTH` characters.
    """
    given = str(doc.meta.get("short_title") or "").strip()
    if given:
        return given
    title = _BRACKETED_TAIL.sub("", doc.title).strip() or doc.title
    if len(title) > SHORT_TITLE_LENGTH:
        return title[: SHORT_TITLE_LENGTH - 1] + "…"
    return title


def page_places(documents: Sequence[Document], index: TermIndex) -> dict[str, tuple[str, str, str]]:
    """Page path -> (place, short title of its document or book, full title), for every page but home."""
    places: dict[str, tuple[str, str, str]] = {}
    for doc in documents:
        short = short_title(doc)
        places[layout.document_page(doc)] = ("概览", short, doc.title)
        places[layout.opening_page(doc)] = ("开场白" if doc.parts else "正文", short, doc.title)
        for node in (*doc.pages, *doc.directives):
            places[layout.node_page(doc, node)] = (page_heading(node), short, doc.title)
        for label, page in (
            ("全文", layout.full_text_page(doc)),
            ("结构图", layout.map_page(doc)),
            ("引语", layout.quotations_page(doc)),
            ("自测与讨论", layout.selftest_page(doc)),
            ("链接目录", layout.links_page(doc)),
        ):
            places[page] = (label, short, doc.title)
    places[layout.GLOSSARY_PAGE] = ("术语表", "学习文库", "学习文库")
    for term in index.terms:
        places[layout.term_page(term.id)] = (term.text, "术语表", "术语表")
    for moved in index.moved:
        places[layout.term_page(moved.id)] = (moved.text, "术语表", "术语表")
    return places


def page_titles(documents: Sequence[Document], index: TermIndex) -> dict[str, str]:
    """Page path -> title, for every generated page but the home page.

    A document's overview is titled by the document's full title; the glossary by itself.
    """
    titles = {}
    for path, (place, short, full) in page_places(documents, index).items():
        if place == "概览":
            titles[path] = full
        elif place == "术语表":
            titles[path] = place
        else:
            titles[path] = place + SEPARATOR + short
    return titles


def with_titles(pages: dict[str, str], documents: Sequence[Document], index: TermIndex) -> dict[str, str]:
    """The pages with a ``title`` in their front matter (added to one that is there)."""
    titles = page_titles(documents, index)
    places = page_places(documents, index)
    out = {}
    for path, text in pages.items():
        title = titles.get(path)
        if title is None:
            out[path] = text
            continue
        # YAML double quotes; the theme writes the value into <title> unescaped.
        line = 'title: "' + html.escape(title, quote=False).replace("\\", "\\\\").replace('"', '\\"') + '"\n'
        if text.startswith("---\n"):
            head, _, body = text[len("---\n") :].partition("\n---\n")
            front = line + head + "\n"
        else:
            front, body = line, "\n" + text
        place, _, full = places[path]
        out[path] = "---\n" + front + "---\n\n" + print_head(full, place) + body.lstrip("\n")
    return out
