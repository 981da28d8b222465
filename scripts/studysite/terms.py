"""Terms: the glossary file, terms found in the texts, and where each one occurs.

A term is either a glossary entry (``sources/glossary.yml``) or a phrase the
text itself marks: every “…” phrase and every 《…》 title.  Each term has a
short ASCII id that becomes its URL (``terms/<id>.html``): the glossary's
``id`` field, or for an undefined phrase ``t-`` plus six hex digits of the
SHA-1 of its text.  No romanisation library is installed, and a hash of the
text is stable for as long as the text is, which is exactly as long as the
term exists.

Occurrences are found in each owned span of each document separately (see
:meth:`Document.verbatim_pieces`), so an occurrence always lies inside one
verbatim block and links never straddle two pages.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import grammar
from .errors import SourceError
from .kinds import Kind
from .model import Document, Section

#: The glossary file, beside the source texts.
GLOSSARY_FILE = "glossary.yml"

#: Keys a glossary entry may have.
ENTRY_KEYS = ("id", "term", "group", "short", "note", "source", "aliases", "quoted", "docs")
REQUIRED_KEYS = ("id", "term", "group", "short")

#: The glossary's groups, in the order the glossary index shows them.
GROUPS = ("规范提法", "本文自有提法", "文件名词解释", "习语典故", "未作解释的名称")

#: The group of entries a document defines itself, in an annex headed 名词解释.
ANNEX_GROUP = "文件名词解释"

#: The group of glossary names that the texts do not explain (local campaigns, redactions).
UNEXPLAINED_GROUP = "未作解释的名称"

#: The group of phrases the text marks but the glossary does not define.
UNDEFINED_GROUP = "原文引号、书名号中的其他用语"

#: A glossary id: short lower-case ASCII.  ``t-`` ids are reserved for hashes.
ENTRY_ID = re.compile(r"^(?!t-)(?!index$)[a-z0-9][a-z0-9-]{0,39}$")

ENTRY_EXAMPLE = "- id: liangge-queli\n      term: 两个确立\n      group: 规范提法\n      short: ……"


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of ``glossary.yml``."""

    id: str
    """ASCII id, the term page's file name."""
    term: str
    """The term as the text writes it, without quotation marks."""
    group: str
    """One of :data:`GROUPS`."""
    short: str
    """Short definition: the tooltip on every occurrence."""
    note: str = ""
    """Longer explanation, shown on the term page."""
    source: str = ""
    """Where the formula comes from."""
    aliases: tuple[str, ...] = ()
    """Other spellings in the texts, linked to the same page."""
    quoted: bool = False
    """Match only inside “…” or 《…》 (for forms too short to match safely elsewhere)."""
    line: int = 0
    """Line of the entry in the glossary file, for messages."""
    docs: tuple[str, ...] = ()
    """Slugs of the only documents where this explanation holds (an annex's own terms, a word
    explained by the sentence it stands in); empty: every document."""


@dataclass(frozen=True)
class Term:
    """A term of the site: a glossary entry, or a phrase a text marks."""

    id: str
    """ASCII id: ``terms/<id>.html``."""
    text: str
    """The term as written."""
    forms: tuple[str, ...]
    """Every spelling that counts as an occurrence (the text first)."""
    quoted: bool
    """Occurrences count only inside “…” or 《…》."""
    entry: GlossaryEntry | None
    """The glossary entry, or ``None`` for an undefined phrase."""
    numbered: bool
    """A numbered formula (``两个确立``, ``三力``)."""
    docs: frozenset[str] | None = None
    """The documents where the term counts: the quoting documents of a phrase found in the
    texts, the documents a scoped entry names; ``None``: every document."""

    def counts_in(self, doc: str) -> bool:
        return self.docs is None or doc in self.docs

    @property
    def explained(self) -> bool:
        """The site explains it: a glossary entry that is not one of the names the text leaves unexplained."""
        return self.entry is not None and self.entry.group != UNEXPLAINED_GROUP

    @property
    def group(self) -> str:
        return self.entry.group if self.entry else UNDEFINED_GROUP

    @property
    def short(self) -> str:
        if self.entry:
            return self.entry.short
        return "原文用引号或书名号标出的用语，术语表未收入释义。"


