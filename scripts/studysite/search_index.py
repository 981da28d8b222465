"""The site's search index, built from the model: shards that a query loads by the characters it holds.

Search must find any substring of the text (Chinese has no spaces to find
words by), work from ``file://`` (no fetch, no server: every file is a plain
``.js`` that registers itself when a ``<script>`` loads it) and load only what
a query needs, so a library of a thousand documents stays as quick as five.

The index has three kinds of file under ``search/`` (the format is read by
``docs/assets/search.js``; ``FORMAT`` is bumped when it changes)::

    meta.js        the catalogue: shard count, the documents (short title, year,
                   number of their first page), the first page number of every
                   text chunk; the gap code's alphabets
    b/<n>.js       postings: for every character pair whose hash is n, the text
                   chunks that hold it (and, as a second list, the chunks whose
                   headings hold it); for every single character, the documents
    t/<k>.js       text chunk k: consecutive pages of one document (at least
                   CHUNK_BYTES of text), each with its URL, rank weight and
                   entries (anchor, heading, place, text)
    t2s.js         OpenCC's traditional -> simplified characters, for the query

A query word of n characters needs the shards of its n-1 pairs (a single
character: the shard of that character), intersects their chunk lists, then
loads the candidate chunks and checks the words against the text itself: the
pair lists only narrow the search; what is shown is what the text holds, so
nothing false is shown and every substring is found.  Postings name chunks,
not pages, because a chunk is what a query loads to check a candidate: page
numbers would make the lists longer and save no loading.  Single characters
are listed per document (they are common, a fifth of the postings otherwise);
a one-character query checks the chunks of those documents in order.

Numbers in a posting list are ascending; the list stores the gaps as a
variable-length number in ASCII (:func:`encode_gaps`): most gaps of common
pairs are one byte.  Shards are ``shard_of(pair) = (code point 1 × 2654435761
+ code point 2) mod 2^32 mod shards``; their number grows with the library so
each holds about SHARD_BYTES.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .aids import StudyAids
from .model import Document, Section
from .paragraphs import paragraphs
from .titles import short_title  # the document's name in tabs and in search hits alike

FORMAT = 1

#: Target bytes of one postings shard; the shard count grows with the library.
SHARD_BYTES = 12_000
#: Pages are bundled into text chunks of at least this many bytes (one document per chunk).
CHUNK_BYTES = 12_000

#: Rank weight of pages that explain rather than hold the text (term pages).
DERIVED_BOOST = 0.01

#: The variable-length gap code: 5 bits per character, the last character of a number from TAIL.
TAIL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
MORE = "ghijklmnopqrstuvwxyz0123456789+/"

#: OpenCC's traditional -> simplified character table (Apache-2.0), vendored beside this module.
OPENCC_DIR = Path(__file__).with_name("opencc")

#: JS global the index files register with (docs/assets/search.js defines it).
REGISTRY = "__studySearch"

_BLANKS = re.compile(r"\s+")
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class Entry:
    """One searchable place: an anchor on a page."""

    anchor: str
    """``#2-2-1``, ``#opening`` or empty (the page itself)."""
    title: str
    """Its heading: ``2-2-1 敢于当面坚持原则``."""
    place: str
    """How a reader names it in the document: ``三（一）``, ``2-2 第1点``, ``开场白``."""
    text: str
    """Its text, paragraphs separated by ``\\n``."""


@dataclass(frozen=True)
class SearchPage:
    """One page of the site with the entries on it."""

    url: str
    """Site URL: ``tanxin/2-2.html``."""
    title: str
    boost: float
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Shelf:
    """A document (or the glossary) as search results name it, with its pages."""

    short: str
    """Short title: ``2024年政府工作报告``."""
    year: str
    """Year of its date, or empty."""
    pages: tuple[SearchPage, ...]


# --------------------------------------------------------------------------
# What is searched, from the model


def year(doc: Document) -> str:
    found = _YEAR.search(str(doc.meta.get("date") or ""))
    return found.group(0) if found else ""


def place(doc: Document, owner: str) -> str:
    """How a reader names a place: ``三（一）`` in a report, ``第二部分`` ``2-2`` ``2-2 第1点`` in a speech."""
    if owner == "title":
        return "标题"
    if owner == "opening":
        return "开场白" if doc.parts else "正文"
    section = doc.find(owner)
    if section.has_page:
        return _page_place(doc, section)
    parent = doc.parent_of(owner)
    number = owner.rsplit("-", 1)[-1]
    label = f"第{number}点" if number.isdigit() else (section.marker or owner)
    return f"{_page_place(doc, parent)} {label}" if parent else label


