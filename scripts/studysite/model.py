"""The parsed document: frozen dataclasses that own every character of the source.

A document is a title, an opening and a tree of :class:`Section` nodes.  Each
section's ``body`` lists, in source order, the text spans it owns itself and
its child sections.  Walking the tree in order (``verbatim_pieces``) gives
spans that tile the source text: nothing dropped, nothing counted twice.

Sections come in kinds (:mod:`studysite.kinds`, one registry): a speech has
parts (``第一，``), directives (``首先，`` / ``一是``) and points (parallel
clauses); a report has parts (``一、``), sections (``（一）``), points (``一是``
``——`` ``第一，`` ``1.``), annexes (``附件1``) and interludes (the text after
an address such as ``各位代表！`` that follows a run of sections); a law has
chapters, sub-chapters (节), articles and items.  The registry says which kinds
get a page of their own; the others are anchors on their page.

The document also records its logical paragraphs, decided once by the parser
(:mod:`studysite.paragraphs`): :meth:`Document.paragraphs_in` gives the pieces
of paragraphs that tile one owned span, so renderers never re-decide them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .kinds import Kind, has_page
from .paragraphs import Paragraph


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of the document's source text."""

    start: int
    """Offset of the first character, counted in characters of the decoded text."""
    end: int
    """Offset one past the last character."""

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Section:
    """A numbered (or, for interludes, unnumbered) unit of the text."""

    id: str
    """Structural id from the position: ``2``, ``2-1``, ``2-1-3``, ``a1``, ``3-u1``.
    ASCII, unique in the document, used for URLs and anchors."""
    kind: Kind
    """What the unit is (a :class:`~studysite.kinds.Kind`, equal to its ``links.json`` name)."""
    marker: str
    """The numbering marker as written (``第一``, ``首先``, ``（三）``, ``——``, ``附件1``)."""
    label: str
    """How a reader names it: ``第一部分``, ``1-2``, ``（三）``, ``附件1``."""
    heading: str
    """The marker's own sentence or line, without the marker and final punctuation."""
    body: tuple[Span | Section, ...]
    """Owned text spans and child sections, in source order."""
    line: int
    """1-based source line where the section starts."""
    level: str = ""
    """The numbering level it was read from (a name in ``grammar.LEVELS``: ``dun``, ``chapter`` …);
    empty for unnumbered units and parallel points."""

    @property
    def has_page(self) -> bool:
        return has_page(self.kind)

    # Derived views are cached: renderers ask for them on every page.

    @cached_property
    def children(self) -> tuple[Section, ...]:
        return tuple(item for item in self.body if isinstance(item, Section))

    @cached_property
    def directives(self) -> tuple[Section, ...]:
        """Child sections with pages of their own."""
        return tuple(child for child in self.children if child.has_page)

    @cached_property
    def points(self) -> tuple[Section, ...]:
        """Child points: anchors on this section's page."""
        return tuple(child for child in self.children if not child.has_page)

    @property
    def span(self) -> Span:
        """The text before the first child: the heading sentence and lead-in."""
        first = self.body[0] if self.body else None
        if isinstance(first, Span):
            return first
        start = first.extent.start if isinstance(first, Section) else 0
        return Span(start, start)

    @property
    def extent(self) -> Span:
        """Everything the section and its children own."""
        first, last = self.body[0], self.body[-1]
        start = first.start if isinstance(first, Span) else first.extent.start
        end = last.end if isinstance(last, Span) else last.extent.end
        return Span(start, end)

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def pieces(self) -> Iterator[tuple[str, Span]]:
        """(owner id, span) for the owned spans of this subtree, in reading order."""
        for item in self.body:
            if isinstance(item, Span):
                yield self.id, item
            else:
                yield from item.pieces()


