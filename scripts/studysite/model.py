"""The parsed document: frozen dataclasses that own every character of the source.

Every node records the spans of the source text it owns *itself* (its heading
sentence and lead-in, say) apart from the spans its children own.  Taken in
reading order (document title, opening, part 1, directive 1-1, its points,
directive 1-2 …) the owned spans tile the source text: nothing dropped,
nothing counted twice.  ``verbatim_pieces`` walks them in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of the document's source text."""

    start: int
    """Offset of the first character, counted in characters of the decoded text."""
    end: int
    """Offset one past the last character."""

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Point:
    """A parallel point inside a directive (``综合素质要强，…``)."""

    id: str
    """Structural id, e.g. ``2-1-3``: part 2, directive 1, point 3."""
    heading: str
    """The point's own lead clause, without trailing punctuation."""
    span: Span
    """The text the point owns, from its lead clause to the next point."""
    line: int
    """1-based source line where the point starts."""


@dataclass(frozen=True)
class Directive:
    """A directive: the unit that gets a page of its own (``首先，…`` / ``一是…``)."""

    id: str
    """Structural id, e.g. ``1-2``: part 1, directive 2."""
    marker: str
    """The numbering marker as written (``首先``, ``二是`` …)."""
    heading: str
    """The marker's own sentence without the marker and final punctuation."""
    span: Span
    """The text the directive owns before its first point (all of it when it has none)."""
    points: tuple[Point, ...]
    """Parallel points, in order; empty when the directive has none."""
    line: int
    """1-based source line where the directive starts."""

    @property
    def extent(self) -> Span:
        """Everything from the marker to the end of the last point."""
        end = self.points[-1].span.end if self.points else self.span.end
        return Span(self.span.start, end)


@dataclass(frozen=True)
class Part:
    """A part of the document (``第一，…``)."""

    id: str
    """Structural id: ``1``, ``2`` …"""
    marker: str
    """The numbering marker as written (``第一``)."""
    heading: str
    """The marker's own sentence without the marker and final punctuation."""
    span: Span
    """Heading sentence and lead-in: the text before the first directive."""
    directives: tuple[Directive, ...]
    """The part's directives, in order."""
    line: int
    """1-based source line where the part starts."""

    @property
    def extent(self) -> Span:
        end = self.directives[-1].extent.end if self.directives else self.span.end
        return Span(self.span.start, end)


@dataclass(frozen=True)
class Document:
    """One source text, parsed."""

    slug: str
    """Short ASCII name from the file name (``tanxin``): the URL prefix."""
    path: str
    """The source file as given, for messages."""
    source: str
    """The decoded source text, exactly as read (line breaks included)."""
    title: str
    """Title shown on the site: the metadata's, else the source's title line."""
    title_span: Span
    """The title line(s) in the source (may be empty when metadata gives the title)."""
    opening: Span
    """Salutation and opening paragraphs, before the first part."""
    parts: tuple[Part, ...]
    """The numbered parts, in order."""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Optional metadata from ``<slug>.yml``: date, speaker, occasion …"""
    encoding: str = "utf-8"
    """The encoding the source was read with."""

    @property
    def directives(self) -> tuple[Directive, ...]:
        return tuple(d for p in self.parts for d in p.directives)

    def verbatim_pieces(self) -> Iterator[tuple[str, Span]]:
        """(owner id, span) for every owned span, in reading order.

        The owner id is ``title``, ``opening``, a part id, a directive id or a
        point id.  Concatenated, the spans give back the whole source text.
        """
        yield "title", self.title_span
        yield "opening", self.opening
        for part in self.parts:
            yield part.id, part.span
            for directive in part.directives:
                yield directive.id, directive.span
                for point in directive.points:
                    yield point.id, point.span
