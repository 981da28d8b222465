"""The registry of kinds: one spec per kind, the links.json names of the five documents unchanged."""

from __future__ import annotations

from studysite import grammar
from studysite.kinds import SPECS, Kind, has_page, label_is_locator, locator, noun
from studysite.model import Section


def test_every_kind_has_a_spec_and_keeps_its_links_name():
    assert set(SPECS) == set(Kind)
    # The kinds links.json already used for the five documents keep their names.
    assert {"part", "directive", "section", "point", "annex", "interlude"} <= {str(k) for k in Kind}
    assert Kind.POINT == "point" and Kind("article") is Kind.ARTICLE


def test_pages_and_anchors():
    assert [k for k in Kind if not has_page(k)] == [Kind.ARTICLE, Kind.ITEM, Kind.POINT]
    assert noun(Kind.ARTICLE) == "条" and noun("chapter") == "章"


def test_locators_come_from_the_structure():
    assert locator(Kind.PART, "2", grammar.numeral) == "第二部分"
    assert locator(Kind.CHAPTER, "3", grammar.numeral) == "第三章"
    assert locator(Kind.ARTICLE, "art102", grammar.numeral) == "第一百零二条"
    assert locator(Kind.ARTICLE, "art17zhi1", grammar.numeral) == "第十七条之一"  # inserted after 第十七条
    assert locator(Kind.POINT, "2-1-3", grammar.numeral) == "第三点"
    assert locator(Kind.INTERLUDE, "3-u1", grammar.numeral) == ""


def test_a_unit_is_named_by_its_locator_by_kind_and_level_not_by_its_label():
    speech_part = Section("1", Kind.PART, "第一", "第一部分", "……", (), 1, "ordinal")
    report_part = Section("1", Kind.PART, "一、", "一、", "……", (), 1, "dun")
    chapter = Section("1", Kind.CHAPTER, "第一章", "第一章", "总则", (), 1, "chapter")
    assert label_is_locator(speech_part) and label_is_locator(chapter) and not label_is_locator(report_part)
