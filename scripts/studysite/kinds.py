"""The registry of section kinds: what each kind of unit is, in one table.

Every module that needs to know whether a unit has a page, how readers name
it, how a citation locates it or what ``links.json`` calls it looks it up
here, so adding a kind (a law's chapter, an article) is one row, not edits in
ten modules.  :class:`Kind` is a ``str`` enum: its values are the kind names
of ``links.json`` (pinned by ``tests/golden/links.json``), so a kind compares
equal to its name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Placed(Protocol):
    """What the registry reads of a unit (a model ``Section``), without importing the model."""

    @property
    def kind(self) -> str: ...

    @property
    def level(self) -> str: ...


class Kind(StrEnum):
    """A kind of unit of a text.  The value is its ``links.json`` name."""

    PART = "part"
    """Top level: a speech's ``第一，``, a report's ``一、``, a bare ``一`` line, ``第一部分``/``第一编``."""
    CHAPTER = "chapter"
    """A law's or regulation's ``第一章``."""
    SUBCHAPTER = "subchapter"
    """A chapter's ``第一节``."""
    DIRECTIVE = "directive"
    """A speech's second level: ``首先，`` / ``一是`` in a ``第一，`` part, ``第一，`` under a bare ``一``."""
    SECTION = "section"
    """A report's ``（一）`` under ``一、``."""
    ARTICLE = "article"
    """A law's ``第一条``: an anchor on its chapter's page (articles are what people cite)."""
    ITEM = "item"
    """``（一）`` inside an article: an anchor."""
    POINT = "point"
    """An enumerated or parallel point: an anchor on its page."""
    ANNEX = "annex"
    """``附件1`` and what follows it."""
    INTERLUDE = "interlude"
    """An unnumbered unit: text after an address (``各位代表！``) or under an unnumbered heading."""
    PREFACE = "preface"
    """An unnumbered heading before the first numbered one: ``序言``, ``总纲``."""
    CLOSING = "closing"
    """The closing after the last numbered part (``同志们！…``): 结束语."""


@dataclass(frozen=True)
class KindSpec:
    """What the site does with one kind of unit."""

    page: bool
    """True: the unit has a page of its own; False: an anchor on its page."""
    noun: str
    """The Chinese noun readers use for the unit (链接目录's 类型 column)."""
    locator: str
    """A citation locator, ``{n}`` the unit's number in Chinese numerals: ``第{n}部分``, ``第{n}条``.
    Empty: the unit is cited by its marker or heading."""
    nav: str
    """How the sidebar names it: ``marker`` (``一、2023年工作回顾``), ``id`` (``2-1 务必强在前面``), ``heading``,
    or ``number``: the marker alone (``第九条``), for a unit whose first sentence is text, not a title."""
    listed_as: str
    """How a parent page lists its child pages of this kind (``要求`` or ``内容``)."""


SPECS: dict[Kind, KindSpec] = {
    Kind.PART: KindSpec(page=True, noun="部分", locator="第{n}部分", nav="marker", listed_as="内容"),
    Kind.CHAPTER: KindSpec(page=True, noun="章", locator="第{n}章", nav="marker", listed_as="内容"),
    Kind.SUBCHAPTER: KindSpec(page=True, noun="节", locator="第{n}节", nav="marker", listed_as="内容"),
    Kind.DIRECTIVE: KindSpec(page=True, noun="要求", locator="第{n}条", nav="id", listed_as="要求"),
    Kind.SECTION: KindSpec(page=True, noun="节", locator="", nav="id", listed_as="内容"),
    Kind.ARTICLE: KindSpec(page=False, noun="条", locator="第{n}条", nav="number", listed_as="内容"),
    Kind.ITEM: KindSpec(page=False, noun="项", locator="第{n}项", nav="id", listed_as="内容"),
    Kind.POINT: KindSpec(page=False, noun="要点", locator="第{n}点", nav="id", listed_as="内容"),
    Kind.ANNEX: KindSpec(page=True, noun="附件", locator="", nav="heading", listed_as="内容"),
    Kind.INTERLUDE: KindSpec(page=True, noun="段落", locator="", nav="id", listed_as="内容"),
    Kind.PREFACE: KindSpec(page=True, noun="序言", locator="", nav="heading", listed_as="内容"),
    Kind.CLOSING: KindSpec(page=True, noun="结束语", locator="", nav="heading", listed_as="内容"),
}


def spec(kind: str) -> KindSpec:
    """The spec of a kind, given as a :class:`Kind` or its name."""
    return SPECS[Kind(kind)]


def has_page(kind: str) -> bool:
    return spec(kind).page


def noun(kind: str) -> str:
    return spec(kind).noun


def number_of(section_id: str) -> int | None:
    """The unit's own number from its structural id: ``2-3`` -> 3, ``art12`` -> 12, ``3-u1`` -> None."""
    tail = section_id.rsplit("-", 1)[-1].removeprefix("art")
    return int(tail) if tail.isdigit() else None


def locator(kind: str, section_id: str, numeral: Callable[[int], str]) -> str:
    """The citation locator of a unit (``第二部分``, ``第十二条``), or ``""`` where its kind has none.

    ``numeral`` turns a number into Chinese numerals (``grammar.numeral``; passed in, so this
    registry imports nothing of the grammar).
    """
    form = spec(kind).locator
    inserted = _INSERTED.fullmatch(section_id)
    if inserted and form:  # art17zhi1: 第十七条之一, an article inserted after 第十七条
        return form.format(n=numeral(int(inserted.group(1)))) + "之" + numeral(int(inserted.group(2)))
    number = number_of(section_id)
    return form.format(n=numeral(number)) if form and number is not None else ""


#: The id of an inserted article (``第十七条之一``: ``art17zhi1``, parse.py).
_INSERTED = re.compile(r"art(\d+)zhi(\d+)")


#: (kind, level) pairs whose units readers name by their locator: a speech's ``第一，`` or bare ``一`` part is
#: ``第一部分``, a law's chapter ``第三章``; a report's ``一、`` part is named by its marker.
_NAMED_BY_LOCATOR = {
    (Kind.PART, "ordinal"),
    (Kind.PART, "bare"),
    (Kind.PART, "bufen"),
    (Kind.PART, "bian"),
    (Kind.PART, "pian"),
    (Kind.PART, "fenbian"),
    (Kind.CHAPTER, "chapter"),
    (Kind.SUBCHAPTER, "subchapter"),
}


def label_is_locator(section: Placed) -> bool:
    """True where a unit is named by its locator (a speech's ``第一部分``, a law's ``第三章``), from its kind and
    the level it was read from: its page heading then reads ``第一部分：……``."""
    return (Kind(section.kind), section.level) in _NAMED_BY_LOCATOR


#: Kinds at the top of a document (their pages are the document's first level).
TOP_LEVEL = frozenset({Kind.PART, Kind.CHAPTER, Kind.ANNEX, Kind.PREFACE, Kind.CLOSING, Kind.INTERLUDE})