@dataclass(frozen=True)
class Occurrence:
    """One place a term occurs."""

    term: str
    """The term's id."""
    doc: str
    """The document's slug."""
    start: int
    """Offset in the document's source."""
    end: int
    """Offset one past the occurrence."""
    owner: str
    """Id of the node whose verbatim span holds it (``title``, ``opening``, ``2``, ``2-1``, ``2-1-3``)."""


@dataclass(frozen=True)
class Formula:
    """A numbered formula the text defines by its own structure (“三力” -> part 1's directives)."""

    term: str
    """The term's id."""
    doc: str
    """The document's slug."""
    part: str
    """The part whose heading names the formula."""
    directives: tuple[str, ...]
    """Ids of the directives it names, in order."""
    components: tuple[str, ...]
    """What each directive contributes (``政治判断力``, ``前面``, ``底线``)."""


@dataclass(frozen=True)
class MovedTerm:
    """A ``t-`` page of a marked phrase that the site no longer treats as a term of its own.

    A phrase that gains a glossary entry moves to the entry's page; a quoted single
    character stops being a term.  The old address stays, pointing on, because
    published links never change.
    """

    id: str
    """The old ``t-`` id."""
    text: str
    """The phrase."""
    now: str | None
    """The term that covers the phrase now, or ``None``: not a term."""


@dataclass(frozen=True)
class TermIndex:
    """All terms of the site and all their occurrences."""

    terms: tuple[Term, ...]
    """Glossary entries in file order, then undefined phrases in order of first occurrence."""
    occurrences: tuple[Occurrence, ...]
    """Every occurrence, per document in source order."""
    formulas: tuple[Formula, ...]
    """Formulas defined by a document's structure."""
    moved: tuple[MovedTerm, ...] = ()
    """Pages of phrases that are no longer terms of their own: kept so old links still lead somewhere."""

    # Lookups are indexed once per build: every page asks them, and a library of
    # a hundred documents has thousands of pages and occurrences.

    @cached_property
    def _terms_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    @cached_property
    def _occurrences_by_term(self) -> dict[str, tuple[Occurrence, ...]]:
        grouped: dict[str, list[Occurrence]] = {}
        for o in self.occurrences:
            grouped.setdefault(o.term, []).append(o)
        return {term: tuple(found) for term, found in grouped.items()}

    @cached_property
    def _occurrences_by_doc(self) -> dict[str, tuple[list[int], list[Occurrence]]]:
        grouped: dict[str, list[Occurrence]] = {}
        for o in self.occurrences:
            grouped.setdefault(o.doc, []).append(o)
        return {
            doc: ([o.start for o in found], found)
            for doc, found in ((d, sorted(f, key=lambda o: o.start)) for d, f in grouped.items())
        }

    def term(self, term_id: str) -> Term:
        return self._terms_by_id[term_id]

    def occurrences_of(self, term_id: str) -> tuple[Occurrence, ...]:
        return self._occurrences_by_term.get(term_id, ())

    def occurrences_in(self, doc: str) -> list[Occurrence]:
        return self._occurrences_by_doc.get(doc, ([], []))[1]

    @cached_property
    def _formulas_by_term(self) -> dict[str, tuple[Formula, ...]]:
        grouped: dict[str, list[Formula]] = {}
        for f in self.formulas:
            grouped.setdefault(f.term, []).append(f)
        return {term: tuple(found) for term, found in grouped.items()}

    def formulas_of(self, term_id: str) -> tuple[Formula, ...]:
        return self._formulas_by_term.get(term_id, ())

    def terms_in(self, doc: str, start: int, end: int) -> list[str]:
        """Ids of the terms occurring in ``[start, end)`` of a document, each once, in order."""
        starts, found = self._occurrences_by_doc.get(doc, ([], []))
        seen: dict[str, None] = {}
        for o in found[bisect_left(starts, start) : bisect_left(starts, end)]:
            if o.end <= end:
                seen.setdefault(o.term)
        return list(seen)


