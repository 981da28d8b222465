"""Real texts of many shapes, outlined as their authors numbered them (tests/corpus, counts from SOURCES.md).

Every file in ``tests/corpus/`` is a byte-for-byte copy of ``shared/corpus`` (see
``tests/corpus/SOURCES.md``) or a small synthetic text for a shape no real copy
was found of.  The counts below are those of ``SOURCES.md``; the traps are the
words that look like markers and are not.  The library of all of them is
rendered once in memory (``build_site``), and every text's characters must
come back exactly once, in order, from its pages' ``.verbatim`` elements.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from studysite import grammar
from studysite.kinds import Kind, has_page
from studysite.model import Document
from studysite.paragraphs import hard_wrap_width, paragraphs
from studysite.parse import parse_document
from studysite.site import Site, build_site, load_document

CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    return {path.stem: load_document(path) for path in FILES}


@pytest.fixture(scope="module")
def library() -> Site:
    site = build_site(FILES)
    assert site.refused == ()
    return site


def counts(doc: Document) -> dict[str, int]:
    return dict(Counter(str(section.kind) for section in doc.sections()))


def of_kind(doc: Document, kind: Kind) -> list:
    return [s for s in doc.sections() if s.kind == kind]


#: file -> what SOURCES.md counts, as units of the site.
EXPECTED = {
    "beijing-zfgzbg-2026": {"part": 3, "section": 10, "point": 6 + 23, "closing": 1},
    "dangzhang-2022-hardwrap": {"preface": 1, "point": 6, "chapter": 11, "article": 55, "item": 46},
    "jueyi-bainian-2021": {"preface": 1, "part": 7, "section": 28},
    "law-dianzishangwu-gb18030": {"chapter": 7, "subchapter": 2, "article": 89, "item": 4 + 7},
    "shijiuda-baogao-2017": {"part": 13, "section": 50, "closing": 1},
    "xczx-yijian-2018-crlf": {"part": 12, "section": 49, "point": 7},
    "xinfang-tiaoli-2022-md": {"chapter": 6, "article": 50, "item": 62},
    "zfgzbg-2020-gbk": {"part": 8, "point": 6},
    "zfgzbg-2022-crlf": {"part": 3, "section": 9, "point": 8 + 7, "interlude": 6},
    "zfgzbg-2024": {"part": 3, "section": 10, "point": 6 + 7, "interlude": 3},
    # 3 parts + the annex's 10 parts; 11 一是 headings and 13 名词解释 entries.
    "zfgzbg-2026-guangdong": {"part": 3 + 10, "section": 14, "point": 11 + 13, "annex": 2, "closing": 1},
    "zhengzhou-fabuhui-2022": {"interlude": 16},
    "zhixing-guiding-md": {"part": 14, "point": 79 + 36},
    "synthetic-bare-numerals": {"part": 3, "directive": 8, "point": 3 + 3 + 5, "closing": 1},
    "synthetic-paren-only": {"part": 8},
    "synthetic-dash-addresses": {"interlude": 3, "point": 6},
}


def test_every_corpus_file_is_counted():
    assert sorted(EXPECTED) == [path.stem for path in FILES]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outlined_as_the_author_numbered_it(corpus, name):
    assert counts(corpus[name]) == EXPECTED[name]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_character_once_in_order(library: Site, path: Path):
    doc = next(d for d in library.documents if d.slug == path.stem)
    pages = []
    for entry in library.catalog:
        page = entry["url"].partition("#")[0].replace(".html", ".md")
        kinds = ("document", "opening", *(str(k) for k in Kind if has_page(k)))
        if entry["kind"] in kinds and entry["url"].startswith(doc.slug + "/") and page not in pages:
            pages.append(page)
    shown = "".join(
        el.get_text() for page in pages for el in BeautifulSoup(library.pages[page], "html.parser").select(".verbatim")
    )
    assert shown.replace("\n", "") == doc.source.replace("\n", "")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_paragraph_pieces_tile_every_owned_span(corpus, path: Path):
    doc = corpus[path.stem]
    for owner, span in doc.verbatim_pieces():
        pieces = doc.paragraphs_in(span)
        assert "".join(doc.source[p.start : p.end] for p in pieces) == doc.source[span.start : span.end], owner
    assert sum(len(doc.paragraphs_of(p.id)) for p in doc.sections()) >= len(doc.sections())


# ---- Laws, regulations, the Party constitution ---------------------------------------------


def test_the_law_table_of_contents_makes_no_pages(corpus):
    law = corpus["law-dianzishangwu-gb18030"]
    chapters = of_kind(law, Kind.CHAPTER)
    assert [c.line for c in chapters] == [12, 21, 63, 75, 82, 93, 114]
    assert [c.heading for c in chapters][:2] == ["总\u3000\u3000则", "电子商务经营者"]
    assert [s.id for s in of_kind(law, Kind.SUBCHAPTER)] == ["2-1", "2-2"]
    assert [p.kind for p in law.paragraphs if 3 <= p.line <= 11] == ["toc"] * 9


def test_articles_run_across_chapters_and_mid_line_references_are_text(corpus):
    law = corpus["law-dianzishangwu-gb18030"]
    articles = of_kind(law, Kind.ARTICLE)
    assert [a.id for a in articles] == [f"art{n}" for n in range(1, 90)]
    assert articles[-1].line == 115 and articles[-1].marker == "第八十九条"
    # 本法第二十八条 inside 第八十条's item is a reference, not an article.
    assert law.page_of("art28").id == "2-2" and law.page_of("art80-2").id == "6"
    items = [i.id for i in of_kind(law, Kind.ITEM)]
    assert items == [
        *(f"art76-{n}" for n in (1, 2, 3)),
        *(f"art80-{n}" for n in (1, 2, 3, 4)),
        *(f"art81-{n}" for n in (1, 2, 3, 4)),
    ]


def test_the_party_constitution_wraps_but_reads_as_paragraphs(corpus):
    doc = corpus["dangzhang-2022-hardwrap"]
    assert hard_wrap_width(doc.source) == 30
    preface = doc.parts[0]
    assert (preface.id, preface.kind, preface.heading) == ("preface", "preface", "总 纲")
    assert [p.marker for p in preface.points] == ["第一", "第二", "第三", "第四", "第五", "第六"]
    chapter_one = doc.find("1")
    assert (chapter_one.kind, chapter_one.marker, chapter_one.heading) == ("chapter", "第一章", "党 员")
    # Wrapped lines that start with numerals (一步…, 一切，…) continue their paragraph.
    for line in (214, 333):
        assert not any(p.line == line for p in doc.paragraphs), line
    # 第一要务 / 第一生产力 inside a line never open anything; items only inside their articles.
    assert {doc.parent_of(i.id).kind for i in of_kind(doc, Kind.ITEM)} == {"article"}
    assert len(of_kind(doc, Kind.ITEM)) == 46


def test_markdown_law_files_keep_their_prefixes_verbatim(corpus):
    doc = corpus["xinfang-tiaoli-2022-md"]
    assert doc.title == "信访工作条例"
    assert doc.find("1").heading == "总则" and doc.source[doc.find("1").extent.start :].startswith("## 第一章")
    assert [(p.line, p.kind) for p in doc.paragraphs if p.kind != "text"] == [(3, "byline"), (4, "byline"), (6, "note")]
    assert len(doc.find("art5").children) == 5


# ---- Speeches and reports --------------------------------------------------------------------


def test_titles_over_several_lines_are_taken_whole(corpus):
    assert corpus["shijiuda-baogao-2017"].title == "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利"
    assert corpus["beijing-zfgzbg-2026"].title == "2026年北京市政府工作报告"
    assert corpus["jueyi-bainian-2021"].title == "中共中央关于党的百年奋斗重大成就和历史经验的决议"


def test_a_text_without_title_line_gets_a_flagged_fallback(corpus):
    doc = corpus["zhengzhou-fabuhui-2022"]
    assert doc.title == "zhengzhou-fabuhui-2022" and doc.title_span.end == 0
    assert doc.warnings and "made from the file name" in doc.warnings[0]


def test_noise_is_its_own_paragraph_with_its_kind(corpus):
    doc = corpus["beijing-zfgzbg-2026"]
    kinds = {p.line: p.kind for p in doc.paragraphs}
    assert [kinds[n] for n in range(1, 10)] == ["ui"] * 9
    assert (kinds[11], kinds[12], kinds[13], kinds[14], kinds[15], kinds[106]) == (
        "subtitle",
        "byline",
        "byline",
        "byline",
        "caption",
        "ui",
    )
    assert doc.find("closing").line == 105


def test_closing_after_the_last_part_is_its_own_unit(corpus):
    speech = corpus["shijiuda-baogao-2017"]
    closing = speech.parts[-1]
    assert (closing.id, closing.kind, closing.line) == ("closing", "closing", 345)
    assert speech.source[closing.extent.start :].startswith("\u3000\u3000同志们！")


def test_traps_are_text(corpus):
    speech = corpus["shijiuda-baogao-2017"]
    assert "稳居世界第二，" in speech.source and not any(s.marker.startswith("第") for s in speech.sections())
    jueyi = corpus["jueyi-bainian-2021"]
    assert [p.line for p in of_kind(jueyi, Kind.PART)] == [14, 44, 68, 100, 252, 266, 292]  # not 一百年来
    assert jueyi.parts[0].heading == "序言" and jueyi.parts[0].kind == "preface"
    guangdong = corpus["zfgzbg-2026-guangdong"]
    assert "第一产业" in guangdong.source and not any(s.marker == "第一" for s in guangdong.sections())
    xczx = corpus["xczx-yijian-2018-crlf"]
    assert not any(s.marker in ("第一",) for s in xczx.sections())


def test_a_numbering_that_runs_on_across_parts(corpus):
    doc = corpus["zhixing-guiding-md"]
    entries = [s for s in doc.sections() if s.marker.endswith(".")]
    assert [int(s.marker[:-1]) for s in entries] == list(range(1, 80))
    assert doc.find("9").line == 213  # 九、 without its ## prefix is still a part
    assert [c.marker for c in doc.find("1-2").children] == ["（1）", "（2）", "（3）", "（4）", "（5）", "（6）"]


def test_unnumbered_sub_headings_of_a_news_release_are_units(corpus):
    doc = corpus["zhengzhou-fabuhui-2022"]
    lines = [p.line for p in doc.parts]
    assert lines == [5, 11, 15, 21, 29, 33, 37, 43, 49, 53, 57, 61, 67, 73, 77, 83]
    assert doc.parts[0].heading == "封控管控区外社会面已连续3次阳性“零报告”"
    assert "高效排查潜在人群感染者" in [p.heading for p in doc.parts]


def test_bare_numerals_make_parts_and_their_ordinals_directives(corpus):
    doc = corpus["synthetic-bare-numerals"]
    assert [p.id for p in doc.parts] == ["1", "2", "3", "closing"]
    assert [d.id for d in doc.find("1").directives] == [f"1-{n}" for n in range(1, 9)]
    assert [p.marker for p in doc.find("2").points] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert [p.marker for p in doc.find("3").points] == ["一要", "二要", "三要", "四要", "五要"]
    assert doc.levels == (("part", "bare"), ("directive", "ordinal"), ("point", "yao"))


def test_a_speech_of_dashes_and_addresses_is_split_at_the_addresses(corpus):
    doc = corpus["synthetic-dash-addresses"]
    assert [p.id for p in doc.parts] == ["u1", "u2", "u3"]
    assert doc.source[doc.parts[0].extent.start :].startswith("同志们、朋友们！")
    assert max(len(doc.source[s.start : s.end]) for _, s in doc.verbatim_pieces()) < 400


def test_noise_and_new_kinds_in_the_rendered_pages(library: Site):
    page = library.pages["beijing-zfgzbg-2026/index.md"]
    assert '<p class="caption">' in page and '<p class="ui">' in page
    law = library.pages["law-dianzishangwu-gb18030/6.md"]
    assert "{#art80}" in law and "{#art80-1}" in law
    urls = {e["id"]: e["url"] for e in library.catalog}
    assert urls["law-dianzishangwu-gb18030/2-1"] == "law-dianzishangwu-gb18030/2-1.html"
    assert urls["law-dianzishangwu-gb18030/art80-1"] == "law-dianzishangwu-gb18030/6.html#art80-1"
    assert urls["dangzhang-2022-hardwrap/preface"] == "dangzhang-2022-hardwrap/preface.html"
    assert urls["shijiuda-baogao-2017/closing"] == "shijiuda-baogao-2017/closing.html"
    kinds = {e["id"]: e["kind"] for e in library.catalog}
    assert kinds["law-dianzishangwu-gb18030/art80"] == "article" and kinds["law-dianzishangwu-gb18030/1"] == "chapter"


# ---- The grammar, level by level, on tiny inputs ---------------------------------------------

#: level -> (paragraphs it opens, paragraphs it does not)
LEVEL_CASES = {
    "bian": (["第一编　总则"], ["第一编辑部"]),
    "bufen": (["第二部分 总体要求"], ["第二部分人认为"]),
    "pian": (["第一篇　开启全面建设社会主义现代化国家新征程", "第十九篇 加强国家安全"], ["第一篇文章", "第二篇章"]),
    "fenbian": (["## 第一分编\u2002\u2002通则", "第二分编 典型合同"], ["第一分编辑"]),
    "chapter": (
        ["第一章　总　　则", "## 第三章 党的中央组织", "### 第一章\u2002\u2002一般规定"],
        ["第一章节", "第一章程"],
    ),
    "subchapter": (["第二节　电子商务平台经营者"], ["第二节课"]),
    "article": (
        ["第十二条　电子商务经营者……", "第一百零一条 ……", "第十七条之一 已满七十五周岁的人……"],
        ["第十二条规定的", "第二十八条", "第十七条之一规定的"],
    ),
    "bare": (["一", "\u3000十二 "], ["一切，", "一步"]),
    "dun": (["一、2023年工作回顾", "## 九、执行"], ["一二三产业"]),
    "paren": (["（一）坚持党的领导。", "(二)"], ["（1）"]),
    "ordinal": (["第一，坚持。", "第二、", "第三,"], ["第一产业", "第一书记"]),
    "arabic": (["1.“四上”企业：", "79.", "２"[:0] + "2．"], ["2.5倍", "2026年"]),
    "paren_arabic": (["（1）申请执行"], ["（一）"]),
    "sequence": (["首先，", "最后,"], ["首先要"]),
    "shi": (["一是加强。", "十三是，"], ["一时"]),
    "yao": (["一要提高政治站位。"], ["一样"]),
    "dash": (["——经济总体回升向好。"], ["———"]),
}


@pytest.mark.parametrize("name", [level.name for level in grammar.LEVELS])
def test_each_level_opens_where_it_should(name: str):
    opens, not_opens = LEVEL_CASES[name]
    for text in opens:
        p = paragraphs(text)[0]
        found = next((level.name for level in grammar.LEVELS if level.pattern.match(p.text(text))), None)
        assert found == name, text
    for text in not_opens:
        assert not grammar.LEVEL[name].pattern.match(text), text


def parse(text: str) -> Document:
    return parse_document(text, slug="t", path="t.txt")


def test_paren_without_dun_above_is_the_top_level():
    doc = parse("标题\n开场。\n（一）甲。\n（二）乙。\n（三）丙。\n")
    assert [(p.id, p.kind, p.marker) for p in doc.parts] == [
        ("1", "part", "（一）"),
        ("2", "part", "（二）"),
        ("3", "part", "（三）"),
    ]


def test_a_restart_under_a_new_parent_is_fine_and_a_gap_is_refused():
    doc = parse("标题\n开场。\n一、甲\n（一）子。\n（二）丑。\n二、乙\n（一）寅。\n")
    assert [s.id for s in doc.sections()] == ["1", "1-1", "1-2", "2", "2-1"]
    with pytest.raises(Exception) as err:
        parse("标题\n开场。\n一、甲\n三、丙\n")
    assert "t.txt:4:1: error: part 三、 is out of order or missing: expected 二、" in str(err.value)


def test_a_level_seen_only_inline_makes_points_not_pages():
    doc = parse("标题\n开场。\n一、甲\n要做到：一是子；二是丑；三是寅。\n")
    assert [(s.id, s.kind) for s in doc.sections()] == [
        ("1", "part"),
        ("1-1", "point"),
        ("1-2", "point"),
        ("1-3", "point"),
    ]


def test_chapters_sections_articles_items():
    doc = parse(
        "某某条例\n第一章 总则\n第一条 为了……，制定本条例。\n第二章 分则\n第一节 一般规定\n"
        "第二条 应当：\n（一）甲；\n（二）乙。\n前款规定……。\n第三条 本条例自公布之日起施行。\n"
    )
    assert [(s.id, s.kind) for s in doc.sections()] == [
        ("1", "chapter"),
        ("art1", "article"),
        ("2", "chapter"),
        ("2-1", "subchapter"),
        ("art2", "article"),
        ("art2-1", "item"),
        ("art2-2", "item"),
        ("art3", "article"),
    ]
    assert "前款规定" in html.unescape(doc.source[doc.find("art2").extent.start : doc.find("art3").extent.start])
    assert doc.page_of("art2-1").id == "2-1"


def test_a_heading_broken_mid_phrase_is_taken_whole():
    doc = parse("标题\n开场。\n一、甲\n（一）坚持不懈用\n新时代思想凝心铸魂。正文。\n（二）乙。\n")
    # The line break between two Chinese characters joins the phrase without a space.
    assert doc.find("1-1").heading == "坚持不懈用新时代思想凝心铸魂"


def test_a_caption_is_never_glued_to_the_next_paragraph():
    text = "标题\n开场。\n一、甲\n会议现场。新华社记者 张三/摄\n这是正文第一段\n接着的一行。\n※这是注释\n"
    doc = parse(text)
    kinds = [(p.line, p.kind) for p in doc.paragraphs]
    assert (4, "caption") in kinds and (7, "note") in kinds
    assert any(p.line == 5 and doc.source[p.start : p.end] == "这是正文第一段\n接着的一行。" for p in doc.paragraphs)


def test_sources_keep_their_structure():
    tanxin = load_document(ROOT / "sources" / "tanxin.txt")
    assert [d.id for d in tanxin.directives] == [f"{p}-{d}" for p in (1, 2, 3) for d in (1, 2, 3)]
    assert re.fullmatch(r"[\d-]+", "-".join(s.id for s in tanxin.sections()))
