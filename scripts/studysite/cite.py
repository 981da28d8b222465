"""Citing: references per GB/T 7714, locators, portable references and paragraph anchors.

Three things a trainer needs to cite a place of a text, all computed from the
metadata and the structure, never from the site's own labels:

- the *reference* of the document, as GB/T 7714-2025 (信息与文献 参考文献著录规则)
  writes a report or an online resource: ``李强. 政府工作报告：2024年3月5日在……上[R]. 2024-03-05.``
  (README, 引用与讲义, says what the rules are taken from);
- the *locator* of a place, from the structure: ``第二部分第二条第二点``, ``第三部分（一）第2段``
  (the locator of each kind is the kinds registry's, :mod:`studysite.kinds`);
- a *portable reference* that needs no URL: the document id and the place id, ``tanxin 2-2-2``.

Every paragraph of every document has an anchor ``<owner id>-p<n>`` (``2-2-p3``,
``opening-p2``), n counting the paragraphs of the owner's own text.  The
numbering needs only the list of paragraphs per owner (:func:`paragraphs_of`),
so it does not care how paragraphs are decided.

This module imports no renderer and no layout: ``render`` and ``layout`` use it.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from . import kinds
from .errors import SourceError
from .grammar import numeral
from .kinds import Kind
from .model import Document, Section, Span
from .paragraphs import Paragraph

# ---- Paragraphs and their anchors ---------------------------------------------------

#: Blanks that make a line (or a paragraph) empty.
_BLANKS = " \t\u3000"

Segments = list[tuple[int, int]]
"""A paragraph as the (start, end) source ranges of its lines (line breaks left out)."""


def segments(source: str, paragraph: Paragraph) -> Segments:
    """A paragraph of the model as the (start, end) ranges of its lines, line breaks left out."""
    found: Segments = []
    line_start = paragraph.start
    while line_start <= paragraph.end:
        line_end = source.find("\n", line_start, paragraph.end)
        line_end = paragraph.end if line_end == -1 else line_end
        found.append((line_start, line_end))
        line_start = line_end + 1
    return found


def has_words(source: str, segments: Segments) -> bool:
    """A paragraph with text (not only blanks kept so that no character is lost): it gets an anchor."""
    return any(source[a:b].strip(_BLANKS) for a, b in segments)


def runs_on_line(source: str, segments: Segments) -> bool:
    """The paragraph starts inside a source line (a speech's point often does): a passage
    joins it to the paragraph before without a line break, as the source has it."""
    start = segments[0][0]
    return start > 0 and source[start - 1] != "\n"


def paragraph_anchor(owner: str, n: int) -> str:
    """The anchor of the n-th paragraph (1-based) of an owner's own text: ``2-2-p3``, ``opening-p2``."""
    return f"{owner}-p{n}"


_PARAGRAPH_ID = re.compile(r"^(?P<owner>.+)-p(?P<n>[1-9][0-9]*)$")


def split_paragraph_id(place: str) -> tuple[str, int] | None:
    """``2-2-p3`` -> (``2-2``, 3); None for a place that is not a paragraph."""
    m = _PARAGRAPH_ID.match(place)
    return (m.group("owner"), int(m.group("n"))) if m else None


#: Owners whose paragraphs are numbered.  The title has its own anchor (``#title``).
def _numbered(owner: str) -> bool:
    return owner != "title"


def paragraphs_of(doc: Document) -> dict[str, list[Segments]]:
    """Owner id -> the paragraphs (with words) of its own text, in reading order.

    The paragraphs are the model's (:meth:`Document.paragraphs_of`, decided once by
    the parser), so an anchor names exactly the ``<p>`` the page shows.
    """
    cached = doc.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    found: dict[str, list[Segments]] = {}
    for owner, span in doc.verbatim_pieces():
        if _numbered(owner):
            runs = (segments(doc.source, p) for p in doc.paragraphs_in(span))
            found.setdefault(owner, []).extend(r for r in runs if has_words(doc.source, r))
    # Kept on the document, as its cached_property views are (hashing a document walks its whole tree).
    doc.__dict__[_CACHE] = found
    return found


_CACHE = "_cite_paragraphs"


def first_paragraph(doc: Document, owner: str, span: Span) -> int:
    """The number of the first paragraph of ``span`` among its owner's paragraphs (0: not numbered)."""
    if not _numbered(owner):
        return 0
    starts = [r[0][0] for r in paragraphs_of(doc).get(owner, [])]
    for n, start in enumerate(starts, start=1):
        if start >= span.start:
            return n
    return len(starts) + 1


def paragraph_places(doc: Document) -> Iterator[tuple[str, str, int]]:
    """(owner, anchor, n) for every paragraph of the document, in reading order."""
    for owner, paragraphs in paragraphs_of(doc).items():
        for n in range(1, len(paragraphs) + 1):
            yield owner, paragraph_anchor(owner, n), n


def paragraph_text(doc: Document, owner: str, n: int) -> str:
    """The words of a paragraph as the source has them (line breaks out), without the leading indentation."""
    segments = paragraphs_of(doc)[owner][n - 1]
    return "".join(doc.source[a:b] for a, b in segments).strip(_BLANKS)


def passage_text(doc: Document, place: str) -> str:
    """The words of a place as the handout and the copy button give them (docs/assets/cite.js):
    its paragraphs, and those of its points, joined by a line break where the source has one."""
    para = split_paragraph_id(place)
    if para:
        return paragraph_text(doc, *para)
    node = doc.find(place)
    owners = {place} | {s.id for s in node.walk() if not s.has_page}
    out = ""
    for owner, paragraphs in paragraphs_of(doc).items():
        if owner not in owners:
            continue
        for n, segments in enumerate(paragraphs, start=1):
            joiner = "" if runs_on_line(doc.source, segments) else "\n"
            out += (joiner if out else "") + paragraph_text(doc, owner, n)
    return out


# ---- Locators -----------------------------------------------------------------------


def _interlude_number(node: Section) -> str:
    tail = node.id.rsplit("-", 1)[-1]
    return tail[1:] if tail.startswith("u") else tail


def _name(node: Section) -> str:
    """A place's name in a locator: its kind's locator in the registry (:mod:`studysite.kinds`:
    ``第二部分``, ``第二条``, ``第十二条``, ``第三章``, ``第二点``); for kinds without one, how the text
    names it: a report's section by its marker (``（一）``), an annex by its label (``附件1``),
    an unnumbered unit by its place, a preface or closing by its heading (``序言``, ``结束语``)."""
    if node.kind == Kind.PART and node.level in CITED_BY_MARKER:
        return node.marker  # a code's 第一编, 第一分编: cited as the law numbers it, not as a 部分
    where = kinds.locator(node.kind, node.id, numeral)
    if where:
        return where
    if node.kind == Kind.SECTION:
        return node.marker or node.label
    if node.kind == Kind.ANNEX:
        return node.label
    if node.kind == Kind.INTERLUDE:
        return f"节后文字{_interlude_number(node)}"  # text after a run of sections, or under an unnumbered heading
    return node.heading or node.label


#: Levels whose parts are cited by their own marker (``第一编``), not by the registry's ``第一部分``.
CITED_BY_MARKER = frozenset({"bian", "pian", "fenbian"})

#: Places that are not sections.
PARAGRAPH_LOCATOR = "第{n}段"
OPENING_LOCATOR = {True: "开场白", False: "正文"}
TITLE_LOCATOR = "标题"


def locator(doc: Document, place: str) -> str:
    """The locator of a place: a section id, ``opening``, ``title`` or a paragraph anchor."""
    para = split_paragraph_id(place)
    if para:
        owner, n = para
        return locator(doc, owner) + PARAGRAPH_LOCATOR.format(n=n)
    if place == "opening":
        return OPENING_LOCATOR[bool(doc.parts)]
    if place == "title":
        return TITLE_LOCATOR
    node = doc.find(place)
    chain = (*doc.ancestors(node.id), node)
    if any(n.kind == Kind.ARTICLE for n in chain):
        # An article's number runs through the law: an unnumbered unit above it (附则, or the 条文 of a law of
        # articles only) is no part of where it is (第一条, not 节后文字1第一条).
        chain = tuple(n for n in chain if n.kind != Kind.INTERLUDE)
    return "".join(_name(n) for n in chain)


def short_reference(doc: Document, place: str = "") -> str:
    """The portable reference: ``tanxin 2-2-2`` (the document alone: ``tanxin``)."""
    return f"{doc.slug} {place}" if place else doc.slug


# ---- The reference (GB/T 7714) -------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What a GB/T 7714 reference of a document is made of, from its metadata."""

    author: str
    """主要责任者: the person (``李强``), or empty when the text names none."""
    title: str
    """题名 as officially published (``政府工作报告``), not the site's label."""
    subtitle: str
    """其他题名信息 (``2024年3月5日在第十四届全国人民代表大会第二次会议上``)."""
    kind: str
    """文献类型标识: ``R`` (report) or ``Z`` (other); online it becomes ``R/OL`` / ``EB/OL``."""
    date: str
    """出版/发表日期, ``YYYY-MM-DD``, or empty."""
    place: str
    """出版地, when the metadata knows it."""
    publisher: str
    """出版者, when the metadata knows it."""


#: GB/T 7714 文献类型标识: book, proceedings, compilation, newspaper, journal, thesis, report, standard,
#: patent, database, program, electronic bulletin, archive, map, dataset, other.
DOC_TYPES = ("M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM", "DS", "Z")

_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")


def _meta(doc: Document, key: str) -> str:
    value = doc.meta.get(key) if isinstance(doc.meta, Mapping) else None
    return str(value).strip() if value not in (None, "") else ""


def reference_of(doc: Document) -> Reference:
    """The reference's parts, from ``sources/<slug>.yml`` (README: 引用与讲义 lists the fields).

    ``author`` defaults to the last word of ``speaker`` (``国务院总理 李强`` -> ``李强``);
    ``subtitle`` to ``<date>在<occasion>上`` when both are known and the title does
    not already name the occasion; ``doc_type`` to ``R`` for a report, ``Z`` otherwise.
    """
    title = _meta(doc, "published_title") or doc.title
    speaker = _meta(doc, "speaker")
    author = _meta(doc, "author") or (speaker.split()[-1] if speaker else "")
    date = _meta(doc, "date")
    subtitle = _meta(doc, "subtitle")
    occasion = _meta(doc, "occasion")
    m = _DATE.match(date)
    if not subtitle and m and occasion and occasion not in title:
        subtitle = f"{int(m['y'])}年{int(m['m'])}月{int(m['d'])}日在{occasion}上"
    kind = _meta(doc, "doc_type") or ("R" if doc.style == "report" else "Z")
    if kind not in DOC_TYPES:
        meta_path = doc.path[: -len(".txt")] + ".yml" if doc.path.endswith(".txt") else doc.path
        raise SourceError(
            meta_path,
            f"doc_type {kind!r} is not a GB/T 7714 document type code ({' '.join(DOC_TYPES)})",
            example="doc_type: R",
        )
    return Reference(author, title, subtitle, kind, date, _meta(doc, "place"), _meta(doc, "publisher"))


def _online_kind(kind: str) -> str:
    """The type with the carrier code: ``R`` -> ``R/OL``; a text of no stated type online is ``EB/OL``."""
    return "EB/OL" if kind == "Z" else f"{kind}/OL"


def reference_text(ref: Reference, *, where: str = "", url: str = "", accessed: str = "") -> str:
    """The reference in GB/T 7714 form, with ``where`` (a locator) in the place of 引文页码.

    Without a URL::

        李强. 政府工作报告：2024年3月5日在第十四届全国人民代表大会第二次会议上[R]. 2024-03-05：第三部分（一）第2段.

    With one (``accessed`` is the 引用日期)::

        李强. 政府工作报告：……上[R/OL]. 2024-03-05：第三部分（一）第2段[2026-11-26]. https://…/3-1.html#3-1-p2.
    """
    out = f"{ref.author}. " if ref.author else ""
    out += ref.title + (f"：{ref.subtitle}" if ref.subtitle else "")
    out += f"[{_online_kind(ref.kind) if url else ref.kind}]"
    publication = "：".join(p for p in (ref.place, ref.publisher) if p)
    issued = "，".join(p for p in (publication, ref.date) if p)
    tail = "：".join(p for p in (issued, where) if p)
    if url:
        tail += f"[{accessed}]" if accessed else ""
        return f"{out}. {tail}. {url}." if tail else f"{out}. {url}."
    return f"{out}. {tail}." if tail else f"{out}."


def citation(doc: Document, place: str = "", *, url: str = "", accessed: str = "") -> str:
    """The citation of a place (or of the document, ``place=""``): reference with locator, then
    the absolute URL when the site has one, else the portable reference.  Never a ``file:`` path."""
    return _citation(doc, locator(doc, place) if place else "", place, url, accessed)


def _citation(doc: Document, where: str, place: str, url: str, accessed: str) -> str:
    text = reference_text(reference_of(doc), where=where, url=url, accessed=accessed)
    return text if url else f"{text} 本站编号：{short_reference(doc, place)}."


#: What a citation template leaves open (docs/assets/cite.js fills them in): the locator, the
#: place id (``2-2-p3``) and, online, the address.  ``{{`` in a template stands for a ``{`` of the text.
TEMPLATE_FIELDS = ("where", "place", "url")


def citation_template(doc: Document, *, online: bool = False, accessed: str = "") -> str:
    """The citation of any place of ``doc``, with ``{where}``, ``{place}`` (and ``{url}`` when the site
    has an address) where its locator, id and address go.

    A page carries it once (:func:`studysite.markup.cite_template`); each verbatim block carries only
    its owner's locator and each link-catalog row its own, where they each carried a whole citation
    (issue: page weight).  :func:`fill_template` is what cite.js does with it.
    """
    marks = {field: f"\0{field}\0" for field in TEMPLATE_FIELDS}  # NUL: in no reference
    text = _citation(doc, marks["where"], marks["place"], marks["url"] if online else "", accessed)
    text = text.replace("{", "{{")
    for field, mark in marks.items():
        text = text.replace(mark, "{" + field + "}")
    return text


_TEMPLATE_FIELD = re.compile(r"\{\{|\{(" + "|".join(TEMPLATE_FIELDS) + r")\}")


def fill_template(template: str, **values: str) -> str:
    """A citation from a template (:func:`citation_template`): in one pass, as cite.js fills it."""
    return _TEMPLATE_FIELD.sub(lambda m: values[m.group(1)] if m.group(1) else "{", template)


def access_date() -> str:
    """The 引用日期 written into built pages when ``site_url`` is set: the build's date
    (``SOURCE_DATE_EPOCH`` when given, so builds repeat).  The copy button writes the
    reader's own date instead (docs/assets/cite.js)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        if epoch and epoch.isdigit()
        else datetime.datetime.now(tz=datetime.UTC)
    )
    return moment.date().isoformat()
