"""Source text -> :class:`~studysite.model.Document`: one engine over the levels of :mod:`studysite.grammar`.

The parser reads a text as a careful reader does:

1. Paragraphs (:mod:`studysite.paragraphs`): lines joined where a sentence runs
   on, noise (captions, bylines, notes, web buttons) told apart.
2. The header: web buttons, the title line(s), a subtitle, bylines, up to the
   salutation or the first paragraph of the body.  No title line is no error:
   the metadata's title is used, else one made from the file name (a warning).
3. Markers: each body paragraph opens with at most one numbering marker
   (``grammar.LEVELS``); a table of contents (headings repeated at the top of
   a law) is recognised and its markers dropped.
4. The outline: which levels the text uses decides what each becomes
   (:func:`infer_roles`): ``第一章`` a chapter page, ``第一条`` an article
   anchor; the highest heading level a part, the next a section, the rest
   points; ``第一，`` parts of a speech whose inline ``首先，``/``一是`` are
   directives and whose parallel clauses are points.
5. One builder assigns every stretch of text to the innermost open unit, and
   checks each numbering runs 1, 2, 3 … (restarting under a new parent, or
   running on across parents).  Every problem is reported, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from . import grammar
from .errors import SourceError, locate
from .grammar import LEVEL, Level
from .kinds import Kind, has_page
from .model import Document, Section, Span
from .paragraphs import HEADER_BYLINE, Paragraph, paragraphs


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
    over the title line.  Raises :class:`SourceError` (carrying every problem
    found) for text whose numbering contradicts itself.
    """
    meta = dict(meta or {})
    _check_not_blank(source, path)
    paras = paragraphs(source)
    count, title_lines = _header(source, paras)
    warnings: list[str] = []
    title, title_span = _title(source, paras, count, title_lines, meta, slug, warnings)
    for index, p in enumerate(paras[:count]):
        # The header's other lines are what they are: a subtitle, or an author or date line.
        if p.kind == "text" and p not in title_lines:
            text = p.text(source)
            continued = index > 0 and paras[index - 1].kind == "subtitle" and not HEADER_BYLINE.match(text)
            kind = "subtitle" if grammar.SUBTITLE.match(text) or continued else "byline"
            paras[index] = Paragraph(p.start, p.end, p.line, kind)
    body = paras[count:]
    found = [_marker(source, p) for p in body]
    for index in _quoted(source, body, found):
        found[index] = None  # a clause quoted in full (a 修改决定's ``修改为：“……（一）……（二）……”``): text
    toc = _tables_of_contents(source, body, found)
    for index in toc:
        found[index] = None
        body[index] = Paragraph(body[index].start, body[index].end, body[index].line, "toc")
    annexes = frozenset(i for i, p in enumerate(body) if p.kind == "text" and grammar.ANNEX.match(p.text(source)))
    roles, style = infer_roles(found, annexes)
    paras = paras[:count] + body
    errors: list[SourceError] = []
    all_excerpts = _excerpt_levels(found)
    excerpts = frozenset(all_excerpts & set(roles))
    for name in sorted(excerpts, key=lambda n: LEVEL[n].rank):
        first = next(f for f in found if f is not None and f.level.name == name)
        what = _what(roles.get(name))
        marker, one = first.match.group("marker").strip(), LEVEL[name].example.format(n=grammar.numeral(1))
        if name in grammar.LAW_LEVELS and "article" in roles:
            # A law whose copy lost its first heading lines (``## 第一章 总则``): its articles begin before it.
            warnings.append(
                f"the {what}s start at {marker} (no {one}): the headings are read as numbered, the articles before"
                f" {marker} as an unnumbered unit; if the copy lost the heading {one}, write it back"
            )
            continue
        warnings.append(
            f"the {what}s start at {marker} (no {one}): read as an excerpt numbered as it stands;"
            " if the first heading lost its number, write it back"
        )
    if roles.get("ordinal") == Kind.PART:
        opening_end, parts = _speech(source, path, body, found, title_span.end, errors)
    else:
        builder = _Builder(source, path, title_span.end, roles, errors, excerpts, warnings)
        opening_end, parts = builder.run(body, found, plain=style == "plain")
    if errors:
        raise SourceError.joined(errors)
    used = tuple(
        sorted(
            {(str(kind), level) for level, kind in roles.items() if _level_used(found, level, all_excerpts)},
            # the table's order breaks ties of rank (一是 and 一要 are both rank 10): a set has no order of its own
            key=lambda pair: (LEVEL[pair[1]].rank, grammar.LEVELS.index(LEVEL[pair[1]])),
        )
    )
    if style == "plain" and not parts:
        opening_end = len(source)
    return Document(
        slug=slug,
        path=path,
        source=source,
        title=title,
        title_span=title_span,
        opening=Span(title_span.end, opening_end),
        parts=tuple(parts),
        meta=meta,
        encoding=encoding,
        style=style,
        paragraphs=tuple(paras),
        levels=used,
        warnings=tuple(warnings),
    )


# ---- Header and title -------------------------------------------------------------------

#: Most lines a title runs to (``决胜全面建成小康社会`` / ``夺取新时代中国特色社会主义伟大胜利``).
TITLE_LINES = 3

_MD_PREFIX = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ ]+)?")


def _plain_line(text: str) -> str:
    return _MD_PREFIX.sub("", text).strip(" \t\u3000")


def _title_like(source: str, p: Paragraph) -> bool:
    text = p.text(source)
    if p.kind != "text" or "\n" in text.strip():
        return False
    line = _plain_line(text)
    return (
        bool(line)
        and line[0] not in "（(【"
        and len(line) <= grammar.TITLE_MAX
        and bool(grammar.TITLE.match(line))
        and not grammar.SALUTATION.match(line)
        and not grammar.INTERJECTION.match(line)
        and not grammar.SUBTITLE.match(line)
        and not grammar.ANNEX.match(text)
        and not any(level.pattern.match(text) for level in grammar.LEVELS)
    )


def _header(source: str, paras: list[Paragraph]) -> tuple[int, list[Paragraph]]:
    """How many paragraphs the header holds, and which of them are the title.

    The header is: noise (web buttons) before the title, the title lines, then
    a subtitle (``——……``), bylines, dates, captions and notes.  It ends at the
    first paragraph that is none of these (the salutation, a marker, a sentence,
    an unnumbered heading such as ``序言`` after the date line).
    """
    count = 0
    titles: list[Paragraph] = []
    after_title = False
    for index, p in enumerate(paras):
        text = p.text(source)
        if p.kind != "text":
            count += 1
            after_title = after_title or (bool(titles) and p.kind != "ui")
            continue
        if titles and (grammar.SUBTITLE.match(text) or _header_byline(source, paras, index)):
            count, after_title = count + 1, True
            continue
        if after_title and count and grammar.SUBTITLE.match(paras[count - 1].text(source)) and _title_like(source, p):
            count += 1  # a subtitle broken over two lines (``——2026年1月26日在广东省第十四届`` / ``人民代表大会……``)
            continue
        if (
            not after_title
            and _title_like(source, p)
            and (
                not titles
                or (
                    len(titles) < TITLE_LINES
                    and (len(_plain_line(text).replace(" ", "")) >= 5 or _same_markdown_title(source, titles[0], text))
                )
            )
        ):
            titles.append(p)
            count += 1
            continue
        break
    return count, titles


