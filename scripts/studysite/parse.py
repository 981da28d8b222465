"""Source text -> :class:`~studysite.model.Document`, by the grammar in :mod:`studysite.grammar`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from . import grammar
from .errors import SourceError, locate
from .model import Directive, Document, Part, Point, Section, Span
from .parse_report import is_report, parse_report


class _Marker(NamedTuple):
    start: int
    """Where the marker starts (indentation excluded)."""
    body: int
    """Where the text after the marker and its separator starts."""
    marker: str
    rank: int


def parse_document(
    source: str,
    *,
    slug: str,
    path: str,
    meta: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
) -> Document:
    """Parse one decoded source text.

    ``meta`` is the optional metadata (``title``, ``date`` …); its title wins
    over the title line.  Raises :class:`SourceError` for text that does not
    follow the grammar.
    """
    meta = dict(meta or {})
    _check_not_blank(source, path)

    title, title_span = _title_block(source, path, meta) or _title(source, path, meta)
    body = title_span.end
    if is_report(source, body):
        style = "report"
        opening_end, parts = parse_report(source, path, body)
    elif any(True for _ in grammar.PART.finditer(source, body)):
        style = "speech"
        parts = _parts(source, path, body)
        opening_end = parts[0].extent.start
    else:
        # No numbering at all: the whole text is one readable page.
        style, parts, opening_end = "plain", [], len(source)
    return Document(
        slug=slug,
        path=path,
        source=source,
        title=title,
        title_span=title_span,
        opening=Span(body, opening_end),
        parts=tuple(parts),
        meta=meta,
        encoding=encoding,
        style=style,
    )


#: How many lines a title block may run to before its salutation (``各位代表：``).
_TITLE_BLOCK_LINES = 8


def _title_block(source: str, path: str, meta: Mapping[str, str]) -> tuple[str, Span] | None:
    """A title over several lines, ended by the salutation: everything above ``各位代表：``.

    None where the text has no salutation near its start (the first line is
    then the title) or starts with it (the title must come from the metadata).
    """
    lines = source.split("\n")
    offset = 0
    seen = 0
    for line in lines[: _TITLE_BLOCK_LINES * 2]:
        if line.strip(" \t\u3000"):
            if grammar.SALUTATION.match(line):
                if seen < 2:
                    return None  # a one-line title (or none): the ordinary rules apply
                first = next(text for text in lines if text.strip(" \t\u3000")).strip(" \t\u3000")
                return str(meta.get("title") or first), Span(0, offset)
            seen += 1
            if seen > _TITLE_BLOCK_LINES or grammar.PART.match(line) or grammar.REPORT_PART.match(line):
                return None
        offset += len(line) + 1
    return None


#: What a valid text looks like, for messages about a text with no content at all.
_VALID_TEXT = "在公安机关领导干部集体谈心谈话会上的讲话 / 同志们： / …… / 第一，……"


def _check_not_blank(source: str, path: str) -> None:
    if not source:
        raise SourceError(
            path, "the file is empty: it has no text at all", line=1, column=1, excerpt="(no text)", example=_VALID_TEXT
        )
    if not source.strip():
        lines = source.count("\n") + (not source.endswith("\n"))
        raise SourceError(
            path,
            f"the file holds only blank space ({lines} line{'s' if lines > 1 else ''}"
            " of spaces, tabs or full-width spaces)",
            line=1,
            column=1,
            excerpt=repr(source.split("\n")[0]),
            example=_VALID_TEXT,
        )


def _title(source: str, path: str, meta: Mapping[str, str]) -> tuple[str, Span]:
    """The title line (first non-blank line) and the span up to the next line."""
    stripped = source.lstrip()
    first_start = len(source) - len(stripped)
    first_end = source.find("\n", first_start)
    if first_end == -1:
        first_end = len(source)
    first_line = source[first_start:first_end].strip()
    if grammar.SALUTATION.match(first_line):
        why = "it is a salutation"
    elif grammar.PART.match(source, first_start):
        why = "it opens a part"
    elif len(first_line) > grammar.TITLE_MAX:
        why = f"it is longer than {grammar.TITLE_MAX} characters"
    elif not grammar.TITLE.match(first_line):
        why = "it is a sentence"
    else:
        why = ""
    if why:
        # The text starts with its salutation, a part or a paragraph: it has no title line.
        if meta.get("title"):
            return str(meta["title"]), Span(0, 0)
        line, column, excerpt = locate(source, first_start)
        raise SourceError(
            path,
            f"no title: the first line is not a title ({why}) and no metadata file gives one",
            line=line,
            column=column,
            excerpt=excerpt,
            example="a first line such as 在公安机关领导干部集体谈心谈话会上的讲话, or title: … in the .yml file",
        )
    return str(meta.get("title") or first_line), Span(0, first_end + 1 if first_end < len(source) else first_end)


def _parts(source: str, path: str, body_start: int) -> list[Part]:
    found = [
        _Marker(m.start("marker"), m.end(), m.group("marker"), grammar.numeral_value(m.group("number")))
        for m in grammar.PART.finditer(source, body_start)
    ]
    _check_sequence(source, path, found, "part", "第{n}，")
    # The text before the first part marker (its indentation) belongs to the opening.
    return _marked_sections(
        source, found, len(source), "part",
        section_id=lambda index: str(index + 1),
        label=lambda section_id, marker: f"{marker}部分",
        children=lambda section_id, start, end: _directives(source, path, section_id, start, end),
    )


def _marked_sections(
    source: str,
    markers: list[_Marker],
    end: int,
    kind: str,
    *,
    section_id: Callable[[int], str],
    label: Callable[[str, str], str],
    children: Callable[[str, int, int], list[Section]],
) -> list[Section]:
    """One section per marker, each running to the next marker (the last to ``end``).

    A section owns its heading sentence and lead-in; ``children(id, start, end)``
    finds what lies below it in the rest of its text.
    """
    sections = []
    for index, marker in enumerate(markers):
        stop = markers[index + 1].start if index + 1 < len(markers) else end
        this_id = section_id(index)
        below = children(this_id, marker.body, stop)
        own_end = below[0].span.start if below else stop
        sections.append(
            Section(
                id=this_id,
                kind=kind,
                marker=marker.marker,
                label=label(this_id, marker.marker),
                heading=_heading(source, marker.body, own_end),
                body=(Span(marker.start, own_end), *below),
                line=locate(source, marker.start)[0],
            )
        )
    return sections


def _check_sequence(source: str, path: str, found: list[_Marker], what: str, form: str) -> None:
    """Numbered markers must run 1, 2, 3 … with none missing or repeated."""
    for expected, marker in enumerate(found, start=1):
        if marker.rank != expected:
            line, column, excerpt = locate(source, marker.start)
            problem = "repeated" if marker.rank < expected else "out of order or missing"
            raise SourceError(
                path,
                f"{what} {marker.marker} is {problem}: expected {form.format(n=grammar.numeral(expected))}",
                line=line,
                column=column,
                excerpt=excerpt,
                example=form.format(n=grammar.numeral(expected)) + "……",
            )


def _directives(source: str, path: str, part_id: str, start: int, end: int) -> list[Directive]:
    """Directives inside one part.

    The family (``首先…`` or ``一是…``) of the first marker decides; markers of
    the other family are then ordinary text (or points, found later).  A
    ``最后`` with no ``首先`` before it is an ordinary word ("最后，我讲一点").
    """
    markers: list[_Marker] = []
    family = ""
    for m in grammar.DIRECTIVE.finditer(source, start, end):
        this_family = "sequence" if m.group("sequence") else "ordinal"
        word = m.group("sequence") or m.group("ordinal")
        if family and this_family != family:
            continue
        if this_family == "sequence" and not markers and word == "最后":
            continue
        family = this_family
        rank = (
            grammar.SEQUENCE_RANK[word] if word in grammar.SEQUENCE_RANK else grammar.numeral_value(m.group("number"))
        )
        markers.append(_Marker(m.start(this_family), m.end(), word, rank))
    if not markers:
        return []
    _check_directive_order(source, path, markers, family)

    return _marked_sections(
        source, markers, end, "directive",
        section_id=lambda index: f"{part_id}-{index + 1}",
        label=lambda section_id, marker: f"{section_id}（{marker}）",
        children=lambda section_id, start, stop: _points(source, section_id, start, stop),
    )


def _check_directive_order(source: str, path: str, markers: list[_Marker], family: str) -> None:
    if family == "ordinal":
        _check_sequence(source, path, markers, "directive", "{n}是")
        return
    for previous, marker in zip([None, *markers], markers):
        first_ok = previous is None and marker.rank == 1
        next_ok = previous is not None and previous.rank != 99 and marker.rank > previous.rank
        if not (first_ok or next_ok):
            line, column, excerpt = locate(source, marker.start)
            expected = "首先，" if previous is None else "其次， 再次， or 最后，"
            raise SourceError(
                path,
                f"directive {marker.marker} is out of order: expected {expected}",
                line=line,
                column=column,
                excerpt=excerpt,
                example="首先，…… 其次，…… 最后，……",
            )


def _heading(source: str, start: int, end: int) -> str:
    """The sentence that starts at ``start``, without its final punctuation."""
    stop = grammar.SENTENCE_END.search(source, start, end)
    sentence = source[start:stop.start() if stop else end]
    return sentence.strip().rstrip("，,；;：:")


def _points(source: str, directive_id: str, start: int, end: int) -> list[Point]:
    """Parallel points inside a directive's text, after its heading sentence.

    A point is found by parallelism, not by position: three or more lead
    clauses that share their first or last characters (``综合素质要强，``
    ``业务能力要强，`` …) each open a point; failing that, three or more
    closing clauses that share their first characters (``确保纪律底线不破；``)
    each close one.
    """
    heading_end = grammar.SENTENCE_END.search(source, start, end)
    body = heading_end.end() if heading_end else end

    leads = [(m.start("clause"), m.group("clause")) for m in grammar.LEAD_CLAUSE.finditer(source, body, end)]
    group = _parallel_group(leads)
    if group:
        starts = [pos for pos, _ in group]
        headings = [clause for _, clause in group]
    else:
        closings = {m.start("clause"): m for m in grammar.CLOSING_CLAUSE.finditer(source, body, end)}
        group = _parallel_group([(pos, m.group("clause")) for pos, m in closings.items()], suffix=False)
        if not group:
            return []
        # Each point runs from the end of the previous point's closing clause.
        starts = [_sentence_start_before(source, group[0][0], body)]
        starts += [closings[pos].end() for pos, _ in group[:-1]]
        headings = [clause for _, clause in group]

    points = []
    for index, (p_start, heading) in enumerate(zip(starts, headings)):
        p_end = starts[index + 1] if index + 1 < len(starts) else end
        points.append(
            Section(
                id=f"{directive_id}-{index + 1}",
                kind="point",
                marker="",
                label=f"{directive_id}-{index + 1}",
                heading=heading,
                body=(Span(p_start, p_end),),
                line=locate(source, p_start)[0],
            )
        )
    return points


def _parallel_group(clauses: list[tuple[int, str]], *, suffix: bool = True) -> list[tuple[int, str]]:
    """The largest set of clauses sharing a prefix (or suffix) of PARALLEL_AFFIX characters."""
    n = grammar.PARALLEL_AFFIX
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for pos, clause in clauses:
        groups.setdefault(("prefix", clause[:n]), []).append((pos, clause))
        if suffix:
            groups.setdefault(("suffix", clause[-n:]), []).append((pos, clause))
    best = max(groups.values(), key=len, default=[])
    return best if len(best) >= grammar.MIN_PARALLEL else []


_SENTENCE_BREAK = re.compile(r"[。！？；;][”’」』]?")


def _sentence_start_before(source: str, pos: int, floor: int) -> int:
    """Start of the sentence (or semicolon clause) that contains ``pos``."""
    last = floor
    for m in _SENTENCE_BREAK.finditer(source, floor, pos):
        last = m.end()
    return last
