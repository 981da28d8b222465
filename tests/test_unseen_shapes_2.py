"""Shapes of real official texts from a second sweep, each in a few synthetic lines.

The texts tried (a white paper's layout, two county 通知 with CR line ends, a court 决定 quoting
amended clauses, an 安排 with a ``附：`` list, the Hong Kong Basic Law's ``附件一：……`` annexes, local
regulations whose Markdown copies lost chapter headings, the National Anthem Law of articles only …)
are not copied: each test writes the shape in a few lines of its own and checks the structure and that
every character comes back once, in order, from the pages (``assert_verbatim``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite import cite
from studysite.errors import SourceError
from test_unseen_shapes import assert_verbatim, outline, parse

# ---- A white paper: 目录 with 前言 … 结束语, then 前言, 一、（一）, 结束语 ----------------------------

WHITE_PAPER = """新时代的中国某某

中华人民共和国

国务院新闻办公室

2025年5月

目录

前言
一、坚定不移走某某道路
二、某某取得历史性成就
结束语

前言

某某是人类共同的追求。

一、坚定不移走某某道路

中国共产党领导人民，开辟了道路。

（一）坚持党的领导

党的领导是根本保证。

（二）坚持人民至上

人民是根本。

二、某某取得历史性成就

（一）经济实力跃上新台阶

经济总量稳居世界第二。

结束语

展望未来，中国将继续前进。
"""


def test_a_white_paper_with_contents_preface_and_closing(tmp_path: Path):
    # Before: refused (the contents' 一、 二、 read as the parts, the body's 一、 as "repeated").
    doc = parse(WHITE_PAPER)
    assert doc.title == "新时代的中国某某"  # the issuing organ's lines are bylines, no lines of the title
    assert outline(doc) == [
        ("preface", "preface", "前言"),
        ("1", "part", "坚定不移走某某道路"),
        ("1-1", "section", "坚持党的领导"),
        ("1-2", "section", "坚持人民至上"),
        ("2", "part", "某某取得历史性成就"),
        ("2-1", "section", "经济实力跃上新台阶"),
        ("closing", "closing", "结束语"),
    ]
    contents = [p.text(doc.source) for p in doc.paragraphs if p.kind == "toc"]
    assert contents == ["目录", "前言", "一、坚定不移走某某道路", "二、某某取得历史性成就", "结束语"]
    assert "展望未来" in doc.source[doc.find("closing").extent.start : doc.find("closing").extent.end]
    assert_verbatim(tmp_path, WHITE_PAPER)


# ---- A county 通知: CR line ends, the addressees end with a colon, 1、 entries, a right-aligned signature ----

NOTICE = (
    " 关于做好某某工作室成员申报的通知\r\r各镇（街道）中小学、市直属学校：\r"
    "为了更好地发挥名师的作用，现将有关事项通知如下：\r"
    "一、市级工作室成员\r1、选拔条件：年龄40周岁以下。\r2、每个工作室确定6位成员。\r"
    "二、相关要求\r1、结对成员填写申报表（附件2）。\r2、已参加过的不能报名。 \r\r"
    "附件：1．工作室名单\r2．申报表。\r\r"
    + " " * 60
    + "某某市教育局办公室   \r"
    + " " * 60
    + "二〇一一年十月二十六日\r"
)


def test_a_county_notice_with_cr_line_ends_and_arabic_entries_with_a_comma(tmp_path: Path):
    doc = parse(NOTICE.replace("\r", "\n"))  # the reader takes CR line ends as line breaks (test_input_variants)
    # The addressees and the lead-in end with a colon: they introduce the text, no title line does.
    assert doc.title == "关于做好某某工作室成员申报的通知"
    assert outline(doc) == [
        ("1", "part", "市级工作室成员"),
        ("1-1", "point", "选拔条件：年龄40周岁以下"),
        ("1-2", "point", "每个工作室确定6位成员"),
        ("2", "part", "相关要求"),
        ("2-1", "point", "结对成员填写申报表（附件2）"),
        ("2-2", "point", "已参加过的不能报名"),
        # ``附件：1．……`` lists the attachments: no annex starts there, and the line's own ``1．`` is no
        # entry (the line opens with 附件); the ``2．`` below it is one, an anchor of 二.
        ("2-3", "point", "申报表"),
    ]
    assert not any(s.kind == "annex" for s in doc.sections())
    assert_verbatim(tmp_path, NOTICE.replace("\r", "\n"))


# ---- Annexes named on their own line (附件一：……) and a list introduced by 附： ------------------------

ANNEXES = """某某特别行政区基本法

第一章　总则

第一条　甲。

第二条　乙。

附件一：行政长官的产生办法

一、行政长官由选举委员会选出。

二、选举委员会委员共800人。

附件二：立法会的产生办法