def _same_markdown_title(source: str, first: Paragraph, text: str) -> bool:
    """A second top-level Markdown heading under a ``# `` title continues it, however short
    (``# 中华人民共和国民法典`` / ``# 合同编``)."""
    return first.text(source).lstrip().startswith("# ") and text.lstrip().startswith("# ")


def _header_byline(source: str, paras: list[Paragraph], index: int) -> bool:
    """An author line in the header: ``北京市市长 殷勇``, or a name alone (``习近平``) right before the
    salutation; a short line before the body's text is a heading (``序言``), not a name."""
    text = paras[index].text(source)
    if grammar.ISSUER.match(text):
        return True
    if not HEADER_BYLINE.match(text) or any(level.pattern.match(text) for level in grammar.LEVELS):
        return False
    if len(text.strip(" \t\u3000").split()) > 1:
        return True
    following = paras[index + 1] if index + 1 < len(paras) else None
    return following is None or following.kind != "text" or bool(grammar.SALUTATION.match(following.text(source)))


def _title(
    source: str,
    paras: list[Paragraph],
    count: int,
    title_lines: list[Paragraph],
    meta: Mapping[str, str],
    slug: str,
    warnings: list[str],
) -> tuple[str, Span]:
    """The title shown and the header's span.

    A one-paragraph header ends with its line break; a longer one runs to the
    first paragraph of the body.  Without a title line: the metadata's title,
    else the file name (with a warning, so ``--check`` and the build log say so).
    """
    if count == 0:
        span = Span(0, 0)
    elif count == 1 and count < len(paras):
        end = paras[0].end
        span = Span(0, end + 1 if end < len(source) else end)
    else:
        span = Span(0, paras[count].start if count < len(paras) else len(source))
    if title_lines:
        shown = " ".join(_plain_line(p.text(source)) for p in title_lines)
        return str(meta.get("title") or shown), span
    if meta.get("title"):
        return str(meta["title"]), span
    warnings.append(
        f"no title line (the text starts with {_first_words(source, paras[count] if count < len(paras) else None)}):"
        f" the title {slug!r} is made from the file name; give title: in {slug}.yml"
    )
    return slug, span


def _first_words(source: str, p: Paragraph | None) -> str:
    if p is None:
        return "nothing but a header"
    text = p.text(source).strip()
    return repr(text[:20] + ("…" if len(text) > 20 else ""))


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


# ---- Markers and the outline --------------------------------------------------------------


class Found(NamedTuple):
    """A numbering marker that opens a paragraph."""

    level: Level
    match: re.Match[str]
    """The level's match on the paragraph's text (groups ``lead``, ``marker``, ``number`` or ``word``)."""
    number: int
    """The marker's number (``首先`` 1, ``其次`` 2 …, ``最后`` 99, ``——`` 0)."""


