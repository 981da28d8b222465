"""Study aids on the built site: quotations, related reading, citations, link catalog,
self-test, discussion questions, structure diagram, site_url."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Build, line_citation
from studysite.aids import discussion_questions, related_directives, study_aids
from studysite.errors import SourceError
from studysite.parse import parse_document
from studysite.site import build_site, source_files

TITLE = "在公安机关领导干部集体谈心谈话会上的讲话"


def soup(build: Build, url: str) -> BeautifulSoup:
    return build.soup(url)


def catalog(build: Build) -> list[dict]:
    return json.loads((build.site / "links.json").read_text(encoding="utf-8"))


# ---- Quotations ------------------------------------------------------------------


def test_quotations_page_lists_who_is_quoted_and_the_words(real_build: Build):
    page = soup(real_build, "tanxin/quotes.html")
    words = [q.get_text(strip=True) for q in page.select("blockquote.quoted-words")]
    assert words == [
        "“实干兴邦、空谈误国”",
        "“党的干部都要有秉公办事、铁面无私的精神，讲原则不讲面子、讲党性不徇私情”",
        "党员干部要有担当精神",
    ]
    assert [h.get_text(strip=True) for h in page.select("article h2")] == [
        "1. 习近平总书记指出",
        "2. 习近平总书记指出",
        "3. 习近平总书记多次强调",
    ]
    links = [a["href"] for h in page.select("article h2") for a in h.find_next("ul").select("a")]
    assert links == ["1-3.html#1-3", "2-2.html#2-2-1", "2-2.html#2-2-3"]


def test_directive_pages_mark_quotations_without_changing_text(real_build: Build):
    marked = {
        "tanxin/1-3.html": ["习近平总书记指出“实干兴邦、空谈误国”"],
        "tanxin/2-2.html": [
            "习近平总书记指出：“党的干部都要有秉公办事、铁面无私的精神，讲原则不讲面子、讲党性不徇私情”",
            "习近平总书记多次强调党员干部要有担当精神",
        ],
    }
    for url, quotations in marked.items():
        assert [q.get_text() for q in soup(real_build, url).select(".verbatim .quotation")] == quotations
    # Inside the wrapper the term still links: markup nests, text stays.
    quote = soup(real_build, "tanxin/1-3.html").select_one(".verbatim .quotation")
    assert quote.select_one("a.term")["href"] == "../terms/shigan-xingbang.html"


# ---- Related reading ----------------------------------------------------------------


def test_related_reading_on_the_real_speech(real_build: Build):
    page = soup(real_build, "tanxin/2-1.html")
    related = page.select_one("#related").find_next("ul")
    assert [a["href"] for a in related.select("li > a:first-child")] == ["2-3.html", "3-2.html"]
    assert "全省一流" in related.get_text()
    # A shared term is one of 本条术语, linked above; readers.js gives it that address (tests/test_readers.py).
    above = {a.get_text(): a["href"] for a in page.select_one("#related").find_next("p").select("a[href]")}
    for item in related.select("li"):
        shared = item.select("a")[1:]
        assert shared and all(not a.has_attr("href") and a.get_text() in above for a in shared), item


def test_related_reading_weighs_shared_terms_by_rarity():
    """“甲乙” stands in every requirement and relates nothing; the rarer “丙丁” does."""
    text = (
        "标题\n同志们：\n开场。\n第一，总要求。首先，要“甲乙”和“丙丁”。其次，要“戊己”和“甲乙”。最后，要“甲乙”“丙丁”。\n"
    )
    doc = parse_document(text, slug="x", path="x.txt")
    aids = study_aids([doc])
    related = related_directives(aids.index, [doc], doc, doc.directives[0])
    assert [(r.directive, [aids.index.term(t).text for t in r.shared]) for r in related] == [("1-3", ["丙丁", "甲乙"])]
    assert related_directives(aids.index, [doc], doc, doc.directives[1]) == []


def test_a_formula_every_report_repeats_relates_nothing_alone(real_build: Build):
    """1-2 of the speech was related to four report sections only through 党的二十大."""
    page = soup(real_build, "tanxin/1-2.html")
    related = page.select_one("#related").find_next("ul")
    for item in related.select("li"):
        shared = [a.get_text() for a in item.select("a")[1:]]
        assert shared != ["党的二十大"], item.get_text()
    assert "政治领悟力" in related.get_text()


# ---- Citations and the link catalog ---------------------------------------------------


def test_every_part_directive_and_point_has_a_citation(real_build: Build):
    entries = catalog(real_build)
    titles = {e["id"]: e["title"] for e in entries if e["kind"] == "document"}
    nodes = [e for e in entries if e["kind"] in ("part", "directive", "section", "annex", "interlude", "point")]
    assert {e["id"].split("/")[0] for e in nodes} == set(titles) - {"plain"}
    for entry in nodes:
        slug, node_id = entry["id"].split("/", 1)
        block = soup(real_build, entry["url"]).select_one(f'.cite[data-node="{node_id}"]')
        assert block is not None, entry
        page = soup(real_build, entry["url"])
        assert line_citation(page, block).endswith(f"本站编号：{slug} {node_id}.")  # see test_cite.py
        assert not block.has_attr("data-cite")  # the page's template makes the text: cite.js writes it there
        assert block.select_one("button") is None  # cite.js adds the buttons (tests/test_handout.py clicks them)
        href = block.select_one("a.cite-link")["href"]
        target = ((real_build.site / entry["url"]).parent / href.partition("#")[0]).resolve()
        assert target == (real_build.site / entry["url"].partition("#")[0]).resolve(), entry
        assert href.partition("#")[2] == entry["url"].partition("#")[2]
    point = soup(real_build, "tanxin/2-1.html").select_one('.cite[data-node="2-1-3"]')
    shown = line_citation(soup(real_build, "tanxin/2-1.html"), point)
    assert shown == f"{TITLE}[Z]. 第二部分第一条第三点. 本站编号：tanxin 2-1-3."
    assert point.select_one("a.cite-link")["href"] == "2-1.html#2-1-3"  # the citation carries the portable reference
    assert not point.has_attr("data-url")  # no site_url: no absolute link, never a file: path
    part = soup(real_build, "tanxin/3.html").select_one('.cite[data-node="3"]')
    assert line_citation(soup(real_build, "tanxin/3.html"), part) == f"{TITLE}[Z]. 第三部分. 本站编号：tanxin 3."


def test_link_catalog_lists_every_part_directive_and_point(real_build: Build):
    page = soup(real_build, "tanxin/links.html")
    rows = page.select("table.link-table tbody tr")
    nodes = [
        e for e in catalog(real_build) if e["kind"] in ("part", "directive", "point") and e["id"].startswith("tanxin/")
    ]
    assert [r["data-node"] for r in rows] == [e["id"].removeprefix("tanxin/") for e in nodes]
    for row, entry in zip(rows, nodes):
        assert row.select_one("a.cite-link")["href"] == entry["url"].removeprefix("tanxin/")
        assert row.select_one("a.cite-link").get_text() == entry["url"]
        assert row.select("td")[-1].contents == []  # cite.js adds 复制 (tests/test_copy_button.py clicks it)
        assert entry["title"].split(" ")[-1] in row.get_text()


def test_site_url_makes_copied_links_absolute(hosted_builds: tuple[Build, Build]):
    build = hosted_builds[0]  # site_url set as mkdocs.yml documents it (conftest)
    assert build.returncode == 0, build.output
    block = soup(build, "tanxin/2-1.html").select_one('.cite[data-node="2-1-3"]')
    assert block["data-url"] == "https://example.org/study/tanxin/2-1.html#2-1-3"
    assert block.select_one("a.cite-link")["href"] == "2-1.html#2-1-3"  # still works from disk


# ---- Self-test, questions, structure diagram ------------------------------------------------


def test_self_test_is_generated_from_the_structure(real_build: Build):
    page = soup(real_build, "tanxin/selftest.html")
    sections = {h["id"]: h for h in page.select("article h2")}
    assert list(sections) == [
        "formula-sanli",
        "formula-sanmian",
        "formula-sanxian",
        "which-part",
        "blanks",
        "questions",
    ]
    sanli_answer = sections["formula-sanli"].find_next("details")
    assert "open" not in sanli_answer.attrs  # folded: try first
    assert [s.get_text() for s in sanli_answer.select("strong")] == ["政治判断力", "政治领悟力", "政治执行力"]
    assert [a["href"] for a in sanli_answer.select("a")] == ["1-1.html", "1-2.html", "1-3.html"]
    which = sections["which-part"].find_next("ol")
    assert sorted(li.get_text() for li in which.select("li")) == sorted(
        [
            "要不断修养政治品德，提高政治判断力",
            "要不断修好职业道德，提高政治领悟力",
            "要不断修强实干美德，提高政治执行力",
            "务必强在前面",
            "务必敢于当面",
            "务必勇于直面",
            "底线要守牢",
            "中线要达标",
            "高线要出彩",
        ]
    )
    answer = sections["which-part"].find_next("details")
    assert "务必敢于当面：第二部分" in answer.get_text()
    blanks = sections["blanks"].find_next("ol").select("li")
    assert blanks[0].get_text() == "要不断修养政治品德，提高＿＿＿＿＿"
    answers = [s.get_text() for s in sections["blanks"].find_next("details").select("strong")]
    assert answers[:4] == ["政治判断力", "政治领悟力", "政治执行力", "前面"]
    assert "综合素质" in answers and "底线" in answers


def test_discussion_questions_come_from_the_metadata(real_build: Build):
    meta = yaml.safe_load((ROOT / "sources" / "tanxin.yml").read_text(encoding="utf-8"))
    for directive, questions in meta["questions"].items():
        page = soup(real_build, f"tanxin/{directive}.html")
        shown = [li.get_text() for li in page.select_one("#questions").find_next("ol").select("li")]
        assert shown == questions
    selftest = soup(real_build, "tanxin/selftest.html")
    assert len(selftest.select("[id^=questions-]")) == len(meta["questions"])


def test_questions_for_an_unknown_directive_are_an_error(tmp_path: Path):
    text = "标题\n同志们：\n开场。\n第一，总要求。首先，甲。其次，乙。\n"
    doc = parse_document(text, slug="x", path=str(tmp_path / "x.txt"), meta={"questions": {"1-3": ["问题？"]}})
    with pytest.raises(SourceError) as caught:
        discussion_questions(doc)
    assert str(caught.value).startswith(
        f"{tmp_path / 'x.yml'}: error: questions for '1-3', which is not a directive of x"
    )


def test_structure_diagram_links_every_part_directive_and_point(real_build: Build):
    page = soup(real_build, "tanxin/map.html")
    diagram = page.select_one(".structure-map")
    assert diagram.find("script") is None and diagram.find("svg") is None  # plain HTML and CSS
    hrefs = [a["href"] for a in diagram.select("a")]
    nodes = [
        e["url"].removeprefix("tanxin/")
        for e in catalog(real_build)
        if e["kind"] in ("part", "directive", "point") and e["id"].startswith("tanxin/")
    ]
    assert hrefs == ["index.html", "opening.html", *nodes]
    assert [a.get_text() for a in diagram.select("a.sm-part-title")] == [
        "第一部分“三力”务必要进一步提高",
        "第二部分“三面”务必要进一步做强",
        "第三部分“三线”务必进一步干优",
    ]


@pytest.mark.slow  # generates the whole site twice
def test_generated_pages_are_the_same_without_and_with_the_cli():
    # The hook passes site_url (None here); the CLI builds the same aids.
    site = build_site(source_files(ROOT))
    assert "tanxin/selftest.md" in site.pages and "terms/index.md" in site.pages
    assert "terms/index.md" in site.pages_in_nav()
    assert "terms/sanli.md" not in site.pages_in_nav()
