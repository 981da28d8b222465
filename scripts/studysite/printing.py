"""What a printed page carries besides the text: its document and place on every sheet, one citation.

Chromium (131+) and other engines with CSS page margin boxes print the document's
title top left, the place (``2-1 务必强在前面``) top right and the page number below,
on every sheet.  Chromium supports neither ``string-set`` nor ``position: running()``,
so each page says its two strings in a style element, as custom properties of the
root (``--print-doc``, ``--print-place``); study.css puts them into the ``@page``
margin boxes (the page context inherits custom properties from the root element) and
before the empty ``.print-head`` line, which heads the first sheet (for browsers
without margin boxes).  So the strings are written once, not three times.  They hold
the characters themselves (the page is UTF-8: a CJK character is 3 bytes, its escape
6) and escape the rest (:func:`css_string`), so no Markdown, HTML or Jinja step can
touch them.  study.css hides everything else that is not text (citation lines,
pager, related reading).
"""

from __future__ import annotations

from . import cite
from .markup import escape
from .model import Document, Section


def _literal(c: str) -> bool:
    """Whether ``c`` can stand as itself in a CSS string inside a ``<style>`` in Markdown."""
    if c.isascii():
        return c.isalnum() or c == " "
    return c.isprintable()


def css_string(text: str) -> str:
    """``text`` as a CSS string: letters, digits, spaces and printable non-ASCII as they are.

    Everything else is a hex escape: the quote and the backslash (CSS), ``<`` (so the text
    cannot close the style element), line breaks and other controls, and all ASCII
    punctuation, so that no Markdown syntax (``*``, ``[`` …), no ``&`` entity and no Jinja
    ``{{`` can be read into it.  An escape always ends with a space, which CSS drops.
    """
    return '"' + "".join(c if _literal(c) else f"\\{ord(c):x} " for c in text) + '"'


def print_head(document_title: str, place: str) -> str:
    """The per-page print header: its strings for study.css's ``@page`` rule, and the first-sheet line."""
    return (
        f"<style>:root{{--print-doc:{css_string(document_title)};--print-place:{css_string(place)}}}</style>\n\n"
        '<div class="print-only print-head"></div>\n\n'
    )


def print_citation(text: str) -> str:
    """The one citation a printed page ends with (hidden on screen)."""
    return f'<div class="print-only print-cite">引自：{escape(text)}</div>\n'


def node_citation(doc: Document, node: Section) -> str:
    """The citation of a place, as its cite line gives it (:func:`studysite.cite.citation`)."""
    return print_citation(cite.citation(doc, node.id))


def document_citation(doc: Document) -> str:
    """The reference of the whole document, for the printed full text."""
    return print_citation(cite.citation(doc))