def _number(level: Level, m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("word"):
        return grammar.SEQUENCE_RANK[groups["word"]]
    if groups.get("number"):
        digits = groups["number"]
        return int(digits) if digits.isdigit() else grammar.numeral_value(digits)
    return 0


#: The characters a marker can start with (after blanks and a Markdown prefix): a cheap test first.
_MARKER_START = re.compile(r"[ \t\u3000]*(?:#{1,6}[ ]+)?(?:\*\*)?[第一二三四五六七八九十（(0-9０-９首其再最—]")


def _marker(source: str, p: Paragraph) -> Found | None:
    if p.kind != "text" or not _MARKER_START.match(source, p.start, p.end):
        return None
    text = p.text(source)
    for level in grammar.LEVELS:
        m = level.pattern.match(text)
        if m:
            if level.name == "bare" and "\n" in text.strip():
                return None
            return Found(level, m, _number(level, m))
    return None


#: A law's levels that head pages (an article is an anchor on one).
_PAGE_LAW_LEVELS = ("bian", "bufen", "pian", "fenbian", "chapter", "subchapter")

#: Levels whose repeated run at the top of a text is a table of contents.
_TOC_LEVELS = ("bian", "bufen", "pian", "chapter", "subchapter", "dun")


def _tables_of_contents(source: str, body: list[Paragraph], found: list[Found | None]) -> set[int]:
    """Indices of paragraphs that are a table of contents: a run of three or more heading lines with no
    text between them, holding two or more numbered headings from number 1, whose first numbered level
    starts at 1 again later.  Unnumbered short headings may stand in the run (a white paper's ``目录`` /
    ``前言`` / ``一、……`` / ``二、……`` / ``结束语``); the run ends where its headings begin again (the
    first numbered level back at 1, or an unnumbered heading repeated: the body's own ``前言``)."""

    def numbered_alone(i: int) -> bool:
        f = found[i]
        return (
            f is not None
            and f.level.name in _TOC_LEVELS
            and "\n" not in body[i].text(source).strip()
            and not grammar.CLAUSE_END.search(body[i].text(source))
        )

    def unnumbered_alone(i: int) -> bool:
        text = body[i].text(source)
        return (
            found[i] is None
            and body[i].kind == "text"
            and "\n" not in text.strip()
            and bool(grammar.UNNUMBERED_HEADING.match(text))
            and not grammar.INTERJECTION.match(text)
            and not grammar.SALUTATION.match(text)
            and not grammar.ANNEX.match(text)
        )

    toc: set[int] = set()
    i = 0
    while i < len(body):
        if not (numbered_alone(i) or unnumbered_alone(i)):
            i += 1
            continue
        j = i
        first: Found | None = None
        numbered = 0
        names: set[str] = set()
        while j < len(body) and (numbered_alone(j) or unnumbered_alone(j)):
            f = found[j]
            if f is not None:
                if first is not None and f.level is first.level and f.number == 1:
                    break  # the headings themselves begin
                first = first or f
                numbered += 1
            else:
                name = _plain_line(body[j].text(source)).replace(" ", "").replace("\u3000", "")
                if name in names:
                    break
                names.add(name)
            j += 1
        again = first is not None and any(g is not None and g.level is first.level and g.number == 1 for g in found[j:])
        if first is not None and first.number == 1 and numbered >= 2 and j - i >= 3 and again:
            toc.update(range(i, j))
        i = max(j, i + 1)
    return toc


def _level_used(found: list[Found | None], name: str, excerpts: Collection[str]) -> bool:
    """A level counts when one of its markers starts a run (number 1, ``首先``, any ``——``), or, for a
    numbering that runs through the whole document (articles), when an excerpt holds two or more of them,
    or when it is one of the text's ``excerpts`` (``_excerpt_levels``, worked out once per text)."""
    needed = 2 if name == "bare" else 1
    firsts = [f for f in found if f is not None and f.level.name == name and f.number in (0, 1)]
    total = [f for f in found if f is not None and f.level.name == name]
    if LEVEL[name].runs_through and len(total) >= 2:
        return True
    if name in excerpts:
        return True
    return bool(firsts) and len(total) >= needed


def _excerpt_levels(found: list[Found | None]) -> set[str]:
    """Heading levels whose numbering starts past 1 and runs on from there: ``三、`` ``四、`` … with no ``一、``.

    An excerpt (节选) starts where it starts; a text whose ``一、`` lost its number reads the same way.
    Either way the headings are headings, numbered as the text numbers them, and a warning says so
    (``parse``), rather than the text becoming one page or being refused.  Two in a row at least, so a
    paragraph that opens ``二、三月份……`` alone is text.
    """
    levels = set()
    for name in (*grammar.HEADING_LADDER, *grammar.LAW_LEVELS):
        if name == "bare" or LEVEL[name].runs_through:
            continue
        total = [f for f in found if f is not None and f.level.name == name]
        runs_on = len(total) >= 2 and total[0].number > 1 and total[1].number == total[0].number + 1
        if runs_on and not any(f.number in (0, 1) for f in total):
            levels.add(name)
    return levels


def _sub_number(f: Found) -> int:
    """The ``之一`` of an article inserted after another (``第十七条之一``): 1; 0 for a plain article."""
    sub = f.match.groupdict().get("sub")
    return grammar.numeral_value(sub) if sub else 0


#: Most paragraphs a quotation may run over to count as one (a quoted article with its items).
_QUOTE_PARAGRAPHS = 30


def _quoted(source: str, body: list[Paragraph], found: list[Found | None]) -> set[int]:
    """Paragraphs inside a quotation that runs over paragraphs: opened (``修改为：“……``) and left open at a
    paragraph's end, closed (``……。”``) in a later one.  Their markers are the quoted text's, not the text's own:
    a 决定 quoting an amended article with its ``（一）`` ``（二）``.  A quotation counts only where it closes
    within a few paragraphs and holds no marker of the numbering it was opened under (a stray ``“`` never hides
    the headings after it)."""
    quoted: set[int] = set()
    index = 0
    while index < len(body):
        text = body[index].text(source)
        if body[index].kind != "text" or text.count("“") <= text.count("”"):
            index += 1
            continue
        depth = text.count("“") - text.count("”")
        outer = next((f.level.name for f in reversed(found[: index + 1]) if f is not None), None)
        end = index + 1
        while end < len(body) and end - index <= _QUOTE_PARAGRAPHS and depth > 0:
            inner = body[end].text(source)
            depth += inner.count("“") - inner.count("”")
            end += 1
        inside = range(index + 1, end)
        if depth <= 0 and not any((f := found[i]) is not None and f.level.name == outer for i in inside):
            quoted.update(i for i in inside if found[i] is not None)
            index = end
        else:
            index += 1
    return quoted


#: Levels that make points (anchors) when no heading role takes them.
_POINT_LEVELS = ("paren", "ordinal", "arabic", "paren_arabic", "shi", "yao", "dash")


#: Enumerations that make the parts of a text that has nothing else, when its paragraphs open with one run of them.
_SERIES_LEVELS = ("shi", "yao")

#: Fewest paragraphs such a run must hold.
_MIN_SERIES = 3


def _one_series(found: list[Found | None], name: str) -> bool:
    """Paragraphs open with ``一是`` ``二是`` ``三是`` …: one run from 1 with no gap or restart, three or more long."""
    numbers = [f.number for f in found if f is not None and f.level.name == name]
    return len(numbers) >= _MIN_SERIES and numbers == list(range(1, len(numbers) + 1))


def _restarts(found: list[Found | None], name: str, annexes: frozenset[int] = frozenset()) -> bool:
    """The level's numbering starts again at 1 with no heading of a higher level (or an annex) between: a list."""
    rank = LEVEL[name].rank
    last = 0
    for index, f in enumerate(found):
        if index in annexes:
            last = 0
        if f is None:
            continue
        if f.level.name == name:
            if f.number == 1 and last:
                return True
            last = f.number
        elif f.level.rank < rank and (f.level.name in grammar.HEADING_LADDER or f.level.name in grammar.LAW_LEVELS):
            last = 0
    return False


def _heads_articles(found: list[Found | None], name: str) -> bool:
    """In a law with no 编, 部分 or chapter, the level's markers are headings over articles: two or more, each
    right above an article (the next paragraph opens ``第N条``), numbered 1, 2, 3 … once through."""
    if any(f is not None and f.level.name in _PAGE_LAW_LEVELS for f in found):
        return False
    at = [i for i, f in enumerate(found) if f is not None and f.level.name == name]
    numbers = [f.number for f in found if f is not None and f.level.name == name]
    return (
        len(at) >= 2
        and numbers == list(range(1, len(at) + 1))
        and all(i + 1 < len(found) and (g := found[i + 1]) is not None and g.level.name == "article" for i in at)
    )


def infer_roles(found: list[Found | None], annexes: frozenset[int] = frozenset()) -> tuple[dict[str, Kind], str]:
    """What each used level becomes in this text, and the text's style.

    - A law, a regulation, the Party constitution (``第一章`` or ``第一条``):
      编/部分 parts, chapters, sub-chapters (节) are pages; articles are anchors;
      ``（一）`` ``1.`` ``（1）`` inside an article are items; ``第一，`` ``一是`` ``——`` points.
    - Otherwise the highest heading level used (``第一部分``, a bare ``一``, ``一、``,
      ``（一）``) makes the parts, the next one the sections; a bare ``一`` with
      ``第一，`` inside makes those directives.  Every other level is points.
    - Only ``第一，`` at paragraph starts: a speech (parts; directives and points inline).
    - No numbering: ``plain`` (addresses and unnumbered headings may still split it).
    """
    excerpts = _excerpt_levels(found)
    used = [level.name for level in grammar.LEVELS if _level_used(found, level.name, excerpts)]
    roles: dict[str, Kind] = {}
    if "chapter" in used or "article" in used:
        for name in used:
            roles[name] = {
                "bian": Kind.PART,
                "bufen": Kind.PART,
                "pian": Kind.PART,
                "fenbian": Kind.PART,
                "chapter": Kind.CHAPTER,
                "subchapter": Kind.SUBCHAPTER,
                "article": Kind.ARTICLE,
                "paren": Kind.ITEM,
                "arabic": Kind.ITEM,
                "paren_arabic": Kind.ITEM,
            }.get(name, Kind.POINT)
        roles.pop("bare", None)
        if "dun" in used and _heads_articles(found, "dun"):
            # A 司法解释 of articles grouped under ``一、一般规定`` ``二、合同的订立`` … (no chapters): each
            # such heading stands right above an article, and they run 一、二、三 once: parts over the articles.
            roles["dun"] = Kind.PART
        if "bian" in used or "bufen" in used or "pian" in used:
            # 分编 under 编 would need a level of pages between part and chapter: its heading stays text.
            roles.pop("fenbian", None)
        return roles, "law"
    # A numbering that starts again at 1 under the same heading is a list (the amended clauses quoted in a 决定,
    # each with its own （一）（二）), not headings: its markers are points.
    ladder = [name for name in grammar.HEADING_LADDER if name in used and not _restarts(found, name, annexes)]
    if ladder:
        roles[ladder[0]] = Kind.PART
        if len(ladder) > 1:
            roles[ladder[1]] = Kind.SECTION
        elif ladder[0] == "bare" and "ordinal" in used:
            roles["ordinal"] = Kind.DIRECTIVE
        # Enumerations are points wherever they appear (a list may start inline: ``：一是……`` then ``四是……`` opens
        # a paragraph); points are anchors, so a stray one costs nothing.
        for name in _POINT_LEVELS:
            if name not in roles and any(f is not None and f.level.name == name for f in found):
                roles[name] = Kind.POINT
        return roles, "speech" if ladder[0] == "bare" else "report"
    if "ordinal" in used:
        return {"ordinal": Kind.PART, "sequence": Kind.DIRECTIVE, "shi": Kind.DIRECTIVE}, "speech"
    present = {f.level.name for f in found if f is not None}
    for name in _SERIES_LEVELS:
        if _one_series(found, name):
            # A text whose only numbering is one run of paragraphs ``一是……`` ``二是……`` (a 《求是》 article's
            # key points) is made of those parts; the other enumerations are points inside them.
            roles = {other: Kind.POINT for other in _POINT_LEVELS if other in present}
            roles[name] = Kind.PART
            return roles, "report"
    # No numbered headings: enumerations are points of the units that addresses and headings make.
    return {name: Kind.POINT for name in _POINT_LEVELS if name in present}, "plain"


#: A line break between two Chinese characters: a hard wrap (a PDF's, at 30 characters) inside a word.
_HAN_OR_WIDE = r"[\u3001-\u9fff\uff01-\uffef]"
_WRAP_INSIDE_WORDS = re.compile(rf"(?<={_HAN_OR_WIDE})[ \t]*\n[ \t\u3000]*(?={_HAN_OR_WIDE})")


def _heading(text: str, start: int) -> str:
    """The heading after a marker: up to the end of its sentence, cut to HEADING_MAX.

    Blanks fold to one space, except at a line break between Chinese characters, which
    joins without one (``知识分子和`` / ``其他社会阶层`` is one phrase, not two words)."""
    stop = grammar.CLAUSE_END.search(text, start)
    sentence = _WRAP_INSIDE_WORDS.sub("", text[start : stop.start() if stop else len(text)])
    heading = " ".join(sentence.split()).strip("*").rstrip("，,；;：:")
    if len(heading) > grammar.HEADING_MAX:
        heading = heading[: grammar.HEADING_MAX - 1] + "…"
    return heading or text.strip()


def _line_heading(text: str, start: int) -> str:
    """A heading that is the rest of its line (``第一章　总　　则`` -> ``总　　则``)."""
    line = text[start:].split("\n", 1)[0].strip().strip("*").strip()  # every blank: U+3000, U+2002 …
    return line[: grammar.HEADING_MAX - 1] + "…" if len(line) > grammar.HEADING_MAX else line


# ---- The builder: one stack of open units -------------------------------------------------


@dataclass
class _Open:
    """A unit being built; frozen into a :class:`Section` when it closes."""

    id: str
    kind: Kind
    marker: str
    label: str
    heading: str
    line: int
    level: str = ""
    """The grammar level it was read from (empty for unnumbered units)."""
    body: list = field(default_factory=list)
    runs_on: bool = False
    """A point that takes the following paragraphs too."""
    numbers: dict = field(default_factory=dict)
    """Level name -> numbers of the child markers seen so far, for the sequence check."""
    interludes: int = 0
    points: int = 0
    lead_points: bool | None = None
    """A part whose sections are still to come: its lead's points are numbered ``1-0-1`` …, apart from the
    sections' ``1-1`` … (worked out at its first point)."""

    def freeze(self) -> Section:
        return Section(
            self.id, self.kind, self.marker, self.label, self.heading, tuple(self.body), self.line, self.level
        )


#: Depth of each kind in the tree: a unit closes every open unit at its depth or deeper.
_DEPTH = {
    Kind.ANNEX: 0,
    Kind.PREFACE: 0,
    Kind.CLOSING: 0,
    Kind.PART: 1,
    Kind.CHAPTER: 2,
    Kind.SUBCHAPTER: 3,
    Kind.SECTION: 4,
    Kind.DIRECTIVE: 4,
    Kind.INTERLUDE: 4,
    Kind.ARTICLE: 5,
    Kind.POINT: 6,
    Kind.ITEM: 6,
}


class _Builder:
    """Assigns every stretch of text to the innermost open unit."""

    def __init__(
        self,
        source: str,
        path: str,
        start: int,
        roles: dict[str, Kind],
        errors: list[SourceError],
        excerpts: frozenset[str] = frozenset(),
        warnings: list[str] | None = None,
    ) -> None:
        self.source = source
        self.warnings = warnings if warnings is not None else []
        self.found: list[Found | None] = []
        self.body: list[Paragraph] = []
        self.index = 0
        """The walk's body and its place in it, for looking ahead (a heading gap the articles run across)."""
        self.gapped: set[str] = set()
        """Law heading levels with a heading left out (``第二章`` then ``第四章``): their units keep their numbers."""
        self.excerpts = excerpts
        """Levels whose numbering starts past 1 (_excerpt_levels): their first number is where they start."""
        self.path = path
        self.cursor = start
        self.roles = roles
        self.errors = errors
        self.opening_end: int | None = None
        self.stack: list[_Open] = []
        self.top: list[Section] = []
        self.top_numbers: dict = {}
        self.last_number: dict[str, int] = {}
        """Level name -> the last number seen anywhere: numbering that runs on across parents."""
        self.counts: dict[str, int] = {}

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

    def close_above(self, kind: Kind) -> None:
        """Close every open unit at ``kind``'s depth or deeper."""
        while self.stack and _DEPTH[self.stack[-1].kind] >= _DEPTH[kind]:
            self.pop()

    def close_to(self, kinds: tuple[Kind, ...]) -> None:
        """Close units until the innermost open one is of one of ``kinds`` (or none is open)."""
        while self.stack and self.stack[-1].kind not in kinds:
            self.pop()

    def page(self) -> _Open | None:
        for node in reversed(self.stack):
            if has_page(node.kind):
                return node
        return None

    def next_count(self, key: str) -> int:
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]

    # -- sequence checks ---------------------------------------------------------

    def check_number(self, parent: _Open | None, found: Found, p: Paragraph, *, lists: bool) -> None:
        """Numbers run 1, 2, 3 … under one parent.  ``lists``: a new run may start at 1
        (lists of items), and a numbering may run on from the previous parent (``1.``…``79.``)."""
        seen = (parent.numbers if parent else self.top_numbers).setdefault(found.level.name, [])
        number = found.number
        if _sub_number(found):
            # ``第十七条之一`` follows ``第十七条`` (or its ``之一``): it takes no number of the run.
            if number != self.last_number.get(found.level.name):
                base = found.level.example.format(n=grammar.numeral(number))
                self._misnumbered(found, p, f"not after {base}", f"{base} before it")
            return
        expected = (seen[-1] + 1) if seen else 1
        if not seen and found.level.runs_through and found.level.name in self.last_number:
            expected = self.last_number[found.level.name] + 1  # articles run on from the last chapter
        running_on = not seen and number == self.last_number.get(found.level.name, 0) + 1
        restart = lists and number == 1
        # An excerpt (one 编 of a law, 三、四、 of a report) starts at whatever number it starts at.
        first_of_excerpt = found.level.runs_through or found.level.name in self.excerpts
        excerpt = first_of_excerpt and found.level.name not in self.last_number
        if number > expected and not running_on and not excerpt and self._heading_left_out(found, expected):
            left_out = [found.level.example.format(n=_shown(found.level, n)) for n in range(expected, number)]
            shown = f"the heading {left_out[0]} is" if len(left_out) == 1 else f"the headings {'、'.join(left_out)} are"
            self.warnings.append(
                f"line {p.line}: {found.match.group('marker').strip()} follows"
                f" {found.level.example.format(n=_shown(found.level, expected - 1))}: {shown} left out,"
                " but the articles run on across it, so no text is missing: read as it stands; write the heading back"
                " if the copy lost it"
            )
            self.gapped.add(found.level.name)
        elif number != expected and not running_on and not restart and not excerpt:
            problem = "repeated" if number < expected else "out of order or missing"
            self._misnumbered(found, p, problem, found.level.example.format(n=_shown(found.level, expected)))
        seen.append(number)
        self.last_number[found.level.name] = number

    def _heading_left_out(self, found: Found, expected: int) -> bool:
        """A law's heading level skips a number while its articles run on without a gap across it: the copy
        left a heading line out (``## 第三章 …`` lost in a Markdown conversion), no text is missing."""
        if found.level.name not in grammar.LAW_LEVELS or found.level.runs_through:
            return False
        before = self.last_number.get("article")
        after = next(
            (f for f in self.found[self.index + 1 :] if f is not None and f.level.name == "article"),
            None,
        )
        return before is not None and after is not None and after.number == before + 1 and not _sub_number(after)

    def _misnumbered(self, found: Found, p: Paragraph, problem: str, expected: str) -> None:
        line, column, excerpt = locate(self.source, p.start + len(found.match.group("lead")))
        self.errors.append(
            SourceError(
                self.path,
                f"{_what(self.roles.get(found.level.name))} {found.match.group('marker').strip()} is {problem}:"
                f" expected {expected}",
                line=line,
                column=column,
                excerpt=excerpt,
                example=expected + "……",
            )
        )

    # -- the walk ----------------------------------------------------------------

    def run(self, body: list[Paragraph], found: list[Found | None], *, plain: bool) -> tuple[int, list[Section]]:
        source = self.source
        closing = _closing_start(source, body, found, self.roles)
        law = any(kind == Kind.ARTICLE for kind in self.roles.values())
        unnumbered = _unnumbered_headings(source, body, found, plain, law=law)
        annex_title_pending = False
        self.found = found
        self.body = body
        for index, (p, f) in enumerate(zip(body, found)):
            self.index = index
            text = p.text(source)
            if annex_title_pending:
                annex_title_pending = False
                if p.kind == "text" and not grammar.CLAUSE_END.search(text) and f is None:
                    # ``附件1`` / ``2026年省十件民生实事``: the second line names the annex.
                    annex = self.stack[-1]
                    annex.heading = f"{annex.heading} {text.strip()}".strip()
                    continue
            if self.stack and self.stack[-1].kind in (Kind.POINT, Kind.ITEM) and not self.stack[-1].runs_on:
                self.pop()  # a one-paragraph point closed at its paragraph's end
            # What came before this paragraph belongs to what is open now, before anything closes.
            self.flush(p.start)

            if p.kind == "text" and (m := grammar.ANNEX.match(text)):
                self.close_to(())
                number = self.next_count("annex")
                marker = (m.group("marker") or m.group("titled") or m.group("bare")).strip()
                # ``附件一：标题`` names itself; ``附件1`` alone is named by the line below it.
                heading = _plain_line(text).strip("*") if m.group("title") else marker
                self.push(_Open(f"a{number}", Kind.ANNEX, marker, f"附件{number}", heading, p.line), p.start)
                annex_title_pending = not m.group("title")
            elif index == closing:
                self.close_to(())
                self.push(_Open("closing", Kind.CLOSING, "", "结束语", "结束语", p.line), p.start)
            elif index in unnumbered:
                # In a law of articles only, a heading right above an article heads a unit, even before the first one.
                after = found[index + 1] if index + 1 < len(found) else None
                articles_only = law and not any(g is not None and g.level.name in _PAGE_LAW_LEVELS for g in found)
                above_article = after is not None and after.level.name == "article"
                self._unnumbered(p, text, plain or (articles_only and above_article))
            elif (p.kind == "text" and grammar.INTERJECTION.match(text) and (self.stack or plain)) or (
                plain and p.kind == "text" and grammar.ADDRESS_RUN_IN.match(text)
            ):
                self._address(body, index, plain)
            elif f is not None and f.level.name in self.roles:
                self._marker(body, index, f)
            elif self.page() is not None and p.kind == "text":
                self._inline_points(p)
            if self.stack and self.stack[-1].kind in (Kind.POINT, Kind.ITEM) and not self.stack[-1].runs_on:
                self.flush(p.end)
        self.flush(len(source))
        while self.stack:
            self.pop()
        return (self.opening_end if self.opening_end is not None else len(source)), self.top

    def _unnumbered(self, p: Paragraph, text: str, plain: bool) -> None:
        """An unnumbered heading: a preface (``序言``, ``总纲``) before the numbering, a unit in a plain text
        or between a law's articles (``附则`` after the last chapter)."""
        numbered = self.opening_end is not None and any(n.kind != Kind.PREFACE for n in self.stack + self.top)
        self.close_to(())
        question = grammar.QUESTION.match(text)
        heading = _question_heading(question.group("question")) if question else _plain_heading(text)
        if plain or numbered:
            number = self.next_count("unit")
            self.push(_Open(f"u{number}", Kind.INTERLUDE, "", f"u{number}", heading, p.line), p.start)
        else:
            number = self.next_count("preface")
            node_id = "preface" if number == 1 else f"preface-{number}"
            self.push(_Open(node_id, Kind.PREFACE, "", heading, heading, p.line), p.start)

    def _address(self, body: list[Paragraph], index: int, plain: bool) -> None:
        """An address (``各位代表！``): text, except where it opens an unnumbered unit.

        After a run of sections it opens an interlude (``3-u1``); in a text with no
        numbering every address opens a unit (``u1``), so no page runs on for
        thousands of characters where the author gave a place to split.
        """
        p = body[index]
        if plain:
            self.close_to(())
            number = self.next_count("unit")
            self.push(
                _Open(
                    f"u{number}", Kind.INTERLUDE, "", f"u{number}", _address_heading(self.source, body, index), p.line
                ),
                p.start,
            )
            return
        self.close_to((Kind.PART, Kind.SECTION, Kind.INTERLUDE, Kind.ANNEX, Kind.CHAPTER, Kind.DIRECTIVE))
        page = self.stack[-1] if self.stack else None
        after_sections = page is not None and (
            page.kind in (Kind.SECTION, Kind.INTERLUDE) or page.numbers.get(_section_level(self.roles))
        )
        if after_sections:
            # After a run of sections the address opens an unnumbered one.
            self.close_to((Kind.PART, Kind.ANNEX))
            parent = self.stack[-1]
            parent.interludes += 1
            node_id = f"{parent.id}-u{parent.interludes}"
            self.push(
                _Open(node_id, Kind.INTERLUDE, "", node_id, _address_heading(self.source, body, index), p.line), p.start
            )

    def _marker(self, body: list[Paragraph], index: int, f: Found) -> None:
        p = body[index]
        text = p.text(self.source)
        kind = self.roles[f.level.name]
        marker = f.match.group("marker")
        line = p.line
        at = p.start
        if kind in (Kind.ITEM, Kind.POINT):
            self._point(p, f, kind)
            return
        if kind == Kind.ARTICLE:
            self.close_above(Kind.ARTICLE)
            if self.page() is None:
                # Articles with no chapter above them (a short regulation of articles only, or the articles
                # before a chapter heading the copy lost) are the text of an unnumbered unit: a page holds them.
                unit = self.next_count("unit")
                self.push(_Open(f"u{unit}", Kind.INTERLUDE, "", f"u{unit}", "条文", line), at)
            parent = self.page()
            self.check_number(parent, f, p, lists=False)
            self.last_number[f.level.name] = f.number
            sub = _sub_number(f)
            node = _Open(
                f"art{f.number}zhi{sub}" if sub else f"art{f.number}",
                Kind.ARTICLE,
                marker.strip(),
                marker.strip(),
                _heading(text, f.match.end()),
                line,
                f.level.name,
            )
            self.push(node, at)
            return
        if kind == Kind.SECTION and not any(n.kind in (Kind.PART, Kind.ANNEX) for n in self.stack):
            kind = Kind.PART  # （一） before any 一、: a part of its own
        if any(n.kind in (Kind.PREFACE, Kind.CLOSING) for n in self.stack):
            self.close_to(())  # a numbered heading ends a preface
        self.close_above(kind)
        if kind in (Kind.SECTION, Kind.DIRECTIVE):
            self.close_to((Kind.PART, Kind.ANNEX))
        parent = self.stack[-1] if self.stack else None
        self.check_number(parent, f, p, lists=False)
        seen = (parent.numbers if parent else self.top_numbers)[f.level.name]
        # An excerpt's headings keep the numbers they have (三、 is 3.html), like articles.
        place = seen[-1] if f.level.name in self.excerpts or f.level.name in self.gapped else len(seen)
        node_id = f"{parent.id}-{place}" if parent else str(place)
        if kind in (Kind.PART, Kind.CHAPTER, Kind.SUBCHAPTER):
            if f.level.heading == "line":
                heading = _line_heading(text, f.match.end())
            elif f.level.heading == "next":
                heading = _next_heading(self.source, body, index)
            else:
                heading = _heading(text, f.match.end())
            label = (
                marker.strip()
                if kind != Kind.PART or f.level.name not in ("ordinal", "bare")
                else f"第{grammar.numeral(f.number)}部分"
            )
        else:
            heading = _heading(text, f.match.end())
            label = marker.strip() if kind == Kind.SECTION else f"{node_id}（{marker.strip('，,、 ')}）"
        self.push(_Open(node_id, kind, marker.strip(), label, heading, line, f.level.name), at)

    def _point(self, p: Paragraph, f: Found, kind: Kind) -> None:
        """A point (or an article's item) opened at a paragraph start."""
        text = p.text(self.source)
        while self.stack and self.stack[-1].kind in (Kind.POINT, Kind.ITEM) and not _nests(self.stack[-1], f):
            self.pop()
        owner = self.stack[-1] if self.stack else None
        if owner is None:
            return  # a point before any unit: text of the opening
        if owner.kind == Kind.ARTICLE:
            kind = Kind.ITEM
        elif kind == Kind.ITEM:
            kind = Kind.POINT
        # Points are not checked for gaps: a point that does not fit is read as text of a point, never refused.
        point_id = self._point_id(owner)
        marker = f.match.group("marker").strip().strip("，,、 ")
        self.push(_Open(point_id, kind, marker, point_id, _heading(text, f.match.end()), p.line, f.level.name), p.start)
        sentence_end = grammar.CLAUSE_END.search(text, f.match.end())
        # A point whose paragraph is one sentence (a heading) runs on through the paragraphs below it;
        # a numbered entry (``1.``) runs on to the next marker, as its unnumbered paragraphs continue it.
        heading_alone = sentence_end is None or (
            not text[sentence_end.end() :].strip() and sentence_end.group() != "；" and f.level.name != "dash"
        )
        self.stack[-1].runs_on = (heading_alone or f.level.name == "arabic") and kind == Kind.POINT

    def _point_id(self, owner: _Open) -> str:
        """The next point's id: ``<owner>-<n>``; in the lead of a part whose sections follow (a report's
        ``一、`` opening with ``一是……二是……`` before its ``（一）``), ``<part>-0-<n>``, since ``<part>-<n>`` are
        the sections'."""
        owner.points += 1
        if owner.lead_points is None:
            owner.lead_points = owner.kind in (Kind.PART, Kind.ANNEX) and self._sections_ahead()
        return f"{owner.id}-0-{owner.points}" if owner.lead_points else f"{owner.id}-{owner.points}"

    def _sections_ahead(self) -> bool:
        """A section (or directive) marker comes before the next part, annex or closing."""
        for f, p in zip(self.found[self.index + 1 :], self.body[self.index + 1 :]):
            if p.kind == "text" and grammar.ANNEX.match(p.text(self.source)):
                return False
            role = self.roles.get(f.level.name) if f is not None else None
            if role == Kind.PART:
                return False
            if role in (Kind.SECTION, Kind.DIRECTIVE):
                return True
        return False

    def _inline_points(self, p: Paragraph) -> None:
        """``……。一是……；二是……。`` inside a paragraph: each ordinal opens a point up to the next."""
        source = self.source
        found = list(grammar.INLINE_ITEM.finditer(source, p.start, p.end))
        if not found:
            return
        word = found[0].group("word")
        found = [m for m in found if m.group("word") == word]
        numbers = [grammar.numeral_value(m.group("number")) for m in found]
        if numbers != list(range(1, len(found) + 1)):
            return
        if self.stack and self.stack[-1].kind in (Kind.POINT, Kind.ITEM) and self.stack[-1].runs_on:
            return  # inside a point that runs on: these are its own sub-items, text of it
        level = "shi" if word == "是" else "yao"
        if self.roles.get(level) not in (None, Kind.POINT, Kind.ITEM):
            return
        for index, m in enumerate(found):
            while self.stack and self.stack[-1].kind in (Kind.POINT, Kind.ITEM):
                self.pop()
            owner = self.stack[-1]
            end = found[index + 1].start() if index + 1 < len(found) else p.end
            text = source[m.start() : end]
            point_id = self._point_id(owner)
            kind = Kind.ITEM if owner.kind == Kind.ARTICLE else Kind.POINT
            self.push(
                _Open(
                    point_id,
                    kind,
                    m.group("marker").strip("，,、"),
                    point_id,
                    _heading(text, len(m.group("marker"))),
                    locate(source, m.start())[0],
                    level,
                ),
                m.start(),
            )
            self.flush(end)
            self.pop()