def _page_place(doc: Document, section: Section) -> str:
    marker = section.marker.strip("、，,.． ")
    if section.label.endswith("部分") or section.kind == "annex":
        return section.label  # 第二部分, 附件1
    if marker and section.label == section.marker:  # a report's 一、 / （一）: the chain of markers
        chain = [a.marker.strip("、，,.． ") for a in doc.ancestors(section.id) if a.label == a.marker]
        return "".join(chain) + marker
    return section.id  # a speech's directive (2-2), an interlude (3-u1)


def text_of(source: str, start: int, end: int) -> str:
    """Paragraphs of ``source[start:end]`` as the page shows them, one per line, without indentation."""
    return "\n".join(p.text(source).replace("\n", "").strip(" \t\u3000") for p in paragraphs(source, start, end))


def document_pages(doc: Document) -> list[SearchPage]:
    """The pages of one document that hold its text, each with the places on it, in reading order."""
    by_page: dict[str, dict[str, list[str]]] = {}
    for owner, span in doc.verbatim_pieces():
        text = text_of(doc.source, span.start, span.end)
        if not text:
            continue
        page = layout.url(layout.owner_page(doc, owner)).partition("#")[0]
        by_page.setdefault(page, {}).setdefault(owner, []).append(text)
    pages = []
    for page, owners in by_page.items():
        entries = tuple(
            Entry(
                f"#{layout.url(layout.owner_page(doc, owner)).partition('#')[2]}",
                _title(doc, owner),
                place(doc, owner),
                "\n".join(texts),
            )
            for owner, texts in owners.items()
        )
        pages.append(SearchPage(page, entries[0].title, 1.0, entries))
    return pages


def _title(doc: Document, owner: str) -> str:
    if owner == "title":
        return doc.title
    if owner == "opening":
        return place(doc, owner)
    section = doc.find(owner)
    return f"{section.id} {section.heading}" if section.heading else section.id


def term_pages(aids: StudyAids | None) -> list[SearchPage]:
    """One page per term: the term and its explanation, ranked far below the text that holds the words."""
    if aids is None:
        return []
    pages = []
    for term in aids.index.terms:
        entry = term.entry
        text = "\n".join(t for t in (term.short, entry.note if entry else "") if t)
        url = layout.url(layout.term_page(term.id))
        pages.append(SearchPage(url, term.text, DERIVED_BOOST, (Entry("", term.text, term.group, text),)))
    return pages


def shelves(documents: Sequence[Document], aids: StudyAids | None = None) -> list[Shelf]:
    found = [Shelf(short_title(doc), year(doc), tuple(document_pages(doc))) for doc in documents]
    terms = term_pages(aids)
    if terms:
        found.append(Shelf("术语表", "", tuple(terms)))
    return found


# --------------------------------------------------------------------------
# The index files


