"""Study aids derived from a parsed document: quotations, related reading,
citations, discussion questions and self-test items.

Everything here is computed from the structure and the terms; nothing is a
hand-made list for one text.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from . import cite, grammar, layout
from .errors import SourceError
from .model import Document, Section
from .terms import GlossaryEntry, TermIndex, index_terms

# ---- Quotations ---------------------------------------------------------------


@dataclass(frozen=True)
class Quotation:
    """A place where the text quotes a leader."""

    doc: str
    """The document's slug."""
    owner: str
    """Id of the node whose verbatim span holds the quotation."""
    start: int
    """Offset of the quoting clause (speaker, verb, words) in the source."""
    end: int
    """Offset one past it."""
    speaker: str
    """Who is quoted (``习近平总书记``)."""
    verb: str
    """How (``指出``, ``多次强调``)."""
    words: str
    """The quoted words, or the reported content when the text paraphrases."""
    direct: bool
    """The words are in quotation marks (a direct quotation)."""


def find_quotations(doc: Document) -> list[Quotation]:
    found = []
    for owner, span in doc.verbatim_pieces():
        for m in grammar.QUOTATION.finditer(doc.source, span.start, span.end):
            direct = m.group("quoted") is not None
            found.append(
                Quotation(
                    doc=doc.slug,
                    owner=owner,
                    start=m.start(),
                    end=m.end(),
                    speaker=m.group("speaker"),
                    verb=(m.group("manner") or "") + m.group("verb"),
                    words=m.group("quoted") if direct else m.group("reported"),
                    direct=direct,
                )
            )
    return found


_SENTENCE_STOP = "。！？；\n"


def sentence_around(source: str, start: int, end: int, limit: int = 60) -> tuple[int, int]:
    """The sentence holding ``[start, end)``, cut to about ``limit`` characters around it."""
    left = start
    while left > 0 and source[left - 1] not in _SENTENCE_STOP and start - left < limit // 2:
        left -= 1
    right = end
    while right < len(source) and source[right] not in _SENTENCE_STOP and right - end < limit // 2:
        right += 1
    if right < len(source) and source[right] in "。！？；":
        right += 1
    return left, right


# ---- Related reading -------------------------------------------------------------


@dataclass(frozen=True)
class Related:
    """Another directive that shares terms with a directive."""

    doc: str
    """The other directive's document slug."""
    directive: str
    """The other directive's id."""
    shared: tuple[str, ...]
    """Ids of the shared terms, the rarest first (ties in the order they occur in the first directive)."""


def related_directives(
    index: TermIndex, documents: Sequence[Document], doc: Document, directive: Section, limit: int = 5
) -> list[Related]:
    """Directives sharing terms with ``directive``: most shared first, then reading order."""
    return related_reading(index, documents, limit).get((doc.slug, directive.id), [])


#: Most places of one term through which related reading looks for neighbours (the first, in reading order).
RELATED_HOLDERS = 200

#: A single shared term relates two units only if it is at least this rare: found in at most
#: this many units of the library.  Two commoner terms together can still do it.
RARE_ENOUGH = 3


def related_reading(
    index: TermIndex, documents: Sequence[Document], limit: int = 5
) -> dict[tuple[str, str], list[Related]]:
    """For every directive (page unit), the others sharing terms with it, the most telling first.

    A shared term weighs by how rare it is across the library (idf: log of units
    over units holding it), so a formula every report repeats (``党的二十大``)
    counts for little; a pair is related when its shared terms weigh at least
    as much as one term found in :data:`RARE_ENOUGH` units.  Ties go in reading
    order.  Through an inverted index (term -> directives holding it), a
    directive is compared only with those that share a term with it.
    """
    units = [
        (d.slug, u.id, index.terms_in(d.slug, u.extent.start, u.extent.end)) for d in documents for u in d.directives
    ]
    holders: dict[str, list[int]] = {}
    for position, (_, _, terms) in enumerate(units):
        for term in terms:
            holders.setdefault(term, []).append(position)
    weight = {term: math.log(len(units) / len(held)) for term, held in holders.items()}
    term_sets = [set(terms) for _, _, terms in units]  # made once: each unit is compared with up to thousands
    enough = math.log(len(units) / RARE_ENOUGH) if units else 0.0  # a text with no units relates nothing
    related: dict[tuple[str, str], list[Related]] = {}
    for position, (slug, unit_id, own) in enumerate(units):
        candidates = []
        # A term held by more than RELATED_HOLDERS places relates nothing in particular, and
        # comparing every holder with every other made the build grow with the library squared.
        nearby = {other for term in own for other in holders[term][:RELATED_HOLDERS] if other != position}
        for other in sorted(nearby):
            theirs = term_sets[other]
            shared = tuple(sorted((t for t in own if t in theirs), key=lambda t: -weight[t]))
            score = sum(weight[t] for t in shared)
            if score > 1e-9 and score >= enough - 1e-9:  # a term in every unit relates nothing
                candidates.append((-score, other, Related(units[other][0], units[other][1], shared)))
        related[(slug, unit_id)] = [r for *_, r in sorted(candidates, key=lambda c: (c[0], c[1]))][:limit]
    return related


# ---- Citations ---------------------------------------------------------------------


def citation(doc: Document, node: Section, site_url: str = "") -> str:
    """The citation of a section: GB/T 7714 reference with the section's locator, then its
    absolute URL when the site has one (``site_url``), else the portable reference.

    ``《…》第二部分“……”`` with headings was the site's label, not a reference, and
    a heading cut short made a truncated citation; see :mod:`studysite.cite`.
    """
    url = ""
    if site_url:
        page = layout.point_page(doc, node) if node.kind == "point" else layout.node_page(doc, node)
        url = site_url + layout.url(page)
    return cite.citation(doc, node.id, url=url, accessed=cite.access_date() if url else "")