一、立法会议员每届60人。

附：

名单

一、中央设立的委员会

甲委员会。
"""


def test_annexes_titled_on_their_own_line_and_a_list_after_fu(tmp_path: Path):
    doc = parse(ANNEXES)
    annexes = [(s.id, s.heading) for s in doc.parts if str(s.kind) == "annex"]
    assert annexes == [("a1", "附件一：行政长官的产生办法"), ("a2", "附件二：立法会的产生办法"), ("a3", "附 名单")]
    assert [s.id for s in doc.find("a1").children] == ["a1-1", "a1-2"]
    assert_verbatim(tmp_path, ANNEXES)


# ---- A 决定 quoting amended clauses: （一）（二） lists that start again under one 一、 --------------------

AMENDMENTS = """最高人民法院关于修改某某等二十九件司法解释的决定

根据审判实践需要，决定对下列司法解释作出修改：

一、修改《关于审理某某案件的规定》

1.将第七条修改为：“有下列情形之一的：

（一）公司解散逾期不成立清算组的；

（二）虽然成立清算组但故意拖延清算的。”

2.将第八条修改为：“有下列情形之一的：

（一）有违反法律的行为；

（二）丧失执业能力的。”

二、修改《关于审理票据纠纷案件的规定》

将第一条修改为：“本规定自公布之日起施行。”
"""


def test_lists_that_start_again_under_one_heading_are_points_not_sections(tmp_path: Path):
    # Before: refused ("section （一） is repeated: expected （三）").
    doc = parse(AMENDMENTS)
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("1", "修改《关于审理某某案件的规定》"),
        ("2", "修改《关于审理票据纠纷案件的规定》"),
    ]
    assert {str(s.kind) for s in doc.find("1").children} == {"point"}
    assert dict(doc.levels)["point"] in ("paren", "arabic")
    assert_verbatim(tmp_path, AMENDMENTS)


def test_a_repeated_heading_number_that_is_no_restart_is_still_refused():
    with pytest.raises(SourceError) as caught:
        parse("标题\n\n一、甲\n\n（一）子一\n\n正文。\n\n（二）子二\n\n正文。\n\n（二）子三\n\n正文。\n")
    assert "section （二） is repeated: expected （三）" in str(caught.value)


# ---- Regulations whose copies lost chapter headings, and regulations of articles only -------------------

LOST_FIRST_CHAPTER = """# 某某条例

<!-- INFO END -->

第一条 为了某某，制定本条例。

第二条 本条例适用于本市。

## 第二章  规划和建设

第三条 市人民政府应当编制规划。

## 第三章  法律责任

第四条 违反本条例的，依法处理。
"""


def test_a_regulation_that_lost_its_first_chapter_heading(tmp_path: Path):
    # Before: the chapters were ignored (no 第一章) and every article was on no page at all.
    doc = parse(LOST_FIRST_CHAPTER)
    assert outline(doc) == [
        ("u1", "interlude", "条文"),
        ("art1", "article", "为了某某，制定本条例"),
        ("art2", "article", "本条例适用于本市"),
        ("2", "chapter", "规划和建设"),
        ("art3", "article", "市人民政府应当编制规划"),
        ("3", "chapter", "法律责任"),
        ("art4", "article", "违反本条例的，依法处理"),
    ]
    assert any("start at 第二章 (no 第一章)" in w and "unnumbered unit" in w for w in doc.warnings), doc.warnings
    assert_verbatim(tmp_path, LOST_FIRST_CHAPTER)


ARTICLES_ONLY = """中华人民共和国某某法

第一条　为了维护某某的尊严，制定本法。

第二条　某某是《某某曲》。

第三条　下列场合，应当奏唱：

（一）全国人民代表大会会议开幕、闭幕；

（二）重大外交活动。

第四条　本法自2017年10月1日起施行。
"""


def test_a_law_of_articles_only_is_one_page_holding_its_articles(tmp_path: Path):
    doc = parse(ARTICLES_ONLY)
    assert [(p.id, str(p.kind), p.heading) for p in doc.parts] == [("u1", "interlude", "条文")]
    assert [s.id for s in doc.find("u1").children] == ["art1", "art2", "art3", "art4"]
    assert [s.id for s in doc.find("art3").children] == ["art3-1", "art3-2"]
    # cited as a law's articles are: 第三条, its item 第三条第一项 … (the 条文 page is no part of the place)
    assert cite.locator(doc, "art3") == "第三条"
    assert cite.locator(doc, "art3-1").startswith("第三条")
    assert_verbatim(tmp_path, ARTICLES_ONLY)


HEADING_LEFT_OUT = """某某市市政设施管理条例

第一章　总则

第一条　为了加强管理，制定本条例。

第二章　规划和建设

第二条　规划应当科学。

第四章　城市道路设施管理