# ---- The glossary file --------------------------------------------------------


def read_glossary(path: str | Path) -> tuple[GlossaryEntry, ...]:
    """Read and check ``glossary.yml``; a missing file is an empty glossary."""
    path = Path(path)
    if not path.exists():
        return ()
    shown = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        raise SourceError(shown, "the glossary is not UTF-8", example="save glossary.yml as UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise SourceError(
            shown,
            f"not valid YAML: {getattr(err, 'problem', None) or err}",
            line=mark.line + 1 if mark else 0,
            column=mark.column + 1 if mark else 0,
            example=ENTRY_EXAMPLE,
        ) from None
    if root is None:
        return ()
    if not isinstance(root, yaml.SequenceNode):
        _fail(shown, root, "the glossary must be a list of entries, each starting with '- id:'")
    entries = [_entry(shown, node) for node in root.value]
    _check_unique(shown, entries)
    return tuple(entries)


def _fail(path: str, node: yaml.Node, message: str) -> NoReturn:
    snippet = node.start_mark.get_snippet(indent=0, max_length=60) if node.start_mark.buffer else None
    raise SourceError(
        path,
        message,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
        excerpt=(snippet or "").split("\n")[0],
        example=ENTRY_EXAMPLE,
    )


def _entry(path: str, node: yaml.Node) -> GlossaryEntry:
    if not isinstance(node, yaml.MappingNode):
        _fail(path, node, "a glossary entry must be a mapping of keys to values")
    fields: dict[str, Any] = {}  # validated value by value below, then typed by GlossaryEntry
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in ENTRY_KEYS:
            _fail(path, key_node, f"unknown glossary key {key!r}; known keys: {', '.join(ENTRY_KEYS)}")
        if key in fields:
            _fail(path, key_node, f"key {key!r} given twice in one entry")
        if key in ("aliases", "docs"):
            if not isinstance(value_node, yaml.SequenceNode) or not all(
                isinstance(v, yaml.ScalarNode) and v.value.strip() for v in value_node.value
            ):
                example = "[八项规定]" if key == "aliases" else "[zfgzbg-2022]"
                _fail(path, value_node, f"{key} must be a list, e.g. {example}")
            fields[key] = tuple(v.value.strip() for v in value_node.value)
        elif key == "quoted":
            if not (isinstance(value_node, yaml.ScalarNode) and value_node.value in ("true", "false")):
                _fail(path, value_node, "quoted must be true or false")
            fields[key] = value_node.value == "true"
        else:
            if not isinstance(value_node, yaml.ScalarNode) or not value_node.value.strip():
                _fail(path, value_node, f"{key} must be a non-empty text")
            fields[key] = value_node.value.strip()
    for key in REQUIRED_KEYS:
        if key not in fields:
            _fail(path, node, f"the entry has no {key!r}")
    id_node = next(v for k, v in node.value if k.value == "id")
    if not ENTRY_ID.match(str(fields["id"])):
        _fail(path, id_node, f"id {fields['id']!r} is not a short lower-case ASCII name (a-z, 0-9, '-'; not t-…)")
    if fields["group"] not in GROUPS:
        group_node = next(v for k, v in node.value if k.value == "group")
        _fail(path, group_node, f"unknown group {fields['group']!r}; groups: {'、'.join(GROUPS)}")
    return GlossaryEntry(line=node.start_mark.line + 1, **fields)