def _nests(open_point: _Open, f: Found) -> bool:
    """A numbered entry (``2.``) that runs on holds the lower list below it (``（1）``…)."""
    return open_point.runs_on and open_point.level == "arabic" and f.level.rank > LEVEL["arabic"].rank


def _section_level(roles: dict[str, Kind]) -> str:
    return next((name for name, kind in roles.items() if kind == Kind.SECTION), "")


def _what(kind: Kind | None) -> str:
    return str(kind or "marker")


def _shown(level: Level, number: int) -> str:
    if level.name == "sequence":
        return ""
    return str(number) if level.name in ("arabic", "paren_arabic") else grammar.numeral(number)


def _question_heading(question: str) -> str:
    """The whole question, final ``？`` dropped (``何为“场景”？为什么要强调……``), cut to HEADING_MAX."""
    heading = " ".join(question.split()).rstrip("？?")
    return heading[: grammar.HEADING_MAX - 1] + "…" if len(heading) > grammar.HEADING_MAX else heading


def _plain_heading(text: str) -> str:
    return _plain_line(text)


def _next_heading(source: str, body: list[Paragraph], index: int) -> str:
    """A marker alone on its line (``一``) is named by the first sentence after it."""
    for p in body[index + 1 :]:
        if p.kind == "text":
            return _heading(p.text(source), 0)
    return body[index].text(source).strip()