第三条　道路应当养护。

第五章　附则

第四条　本条例自公布之日起施行。
"""


def test_a_chapter_heading_left_out_while_the_articles_run_on_is_a_warning(tmp_path: Path):
    # Before: refused ("chapter 第四章 is out of order or missing: expected 第三章"), though no text is missing.
    doc = parse(HEADING_LEFT_OUT)
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("1", "总则"),
        ("2", "规划和建设"),
        ("4", "城市道路设施管理"),
        ("5", "附则"),
    ]
    assert any("第四章 follows 第二章: the heading 第三章 is left out" in w for w in doc.warnings), doc.warnings
    assert_verbatim(tmp_path, HEADING_LEFT_OUT)


def test_a_chapter_gap_with_a_gap_in_the_articles_is_still_refused_and_says_which_article():
    text = HEADING_LEFT_OUT.replace("第三条　道路", "第九条　道路")
    with pytest.raises(SourceError) as caught:
        parse(text)
    message = str(caught.value)
    assert "chapter 第四章 is out of order or missing: expected 第三章" in message
    assert "article 第九条 is out of order or missing: expected 第三条" in message


def test_an_article_missing_after_a_chapter_heading_names_the_article_expected():
    # The article numbering runs on across chapters: what is missing is 第三条, not 第一条.
    with pytest.raises(SourceError) as caught:
        parse("某某条例\n\n第一章　总则\n\n第一条　甲。\n\n第二条　乙。\n\n第二章　附则\n\n第四条　丁。\n")
    assert "article 第四条 is out of order or missing: expected 第三条" in str(caught.value)


def test_article_numbers_in_arabic_digits_and_a_blank_typed_before_tiao(tmp_path: Path):
    text = "某某办法\n\n第1条 为了甲，制定本办法。\n\n第2条 乙。\n\n第三条 丙。\n\n第四 条丁。\n\n第五条 戊。\n"
    doc = parse(text)
    assert [s.id for s in doc.find("u1").children] == ["art1", "art2", "art3", "art4", "art5"]
    assert_verbatim(tmp_path, text)


# ---- Markdown bold leads and an ASCII full stop after 一 ------------------------------------------------

BOLD = """# 在某某会议上的讲话

同志们：

**一、深刻认识某某的重要意义**

这是一个重大问题。

**二、扎实推进某某工作**

要抓好三项工作。**一是**抓学习。**二是**抓落实。

**一是加强组织领导。**各级党委要负总责。

**二是强化督促检查。**要定期检查。

三.加强作风建设

作风建设永远在路上。
"""


def test_bold_leads_and_an_ascii_full_stop_after_the_numeral(tmp_path: Path):
    doc = parse(BOLD)
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("1", "深刻认识某某的重要意义"),
        ("2", "扎实推进某某工作"),
        ("3", "加强作风建设"),
    ]
    assert [(s.id, s.heading) for s in doc.find("2").children] == [
        ("2-1", "加强组织领导"),
        ("2-2", "强化督促检查"),
    ]
    assert_verbatim(tmp_path, BOLD)


# ---- A press conference: an unindented headline over indented paragraphs, reporters of named outlets --------

PRESS = """某某办回应某某问题
　　某某办12月14日上午举行新闻发布会，发言人某某就近期热点问题答记者问。
　　新华社记者：据报道，某某日前称，他完全理解某某政策，对此有何评论？谢谢。
　　某某：我们的立场是明确的。这是基础。
　　中央电视台记者：还是想延续一下这个问题。请问发言人对此有何评论？
　　某某：这种言论暴露了其本质。
原标题：某某办12月14日例行新闻发布会
"""


def test_a_press_conference_split_at_the_reporters_questions(tmp_path: Path):
    doc = parse(PRESS)
    # The headline has no final punctuation, but the indented line below it opens a paragraph of its own.
    assert doc.title == "某某办回应某某问题"
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("u1", "据报道，某某日前称，他完全理解某某政策，对此有何评论"),
        ("u2", "还是想延续一下这个问题。请问发言人对此有何评论"),
    ]
    assert_verbatim(tmp_path, PRESS)


# ---- A statistical bulletin: an issuer and date under the title, footnotes [1] at the end ------------------

BULLETIN = """某某县2025年国民经济和社会发展统计公报[1]
某某县统计局　2026年3月10日

2025年，面对复杂形势，全县经济运行稳中有进。

一、综合

初步核算，全年地区生产总值[2]250.5亿元，比上年增长5.2%。

二、农业

全年粮食种植面积30.1万亩。

注释：

[1]本公报中数据均为初步统计数。

