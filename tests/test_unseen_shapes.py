"""Shapes of real official texts that the corpus did not hold, each in a few synthetic lines.

Each test reproduces the shape of a real text tried in the session that added it (the
Criminal Law's 编/章/节/条 with ``第十七条之一`` articles, ``## 附则`` and ``## 附件一``; one 编
of the Civil Code published on its own, with ``第一分编`` and U+2002 spaces after the numbers
…); the texts themselves are not copied.  Every test also checks that each character of the
source comes back once, in order, from the rendered pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from studysite import cite
from studysite.errors import SourceError
from studysite.kinds import Kind, has_page
from studysite.model import Document
from studysite.parse import parse_document
from studysite.site import Site, build_site


def parse(text: str) -> Document:
    return parse_document(text, slug="t", path="t.txt")


def outline(doc: Document) -> list[tuple[str, str, str]]:
    return [(s.id, str(s.kind), s.heading) for s in doc.sections()]


def assert_verbatim(tmp_path: Path, text: str) -> Site:
    """Every character of ``text`` appears once, in order, across its document's pages; the site it built."""
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    site = build_site([path])
    assert site.refused == ()
    pages: list[str] = []
    kinds = ("document", "opening", *(str(k) for k in Kind if has_page(k)))
    for entry in site.catalog:
        page = entry["url"].partition("#")[0].replace(".html", ".md")
        if entry["kind"] in kinds and entry["url"].startswith("t/") and page not in pages:
            pages.append(page)
    shown = "".join(
        el.get_text() for page in pages for el in BeautifulSoup(site.pages[page], "html.parser").select(".verbatim")
    )
    assert shown.replace("\n", "") == text.replace("\n", "")
    return site


# ---- A code: 编/章/节/条, 条之一, an unnumbered 附则 and annexes numbered 一/二 --------------------

CRIMINAL_LAW = """# 中华人民共和国某法

1997年3月14日 第八届全国人民代表大会第五次会议修订

<!-- INFO END -->

## 第一编 总则

### 第一章 任务和适用范围

第一条 为了……，制定本法。

第二条 本法的任务，是……。

### 第二章 犯罪

#### 第一节 犯罪和刑事责任

第三条 已满十六周岁的人犯罪，应当负刑事责任。

第三条之一 已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚。

第三条之二 ……的，依照前款的规定处罚。

第四条 有下列情形之一的，不负刑事责任：

（一）情节显著轻微的；

（二）犯罪已过追诉时效期限的。

## 第二编 分则

### 第一章 危害国家安全罪

第五条 勾结外国，危害中华人民共和国的主权的，处无期徒刑。

## 附则

第六条 本法自1997年10月1日起施行。

列于本法附件一的……予以废止。

## 附件一

全国人民代表大会常务委员会制定的下列条例，已纳入本法：

1．某某暂行条例

2．关于某某的决定

## 附件二

下列补充规定予以保留：

1．关于某某的决定
"""


def test_a_code_with_inserted_articles_an_unnumbered_annex_chapter_and_numbered_annexes(tmp_path: Path):
    doc = parse(CRIMINAL_LAW)
    assert doc.style == "law"
    assert outline(doc) == [
        ("1", "part", "总则"),
        ("1-1", "chapter", "任务和适用范围"),
        ("art1", "article", "为了……，制定本法"),
        ("art2", "article", "本法的任务，是……"),
        ("1-2", "chapter", "犯罪"),
        ("1-2-1", "subchapter", "犯罪和刑事责任"),
        ("art3", "article", "已满十六周岁的人犯罪，应当负刑事责任"),
        ("art3zhi1", "article", "已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚"),
        ("art3zhi2", "article", "……的，依照前款的规定处罚"),
        ("art4", "article", "有下列情形之一的，不负刑事责任"),
        ("art4-1", "item", "情节显著轻微的"),
        ("art4-2", "item", "犯罪已过追诉时效期限的"),
        ("2", "part", "分则"),
        ("2-1", "chapter", "危害国家安全罪"),
        ("art5", "article", "勾结外国，危害中华人民共和国的主权的，处无期徒刑"),
        ("u1", "interlude", "附则"),
        ("art6", "article", "本法自1997年10月1日起施行"),
        ("a1", "annex", "附件一"),
        ("a1-1", "point", "某某暂行条例"),
        ("a1-2", "point", "关于某某的决定"),
        ("a2", "annex", "附件二"),
        ("a2-1", "point", "关于某某的决定"),
    ]
    assert doc.find("art3zhi1").label == "第三条之一"
    assert doc.page_of("art6").id == "u1"
    # cited as the law numbers it: 编, 章, 节, 条 (之一)
    assert cite.locator(doc, "art3zhi1") == "第一编第二章第一节第三条之一"
    assert cite.locator(doc, "art6") == "第六条"  # in the unnumbered 附则: the article alone
    assert_verbatim(tmp_path, CRIMINAL_LAW)


