"""Plain-text descriptions of a parsed document, for the command line and the build log."""

from __future__ import annotations

from collections.abc import Callable

from .grammar import LEVEL
from .kinds import Kind, has_page
from .model import Document, Section, Span
from .reading import ENCODING_NAMES

PLURALS = {
    Kind.PART: "parts",
    Kind.DIRECTIVE: "directives",
    Kind.SECTION: "sections",
    Kind.ANNEX: "annexes",
    Kind.INTERLUDE: "interludes",
    Kind.CHAPTER: "chapters",
    Kind.SUBCHAPTER: "subchapters",
    Kind.ARTICLE: "articles",
    Kind.ITEM: "items",
    Kind.POINT: "points",
    Kind.PREFACE: "prefaces",
    Kind.CLOSING: "closings",
}

#: Kinds counted in the one-line summary besides the pages: what people cite in a law.
_COUNTED_ANCHORS = (Kind.ARTICLE,)


def summary(doc: Document) -> str:
    """One line: ``sources/tanxin.txt: read as UTF-8, 3 parts, 9 directives``."""
    counts: dict[str, int] = {}
    for section in doc.sections():
        if has_page(section.kind) or section.kind in _COUNTED_ANCHORS:
            counts[section.kind] = counts.get(section.kind, 0) + 1
    if doc.style == "speech" and set(counts) <= {Kind.PART, Kind.DIRECTIVE}:
        shape = f"{counts.get(Kind.PART, 0)} parts, {counts.get(Kind.DIRECTIVE, 0)} directives"
    elif counts:
        shape = ", ".join(f"{n} {kind if n == 1 else PLURALS[Kind(kind)]}" for kind, n in counts.items())
    else:
        shape = "no numbering: one page"
    line = f"{doc.path}: read as {ENCODING_NAMES[doc.encoding]}, {shape}"
    return line + "".join(f"\n{doc.path}: warning: {warning}" for warning in doc.warnings)


def levels(doc: Document) -> str:
    """Which marker each kind of unit was read from: ``part ← 一、 (dun), section ← （一） (paren)``."""
    if not doc.levels:
        return "levels   none: no numbering"

    def example(name: str) -> str:
        return LEVEL[name].example.format(n="1" if name in ("arabic", "paren_arabic") else "一")

    shown = [f"{kind} ← {example(name)} ({name})" for kind, name in doc.levels]
    return "levels   " + ", ".join(shown)


def outline(doc: Document) -> list[str]:
    """The recognised tree: id, kind, line, characters, marker, heading; one line per section."""
    chars = lambda span: len(doc.source[span.start : span.end].replace("\n", ""))  # noqa: E731
    lines = [
        summary(doc),
        f"title    {doc.title}",
        levels(doc),
        f"opening  line {doc.source.count(chr(10), 0, doc.opening.start) + 1}, {chars(doc.opening)} characters",
    ]
    for part in doc.parts:
        lines += _outline(doc, part, 0, chars)
    return lines


def _outline(doc: Document, node: Section, depth: int, chars: Callable[[Span], int]) -> list[str]:
    marker = f"{node.marker} " if node.marker and not node.has_page else ""
    row = (
        f"{'  ' * depth}{node.id:<10} {node.kind:<9} line {node.line:<4} {chars(node.extent):>6} chars"
        f"  {marker}{node.heading}"
    )
    rows = [row]
    for child in node.children:
        rows += _outline(doc, child, depth + 1, chars)
    return rows