def _check_unique(path: str, entries: list[GlossaryEntry]) -> None:
    ids: dict[str, GlossaryEntry] = {}
    forms: dict[str, GlossaryEntry] = {}
    for entry in entries:
        if entry.id in ids:
            raise SourceError(
                path, f"id {entry.id!r} is used twice (also on line {ids[entry.id].line})", line=entry.line, column=1
            )
        ids[entry.id] = entry
        for form in (entry.term, *entry.aliases):
            if form in forms:
                raise SourceError(
                    path,
                    f"{form!r} belongs to two entries (also on line {forms[form].line})",
                    line=entry.line,
                    column=1,
                )
            forms[form] = entry


# ---- Terms and occurrences ------------------------------------------------------


def undefined_id(text: str) -> str:
    """The stable ASCII id of a phrase the glossary does not define."""
    return "t-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def is_numbered(text: str) -> bool:
    return grammar.NUMBERED_FORMULA.match(text) is not None


def marked_phrases(source: str) -> list[str]:
    """Every “…” phrase and 《…》 title of a text, in order of appearance."""
    found = [(m.start(), m.group("phrase")) for m in grammar.QUOTED_PHRASE.finditer(source)]
    found += [(m.start(), m.group("title")) for m in grammar.BOOK_TITLE.finditer(source)]
    return [text for _, text in sorted(found)]


def annex_glossary(doc: Document, known: Iterable[str] = ()) -> list[GlossaryEntry]:
    """Entries of the document's own ``名词解释`` annex, as glossary entries.

    Each point of such an annex is an entry: its heading (``“双高计划”``) is the
    term, the text below it the definition, quoted as the document gives it.
    Terms the shared glossary already defines keep that definition.
    """
    known = set(known)
    entries = []
    for annex in doc.parts:
        if annex.kind != Kind.ANNEX or "名词解释" not in annex.heading:
            continue
        for point in annex.points:
            heading = point.heading
            inner = heading[1:-1]
            term = (
                inner
                if heading.startswith("“") and heading.endswith("”") and "“" not in inner and "”" not in inner
                else heading
            )
            if term in known:
                continue
            extent = point.extent
            first_break = doc.source.find("\n", extent.start, extent.end)
            definition = " ".join(doc.source[first_break + 1 if first_break != -1 else extent.end : extent.end].split())
            if not definition:
                continue
            sentence_end = definition.find("。")
            short = (
                definition[: sentence_end + 1]
                if 0 < sentence_end < 120
                else definition[:119] + ("…" if len(definition) > 119 else "")
            )
            entries.append(
                GlossaryEntry(
                    id=f"{doc.slug}-{point.id}",
                    term=term,
                    group=ANNEX_GROUP,
                    short=short,
                    note=definition if definition != short else "",
                    source=f"《{doc.title}》{annex.heading}第{point.id.rsplit('-', 1)[-1]}条，照录原文。",
                    line=point.line,
                    docs=(doc.slug,),
                )
            )
    return entries