def test_an_inserted_article_must_follow_its_base_article():
    text = "某某法\n第一条 甲。\n第二条 乙。\n第一条之一 丙。\n第三条 丁。\n"
    with pytest.raises(SourceError) as caught:
        parse(text)
    message = str(caught.value)
    assert "t.txt:4:1" in message and "第一条之一 is not after 第一条" in message and "expected, for example" in message


# ---- One 编 of the Civil Code on its own: 分编, U+2002 after the numbers, articles from 463 ------

CONTRACTS = (
    "# 中华人民共和国民法典\n\n# 合同编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n"
    "<!-- INFO END -->\n\n"
    "## 第一分编\u2002\u2002通则\n\n### 第一章\u2002\u2002一般规定\n\n"
    "第四百六十三条 本编调整因合同产生的民事关系。\n\n第四百六十四条 合同是……协议。\n\n"
    "### 第二章\u2002\u2002合同的订立\n\n第四百六十五条 当事人订立合同，可以采用书面形式：\n\n"
    "（一）书面形式；\n\n（二）口头形式。\n\n"
    "## 第二分编\u2002\u2002典型合同\n\n### 第三章\u2002\u2002买卖合同\n\n"
    "第四百六十六条 买卖合同是……的合同。\n"
)


def test_one_book_of_a_code_published_alone(tmp_path: Path):
    doc = parse(CONTRACTS)
    assert doc.title == "中华人民共和国民法典 合同编"
    assert outline(doc) == [
        ("1", "part", "通则"),
        ("1-1", "chapter", "一般规定"),
        ("art463", "article", "本编调整因合同产生的民事关系"),
        ("art464", "article", "合同是……协议"),
        ("1-2", "chapter", "合同的订立"),
        ("art465", "article", "当事人订立合同，可以采用书面形式"),
        ("art465-1", "item", "书面形式"),
        ("art465-2", "item", "口头形式"),
        ("2", "part", "典型合同"),
        ("2-1", "chapter", "买卖合同"),
        ("art466", "article", "买卖合同是……的合同"),
    ]
    assert_verbatim(tmp_path, CONTRACTS)


def test_an_excerpt_still_checks_its_articles_run_on():
    text = CONTRACTS.replace("第四百六十四条", "第四百七十条")
    with pytest.raises(SourceError) as caught:
        parse(text)
    assert "第四百七十条 is out of order or missing: expected 第四百六十四条" in str(caught.value)


# ---- A 《求是》 article whose only numbering is one run of paragraphs 一是…五是 ---------------------

QIUSHI_ARTICLE = """# 以某某全面推进某某

- 作者：
- 来源：《求是》2026/01
- 原文：https://www.qstheory.cn/20251231/x/c.html

以某某全面推进某某
某某某
高质量发展是本质要求。党的二十届四中全会通过的《建议》把它确定为主题。
要重点把握好以下几个方面。
一是把建设现代化产业体系作为主阵地。实体经济强是优势所在：一要稳，二要进。
二是把加快科技自立自强作为重要支撑。推动高质量发展，最重要是科技。
2025年9月29日，某装置启动。 新华社记者 某某/摄
三是把建设强大国内市场作为重要保障。扩大内需是战略之举。
作者：某某委员会副主任
"""


def test_paragraphs_opening_one_run_of_yishi_are_the_parts(tmp_path: Path):
    doc = parse(QIUSHI_ARTICLE)
    assert outline(doc) == [
        ("1", "part", "把建设现代化产业体系作为主阵地"),
        ("2", "part", "把加快科技自立自强作为重要支撑"),
        ("3", "part", "把建设强大国内市场作为重要保障"),
    ]
    assert_verbatim(tmp_path, QIUSHI_ARTICLE)


