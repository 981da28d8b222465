"""Grammar and paragraph helpers on tiny inputs: behaviour any grammar must keep.

Chinese numerals both ways, and where a line that breaks inside a sentence goes
on (the ``PM`` / ``2.5`` run-on of texts copied from web pages) and where it
does not (a heading, an enumeration, a finished sentence).
"""

from __future__ import annotations

import pytest

from studysite.grammar import numeral, numeral_value
from studysite.paragraphs import paragraphs


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99)],
)
def test_numeral_value_and_back(text: str, value: int):
    assert numeral_value(text) == value
    assert numeral(value) == text


def test_numerals_round_trip_up_to_99():
    assert [numeral_value(numeral(n)) for n in range(1, 100)] == list(range(1, 100))


def texts(source: str) -> list[str]:
    return [p.text(source) for p in paragraphs(source)]


def test_a_line_broken_inside_a_sentence_goes_on():
    source = "细颗粒物（PM\n2.5）年平均浓度下降。\n第二段。\n"
    assert texts(source) == ["细颗粒物（PM\n2.5）年平均浓度下降。", "第二段。"]


def test_a_finished_sentence_ends_its_paragraph():
    source = "第一段结束。\n第二段开始，\n接着说完。\n"
    assert texts(source) == ["第一段结束。", "第二段开始，\n接着说完。"]


@pytest.mark.parametrize("heading", ["一、2023年工作回顾", "（一）大力推进现代化产业体系建设", "附件1"])
def test_a_heading_without_a_full_stop_stands_alone(heading: str):
    source = f"{heading}\n正文第一句。\n"
    assert texts(source) == [heading, "正文第一句。"]


@pytest.mark.parametrize("item", ["一是加强领导", "——经济总体回升向好", "第一，坚持原则", "1. 第一项"])
def test_an_enumeration_is_not_joined_to_the_line_before(item: str):
    source = f"总的要求是\n{item}\n"
    assert texts(source) == ["总的要求是", item]


def test_blank_lines_separate_and_never_count():
    source = "甲。\n\n\u3000\u3000\n乙。\n"
    found = paragraphs(source)
    assert [p.text(source) for p in found] == ["甲。", "乙。"]
    assert [p.line for p in found] == [1, 4]
