"""The parsed structure of the real speech, and the grammar's edge cases."""

from __future__ import annotations

import pytest

from studysite.errors import SourceError
from studysite.parse import parse_document


@pytest.fixture(scope="module")
def speech(speech_text: str):
    return parse_document(speech_text, slug="tanxin", path="sources/tanxin.txt")


def test_title_and_opening(speech, speech_text):
    assert speech.title == "在公安机关领导干部集体谈心谈话会上的讲话"
    opening = speech.opening.text(speech_text).strip()
    assert opening.startswith("同志们：\n根据中央、省委、市委")
    assert opening.endswith("更是对开展“三大活动”领导层面的思想再发动。")


def test_three_parts_with_their_headings(speech):
    assert [(p.id, p.marker, p.heading) for p in speech.parts] == [
        ("1", "第一", "“三力”务必要进一步提高"),
        ("2", "第二", "“三面”务必要进一步做强"),
        ("3", "第三", "“三线”务必进一步干优"),
    ]


def test_nine_directives_with_their_headings(speech):
    assert [(d.id, d.marker, d.heading) for d in speech.directives] == [
        ("1-1", "首先", "要不断修养政治品德，提高政治判断力"),
        ("1-2", "其次", "要不断修好职业道德，提高政治领悟力"),
        ("1-3", "最后", "要不断修强实干美德，提高政治执行力"),
        ("2-1", "首先", "务必强在前面"),
        ("2-2", "其次", "务必敢于当面"),
        ("2-3", "最后", "务必勇于直面"),
        ("3-1", "一是", "底线要守牢"),
        ("3-2", "二是", "中线要达标"),
        ("3-3", "三是", "高线要出彩"),
    ]


POINTS = {
    "2-1": ["综合素质要强", "业务能力要强", "表率作用要强"],
    "2-2": ["敢于当面坚持原则", "敢于当面开展批评", "敢于当面认责负责"],
    "2-3": ["要直面查找问题", "要直面解决问题", "要直面追责问责"],
    "3-1": ["确保思想底线不破", "确保安全稳定底线不破", "确保纪律底线不破", "确保法律底线不破"],
}


def test_points_of_the_directives_that_have_them(speech, speech_text):
    found = {d.id: [p.heading for p in d.points] for d in speech.directives if d.points}
    assert found == POINTS
    ids = [p.id for d in speech.directives for p in d.points]
    assert ids[:3] == ["2-1-1", "2-1-2", "2-1-3"] and ids[-1] == "3-1-4"
    by_id = {p.id: p.span.text(speech_text) for d in speech.directives for p in d.points}
    assert by_id["2-1-2"].startswith("业务能力要强，公安工作是一门社会学科")
    assert by_id["3-1-1"].startswith("我们要时刻保持清醒的头脑")
    assert by_id["3-1-1"].endswith("确保思想底线不破；")
    assert by_id["3-1-4"].startswith("严格落实执法规范化要求") and by_id["3-1-4"].endswith("确保法律底线不破。")


def test_spans_tile_the_source(speech, speech_text):
    pieces = list(speech.verbatim_pieces())
    assert "".join(span.text(speech_text) for _, span in pieces) == speech_text
    for (_, a), (_, b) in zip(pieces, pieces[1:]):
        assert a.end == b.start


def test_false_markers_are_ordinary_words(speech, speech_text):
    # 第一手资料 and 自己首先不做 stay inside their directive's text.
    point = next(p for d in speech.directives for p in d.points if p.id == "2-3-1")
    assert "提供可靠的第一手资料。" in point.span.text(speech_text)
    point = next(p for d in speech.directives for p in d.points if p.id == "2-1-3")
    assert "要求别人不做的，自己首先不做，要求别人做到的，自己首先做到" in point.span.text(speech_text)


def test_markers_count_only_at_sentence_starts():
    text = (
        "标题\n\n同志们：\n开场。\n"
        "第一，甲要强。这是第一手资料，自己首先不做。首先，乙。其次，丙。最后，丁。\n"
        "第二，戊。一是己。二是庚。\n"
    )
    doc = parse_document(text, slug="t", path="t.txt")
    assert [d.heading for d in doc.directives] == ["乙", "丙", "丁", "己", "庚"]
    assert doc.parts[0].span.text(text) == "第一，甲要强。这是第一手资料，自己首先不做。"


def test_a_closing_zuihou_without_shouxian_is_ordinary_text():
    text = "标题\n\n同志们：\n开场。\n第一，甲。最后，我讲一点意见。\n"
    doc = parse_document(text, slug="t", path="t.txt")
    assert doc.parts[0].directives == ()


def test_missing_part_is_an_error():
    text = "标题\n\n同志们：\n开场。\n第一，甲。\n第三，丙。\n"
    with pytest.raises(SourceError) as err:
        parse_document(text, slug="t", path="t.txt")
    assert str(err.value).startswith("t.txt:6:1: error: part 第三 is out of order or missing: expected 第二，")
