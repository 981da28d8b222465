"""Citations, locators, portable references and paragraph anchors (studysite/cite.py), on the real texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, line_citation
from studysite import cite
from studysite.errors import SourceError
from studysite.site import load_document, source_files

DOCUMENTS = {path.stem: load_document(path) for path in source_files(ROOT)}
SPEECH_TITLE = "在公安机关领导干部集体谈心谈话会上的讲话"
SITE_URL = "https://example.org/study/"


def places(doc) -> list[str]:
    """Every citable place: each section, the opening and each paragraph."""
    return [s.id for s in doc.sections()] + ["opening"] + [anchor for _, anchor, _ in cite.paragraph_places(doc)]


def test_every_citation_of_every_place_matches_the_metadata():
    checked = 0
    for slug, doc in DOCUMENTS.items():
        meta = doc.meta
        title = meta["published_title"]  # every document states the title it was published under
        for place in places(doc):
            for url in ("", f"{SITE_URL}{slug}/page.html#{place}"):
                text = cite.citation(doc, place, url=url, accessed="2026-11-26" if url else "")
                assert "file:" not in text and "…" not in text, text
                head = f"{meta['speaker'].split()[-1]}. {title}" if meta.get("speaker") else title
                assert text.startswith(head), text
                if meta.get("date"):
                    assert meta["date"] in text
                    assert meta["occasion"] in text  # in the title or in 其他题名信息 (date and occasion)
                else:
                    assert meta["occasion"] in title
                locator = cite.locator(doc, place)
                assert locator and f"{locator}" in text
                if url:
                    assert text.endswith(f"[2026-11-26]. {url}.") and "本站编号" not in text
                    assert "[R/OL]" in text or "[EB/OL]" in text
                else:
                    assert text.endswith(f" 本站编号：{slug} {place}.")
                checked += 1
    assert checked > 2 * 600


def test_references_and_locators_read_as_the_standard_and_the_structure_say():
    speech, report = DOCUMENTS["tanxin"], DOCUMENTS["zfgzbg-2024"]
    assert cite.citation(speech, "2-2-2") == f"{SPEECH_TITLE}[Z]. 第二部分第二条第二点. 本站编号：tanxin 2-2-2."
    assert cite.citation(report, "3-1-p2") == (
        "李强. 政府工作报告：2024年3月5日在第十四届全国人民代表大会第二次会议上[R]. 2024-03-05：第三部分（一）第2段. "
        "本站编号：zfgzbg-2024 3-1-p2."
    )
    assert cite.citation(report, "3-1-p2", url=f"{SITE_URL}zfgzbg-2024/3-1.html#3-1-p2", accessed="2026-11-26") == (
        "李强. 政府工作报告：2024年3月5日在第十四届全国人民代表大会第二次会议上[R/OL]. 2024-03-05：第三部分（一）第2段"
        f"[2026-11-26]. {SITE_URL}zfgzbg-2024/3-1.html#3-1-p2."
    )
    assert cite.locator(speech, "opening-p2") == "开场白第2段"
    assert cite.locator(report, "3-u1") == "第三部分节后文字1"
    assert cite.locator(DOCUMENTS["gd-zfgzbg-2026"], "a1-1") == "附件1第一部分"
    assert cite.short_reference(speech, "2-2-2") == "tanxin 2-2-2"
    # The 2022 text has no title line: the reference still gives the published title, date and occasion.
    assert cite.citation(DOCUMENTS["zfgzbg-2022"], "") == (
        "李克强. 政府工作报告：2022年3月5日在第十三届全国人民代表大会第五次会议上[R]. 2022-03-05. "
        "本站编号：zfgzbg-2022."
    )


def test_paragraph_anchors_number_each_owners_paragraphs():
    speech = DOCUMENTS["tanxin"]
    paragraphs = cite.paragraphs_of(speech)
    assert [a for o, a, _ in cite.paragraph_places(speech) if o == "opening"] == ["opening-p1", "opening-p2"]
    assert len(paragraphs["2-2"]) == 1 and cite.paragraph_text(speech, "2-2", 1) == "其次，务必敢于当面。"
    # A point inside a source line joins its directive's text without a line break, as the source has it.
    assert cite.passage_text(speech, "3-1").startswith("一是底线要守牢。我们要时刻保持清醒的头脑")
    assert "\n" not in cite.passage_text(speech, "3-1")
    for doc in DOCUMENTS.values():
        numbered = [a for _, a, _ in cite.paragraph_places(doc)]
        assert len(numbered) == len(set(numbered))
        assert all(cite.split_paragraph_id(a) for a in numbered)


def test_a_document_type_that_is_not_a_code_of_the_standard_is_refused(tmp_path: Path):
    (tmp_path / "x.txt").write_text("讲话\n\n同志们：\n今天讲两点。\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text("doc_type: speech\n", encoding="utf-8")
    with pytest.raises(SourceError, match="doc_type 'speech' is not a GB/T 7714 document type code"):
        cite.reference_of(load_document(tmp_path / "x.txt"))


@pytest.mark.slow
def test_every_paragraph_anchor_is_on_its_page_with_its_words(real_build: Build):
    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    entries = [e for e in catalog if e["kind"] == "paragraph"]
    assert len(entries) == sum(1 for doc in DOCUMENTS.values() for _ in cite.paragraph_places(doc))
    pages: dict[str, BeautifulSoup] = {}
    for entry in entries:
        page, _, anchor = entry["url"].partition("#")
        if page not in pages:
            pages[page] = BeautifulSoup(real_build.html(page), "html.parser")
        p = pages[page].find(id=anchor)
        assert p is not None and p.name == "p", entry
        slug, place = entry["id"].split("/", 1)
        owner, n = cite.split_paragraph_id(place)
        assert p.get_text().strip(" \t\u3000") == cite.paragraph_text(DOCUMENTS[slug], owner, n)
        assert paragraph_citation(pages[page], p) == cite.citation(DOCUMENTS[slug], place)


def paragraph_citation(page: BeautifulSoup, p) -> str:
    """A paragraph's citation as docs/assets/cite.js makes it: the page's template, its block's locator."""
    template = page.select_one("div.cite-template[hidden]")
    block = p.find_parent(attrs={"data-owner": True})
    assert not block.has_attr("data-cite")  # the citation is the page's, once (issue: page weight)
    n = cite.split_paragraph_id(p["id"])[1]
    return cite.fill_template(
        template["data-cite"],
        where=block["data-where"] + template["data-paragraph"].replace("{n}", str(n)),
        place=p["id"],
        url=block.get("data-url", "").replace("{n}", str(n)),
    )


