"""Markup helpers: source text as HTML that Markdown, HTML, pymdown-extensions and Jinja leave alone.

Original text is never handed to Markdown as Markdown: every block of it is a
raw HTML element with class ``verbatim`` whose ASCII punctuation is written as
numeric character references.  Markdown, HTML, pymdown-extensions (snippets'
``--8<--`` included) and Jinja then have nothing to interpret, and the reader
sees each character as it stands in the source.  Redaction marks (``**``)
become a styled ``<span class="redacted">`` that still contains the marks.

Terms and quotations are *marks* over source offsets: a mark adds markup
around a stretch of text (a link to the term's page, a quotation wrapper) and
never changes the text inside it, which is escaped like all other source text.

This module knows nothing of pages or study aids: the page templates
(:mod:`studysite.render`, :mod:`studysite.render_aids`) build on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import cite, layout
from .model import Document, Span
from .paragraphs import Paragraph
from .paragraphs import paragraphs as logical_paragraphs

# A tab is written as a reference too: Python-Markdown expands raw tabs to spaces.
# ``-``, ``.``, ``/`` and ``%`` are left as they are (they are most of the punctuation in ids, numbers
# and citations): inside a line none of them starts anything in Markdown, HTML, pymdown-extensions or
# Jinja (``--8<--`` needs ``<``, ``{%`` needs ``{``, ``</`` needs ``<``).  At the start of a line a
# ``-`` or ``.`` may start a list (``- x``, ``1. x``), a rule or a heading underline: there it is
# still a reference (_LINE_START).
_ASCII_PUNCTUATION = re.compile(r"[!-$&-,:-@\[-`{-~\t]")
#: A ``-`` that a line starts with (``- x``, ``---``) or a ``.`` after its leading number (``2024. x``).
#: Every escaped text counts as the start of a line: it may be placed at one (a list item's text).
_LINE_START = re.compile(r"(?m)^( *)(-)|^( *[0-9]+)(\.)")
#: Blanks at a paragraph start; full-width spaces there would add to the CSS text-indent.
_LEADING_BLANKS = re.compile(r"[ \t\u3000]*")
_REDACTION = re.compile(r"\*{2,}")

REDACTION_TITLE = "原文此处隐去，本站照原样保留隐去标记"


def escape(text: str) -> str:
    """Text safe in HTML *and* in Markdown: ASCII punctuation (and tabs) as ``&#NN;``,
    except ``-``, ``.``, ``/`` and ``%`` inside a line (_ASCII_PUNCTUATION says why)."""
    text = _ASCII_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)
    return _LINE_START.sub(_line_start_reference, text)


def _line_start_reference(m: re.Match[str]) -> str:
    lead, mark = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
    return f"{lead}&#{ord(mark)};"


def inline_html(text: str) -> str:
    """Escaped text with redaction marks wrapped so they read as redactions."""
    out = []
    last = 0
    for m in _REDACTION.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f'<span class="redacted" title="{REDACTION_TITLE}">{escape(m.group())}</span>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


@dataclass(frozen=True)
class Mark:
    """Markup around ``[start, end)`` of a source text; the text inside stays as it is."""

    start: int
    """Offset where the opening tag goes."""
    end: int
    """Offset where the closing tag goes."""
    open: str
    """The opening tag."""
    close: str
    """The closing tag."""


def annotated(source: str, start: int, end: int, marks: Sequence[Mark] = ()) -> str:
    """``source[start:end]`` as HTML: escaped text with the marks that lie inside it.

    Marks nest (a quotation wrapper holds term links); a mark that would cross
    the boundary of an enclosing one is left out rather than break the markup.
    """
    inside = sorted(
        (m for m in marks if start <= m.start and m.end <= end and m.start < m.end), key=lambda m: (m.start, -m.end)
    )
    out: list[str] = []
    stack: list[Mark] = []
    pos = start

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(inline_html(source[pos : top.end]) + top.close)
            pos = top.end

    for mark in inside:
        close_until(mark.start)
        if stack and mark.end > stack[-1].end:
            continue
        out.append(inline_html(source[pos : mark.start]) + mark.open)
        pos = mark.start
        stack.append(mark)
    close_until(end)
    out.append(inline_html(source[pos:end]))
    return "".join(out)


def verbatim_block(
    source: str,
    span: Span,
    owner: str,
    css: str = "verbatim",
    marks: Sequence[Mark] = (),
    paragraphs: Sequence[Paragraph] | None = None,
    *,
    doc: Document | None = None,
    site_url: str = "",
) -> str:
    """One owned span as ``<div class="verbatim">`` with a ``<p>`` per logical paragraph.

    The paragraphs are the model's (``Document.paragraphs_in(span)``), decided
    once by the parser; they tile the span, blank lines included, so every
    character is still there.  A noise paragraph (caption, byline, note …) gets
    its kind as CSS class.  Full-width indentation is marked ``indent`` so the
    stylesheet need not indent that paragraph a second time.  ``marks`` (term
    links, quotations) add markup only.  Without ``paragraphs`` (a caller
    outside a document) they are computed from the span's text.

    With ``doc``, each paragraph with words gets its anchor (``2-2-p3``,
    :mod:`studysite.cite`) and the block its owner's locator (``data-where``):
    with the page's citation template (:func:`cite_template`) it makes the
    citation of each of its paragraphs.
    """
    if paragraphs is None:
        paragraphs = _tile(source, span, logical_paragraphs(source, span.start, span.end))
    number = cite.first_paragraph(doc, owner, span) if doc is not None else 0
    html = []
    for p in paragraphs:
        segments = cite.segments(source, p)
        attributes = "" if p.kind in ("text", "toc") else f' class="{p.kind}"'
        if number and cite.has_words(source, segments):
            attributes = f' id="{cite.paragraph_anchor(owner, number)}"' + attributes
            if cite.runs_on_line(source, segments):
                attributes += ' data-inline=""'  # no line break before it in the source (a point inside a line)
            number += 1
        html.append(_paragraph_html(source, segments, marks, attributes))
    html = [p for p in html if p]
    if not html:
        return ""
    body = "\n".join(html)
    data = ""
    if doc is not None and number:
        data = f' data-where="{attribute(cite.locator(doc, owner))}"'
        if site_url:  # where a paragraph is published: the "引用所选" link (text fragment) builds on it
            page = layout.owner_page(doc, owner).partition("#")[0]
            paragraph_url = site_url + layout.url(page) + "#" + cite.paragraph_anchor(owner, 1)[:-1] + "{n}"
            data += f' data-url="{attribute(paragraph_url)}"'
    return f'<div class="{css}" data-owner="{owner}"{data}>\n{body}\n</div>\n'


def _tile(source: str, span: Span, found: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs stretched to cover ``span`` whole (blank lines join the paragraph before them)."""
    if not found:
        return [Paragraph(span.start, span.end, 0)]
    return [
        Paragraph(
            span.start if i == 0 else p.start, found[i + 1].start if i + 1 < len(found) else span.end, p.line, p.kind
        )
        for i, p in enumerate(found)
    ]


