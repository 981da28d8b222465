"""The library: the four real reports beside the speech, parsed as shared/corpus/SOURCES.md counts them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, copy_project, mkdocs_build
from studysite.model import Document
from studysite.parse import parse_document
from studysite.site import load_document
from test_built_site import catalog, soup, verbatim_text

SOURCES = ROOT / "sources"
CORPUS = ROOT / "tests" / "corpus"  # byte-for-byte copies of shared/corpus

#: Our copy -> the shared original (bytes unchanged).
COPIES = {
    "zfgzbg-2020.txt": "zfgzbg-2020-gbk.txt",
    "zfgzbg-2022.txt": "zfgzbg-2022-crlf.txt",
    "zfgzbg-2024.txt": "zfgzbg-2024.txt",
    "gd-zfgzbg-2026.txt": "zfgzbg-2026-guangdong.txt",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {path.stem: load_document(path) for path in sorted(SOURCES.glob("*.txt"))}


def kinds(doc: Document, kind: str) -> list:
    return [s for s in doc.sections() if s.kind == kind]


def lines_equal(doc: Document, text: str) -> int:
    return sum(1 for line in doc.source.split("\n") if line.strip() == text)


def test_the_reports_are_copied_byte_for_byte():
    for ours, theirs in COPIES.items():
        assert (SOURCES / ours).read_bytes() == (CORPUS / theirs).read_bytes(), ours


def test_five_documents_each_with_its_own_section_of_pages(real_build: Build, docs):
    assert set(docs) == {"tanxin", "zfgzbg-2020", "zfgzbg-2022", "zfgzbg-2024", "gd-zfgzbg-2026"}
    entries = [e for e in catalog(real_build) if e["kind"] == "document"]
    # The undated speech first, then by date.
    assert [e["id"] for e in entries] == ["tanxin", "zfgzbg-2020", "zfgzbg-2022", "zfgzbg-2024", "gd-zfgzbg-2026"]
    home = soup(real_build, "index.html")
    listed = home.select("article li")
    for entry, item in zip(entries, listed):
        assert item.select_one("a")["href"] == entry["url"]
        assert item.select_one("a").get_text() == entry["title"]
    assert "2024-03-05" in listed[3].get_text() and "第十四届全国人民代表大会第二次会议" in listed[3].get_text()
    assert re.search(r"\d+ 字", listed[0].get_text())
    for slug in docs:
        assert (real_build.site / slug / "selftest.html").is_file()


@pytest.mark.parametrize("slug", ["tanxin", "zfgzbg-2020", "zfgzbg-2022", "zfgzbg-2024", "gd-zfgzbg-2026"])
def test_every_character_once_on_the_built_site(real_build: Build, docs, slug: str):
    assert verbatim_text(real_build, slug).replace("\n", "") == docs[slug].source.replace("\n", "")


def test_2024_report(docs):
    doc = docs["zfgzbg-2024"]
    assert doc.style == "report" and doc.title == "2024年政府工作报告"
    # Line 1 runs title, date, occasion and speaker together, with a U+2002 space.
    assert doc.title_span.text(doc.source) == (
        "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理\u2002李强\n"
    )
    assert doc.opening.text(doc.source).startswith("各位代表：\n")
    assert [(p.marker, p.heading) for p in doc.parts] == [
        ("一、", "2023年工作回顾"),
        ("二、", "2024年经济社会发展总体要求和政策取向"),
        ("三、", "2024年政府工作任务"),
    ]
    part3 = doc.parts[2]
    sections = [s for s in part3.directives if s.kind == "section"]
    assert [s.marker for s in sections] == [f"（{n}）" for n in "一二三四五六七八九十"]
    # Run-in: the heading sentence ends with 。 and the body follows on the same line.
    first = sections[0]
    assert first.heading == "大力推进现代化产业体系建设，加快发展新质生产力"
    assert first.span.text(doc.source).startswith(
        "（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用"
    )
    points = doc.parts[0].points
    assert [p.marker for p in points if p.marker.endswith("是")] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert [p.heading for p in points if p.marker == "——"][:2] == ["经济总体回升向好", "现代化产业体系建设取得重要进展"]
    assert sum(p.marker == "——" for p in points) == 7
    # 各位代表！ alone on a line 4 times: kept as text, never a heading.
    assert lines_equal(doc, "各位代表！") == 4
    assert not any("各位代表" in s.heading for s in doc.sections())
    assert [s.id for s in part3.directives if s.kind == "interlude"] == ["3-u1", "3-u2", "3-u3"]
    # 坚持质量第一、效益优先 is no marker.
    assert "坚持质量第一、效益优先" in doc.source
    assert not any(s.marker.startswith("第") for s in doc.sections())


def test_2026_guangdong_report(docs):
    doc = docs["gd-zfgzbg-2026"]
    assert doc.title_span.text(doc.source) == (
        "政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n"
    )
    assert doc.opening.text(doc.source).startswith("各位代表：")
    main = [p for p in doc.parts if p.kind == "part"]
    assert [p.marker for p in main] == ["一、", "二、", "三、"]
    sections = [s for s in doc.sections() if s.kind == "section"]
    assert len(sections) == 14 and sections[-1].marker == "（十四）"
    # Each （一） stands alone on its line: the heading is the whole line.
    for s in sections:
        line = s.span.text(doc.source).split("\n")[0]
        # one sentence on its own line: the heading is the whole line
        assert line.count("。") <= 1 and not line.rstrip("。").count("。"), s.id
        assert line.startswith(s.marker + s.heading.removesuffix("…")), s.id
    ordinals = [p for p in doc.sections() if p.kind == "point" and p.marker.endswith("是")]
    assert len(ordinals) == 11
    assert ordinals[0].heading == "联合港澳承办十五运会和残特奥会"
    # A 一是 alone on its line runs on into the paragraph below it.
    first = doc.source[ordinals[0].extent.start : ordinals[0].extent.end]
    assert first.startswith("一是联合港澳承办十五运会和残特奥会。\n认真落实“绿色、共享、开放、廉洁”的办赛理念")
    # Annex 1 restarts the numbering; annex 2 holds the glossary.
    annex1, annex2 = [p for p in doc.parts if p.kind == "annex"]
    assert annex1.heading == "附件1 2026年省十件民生实事"
    assert [p.id for p in annex1.directives] == [f"a1-{n}" for n in range(1, 11)]
    assert [p.marker for p in annex1.directives] == [f"{n}、" for n in "一二三四五六七八九十"]
    assert annex2.heading == "附件2 名词解释"
    assert len(annex2.points) == 13 and annex2.points[0].heading == "“四上”企业"
    # Traps: 第一产业 and 全国第一 are words.
    assert "第一产业" in doc.source and "全国第一" in doc.source
    assert not any(s.marker.startswith("第") for s in doc.sections())


def test_a_line_broken_inside_a_sentence_is_one_paragraph(real_build: Build, docs):
    doc = docs["gd-zfgzbg-2026"]
    assert "PM\n2.5\n年平均浓度" in doc.source
    paragraphs = [p.get_text() for p in soup(real_build, "gd-zfgzbg-2026/1.html").select(".verbatim p")]
    joined = [p for p in paragraphs if "PM2.5年平均浓度" in p]
    assert len(joined) == 1  # one <p>: the line breaks inside the sentence are gone, the characters are all there
    assert not any(p.strip() == "2.5" for p in paragraphs)


def test_2020_report_in_gbk(docs):
    doc = docs["zfgzbg-2020"]
    assert doc.encoding == "gb18030"
    assert doc.title_span.text(doc.source).startswith("政府工作报告（文字实录）\n\n——2020年5月22日")
    assert [p.marker for p in doc.parts] == [f"{n}、" for n in "一二三四五六七八"]
    assert not any(s.kind == "section" for s in doc.sections())
    # 7 paragraphs open with ——: one in the title block, six points in part 1.
    assert sum(1 for line in doc.source.split("\n") if line.startswith("——")) == 7
    assert sum(s.marker == "——" for s in doc.sections()) == 6
    assert lines_equal(doc, "各位代表！") == 5
    # The last paragraph: an ASCII ( closed by a full-width ）, kept as it is.
    assert doc.source.rstrip().endswith("(来源：中国政府网）")
    assert doc.parts[-1].extent.end == len(doc.source)


def test_2022_report_without_title_lines(docs):
    doc = docs["zfgzbg-2022"]
    assert doc.title_span.end == 0 and doc.title == "2022年政府工作报告"  # from sources/zfgzbg-2022.yml
    assert doc.opening.text(doc.source).startswith("各位代表：")
    assert [p.marker for p in doc.parts] == ["一、", "二、", "三、"]
    assert [s.marker for s in doc.sections() if s.kind == "section"] == [f"（{n}）" for n in "一二三四五六七八九"]
    points = doc.parts[0].points
    assert [p.marker for p in points if p.marker.endswith("是")] == [f"{n}是" for n in "一二三四五六七八"]
    assert sum(p.marker == "——" for p in points) == 7
    assert lines_equal(doc, "各位代表！") == 7


@pytest.mark.slow
def test_a_text_with_no_numbering_is_one_readable_page(tmp_path: Path):
    text = "一封信\n\n同志们：\n这是第一段。没有任何编号。\n这是第二段，首先说一句，其次再说一句。\n"
    doc = parse_document(text, slug="xin", path="xin.txt")
    assert doc.style == "plain" and doc.parts == ()
    assert doc.opening.text(text) == "\n同志们：\n这是第一段。没有任何编号。\n这是第二段，首先说一句，其次再说一句。\n"
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p", {"xin.txt": text.encode()})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = BeautifulSoup((tmp_path / "site" / "xin" / "opening.html").read_text(encoding="utf-8"), "html.parser")
    assert [p.get_text() for p in page.select(".verbatim p")] == [
        "同志们：",
        "这是第一段。没有任何编号。",
        "这是第二段，首先说一句，其次再说一句。",
    ]
    assert page.select_one("article h1").get_text() == "开场白"


def test_annex_glossary_entries_become_term_pages(real_build: Build):
    page = soup(real_build, "terms/gd-zfgzbg-2026-a2-2.html")
    assert page.select_one("h1").get_text() == "双高计划"
    assert "“中国特色高水平高职学校和专业建设计划”的简称" in page.select_one("article ul").get_text()
    assert "附件2 名词解释第2条" in page.get_text()
    glossary = soup(real_build, "terms/index.html")
    assert glossary.select_one("#annex") is not None
    assert "双高计划" in glossary.get_text()


def test_a_term_shared_by_documents_groups_its_occurrences(real_build: Build, docs):
    page = soup(real_build, "terms/liangge-queli.html")
    groups = [h.get_text() for h in page.select("article h3")]
    holding = [d.title for d in docs.values() if "两个确立" in d.source]
    assert len(holding) >= 2
    assert sorted(groups) == sorted(holding)


def test_outline_prints_the_recognised_tree():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pages.py"), "--outline", "sources/zfgzbg-2024.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sources/zfgzbg-2024.txt: read as UTF-8, 3 parts, 10 sections, 3 interludes"
    assert lines[1] == "title    2024年政府工作报告"
    # Which marker each level was read from, so a user sees why.
    assert lines[2] == "levels   part ← 一、 (dun), section ← （一） (paren), point ← 一是 (shi), point ← —— (dash)"
    assert re.fullmatch(r"1 +part +line 4 +\d+ chars  2023年工作回顾", lines[4])
    assert re.fullmatch(r"  1-1 +point +line 6 +\d+ chars  —— 经济总体回升向好", lines[5])
    section = r"  3-10 +section +line 72 +\d+ chars  切实保障和改善民生，加强和创新社会治理"
    assert any(re.fullmatch(section, line) for line in lines)


def test_a_large_library_is_shelved_in_groups_of_ten(docs):
    import dataclasses

    from studysite import layout

    many = [dataclasses.replace(docs["tanxin"], slug=f"d{i:02d}", title=f"文档{i}") for i in range(1, 24)]
    nav = layout.navigation(many)
    groups = [next(iter(item)) for item in nav[1:-3]]  # after 首页; before 术语表, 讲义, 学习笔记
    assert groups == ["文档 1–10", "文档 11–20", "文档 21–23"]
    assert [next(iter(d)) for d in nav[1]["文档 1–10"]][:2] == ["文档1", "文档2"]
    assert len(layout.navigation(many[:10])) == 1 + 10 + 3  # ten or fewer stand side by side


def test_report_grammar_on_a_small_text():
    text = (
        "某某报告\n各位代表：\n开场白。\n"
        "一、第一部分\n导语。\n第一，甲项要求。甲的正文。\n第二，乙项要求。乙的正文。\n不带编号的一段。\n"
        "二、第二部分\n导语。一是丙；二是丁。\n第一，第二部分的第一点。\n"
        "（一）小节标题。小节正文。\n一是单独一行的要点。\n它的正文在下一行。\n二是第二点。正文同行。\n"
        "各位代表！\n结束语。\n"
    )
    doc = parse_document(text, slug="r", path="r.txt")
    assert doc.style == "report" and doc.title == "某某报告"
    one, two = doc.parts
    # 第一， restarts under each 一、, as points of that part.
    assert [(p.id, p.marker, p.heading) for p in one.points] == [
        ("1-1", "第一", "甲项要求"),
        ("1-2", "第二", "乙项要求"),
    ]
    # A one-paragraph point ends with its paragraph; what follows is the part's own text again.
    assert one.body[-1].text(text) == "\n不带编号的一段。\n"
    # Inline 一是 … 二是 … inside a paragraph, then a paragraph-opening 第一，.
    assert [(p.marker, p.heading) for p in two.points] == [("一是", "丙"), ("二是", "丁"), ("第一", "第二部分的第一点")]
    (section, interlude) = two.directives
    assert (section.id, section.marker, section.heading) == ("2-1", "（一）", "小节标题")
    first, second = section.points
    # 一是 alone on its line runs on into the paragraph below it.
    assert first.extent.end == text.index("二是第二点")
    assert second.heading == "第二点"
    # The address after a section opens an unnumbered page; it is no heading itself.
    assert (interlude.kind, interlude.id, interlude.heading) == ("interlude", "2-u1", "结束语")
    assert "".join(span.text(text) for _, span in doc.verbatim_pieces()) == text