def _address_heading(source: str, body: list[Paragraph], index: int) -> str:
    """An unnumbered unit opened by an address is named by the first sentence after the address.

    The address (``各位代表！``) stays text: it is no heading of anything.
    """
    text = body[index].text(source)
    m = grammar.ADDRESS_RUN_IN.match(text)
    if m:
        return _heading(text, m.end())
    return _next_heading(source, body, index)


def _closing_start(source: str, body: list[Paragraph], found: list[Found | None], roles: dict[str, Kind]) -> int:
    """The body index where the closing starts (-1: none).

    The closing follows the last numbered part: the first paragraph after the
    last page-level marker (before any annex) that opens with an address and
    goes on (``同志们！做好……``), or, in a speech, an address alone on its line,
    or a closing heading alone on its line (a white paper's ``结束语``).
    An address alone after a run of sections stays an interlude (``3-u3``).
    """
    pages = {Kind.PART, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.SECTION, Kind.DIRECTIVE}
    end = next((i for i, p in enumerate(body) if p.kind == "text" and grammar.ANNEX.match(p.text(source))), len(body))
    last = max((i for i in range(end) if (f := found[i]) is not None and roles.get(f.level.name) in pages), default=-1)
    if last < 0:
        return -1
    speech = any(roles.get(name) == Kind.PART for name in ("bare", "ordinal"))
    for i in range(last + 1, end):
        text = body[i].text(source)
        if body[i].kind != "text":
            continue
        if grammar.ADDRESS_RUN_IN.match(text) or (speech and grammar.INTERJECTION.match(text)):
            return i
        if grammar.CLOSING_HEADING.match(text) and i + 1 < end:
            return i  # ``结束语`` alone on its line, the closing's text below it
    return -1