def collect_terms(glossary: Sequence[GlossaryEntry], documents: Iterable[Document]) -> tuple[Term, ...]:
    """Glossary entries, then every marked phrase no entry covers in the document that marks it.

    A phrase found in the texts is a term of the documents that mark it, and of
    no other: adding a text that quotes “家长” or 《求是》 must not change the
    markup of another text (``国家长治久安``, ``实事求是``).  One phrase marked
    by several documents is one term (one page) that counts in each of them.
    A single character in quotation marks (“好” “闯”) is emphasis, not a term.
    """
    terms = [
        Term(
            e.id, e.term, (e.term, *e.aliases), e.quoted, e, is_numbered(e.term), frozenset(e.docs) if e.docs else None
        )
        for e in glossary
    ]
    everywhere = {form for e in glossary if not e.docs for form in (e.term, *e.aliases)}
    scoped: dict[str, set[str]] = {}
    for e in glossary:
        for form in (e.term, *e.aliases) if e.docs else ():
            scoped.setdefault(form, set()).update(e.docs)
    quoting: dict[str, list[str]] = {}
    for doc in documents:
        for phrase in marked_phrases(doc.source):
            if len(phrase) < 2 or phrase in everywhere or doc.slug in scoped.get(phrase, ()):
                continue
            slugs = quoting.setdefault(phrase, [])
            if doc.slug not in slugs:
                slugs.append(doc.slug)
    ids = {t.id for t in terms}
    for phrase, slugs in quoting.items():
        term_id = undefined_id(phrase)
        if term_id in ids:
            raise SourceError(slugs[0], f"two phrases hash to the term id {term_id}; give one a glossary entry")
        ids.add(term_id)
        # An undefined phrase counts wherever it stands in its documents, quoted or not
        # (“全省一流” recurs unquoted), unless it holds a redaction mark: bare ``**`` is
        # everywhere in a redacted text and must not be taken for the phrase.
        quoted = "*" in phrase
        terms.append(Term(term_id, phrase, (phrase,), quoted, None, is_numbered(phrase), frozenset(slugs)))
    return tuple(terms)


def _pattern(term: Term) -> re.Pattern[str]:
    forms = "|".join(re.escape(f) for f in sorted(term.forms, key=len, reverse=True))
    if term.quoted:
        return re.compile(f"(?:(?<=“)(?:{forms})(?=”))|(?:(?<=《)(?:{forms})(?=》))")
    return re.compile(forms)


# ---- Word boundaries ------------------------------------------------------------------

#: Where a clause ends: the segmenter sees one clause at a time around an occurrence.
_CLAUSE_BREAK = re.compile(r"[\n，。；：！？、“”‘’《》（）()…—,.;:!?]")

#: Marks that bound a term on their own: an occurrence right inside them is a whole word.
_OPENERS, _CLOSERS = "“《‘（(", "”》’）)"

_tokenizer: Any = None


def _segmenter() -> Any:  # jieba ships no type hints
    """jieba's tokenizer, its dictionary loaded once per process (about a second)."""
    global _tokenizer
    if _tokenizer is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)  # it announces its dictionary on stderr otherwise
        _tokenizer = jieba.Tokenizer()
        _tokenizer.initialize()
    return _tokenizer


class WordBoundaries:
    """Word boundaries of a text, as jieba cuts it (dictionary only, no HMM guessing).

    Only the clauses around candidate occurrences are cut, each once.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._cuts: dict[int, set[int]] = {}

    def _clause(self, at: int) -> tuple[int, int]:
        start = at
        while start > 0 and not _CLAUSE_BREAK.match(self.source, start - 1):
            start -= 1
        end = at
        while end < len(self.source) and not _CLAUSE_BREAK.match(self.source, end):
            end += 1
        return start, end

    def _boundaries(self, at: int) -> set[int]:
        """Offsets of the word boundaries in the clause holding the character at ``at``."""
        start, end = self._clause(at)
        if start not in self._cuts:
            cuts = {start}
            pos = start
            for word in _segmenter().cut(self.source[start:end], HMM=False):
                pos += len(word)
                cuts.add(pos)
            self._cuts[start] = cuts
        return self._cuts[start]

    def is_word(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` begins and ends on word boundaries (``求是`` in ``实事求是`` does not)."""
        for at in (start, end):
            if at == 0 or at >= len(self.source):
                continue
            if self.source[at - 1] in _OPENERS + _CLOSERS or self.source[at] in _OPENERS + _CLOSERS:
                continue
            if _CLAUSE_BREAK.match(self.source, at - 1) or _CLAUSE_BREAK.match(self.source, at):
                continue
            # The clause of the term's first character for its start, of its last for its end.
            if at not in self._boundaries(at if at < end else at - 1):
                return False
        return True