[2]地区生产总值按不变价格计算。
"""


def test_a_statistical_bulletin_with_an_issuer_line_and_footnotes(tmp_path: Path):
    doc = parse(BULLETIN)
    # The issuer and date line is a byline: it no longer runs on into the title line above it.
    assert doc.title == "某某县2025年国民经济和社会发展统计公报[1]"
    assert [(p.id, p.heading) for p in doc.parts] == [("1", "综合"), ("2", "农业")]
    notes = [p.text(doc.source) for p in doc.paragraphs if p.kind == "note"]
    assert notes == ["注释：", "[1]本公报中数据均为初步统计数。", "[2]地区生产总值按不变价格计算。"]
    assert_verbatim(tmp_path, BULLETIN)


# ---- A 准则-like regulation: unnumbered headings right above its articles, no chapters ----------------------

CODE_OF_CONDUCT = """中国共产党某某准则

中国共产党全体党员必须坚定理想信念。

党员某某规范

第一条　坚持公私分明，先公后私，克己奉公。

第二条　坚持崇廉拒腐，清白做人，干净做事。

党员领导干部某某规范

第三条　廉洁从政，自觉保持人民公仆本色。

第四条　廉洁用权，自觉维护人民根本利益。
"""


def test_headings_right_above_articles_head_units_of_articles(tmp_path: Path):
    # Before: the first heading (8 characters, before any article) was text of the opening, the second text of 第二条.
    doc = parse(CODE_OF_CONDUCT)
    assert [(p.id, str(p.kind), p.heading, [c.id for c in p.children]) for p in doc.parts] == [
        ("u1", "interlude", "党员某某规范", ["art1", "art2"]),
        ("u2", "interlude", "党员领导干部某某规范", ["art3", "art4"]),
    ]
    assert_verbatim(tmp_path, CODE_OF_CONDUCT)


# ---- A State Council 通知 as copied from a PDF or a web page: document number, page number, web junk ----------

STATE_COUNCIL_NOTICE = """国务院办公厅关于某某工作的通知
国办发〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院同意，现就有关事项通知如下。
一、总体要求
（一）指导思想。坚持以某某为指导，深入贯彻某某精神，加强某某
— 2 —
工作，推动某某。
（二）工作目标。到2027年，某某体系基本建立。
1．建立健全机制。各地要建立机制。
（1）明确责任。各级政府负总责。
（2）强化考核。纳入考核。
2．加强督促。定期督促。
二、保障措施
各地区各部门要结合实际抓好落实。
国务院办公厅
2024年3月1日
（此件公开发布）
分享到：
【纠错】
责任编辑：张三
"""


def test_a_state_council_notice_with_all_four_levels_and_its_furniture(tmp_path: Path):
    doc = parse(STATE_COUNCIL_NOTICE)
    # The document number is a byline: the title line no longer runs on into it.
    assert doc.title == "国务院办公厅关于某某工作的通知"
    assert outline(doc) == [
        ("1", "part", "总体要求"),
        ("1-1", "section", "指导思想"),
        ("1-2", "section", "工作目标"),
        ("1-2-1", "point", "建立健全机制"),
        ("1-2-1-1", "point", "明确责任"),
        ("1-2-1-2", "point", "强化考核"),
        ("1-2-2", "point", "加强督促"),
        ("2", "part", "保障措施"),
    ]
    kinds = {p.text(doc.source): p.kind for p in doc.paragraphs}
    assert kinds["国办发〔2024〕12号"] == "byline" and kinds["2024年3月1日"] == "byline"
    assert kinds["— 2 —"] == kinds["分享到："] == kinds["【纠错】"] == "ui"
    assert_verbatim(tmp_path, STATE_COUNCIL_NOTICE)


# ---- A Markdown copy of a law with a line holding only U+200B under every heading -----------------------

ZERO_WIDTH = (
    "# 中华人民共和国某某法\n\n## 第一章 总 则\n\n\u200b\n\n第一条 为了规范某某，制定本法。\n\n"
    "## 第二章 某某公司\n\n### 第一节 设 立\n\n\u200b\n\n第二条 设立某某公司，应当登记。\n\n"
    "### 第二节 股东会\n\n\u200b\n\n第三条 股东会由全体股东组成。\n"
)


def test_lines_holding_only_a_zero_width_space_are_blank(tmp_path: Path):
    # Before: each U+200B line was an unnumbered heading that closed the chapter, and 第二节 was "repeated".
    doc = parse(ZERO_WIDTH)
    assert outline(doc) == [
        ("1", "chapter", "总 则"),
        ("art1", "article", "为了规范某某，制定本法"),
        ("2", "chapter", "某某公司"),
        ("2-1", "subchapter", "设 立"),
        ("art2", "article", "设立某某公司，应当登记"),
        ("2-2", "subchapter", "股东会"),
        ("art3", "article", "股东会由全体股东组成"),
    ]
    assert_verbatim(tmp_path, ZERO_WIDTH)