def test_a_citation_template_keeps_the_braces_of_the_text_and_fills_each_field_once(tmp_path: Path):
    """A title with ``{where}`` or ``{n}`` in it is cited as it stands (cite.js fills the template the same way)."""
    (tmp_path / "x.txt").write_text("讲话\n\n同志们：\n今天讲两点。\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text('published_title: "论{where}与{{n}}"\n', encoding="utf-8")
    doc = load_document(tmp_path / "x.txt")
    template = cite.citation_template(doc)
    assert template == "论{{where}与{{{{n}}[Z]. {where}. 本站编号：x {place}."
    filled = cite.fill_template(template, where="正文第1段", place="opening-p1", url="")
    assert filled == cite.citation(doc, "opening-p1") == "论{where}与{{n}}[Z]. 正文第1段. 本站编号：x opening-p1."
    online = cite.citation_template(doc, online=True, accessed="2026-01-02")
    assert online == "论{{where}与{{{{n}}[EB/OL]. {where}[2026-01-02]. {url}."


@pytest.mark.slow
def test_with_site_url_citations_carry_the_published_address_and_an_access_date():
    from studysite.site import build_site

    site = build_site(source_files(ROOT), site_url=SITE_URL)
    page = BeautifulSoup(site.pages["tanxin/2-2.md"], "html.parser")
    box = page.select_one('.cite[data-node="2-2-2"]')
    assert not box.has_attr("data-cite")  # the page's template makes the text (cite.js writes it there)
    text = line_citation(page, box)
    assert text.startswith(f"{SPEECH_TITLE}[EB/OL]. 第二部分第二条第二点[")
    assert text.endswith(f"]. {SITE_URL}tanxin/2-2.html#2-2-2.") and "本站编号" not in text
    assert box["data-url"] == f"{SITE_URL}tanxin/2-2.html#2-2-2"
    block = page.find(attrs={"data-owner": "2-2-2"})
    assert block["data-url"] == f"{SITE_URL}tanxin/2-2.html#2-2-2-p{{n}}"
    assert paragraph_citation(page, block.p).endswith(f"]. {SITE_URL}tanxin/2-2.html#2-2-2-p1.")
    assert paragraph_citation(page, block.p) == cite.citation(
        DOCUMENTS["tanxin"], "2-2-2-p1", url=f"{SITE_URL}tanxin/2-2.html#2-2-2-p1", accessed=cite.access_date()
    )
    handout = BeautifulSoup(site.pages["handout.md"], "html.parser")
    assert handout.select_one("#handout-app")["data-site-url"] == SITE_URL