def find_occurrences(terms: Sequence[Term], doc: Document) -> list[Occurrence]:
    """Every occurrence of every term of one document.

    Where two terms overlap the longer one wins (leftmost first), so
    ``中央八项规定`` is one occurrence, not also one of ``八项规定``.  A match
    inside a longer word is none (``求是`` in ``实事求是``, ``家长`` in
    ``国家长治久安``): jieba's cut of the clause must have a boundary at both ends.
    """
    # Only the terms one of whose forms is in this text: every term of the library against every
    # span of every document grew with the square of the library (bench/README.md).
    patterns = [
        (term.id, _pattern(term))
        for term in terms
        if term.counts_in(doc.slug) and any(form in doc.source for form in term.forms)
    ]
    words = WordBoundaries(doc.source)
    found: list[Occurrence] = []
    for owner, span in doc.verbatim_pieces():
        candidates = [
            (m.start(), m.end(), term_id)
            for term_id, pattern in patterns
            for m in pattern.finditer(doc.source, span.start, span.end)
            if m.end() > m.start()
        ]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        last_end = span.start
        for start, end, term_id in candidates:
            if start >= last_end and words.is_word(start, end):
                found.append(Occurrence(term_id, doc.slug, start, end, owner))
                last_end = end
    return found


def find_formulas(terms: Sequence[Term], doc: Document) -> list[Formula]:
    """Numbered formulas a part's heading names and its directives spell out.

    “三力” heads part 1, which has three directives: the formula names them.
    The count must match the number of directives, so a heading that merely
    mentions a formula is not taken for its definition.
    """
    formulas = []
    for term in terms:
        m = grammar.NUMBERED_FORMULA.match(term.text)
        if not m or m.group("measure"):
            continue
        count = _count(m.group("count"))
        for part in doc.parts:
            if term.text in part.heading and len(part.directives) == count:
                components = tuple(_component(d, m.group("noun"), terms) for d in part.directives)
                formulas.append(Formula(term.id, doc.slug, part.id, tuple(d.id for d in part.directives), components))
    return formulas


def _count(numeral: str) -> int:
    """The count of a formula; 0 for digit runs that are no numeral (“九二共识”)."""
    if numeral in grammar.COUNT_VALUE:
        return grammar.COUNT_VALUE[numeral]
    try:
        return grammar.numeral_value(numeral.replace("两", "二"))
    except KeyError:
        return 0


def _component(directive: Section, noun: str, terms: Sequence[Term]) -> str:
    """The word of a directive's heading that a formula's noun stands for.

    ``力`` in “三力” stands for ``政治判断力`` in ``…提高政治判断力``: the longest
    known term ending in the noun, else the noun with the character before it
    (``前面``, ``底线``).
    """
    heading = directive.heading
    known = [f for t in terms for f in t.forms if f.endswith(noun) and f in heading and f != noun]
    if known:
        return max(known, key=len)
    at = heading.rfind(noun)
    if at <= 0:
        return heading
    return heading[at - 1 : at + len(noun)]


def moved_terms(terms: Sequence[Term], documents: Iterable[Document]) -> tuple[MovedTerm, ...]:
    """Every marked phrase whose ``t-`` page a site without these rules would have had, and where it went."""
    ids = {t.id for t in terms}
    by_form = {form: t.id for t in terms if t.entry for form in t.forms}
    moved: dict[str, MovedTerm] = {}
    for doc in documents:
        for phrase in marked_phrases(doc.source):
            old = undefined_id(phrase)
            if old not in ids and old not in moved:
                moved[old] = MovedTerm(old, phrase, by_form.get(phrase))
    return tuple(moved.values())


def index_terms(glossary: Sequence[GlossaryEntry], documents: Sequence[Document]) -> TermIndex:
    terms = collect_terms(glossary, documents)
    occurrences = [o for doc in documents for o in find_occurrences(terms, doc)]
    formulas = [f for doc in documents for f in find_formulas(terms, doc)]
    return TermIndex(terms, tuple(occurrences), tuple(formulas), moved_terms(terms, documents))
