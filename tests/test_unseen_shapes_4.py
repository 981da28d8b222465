"""Shapes of real official texts from a fourth sweep, each in a few synthetic lines.

The texts tried (《求是》 2026 pieces: a speech excerpt of bare ``一`` ``二`` parts with ``第一，`` directives and
``一是`` ``一要`` points, a speech excerpt of run-in ``（一）`` parts, a 评论员文章, two 党刊精选 pieces in one
file; the shapes of a 规划纲要, a 党内法规 of 编/章/条, a 白皮书, an 意见 of 一、（一）1.（1）, a 通知 with
full-width ``１、``, a speech with ``（掌声）``, a BOM + CRLF regulation) are not copied: each test writes the shape
in a few lines of its own and checks the structure and that every character comes back once, in order, from the
pages (``assert_verbatim``).
"""

from __future__ import annotations

from pathlib import Path

from studysite.outline import levels
from test_unseen_shapes import assert_verbatim, outline, parse

# ---- A 规划纲要: 第一篇 over 第一章 over 第一节, chapters numbered through the whole text, 专栏 boxes ---------

GANGYAO = """某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一篇　开启全面建设社会主义现代化新征程

“十四五”时期是开启新征程的第一个五年。

第一章　发展环境

第一节　发展基础

“十三五”时期，全省经济实力跃上新台阶。

第二节　发展形势

当前和今后一个时期，全省发展仍然处于重要战略机遇期。

第二章　指导方针

坚持以人民为中心。

专栏1　“十四五”时期经济社会发展主要指标

第二篇　坚持创新驱动发展

坚持创新在现代化建设全局中的核心地位。

第三章　强化战略科技力量

第一节　优化科技资源配置

以战略性需求为导向推进创新体系优化组合。

专栏2　科技前沿领域攻关

01　新一代人工智能

前沿基础理论突破。
"""


def test_the_pian_of_a_plan_outline_are_its_parts(tmp_path: Path):
    # Before: 第一篇 was no marker: it ran into the title line, 第二篇 was text of 第二章, and the chapters were the
    # document's top level.
    doc = parse(GANGYAO)
    assert doc.title == "某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert outline(doc) == [
        ("1", "part", "开启全面建设社会主义现代化新征程"),
        ("1-1", "chapter", "发展环境"),
        ("1-1-1", "subchapter", "发展基础"),
        ("1-1-2", "subchapter", "发展形势"),
        ("1-2", "chapter", "指导方针"),
        ("2", "part", "坚持创新驱动发展"),
        ("2-1", "chapter", "强化战略科技力量"),
        ("2-1-1", "subchapter", "优化科技资源配置"),
    ]
    assert doc.warnings == ()
    assert "part ← 第一篇 (pian)" in levels(doc)
    assert_verbatim(tmp_path, GANGYAO)


def test_a_pian_in_running_text_is_no_heading():
    # 篇 must be followed by a blank or end its line: ``第一篇文章……`` opens a paragraph of text; a lone
    # ``第二篇 ……`` (no 第一篇 and no 第三篇 after it) numbers nothing either.
    text = "某某工作报告\n\n一、回顾\n\n第一篇文章发表后，反响热烈。\n\n二、任务\n\n第二篇 总结要写好。\n"
    doc = parse(text)
    assert outline(doc) == [("1", "part", "回顾"), ("2", "part", "任务")]


def test_a_pian_without_chapters_heads_the_parts_of_a_report():
    text = "某某规划\n\n第一篇　总体要求\n\n一、发展基础\n\n基础扎实。\n\n第二篇　主要任务\n\n一、创新\n\n加快创新。\n"
    doc = parse(text)
    assert [(s.id, str(s.kind)) for s in doc.sections()] == [
        ("1", "part"),
        ("1-1", "section"),
        ("2", "part"),
        ("2-1", "section"),
    ]


# ---- A 党内法规 of 编, 章 and 条 whose last 编 (附则) holds articles with no chapter ------------------------

TIAOLI = """中国共产党某某处分条例

第一编　总　　则

第一章　指导思想和原则

第一条　为了严肃党的纪律，制定本条例。

第二条　本条例以马克思列宁主义为指导。

第二章　纪律处分

第三条　对党员的纪律处分种类：

（一）警告；

（二）严重警告。

第二编　分　　则

第三章　对违反政治纪律行为的处分

第四条　有下列行为之一的，给予警告处分。

第三编　附　　则

第五条　本条例由中央纪律检查委员会负责解释。

第六条　本条例自2024年1月1日起施行。
"""


def test_articles_right_under_a_bian_of_a_party_regulation_belong_to_it(tmp_path: Path):
    doc = parse(TIAOLI)
    assert [(s.id, str(s.kind)) for s in doc.sections()] == [
        ("1", "part"),
        ("1-1", "chapter"),
        ("art1", "article"),
        ("art2", "article"),
        ("1-2", "chapter"),
        ("art3", "article"),
        ("art3-1", "item"),
        ("art3-2", "item"),
        ("2", "part"),
        ("2-1", "chapter"),
        ("art4", "article"),
        ("3", "part"),
        ("art5", "article"),
        ("art6", "article"),
    ]
    assert_verbatim(tmp_path, TIAOLI)


# ---- A speech excerpt: bare 一 二 parts, 第一， directives, then paragraphs that open 一是 and 一要 ---------------

JINRONG = """走好某某发展之路※
习近平
一
我们逐步走出一条发展之路。
第一，坚持党的领导。党的领导是最本质的特征。
第二，坚持以人民为中心。金融事业要造福人民。
二
建设强国，必须加快构建现代体系。
一是科学稳健的调控体系。要建设现代制度。
二是结构合理的市场体系。要建设资本市场。
三
要积极培育特色文化。
一要诚实守信，不逾越底线。重信守诺。
二要以义取利，不唯利是图。履行好社会责任。
※这是讲话的节录。
"""


def test_the_levels_line_lists_levels_of_one_rank_in_the_table_order(tmp_path: Path):
    # Before: 一是 and 一要 (both rank 10) came out of a set, in either order from one run to the next.
    doc = parse(JINRONG)
    assert levels(doc) == (
        "levels   part ← 一 (bare), directive ← 第一， (ordinal), point ← 一是 (shi), point ← 一要 (yao)"
    )
    assert [s.id for s in doc.sections()] == ["1", "1-1", "1-2", "2", "2-1", "2-2", "3", "3-1", "3-2"]
    assert_verbatim(tmp_path, JINRONG)
