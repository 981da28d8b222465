"""Shapes of real official texts from a third sweep, each in a few synthetic lines.

The texts tried (provincial 2026 政府工作报告 of Shanghai, Zhejiang, Tibet, Chongqing, Hubei and Xinjiang;
司法解释, 批复, 修改决定, 通知, 意见, 部门规章 and a 行政法规 as a law database exports them, in Markdown with a
YAML front matter) are not copied: each test writes the shape in a few lines of its own and checks the
structure and that every character comes back once, in order, from the pages (``assert_verbatim``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from studysite.model import Document
from studysite.parse import parse_document
from studysite.site import build_site
from test_unseen_shapes import assert_verbatim, outline


def parse(text: str) -> Document:
    return parse_document(text, slug="t", path="t.txt")


# ---- A report whose first part opens with 一是……二是…… before its （一）（二） ------------------------------

LEAD_POINTS = """2026年某市政府工作报告

各位代表：

一、2025年工作回顾

一年来，全市经济社会发展稳中有进。一是经济持续回升向好。增长5.4%。二是改革开放深入推进。开放水平提高。

过去一年，我们主要做了以下工作。

（一）全力促进经济平稳健康发展

扩大有效投资。

（二）深入推进城市治理现代化

完善治理体系。

二、2026年主要任务

（一）坚定不移加快建设

提升能级。
"""


def test_points_in_a_part_lead_before_its_sections_have_ids_of_their_own(tmp_path: Path):
    # Before: the lead's points were 1-1 and 1-2, the ids (and paragraph anchors) of the sections 1-1 and 1-2.
    doc = parse(LEAD_POINTS)
    assert outline(doc) == [
        ("1", "part", "2025年工作回顾"),
        ("1-0-1", "point", "经济持续回升向好"),
        ("1-0-2", "point", "改革开放深入推进"),
        ("1-1", "section", "全力促进经济平稳健康发展"),
        ("1-2", "section", "深入推进城市治理现代化"),
        ("2", "part", "2026年主要任务"),
        ("2-1", "section", "坚定不移加快建设"),
    ]
    path = tmp_path / "t.txt"
    path.write_text(LEAD_POINTS, encoding="utf-8")
    ids = Counter(entry["id"] for entry in build_site([path]).catalog)
    assert [i for i, n in ids.items() if n > 1] == []
    assert_verbatim(tmp_path, LEAD_POINTS)


def test_points_of_a_part_without_sections_keep_their_ids():
    doc = parse(LEAD_POINTS.split("（一）全力")[0] + "二、2026年主要任务\n\n提升能级。\n")
    assert [s.id for s in doc.find("1").children] == ["1-1", "1-2"]