def _above_article(found: list[Found | None], i: int) -> bool:
    after = found[i + 1] if i + 1 < len(found) else None
    return after is not None and after.level.name == "article"


def _unnumbered_headings(
    source: str, body: list[Paragraph], found: list[Found | None], plain: bool, *, law: bool = False
) -> set[int]:
    """Body indices of unnumbered headings that open a unit.

    A short line of its own without final punctuation, followed by a paragraph
    of text.  In a numbered text only those before the first numbered heading
    count (``序言``, ``总 纲``); in a text with no numbering, two or more make
    units (a news release's sub-headings).  In a law, a short heading followed
    by an article also counts after the numbering has begun (``附则`` after the
    last chapter of the Criminal Law, the Civil Code's ``附　　则``).
    """
    heads = []
    numbered = False
    for i, p in enumerate(body):
        if not plain and found[i] is not None:
            numbered = True
            if not law:
                break
            continue
        if numbered:
            following_marker = found[i + 1] if i + 1 < len(found) else None
            if following_marker is None or following_marker.level.name != "article":
                continue
        text = p.text(source)
        following = body[i + 1] if i + 1 < len(body) else None
        if plain and p.kind == "text" and found[i] is None and grammar.QUESTION.match(text):
            heads.append(i)  # an interviewer's question
            continue
        if (
            p.kind == "text"
            and found[i] is None
            and "\n" not in text.strip()
            and grammar.UNNUMBERED_HEADING.match(text)
            and not grammar.INTERJECTION.match(text)
            and not grammar.SALUTATION.match(text)
            and not grammar.ANNEX.match(text)
            and following is not None
            and following.kind == "text"
            # A preface's heading (``序言``) is followed by its text, not by another heading-like line: the
            # issuer over a repeated title (``最高人民法院`` / ``关于适用《……》`` / ``……的解释``) is no preface.
            and (
                numbered or plain or _above_article(found, i) or bool(grammar.CLAUSE_END.search(following.text(source)))
            )
        ):
            heads.append(i)
    if plain and len(heads) < 2:
        return set()
    if not plain:
        # Before the numbering only short section names: 序言, 总纲, 前言 (not a lead sentence cut short); in a law
        # of articles only, also any heading line right above an article (a 准则's ``党员廉洁自律规范``).  Where a law
        # has chapters, a longer line there is more likely a 节 heading that lost its number: text, as it was.
        articles_only = law and not any(f is not None and f.level.name in _PAGE_LAW_LEVELS for f in found)

        def above_article(i: int) -> bool:
            after = found[i + 1] if i + 1 < len(found) else None
            return articles_only and after is not None and after.level.name == "article"

        heads = [
            i
            for i in heads
            if above_article(i) or len(_plain_line(body[i].text(source)).replace(" ", "").replace("\u3000", "")) <= 6
        ]
    return set(heads)