def _paragraph_html(source: str, segments: list[tuple[int, int]], marks: Sequence[Mark], attributes: str = "") -> str:
    """``<p>`` for one paragraph's line segments, its leading full-width indentation marked.

    The indentation may span blank lines joined in front of the paragraph.
    """
    segments = [(a, b) for a, b in segments if b > a]
    if not segments:
        return ""
    indent = ""
    while segments:
        a, b = segments[0]
        blank = _LEADING_BLANKS.match(source, a, b)
        assert blank is not None  # the pattern matches the empty string too
        indent += blank.group()
        if blank.end() < b:
            segments[0] = (blank.end(), b)
            break
        segments.pop(0)
    parts = []
    if "\u3000" in indent and segments:
        parts.append(f'<span class="indent">{escape(indent)}</span>')
    else:
        parts.append(escape(indent))
    parts += [annotated(source, a, b, marks) for a, b in segments]
    return f"<p{attributes}>{''.join(parts)}</p>"


def attribute(text: str) -> str:
    """Text for an HTML attribute value in double quotes (Markdown leaves raw HTML alone)."""
    return escape(text).replace("\n", " ")


def link(label: str, target: str) -> str:
    return f"[{with_id(label)}]({target})"


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, both given relative to the docs root."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


def cite_template(doc: Document, site_url: str = "") -> str:
    """The page's citation template, once, for docs/assets/cite.js: the citation of any place of the
    document (:func:`studysite.cite.citation_template`) and how a paragraph adds to its owner's locator.

    A paragraph's citation is the template with its block's ``data-where`` plus ``data-paragraph``
    (``第{n}段``) and its anchor; a link-catalog row's, with the row's ``data-where`` and ``data-node``.
    Each block carried the whole citation before: half the weight of the text again (issue: page weight).
    """
    template = cite.citation_template(doc, online=bool(site_url), accessed=cite.access_date() if site_url else "")
    return (
        f'<div class="cite-template" hidden data-cite="{attribute(template)}"'
        f' data-paragraph="{attribute(cite.PARAGRAPH_LOCATOR)}"></div>\n'
    )


def with_id(text: str) -> str:
    """Escaped text whose leading id, if any, is wrapped so it never breaks at its hyphen."""
    m = _LEADING_ID.match(text)
    if not m:
        return escape(text)
    return f'<span class="nid">{escape(m.group(1))}</span>{escape(text[m.end() :])}'


#: An id at the start of a label (``2-3``, ``3-u1``, ``a1-3``): kept on one line by study.css.
_LEADING_ID = re.compile(r"^([a-z]?[0-9]+(?:-[a-z]?[0-9]+)+)(?= )")


#: Elements whose hover text (title) is the same wherever they stand on a page: a term's link (its
#: definition; the href names the term) and a redaction mark.  Key: what makes two of them the same.
_TITLED = re.compile(r'<(?P<tag>a class="term" href="(?P<href>[^"]*)"|span class="redacted") title="[^"]*">')


def titles_once(page: str) -> str:
    """A page with each term's definition (and the redaction note) as a title on its first element only.

    A term linked in ten paragraphs carried its definition ten times: a quarter of the weight of the text
    over the library.  docs/assets/readers.js gives every later element the title of the first before
    Material mounts its tooltips, so the reader hovers the same definitions as before.
    """
    seen: set[str] = set()

    def once(m: re.Match[str]) -> str:
        key = m.group("href") or "redacted"
        if key in seen:
            return f"<{m.group('tag')}>"
        seen.add(key)
        return m.group()

    return _TITLED.sub(once, page)
