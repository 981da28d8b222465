"""Reports and unnumbered texts -> sections, by the report grammar in :mod:`studysite.grammar`.

A report is read paragraph by paragraph (:mod:`studysite.paragraphs`).  Each
heading, annex, address or point opens a section; the text up to the next
one belongs to whatever is open.  A point whose paragraph is a single sentence
(``一是联合港澳承办十五运会和残特奥会。`` alone on its line) runs on through
the paragraphs below it; any other point is its paragraph, and the paragraphs
after it belong to the enclosing page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import grammar
from .errors import SourceError, locate
from .model import Section, Span
from .paragraphs import Paragraph, paragraphs


def is_report(source: str, start: int) -> bool:
    """A text is a report when a paragraph opens with ``一、`` or ``（一）``."""
    return any(
        grammar.REPORT_PART.match(p.text(source)) or grammar.REPORT_SECTION.match(p.text(source))
        for p in paragraphs(source, start)
    )


@dataclass
class _Open:
    """A section being built; frozen into a :class:`Section` when it closes."""

    id: str
    kind: str
    marker: str
    label: str
    heading: str
    line: int
    body: list = field(default_factory=list)
    runs_on: bool = False
    """A point that takes the following paragraphs too."""
    numbers: list = field(default_factory=list)
    """Numbers of the child headings seen so far, for the sequence check."""
    interludes: int = 0

    def freeze(self) -> Section:
        return Section(self.id, self.kind, self.marker, self.label, self.heading, tuple(self.body), self.line)


class _Builder:
    """Assigns every stretch of text to the innermost open section."""

    def __init__(self, source: str, path: str, start: int) -> None:
        self.source = source
        self.path = path
        self.cursor = start
        self.opening_end: int | None = None
        self.stack: list[_Open] = []
        self.top: list[Section] = []
        self.top_numbers: list[int] = []
        self.annexes = 0

    # -- ownership ---------------------------------------------------------------

    def flush(self, upto: int) -> None:
        if upto <= self.cursor:
            return
        if self.stack:
            body = self.stack[-1].body
            if body and isinstance(body[-1], Span) and body[-1].end == self.cursor:
                body[-1] = Span(body[-1].start, upto)  # one span for one stretch of text
            else:
                body.append(Span(self.cursor, upto))
        self.cursor = upto

    def push(self, node: _Open, at: int) -> None:
        self.flush(at)
        if self.opening_end is None:
            self.opening_end = at
        self.stack.append(node)

    def pop(self) -> None:
        node = self.stack.pop().freeze()
        if self.stack:
            self.stack[-1].body.append(node)
        else:
            self.top.append(node)

    def close_to(self, kinds: tuple[str, ...]) -> None:
        """Close sections until the innermost open one is of one of ``kinds`` (or none is open)."""
        while self.stack and self.stack[-1].kind not in kinds:
            self.pop()

    def finish(self) -> tuple[int, list[Section]]:
        self.flush(len(self.source))
        while self.stack:
            self.pop()
        return (self.opening_end if self.opening_end is not None else len(self.source)), self.top

    # -- sequence checks -------------------------------------------------------------

    def check_number(
        self, seen: list[int], number: int, paragraph: Paragraph, marker: str, form: str, what: str
    ) -> None:
        expected = len(seen) + 1
        if number != expected:
            line, column, excerpt = locate(self.source, paragraph.start)
            problem = "repeated" if number < expected else "out of order or missing"
            raise SourceError(
                self.path,
                f"{what} {marker} is {problem}: expected {form.format(n=grammar.numeral(expected))}",
                line=line,
                column=column,
                excerpt=excerpt,
                example=form.format(n=grammar.numeral(expected)) + "……",
            )
        seen.append(number)

    # -- the enclosing page for a point ---------------------------------------------

    def page(self) -> _Open | None:
        for node in reversed(self.stack):
            if node.kind != "point":
                return node
        return None


def parse_report(source: str, path: str, start: int) -> tuple[int, list[Section]]:
    """The end of the opening and the top-level sections of a report."""
    b = _Builder(source, path, start)
    annex_title_pending = False
    for paragraph in paragraphs(source, start):
        text = paragraph.text(source)
        if annex_title_pending:
            annex_title_pending = False
            if not grammar.CLAUSE_END.search(text) and not _opens_anything(text):
                # ``附件1`` / ``2026年省十件民生实事``: the second line names the annex.
                annex = b.stack[-1]
                annex.heading = f"{annex.heading} {text.strip()}".strip()
                continue
        if b.stack and b.stack[-1].kind == "point" and not b.stack[-1].runs_on:
            b.pop()  # a one-paragraph point closed at its paragraph's end
        # What came before this paragraph belongs to what is open now, before anything closes.
        b.flush(paragraph.start)

        if m := grammar.ANNEX.match(text):
            b.close_to(())
            b.annexes += 1
            number = b.annexes
            b.push(
                _Open(
                    f"a{number}",
                    "annex",
                    m.group("marker").strip(),
                    f"附件{number}",
                    m.group("marker").strip(),
                    paragraph.line,
                ),
                paragraph.start,
            )
            annex_title_pending = True
        elif m := grammar.REPORT_PART.match(text):
            b.close_to(("annex",))
            parent = b.stack[-1] if b.stack else None
            seen = parent.numbers if parent else b.top_numbers
            number = grammar.numeral_value(m.group("number"))
            b.check_number(seen, number, paragraph, m.group("marker"), "{n}、", "part")
            part_id = f"{parent.id}-{len(seen)}" if parent else str(len(seen))
            b.push(
                _Open(part_id, "part", m.group("marker"), m.group("marker"), _heading(text, m.end()), paragraph.line),
                paragraph.start,
            )
        elif m := grammar.REPORT_SECTION.match(text):
            b.close_to(("part",))
            parent = b.stack[-1] if b.stack else None
            if parent is None:
                # （一） with no 一、 above it: a top-level part of its own.
                b.check_number(
                    b.top_numbers,
                    grammar.numeral_value(m.group("number")),
                    paragraph,
                    m.group("marker"),
                    "（{n}）",
                    "part",
                )
                node = _Open(
                    str(len(b.top_numbers)),
                    "part",
                    m.group("marker"),
                    m.group("marker"),
                    _heading(text, m.end()),
                    paragraph.line,
                )
            else:
                b.check_number(
                    parent.numbers,
                    grammar.numeral_value(m.group("number")),
                    paragraph,
                    m.group("marker"),
                    "（{n}）",
                    "section",
                )
                node = _Open(
                    f"{parent.id}-{len(parent.numbers)}",
                    "section",
                    m.group("marker"),
                    m.group("marker"),
                    _heading(text, m.end()),
                    paragraph.line,
                )
            b.push(node, paragraph.start)
        elif grammar.INTERJECTION.match(text) and b.stack:
            b.close_to(("part", "section", "interlude", "annex"))
            page = b.stack[-1] if b.stack else None
            if page is not None and (page.kind in ("section", "interlude") or page.numbers):
                # After a run of sections the address opens an unnumbered one.
                b.close_to(("part", "annex"))
                parent = b.stack[-1]
                parent.interludes += 1
                node_id = f"{parent.id}-u{parent.interludes}"
                b.push(
                    _Open(node_id, "interlude", "", node_id, _interlude_heading(source, paragraph), paragraph.line),
                    paragraph.start,
                )
        elif (m := grammar.REPORT_ITEM.match(text)) and b.page() is not None:
            b.close_to(("part", "section", "interlude", "annex"))
            page = b.stack[-1]
            _push_point(b, page, m.group("marker"), text, m.end(), paragraph.start, paragraph.line)
            sentence_end = grammar.CLAUSE_END.search(text, m.end())
            b.stack[-1].runs_on = sentence_end is None or not text[sentence_end.end():].strip()
        elif b.page() is not None:
            _inline_points(b, source, paragraph)
        if b.stack and b.stack[-1].kind == "point" and not b.stack[-1].runs_on:
            b.flush(paragraph.end)
    return b.finish()


def _push_point(b: _Builder, page: _Open, marker: str, text: str, body_start: int, at: int, line: int) -> None:
    number = sum(1 for item in page.body if isinstance(item, Section) and item.kind == "point") + 1
    point_id = f"{page.id}-{number}"
    b.push(_Open(point_id, "point", marker.strip("，,、"), point_id, _heading(text, body_start), line), at)


def _inline_points(b: _Builder, source: str, paragraph: Paragraph) -> None:
    """``……。一是……；二是……。`` inside a paragraph: each ordinal opens a point up to the next."""
    found = list(grammar.INLINE_ITEM.finditer(source, paragraph.start, paragraph.end))
    numbers = [grammar.numeral_value(m.group("number")) for m in found]
    if not found or numbers != list(range(1, len(found) + 1)):
        return
    if b.stack and b.stack[-1].kind == "point" and b.stack[-1].runs_on:
        return  # inside a point that runs on: these are its own sub-items, text of it
    for index, m in enumerate(found):
        b.close_to(("part", "section", "interlude", "annex"))
        page = b.stack[-1]
        end = found[index + 1].start() if index + 1 < len(found) else paragraph.end
        text = source[m.start():end]
        _push_point(b, page, m.group("marker"), text, len(m.group("marker")), m.start(), locate(source, m.start())[0])
        b.flush(end)
        b.pop()


def _opens_anything(text: str) -> bool:
    return any(
        pattern.match(text)
        for pattern in (
            grammar.ANNEX,
            grammar.REPORT_PART,
            grammar.REPORT_SECTION,
            grammar.REPORT_ITEM,
            grammar.INTERJECTION,
        )
    )


def _heading(text: str, start: int) -> str:
    """The heading after a marker: up to the end of its sentence, cut to HEADING_MAX."""
    stop = grammar.CLAUSE_END.search(text, start)
    heading = " ".join(text[start:stop.start() if stop else len(text)].split()).rstrip("，,；;：:")
    if len(heading) > grammar.HEADING_MAX:
        heading = heading[: grammar.HEADING_MAX - 1] + "…"
    return heading or text.strip()


def _interlude_heading(source: str, address: Paragraph) -> str:
    """An unnumbered section is named by the first sentence after its address.

    The address (``各位代表！``) stays text: it is no heading of anything.
    """
    following = paragraphs(source, address.end)
    return _heading(following[0].text(source), 0) if following else source[address.start:address.end].strip()