# ---- Speeches: 第一， parts with inline directives and parallel points ----------------------


class _Marker(NamedTuple):
    start: int
    """Where the marker starts (indentation excluded)."""
    body: int
    """Where the text after the marker and its separator starts."""
    marker: str
    rank: int


def _speech(
    source: str,
    path: str,
    body: list[Paragraph],
    found: list[Found | None],
    body_start: int,
    errors: list[SourceError],
) -> tuple[int, list[Section]]:
    """A speech numbered ``第一，`` at paragraph starts: parts, the directives in their text, points."""
    markers = [
        _Marker(
            p.start + len(f.match.group("lead")),
            p.start + f.match.end(),
            f.match.group("marker").rstrip("，,、 "),
            f.number,
        )
        for p, f in zip(body, found)
        if f is not None and f.level.name == "ordinal"
    ]
    # The ordinal level starts at 第一; anything before it is text of the opening.
    while markers and markers[0].rank != 1:
        markers.pop(0)
    _check_sequence(source, path, markers, "part", "第{n}，", errors)
    roles = {"ordinal": Kind.PART}
    closing = _closing_start(source, body, found, roles)
    end = body[closing].start if closing >= 0 else len(source)
    parts = _marked_sections(
        source,
        markers,
        end,
        Kind.PART,
        "ordinal",
        section_id=lambda index: str(index + 1),
        label=lambda section_id, marker: f"{marker}部分",
        children=lambda section_id, start, stop: _directives(source, path, section_id, start, stop, errors),
    )
    if closing >= 0:
        p = body[closing]
        parts.append(Section("closing", Kind.CLOSING, "", "结束语", "结束语", (Span(end, len(source)),), p.line))
    return (parts[0].extent.start if parts else len(source)), parts


