"""Shapes of real official texts from a third sweep, each in a few synthetic lines.

The texts tried (provincial 2026 政府工作报告 of Shanghai, Zhejiang, Tibet, Chongqing, Hubei and Xinjiang;
司法解释, 批复, 修改决定, 通知, 意见, 部门规章 and a 行政法规 as a law database exports them, in Markdown with a
YAML front matter) are not copied: each test writes the shape in a few lines of its own and checks the
structure and that every character comes back once, in order, from the pages (``assert_verbatim``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from test_unseen_shapes import assert_verbatim, outline, parse

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
    ids = Counter(entry["id"] for entry in assert_verbatim(tmp_path, LEAD_POINTS).catalog)
    assert [i for i, n in ids.items() if n > 1] == []


def test_points_of_a_part_without_sections_keep_their_ids():
    doc = parse(LEAD_POINTS.split("（一）全力")[0] + "二、2026年主要任务\n\n提升能级。\n")
    assert [s.id for s in doc.find("1").children] == ["1-1", "1-2"]


# ---- A law database's Markdown export: YAML front matter, then ``# 标题`` ---------------------------------

FRONT_MATTER = """---
title: "关于某某问题的通知"
status: "现行有效"
tags:
  - 法律法规
  - 某某部
---
# 关于某某问题的通知

某部发[2008]3号

<!-- INFO END -->

各省、自治区、直辖市某某厅（局）：

根据有关规定，现通知如下：

## 一、工作时间的计算

年工作日：250天。

## 二、工资的折算

日工资：月工资收入÷月计薪天数。
"""


def test_a_yaml_front_matter_is_metadata_and_the_heading_below_it_the_title(tmp_path: Path):
    # Before: no title line (the title was made from the file name, with a warning).
    doc = parse(FRONT_MATTER)
    assert doc.title == "关于某某问题的通知"
    assert doc.warnings == ()
    notes = [p.text(doc.source) for p in doc.paragraphs if p.kind == "note"]
    assert notes[:7] == [
        "---",
        'title: "关于某某问题的通知"',
        'status: "现行有效"',
        "tags:",
        "  - 法律法规",
        "  - 某某部",
        "---",
    ]
    assert outline(doc) == [("1", "part", "工作时间的计算"), ("2", "part", "工资的折算")]
    assert_verbatim(tmp_path, FRONT_MATTER)


def test_a_rule_line_that_opens_no_front_matter_is_text():
    doc = parse("---\n某某讲话\n\n同志们：\n\n一、总体要求\n\n要求。\n\n二、重点任务\n\n任务。\n")
    assert not any(p.kind == "note" for p in doc.paragraphs)


# ---- A provincial report: the occasion line under the title has no dash ------------------------------------

OCCASION = """下载
打印
2026年某省政府工作报告
2026年1月14日在某省第十四届人民代表大会第四次会议上
来源：某某日报
某省省长 某某
各位代表：
现在，我代表省人民政府向大会作政府工作报告，请予审议。
一、2025年主要工作
（一）强化创新驱动发展。完善科技创新体系。
二、2026年工作安排
（一）扩大内需。提振消费。
"""


def test_a_dated_occasion_line_without_a_dash_is_no_line_of_the_title(tmp_path: Path):
    # Before: the title and the occasion line ran into one paragraph, no title line was found.
    doc = parse(OCCASION)
    assert doc.title == "2026年某省政府工作报告"
    assert doc.warnings == ()
    kinds = {p.text(doc.source): p.kind for p in doc.paragraphs}
    assert kinds["2026年1月14日在某省第十四届人民代表大会第四次会议上"] == "byline"
    assert [s.id for s in doc.parts] == ["1", "2"]
    assert_verbatim(tmp_path, OCCASION)


# ---- A 司法解释: issuer and title repeated under the header, articles grouped under 一、二、 -----------------

INTERPRETATION = """# 最高人民法院关于适用某法若干问题的解释

<!-- INFO END -->

最高人民法院

关于适用某法

若干问题的解释

法释〔2023〕13号

为正确审理某某纠纷案件，结合审判实践，制定本解释。

## 一、一般规定

第一条 人民法院应当依据本解释认定。

第二条 下列情形，可以认定为交易习惯：

（一）当事人之间的惯常做法；

（二）通常采用的做法。

## 二、合同的订立

第三条 当事人对合同是否成立存在争议的，人民法院应当认定。

## 三、附则

第四条 本解释自2023年12月5日起施行。
"""


def test_numbered_headings_over_the_articles_of_an_interpretation_are_its_parts(tmp_path: Path):
    # Before: 最高人民法院 was a preface (a short line before the numbering), 一、 a point in it and 二、 an item
    # of 第二条.
    doc = parse(INTERPRETATION)
    assert outline(doc) == [
        ("1", "part", "一般规定"),
        ("art1", "article", "人民法院应当依据本解释认定"),
        ("art2", "article", "下列情形，可以认定为交易习惯"),
        ("art2-1", "item", "当事人之间的惯常做法"),
        ("art2-2", "item", "通常采用的做法"),
        ("2", "part", "合同的订立"),
        ("art3", "article", "当事人对合同是否成立存在争议的，人民法院应当认定"),
        ("3", "part", "附则"),
        ("art4", "article", "本解释自2023年12月5日起施行"),
    ]
    opening = doc.source[doc.opening.start : doc.opening.end]
    assert "最高人民法院" in opening and "制定本解释" in opening
    assert_verbatim(tmp_path, INTERPRETATION)


def test_a_numbered_list_inside_an_article_stays_its_points():
    text = "某某规定\n\n第一条 有下列情形之一的：\n\n一、甲情形；\n\n二、乙情形。\n\n第二条 本规定自公布之日起施行。\n"
    doc = parse(text)
    assert [(s.id, str(s.kind)) for s in doc.sections()] == [
        ("u1", "interlude"),
        ("art1", "article"),
        ("art1-1", "item"),
        ("art1-2", "item"),
        ("art2", "article"),
    ]


# ---- A 修改决定 quoting an amended article with its （一）（二） over several paragraphs -------------------------

AMENDING = """最高人民法院关于修改某解释的决定

最高人民法院决定，对某解释作如下修改：

一、删去第二条中的“被扶养人”。

二、将第六条和第七条合并修改为：

“因受害人的过错行为造成人身损害的，按照下列规定承担责任：

（一）企业未充分履行安全防护义务的，应当承担主要责任；

（二）企业已充分履行安全防护义务的，应当承担次要责任。

受害人强行通过造成损害的，企业不承担赔偿责任。”

三、删去第十二条。

本决定自2022年1月1日起施行。
"""


def test_items_quoted_in_an_amending_decision_are_no_sections(tmp_path: Path):
    # Before: the quoted （一）（二） were read as the sections 2-1 and 2-2 of 二、.
    doc = parse(AMENDING)
    assert outline(doc) == [
        ("1", "part", "删去第二条中的“被扶养人”"),
        ("2", "part", "将第六条和第七条合并修改为"),
        ("3", "part", "删去第十二条"),
    ]
    assert "（二）企业已充分履行" in doc.source[doc.find("2").extent.start : doc.find("2").extent.end]
    assert_verbatim(tmp_path, AMENDING)


def test_a_stray_opening_quote_hides_no_headings():
    # The quotation is never closed: the headings after it are read as they stand.
    text = AMENDING.replace("企业不承担赔偿责任。”", "企业不承担赔偿责任。")
    doc = parse(text)
    assert [s.id for s in doc.parts] == ["1", "2", "3"]
    assert [s.id for s in doc.find("2").children] == ["2-1", "2-2"]
