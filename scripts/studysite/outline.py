"""Plain-text descriptions of a parsed document, for the command line and the build log."""

from __future__ import annotations

from collections.abc import Callable

from .model import Document, Section, Span
from .reading import ENCODING_NAMES

#: How the outline names each kind of section.
KIND_NAMES = {
    "part": "part",
    "directive": "directive",
    "section": "section",
    "point": "point",
    "annex": "annex",
    "interlude": "interlude",
}

PLURALS = {
    "part": "parts",
    "directive": "directives",
    "section": "sections",
    "annex": "annexes",
    "interlude": "interludes",
}


def summary(doc: Document) -> str:
    """One line: ``sources/tanxin.txt: read as UTF-8, 3 parts, 9 directives``."""
    counts: dict[str, int] = {}
    for section in doc.sections():
        if section.kind != "point":
            counts[section.kind] = counts.get(section.kind, 0) + 1
    if doc.style == "speech":
        shape = f"{counts.get('part', 0)} parts, {counts.get('directive', 0)} directives"
    elif doc.style == "report":
        shape = ", ".join(f"{n} {kind if n == 1 else PLURALS[kind]}" for kind, n in counts.items())
    else:
        shape = "no numbering: one page"
    return f"{doc.path}: read as {ENCODING_NAMES[doc.encoding]}, {shape}"


def outline(doc: Document) -> list[str]:
    """The recognised tree: id, kind, line, characters, heading; one line per section."""

    def chars(span: Span) -> int:
        return len(doc.source[span.start : span.end].replace("\n", ""))

    lines = [
        summary(doc),
        f"title    {doc.title}",
        f"opening  line {doc.source.count(chr(10), 0, doc.opening.start) + 1}, {chars(doc.opening)} characters",
    ]
    for part in doc.parts:
        lines += _outline(doc, part, 0, chars)
    return lines


def _outline(doc: Document, node: Section, depth: int, chars: Callable[[Span], int]) -> list[str]:
    marker = f"{node.marker} " if node.marker and node.kind == "point" else ""
    row = f"{'  ' * depth}{node.id:<10} {KIND_NAMES[node.kind]:<9} line {node.line:<4} {chars(node.extent):>6} chars  "
    row += f"{marker}{node.heading}"
    rows = [row]
    for child in node.children:
        rows += _outline(doc, child, depth + 1, chars)
    return rows