def _marked_sections(
    source: str,
    markers: list[_Marker],
    end: int,
    kind: Kind,
    level: str,
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
                heading=_sentence(source, marker.body, own_end),
                body=(Span(marker.start, own_end), *below),
                line=locate(source, marker.start)[0],
                level=level,
            )
        )
    return sections


def _check_sequence(
    source: str, path: str, found: list[_Marker], what: str, form: str, errors: list[SourceError]
) -> None:
    """Numbered markers must run 1, 2, 3 … with none missing or repeated."""
    for expected, marker in enumerate(found, start=1):
        if marker.rank != expected:
            line, column, excerpt = locate(source, marker.start)
            problem = "repeated" if marker.rank < expected else "out of order or missing"
            errors.append(
                SourceError(
                    path,
                    f"{what} {marker.marker} is {problem}: expected {form.format(n=grammar.numeral(expected))}",
                    line=line,
                    column=column,
                    excerpt=excerpt,
                    example=form.format(n=grammar.numeral(expected)) + "……",
                )
            )
            return


def _directives(source: str, path: str, part_id: str, start: int, end: int, errors: list[SourceError]) -> list[Section]:
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
        rank = grammar.SEQUENCE_RANK.get(word) or grammar.numeral_value(m.group("number"))
        markers.append(_Marker(m.start(this_family), m.end(), word, rank))
    if not markers:
        return []
    if not _check_directive_order(source, path, markers, family, errors):
        return []

    return _marked_sections(
        source,
        markers,
        end,
        Kind.DIRECTIVE,
        family if family == "sequence" else "shi",
        section_id=lambda index: f"{part_id}-{index + 1}",
        label=lambda section_id, marker: f"{section_id}（{marker}）",
        children=lambda section_id, start, stop: _points(source, section_id, start, stop),
    )


def _check_directive_order(
    source: str, path: str, markers: list[_Marker], family: str, errors: list[SourceError]
) -> bool:
    if family == "ordinal":
        before = len(errors)
        _check_sequence(source, path, markers, "directive", "{n}是", errors)
        return len(errors) == before
    for previous, marker in zip([None, *markers], markers):
        first_ok = previous is None and marker.rank == 1
        next_ok = previous is not None and previous.rank != 99 and marker.rank > previous.rank
        if not (first_ok or next_ok):
            line, column, excerpt = locate(source, marker.start)
            expected = "首先，" if previous is None else "其次， 再次， or 最后，"
            errors.append(
                SourceError(
                    path,
                    f"directive {marker.marker} is out of order: expected {expected}",
                    line=line,
                    column=column,
                    excerpt=excerpt,
                    example="首先，…… 其次，…… 最后，……",
                )
            )
            return False
    return True


def _sentence(source: str, start: int, end: int) -> str:
    """The sentence that starts at ``start``, without its final punctuation."""
    stop = grammar.SENTENCE_END.search(source, start, end)
    sentence = source[start : stop.start() if stop else end]
    return sentence.strip().rstrip("，,；;：:")


def _points(source: str, directive_id: str, start: int, end: int) -> list[Section]:
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
                kind=Kind.POINT,
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