# ---- Discussion questions ---------------------------------------------------------


def discussion_questions(doc: Document) -> dict[str, tuple[str, ...]]:
    """``questions:`` from the metadata file: directive id -> questions.

    Checked here, where the structure is known: every key must name a
    directive of this document.
    """
    raw = doc.meta.get("questions") if isinstance(doc.meta, Mapping) else None
    if not raw:
        return {}
    meta_path = doc.path[: -len(".txt")] + ".yml" if doc.path.endswith(".txt") else doc.path
    example = "questions:\n    1-1: [本条要求中的“政治品德”包括哪些方面？]"
    if not isinstance(raw, Mapping):
        raise SourceError(meta_path, "questions must map directive ids to lists of questions", example=example)
    ids = [d.id for d in doc.directives]
    questions: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        key = str(key)
        if key not in ids:
            raise SourceError(
                meta_path,
                f"questions for {key!r}, which is not a directive of {doc.slug} ({', '.join(ids)})",
                example=example,
            )
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(q, str) and q.strip() for q in items):
            raise SourceError(meta_path, f"questions for {key} must be a list of texts", example=example)
        questions[key] = tuple(q.strip() for q in items)
    return questions


# ---- Self-test ----------------------------------------------------------------------


@dataclass(frozen=True)
class Blank:
    """A heading with a word to fill in."""

    node: str
    """Id of the directive or point whose heading it is."""
    before: str
    """The heading's text before the blank."""
    answer: str
    """The missing word."""
    after: str
    """The heading's text after the blank."""


def heading_blanks(doc: Document, index: TermIndex) -> list[Blank]:
    """A fill-in-the-blank item per directive and per point, from the structure.

    A directive named by a formula loses its component (``提高____`` ->
    ``政治判断力``); a point loses what sets it apart from its parallel siblings
    (``____要强`` -> ``综合素质``); any other directive loses the longest term
    in its heading, and is skipped when it has none.
    """
    components = {
        directive: component
        for formula in index.formulas
        if formula.doc == doc.slug
        for directive, component in zip(formula.directives, formula.components)
    }
    forms = sorted((f for t in index.terms for f in t.forms if len(f) >= 2), key=len, reverse=True)
    blanks = []
    for directive in doc.directives:
        word = components.get(directive.id) or next((f for f in forms if f in directive.heading), "")
        if word:
            blanks.append(_blank(directive.id, directive.heading, word))
        for point in directive.points:
            word = _distinct_part(point.heading, [p.heading for p in directive.points])
            if word:
                blanks.append(_blank(point.id, point.heading, word))
    return blanks


def _blank(node: str, heading: str, word: str) -> Blank:
    at = heading.rfind(word)
    return Blank(node, heading[:at], word, heading[at + len(word) :])


def _distinct_part(heading: str, siblings: list[str]) -> str:
    """``综合素质要强`` among ``…要强`` siblings -> ``综合素质``."""
    prefix = _common(siblings)
    suffix = _common([s[::-1] for s in siblings])[::-1]
    middle = heading[len(prefix) : len(heading) - len(suffix)]
    return middle if 2 <= len(middle) <= 8 else ""


def _common(texts: list[str]) -> str:
    first = min(texts, key=len)
    n = 0
    while n < len(first) and all(t[n] == first[n] for t in texts):
        n += 1
    return first[:n]


def shuffled(items: Sequence[str], salt: str) -> list[str]:
    """A fixed, content-derived order (so a build is repeatable and the answer is not the reading order)."""
    return sorted(items, key=lambda s: hashlib.sha1((salt + s).encode("utf-8")).hexdigest())


# ---- Everything together ---------------------------------------------------------


@dataclass(frozen=True)
class StudyAids:
    """What the study pages need beyond the parsed documents."""

    index: TermIndex
    """Terms, their occurrences and the formulas the structure defines."""
    quotations: tuple[Quotation, ...]
    """Every quotation of every document, in reading order."""
    questions: dict[str, dict[str, tuple[str, ...]]]
    """Discussion questions: document slug -> directive id -> questions."""
    site_url: str = ""
    """The hosted site's address (``site_url`` of mkdocs.yml), or empty.

    Without it, copied links are resolved by the browser."""
    related: dict[tuple[str, str], list[Related]] = field(default_factory=dict)
    """Related reading: (document slug, directive id) -> other directives sharing its terms."""

    def quotations_in(self, doc: str) -> tuple[Quotation, ...]:
        return self._quotations_by_doc.get(doc, ())

    @cached_property
    def _quotations_by_doc(self) -> dict[str, tuple[Quotation, ...]]:
        # Grouped once: every page asks, and scanning all quotations each time grew with the library squared.
        grouped: dict[str, list[Quotation]] = {}
        for q in self.quotations:
            grouped.setdefault(q.doc, []).append(q)
        return {doc: tuple(found) for doc, found in grouped.items()}


def study_aids(
    documents: Sequence[Document], glossary: Sequence[GlossaryEntry] = (), site_url: str | None = None
) -> StudyAids:
    index = index_terms(glossary, documents)
    return StudyAids(
        index=index,
        quotations=tuple(q for doc in documents for q in find_quotations(doc)),
        questions={doc.slug: discussion_questions(doc) for doc in documents},
        site_url=(site_url or "").rstrip("/") + "/" if site_url else "",
        related=related_reading(index, documents),
    )