@dataclass(frozen=True)
class Document:
    """One source text, parsed."""

    slug: str
    """Short ASCII name from the file name (``tanxin``): the URL prefix."""
    path: str
    """The source file as given, for messages."""
    source: str
    """The decoded source text, line breaks normalised to ``\\n``."""
    title: str
    """Title shown on the site: the metadata's, else the source's title line(s)."""
    title_span: Span
    """The title line(s) in the source (empty when the text has none)."""
    opening: Span
    """Salutation and opening paragraphs, before the first section; the whole
    text when it has no numbering at all."""
    parts: tuple[Section, ...]
    """The top-level sections (parts and annexes), in order."""
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    """Optional metadata from ``<slug>.yml``: date, speaker, occasion …"""
    encoding: str = "utf-8"
    """The encoding the source was read with."""
    style: str = "speech"
    """How the text numbers itself: ``speech`` (第一，/首先 or a bare 一), ``report`` (一、/（一）),
    ``law`` (章/节/条) or ``plain`` (no numbering)."""
    paragraphs: tuple[Paragraph, ...] = field(default=(), compare=False, repr=False)
    """The logical paragraphs of the whole text, with their kinds (text or noise)."""
    levels: tuple[tuple[str, str], ...] = ()
    """(kind, level name) for each kind of unit: which marker each level was read from (``--outline``)."""
    warnings: tuple[str, ...] = ()
    """What the build log and ``--check`` should tell about an accepted text (a title made up …)."""

    def sections(self) -> tuple[Section, ...]:
        """Every section, in reading order."""
        return self._sections

    @cached_property
    def _sections(self) -> tuple[Section, ...]:
        return tuple(section for part in self.parts for section in part.walk())

    @cached_property
    def _by_id(self) -> dict[str, Section]:
        return {section.id: section for section in self._sections}

    @cached_property
    def _parents(self) -> dict[str, Section]:
        return {child.id: section for section in self._sections for child in section.children}

    @cached_property
    def pages(self) -> tuple[Section, ...]:
        """Every section with a page, in reading order."""
        return tuple(s for s in self._sections if s.has_page)

    @cached_property
    def directives(self) -> tuple[Section, ...]:
        """The page units: sections with a page and no child pages (the speech's directives)."""
        return tuple(s for s in self.pages if not s.directives)

    def find(self, section_id: str) -> Section:
        return self._by_id[section_id]

    def parent_of(self, section_id: str) -> Section | None:
        return self._parents.get(section_id)

    def ancestors(self, section_id: str) -> list[Section]:
        """The sections above ``section_id``, outermost first."""
        chain: list[Section] = []
        parent = self.parent_of(section_id)
        while parent is not None:
            chain.insert(0, parent)
            parent = self.parent_of(parent.id)
        return chain

    def page_of(self, section_id: str) -> Section:
        """The section whose page shows ``section_id``: itself, or its nearest ancestor with a page."""
        section = self.find(section_id)
        while not section.has_page:
            parent = self.parent_of(section.id)
            if parent is None:
                break
            section = parent
        return section

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.source)]

    def line_of(self, offset: int) -> int:
        """1-based line of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def paragraphs_in(self, span: Span) -> tuple[Paragraph, ...]:
        """The paragraph pieces that tile ``span``, in order.

        A logical paragraph cut by a unit boundary (an inline ``其次，`` starts a
        new directive mid-paragraph) gives one piece to each side.  Blank lines
        and leading blanks belong to the piece before them (at the span's start,
        to the first), so the pieces cover every character of the span.
        """
        return self._pieces.get((span.start, span.end), ()) if span.end > span.start else ()

    def paragraphs_of(self, owner: str) -> tuple[Paragraph, ...]:
        """Every paragraph piece of one owner (``title``, ``opening`` or a section id), in order:
        the n-th is the owner's paragraph n (1-based in anchors, ``<owner>-p<n>``)."""
        return self._pieces_by_owner.get(owner, ())

    @cached_property
    def _pieces_by_owner(self) -> dict[str, tuple[Paragraph, ...]]:
        by_owner: dict[str, list[Paragraph]] = {}
        for owner, span in self.verbatim_pieces():
            by_owner.setdefault(owner, []).extend(self.paragraphs_in(span))
        return {owner: tuple(pieces) for owner, pieces in by_owner.items()}

    @cached_property
    def _pieces(self) -> dict[tuple[int, int], tuple[Paragraph, ...]]:
        starts = [p.start for p in self.paragraphs]
        pieces: dict[tuple[int, int], tuple[Paragraph, ...]] = {}
        for _, span in self.verbatim_pieces():
            if span.end <= span.start:
                continue
            first = max(bisect.bisect_right(starts, span.start) - 1, 0)
            inside = []
            for p in self.paragraphs[first:]:
                if p.start >= span.end:
                    break
                a, b = max(p.start, span.start), min(p.end, span.end)
                # A clipped piece of blanks only (the indentation before an inline marker) is no
                # paragraph: it joins the piece before it.
                if self.source[a:b].strip(" \t\u3000\n") or (p.start >= span.start and p.end <= span.end):
                    inside.append((a, b, p.kind))
            if not inside:
                inside = [(span.start, span.end, "text")]
            tiled = []
            for index, (a, b, kind) in enumerate(inside):
                a = span.start if index == 0 else a
                b = inside[index + 1][0] if index + 1 < len(inside) else span.end
                tiled.append(Paragraph(a, b, self.line_of(a), kind))
            pieces[(span.start, span.end)] = tuple(tiled)
        return pieces

    def verbatim_pieces(self) -> Iterator[tuple[str, Span]]:
        """(owner id, span) for every owned span, in reading order.

        The owner id is ``title``, ``opening`` or a section id.  Concatenated,
        the spans give back the whole source text.
        """
        yield "title", self.title_span
        yield "opening", self.opening
        for part in self.parts:
            yield from part.pieces()