def test_two_runs_of_yishi_paragraphs_stay_points_of_one_page():
    # Two separate lists are no outline of the text: nothing is refused, nothing made a page.
    text = "标题\n开场。\n一是甲。\n二是乙。\n三是丙。\n过渡。\n一是丁。\n二是戊。\n三是己。\n"
    doc = parse(text)
    assert doc.style == "plain" and doc.parts == ()


# ---- An interview: 记者： questions, answers under the experts' names, no numbering ----------------

INTERVIEW = """求是专访
如何以“场景”助力高质量发展
《求是》杂志记者 某某 某某
编者按：围绕如何认识好“场景”，本刊记者对三位专家进行了专访。
记者：何为“场景”？为什么要强调场景的培育和开放？
王某：“场景”这一概念源于影视领域。
加快场景培育开放，具有十分重要的意义。
记者：我国在场景培育方面具备哪些优势条件？
刘某：场景是一种稀缺的创新资源。一是拥有超大规模市场。二是具备完整的产业体系。
记者：需从哪些方面着力？
王某：主要应把握好4个关键环节。第一，加快培育应用场景。
第二，加大力度推动场景开放。
记者：感谢各位专家接受采访。
"""


def test_an_interview_is_split_at_the_interviewers_questions(tmp_path: Path):
    doc = parse(INTERVIEW)
    assert [(s.id, str(s.kind), s.heading) for s in doc.parts] == [
        ("u1", "interlude", "何为“场景”？为什么要强调场景的培育和开放"),
        ("u2", "interlude", "我国在场景培育方面具备哪些优势条件"),
        ("u3", "interlude", "需从哪些方面着力"),
    ]
    # The thanks at the end is no question: text of the last unit.
    assert "感谢各位专家" in doc.source[doc.find("u3").extent.start : doc.find("u3").extent.end]
    assert_verbatim(tmp_path, INTERVIEW)


# ---- Headings that start past 一、: an excerpt, or a 一、 that lost its number ---------------------------


LOST_FIRST = (
    "# 关于某某的规定\n\n为了……，现作如下规定：\n\n某某的性质和任务\n\n某某是领导机构。\n\n"
    "## 二、某某的组织\n\n１．中央某某，由有关部门组成。\n\n２．各级某某设主任一人。\n\n"
    "## 三、某某的职责\n\n应做好以下工作。\n"
)


def test_headings_that_start_past_one_are_parts_numbered_as_they_stand_with_a_warning(tmp_path):
    doc = parse(LOST_FIRST)
    assert [(p.id, p.kind, p.heading) for p in doc.parts] == [
        ("2", Kind.PART, "某某的组织"),
        ("3", Kind.PART, "某某的职责"),
    ]
    # what stands before 二、 is the opening, every character of it
    assert "某某的性质和任务" in doc.source[doc.opening.start : doc.opening.end]
    assert any("start at 二、 (no 一、)" in w and "excerpt" in w for w in doc.warnings), doc.warnings
    assert_verbatim(tmp_path, LOST_FIRST)


def test_an_excerpt_from_the_third_part_on_is_read_as_it_is_numbered():
    text = (
        "节选\n\n三、加强党的建设\n\n（一）坚持思想建党。正文。\n\n（二）坚持制度治党。正文。\n\n四、其他\n\n正文。\n"
    )
    doc = parse(text)
    assert [p.id for p in doc.parts] == ["3", "4"]
    assert [s.id for s in doc.parts[0].children] == ["3-1", "3-2"]


def test_one_paragraph_opening_with_two_and_three_of_a_month_stays_text():
    # 二、三月份 (February and March) at a paragraph start, alone: no heading, no warning, no refusal
    doc = parse("标题\n\n二、三月份以来，各地积极推进工作。\n\n今后要继续努力。\n")
    assert doc.parts == () and doc.warnings == ()


def test_a_gap_inside_headings_is_still_refused():
    with pytest.raises(SourceError) as caught:
        parse("标题\n\n一、甲\n\n正文。\n\n三、丙\n\n正文。\n")
    assert "part 三、 is out of order or missing: expected 二、" in str(caught.value)