def fold(text: str) -> str:
    """Latin letters in lower case, every other character kept: offsets stay the same (as search.js)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def keys(text: str) -> set[str]:
    """The character pairs and the single characters of ``text``, never across a line break or a blank."""
    found: set[str] = set()
    for run in _BLANKS.split(fold(text)):
        found.update(run)
        found.update(map(operator.add, run, run[1:]))
    found.discard("")
    return found


def shard_of(key: str, shards: int) -> int:
    """The shard that holds a key (one or two characters); search.js computes the same."""
    first = ord(key[0])
    second = ord(key[1]) if len(key) > 1 else 0
    return ((first * 2654435761 + second) & 0xFFFFFFFF) % shards


def _gap_code(gap: int) -> str:
    digits = [TAIL[gap & 31]]
    gap >>= 5
    while gap:
        digits.append(MORE[gap & 31])
        gap >>= 5
    return "".join(reversed(digits))


_GAP_CODES = [_gap_code(gap) for gap in range(1024)]


def encode_gaps(numbers: Sequence[int]) -> str:
    """Ascending numbers as their gaps, each gap 5 bits a character, most significant first."""
    gaps = map(operator.sub, numbers, [-1, *numbers[:-1]])  # consecutive numbers: gap 1, code "A"
    return "".join(_GAP_CODES[g - 1] if g <= 1024 else _gap_code(g - 1) for g in gaps)


def decode_gaps(code: str) -> list[int]:
    """The inverse of :func:`encode_gaps` (search.js has the same loop)."""
    numbers, value, previous = [], 0, -1
    for c in code:
        if c in MORE:
            value = value * 32 + MORE.index(c)
        else:
            previous += value * 32 + TAIL.index(c) + 1
            numbers.append(previous)
            value = 0
    return numbers


def _js(call: str, *args: object) -> str:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"{REGISTRY}.{call}({body});\n"


def build_search_index(documents: Sequence[Document], aids: StudyAids | None = None) -> dict[str, str]:
    """The files of the search index: path under ``search/`` -> content."""
    library = shelves(documents, aids)
    files: dict[str, str] = {}

    # Text chunks: consecutive pages of one shelf, at least CHUNK_BYTES each.  A
    # query loads whole chunks to check its candidates, so postings name chunks.
    text_postings: dict[str, list[int]] = {}
    title_postings: dict[str, list[int]] = {}
    chunk_starts: list[int] = []
    docs_meta: list[list[object]] = []
    page_number = 0
    for shelf_number, shelf in enumerate(library):
        docs_meta.append([shelf.short, shelf.year, page_number])
        shelf_keys: set[str] = set()
        for chunk in _chunks(shelf.pages):
            number = len(chunk_starts)
            chunk_starts.append(page_number)
            page_number += len(chunk)
            entries = [e for page in chunk for e in page.entries]
            for key in keys("\n".join(e.text for e in entries)):
                if len(key) == 1:
                    shelf_keys.add(key)
                else:
                    text_postings.setdefault(key, []).append(number)
            for key in keys("\n".join(e.title for e in entries)):
                title_postings.setdefault(key, []).append(number)
            records = [[p.url, p.boost, [[e.anchor, e.title, e.place, e.text] for e in p.entries]] for p in chunk]
            files[f"t/{number}.js"] = _js("chunk", number, records)
        # Single characters are listed per document, not per chunk: they are
        # common, a fifth of the postings otherwise, and rarely searched alone.
        for key in shelf_keys:
            text_postings.setdefault(key, []).append(shelf_number)

    encoded = {key: encode_gaps(numbers) for key, numbers in text_postings.items()}
    titles = {key: encode_gaps(numbers) for key, numbers in title_postings.items()}
    size = sum(len(k) * 3 + len(v) + 6 for k, v in encoded.items()) + sum(len(v) + 6 for v in titles.values())
    shards = max(1, round(size / SHARD_BYTES))
    grouped: list[dict[str, str | list[str]]] = [{} for _ in range(shards)]
    for key in sorted(encoded.keys() | titles.keys()):
        value: str | list[str] = encoded.get(key, "")
        if key in titles:
            value = [encoded.get(key, ""), titles[key]]
        grouped[shard_of(key, shards)][key] = value
    files.update({f"b/{n}.js": _js("shard", n, group) for n, group in enumerate(grouped)})

    meta = {
        "format": FORMAT,
        "shards": shards,
        "pages": page_number,
        "docs": docs_meta,
        "chunks": chunk_starts,
        "tail": TAIL,
        "more": MORE,
    }
    files["meta.js"] = _js("meta", meta)
    files["t2s.js"] = _js("fold", traditional_to_simplified())
    return files


def _chunks(pages: Sequence[SearchPage]) -> Iterator[list[SearchPage]]:
    chunk: list[SearchPage] = []
    size = 0
    for page in pages:
        chunk.append(page)
        size += sum(len(e.text) * 3 for e in page.entries)
        if size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def traditional_to_simplified() -> str:
    """OpenCC's character table as one string of pairs ``繁简繁简…`` (first choice where it gives several).

    Only the query is folded with it: the texts are simplified.  Characters
    that may stand as they are in simplified text are left out.
    """
    pairs = []
    for line in (OPENCC_DIR / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, _, simplified = line.partition("\t")
        choices = simplified.split(" ")
        first = choices[0]
        # 乾 -> 干 乾: a character that is also simplified text of its own is kept as typed.
        if len(traditional) == 1 and len(first) == 1 and traditional not in choices:
            pairs.append(traditional + first)
    return "".join(pairs)
