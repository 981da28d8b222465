"""The real site as MkDocs builds it: verbatim text, redactions, links, catalog."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, parsed
from studysite.kinds import Kind, has_page

GOLDEN_CATALOG = ROOT / "tests" / "golden" / "links.json"

#: Pages whose .verbatim blocks together hold the source text exactly once: every kind with a page.
VERBATIM_KINDS = ("document", "opening", *(str(kind) for kind in Kind if has_page(kind)))


def catalog(build: Build) -> list[dict]:
    return json.loads((build.site / "links.json").read_text(encoding="utf-8"))


def soup(build: Build, url: str) -> BeautifulSoup:
    return build.soup(url)


def verbatim_text(build: Build, slug: str) -> str:
    """The text of every .verbatim element over the document's pages, in catalog order."""
    pages = []
    for entry in catalog(build):
        page = entry["url"].partition("#")[0]
        if entry["kind"] in VERBATIM_KINDS and entry["url"].startswith(slug + "/") and page not in pages:
            pages.append(page)
    return "".join(el.get_text() for page in pages for el in soup(build, page).select(".verbatim"))


def test_strict_build_is_clean(real_build: Build):
    assert "WARNING" not in real_build.output
    assert "ERROR" not in real_build.output


def test_every_character_of_the_speech_once_in_order(real_build: Build, speech_text: str):
    assert verbatim_text(real_build, "tanxin").replace("\n", "") == speech_text.replace("\n", "")


def test_redaction_marks_are_visible_and_never_bold(real_build: Build, speech_text: str):
    marks_in_source = re.findall(r"\*{2,}", speech_text)
    assert len(marks_in_source) == 8
    shown = []
    for page in sorted(real_build.site.rglob("*.html")):
        html = parsed(page)
        for verbatim in html.select(".verbatim"):
            assert verbatim.find(["strong", "em", "b", "i"]) is None, page
        if page.parent.name == "tanxin" and page.name != "full.html":
            shown += [span.get_text() for span in html.select(".verbatim .redacted")]
        # The note is written on the page's first mark; readers.js gives it to the others (tests/test_readers.py).
        marks = html.select("article .redacted")
        if marks:
            assert "隐去" in marks[0]["title"] and not any(span.has_attr("title") for span in marks[1:]), page
    assert shown == marks_in_source


def test_directive_page_shows_points_with_anchors_and_neighbours(real_build: Build):
    page = soup(real_build, "tanxin/2-1.html")
    assert page.select_one("h1").get_text(strip=True) == "2-1 务必强在前面"
    assert [(h["id"], h.get_text(strip=True)) for h in page.select("article h2")] == [
        ("2-1-1", "2-1-1 综合素质要强"),
        ("2-1-2", "2-1-2 业务能力要强"),
        ("2-1-3", "2-1-3 表率作用要强"),
        ("questions", "讨论题"),
        ("related", "术语与相关阅读"),
    ]
    pager = page.select_one(".pager")
    assert [a["href"] for a in pager.select("a")] == ["1-3.html", "2-2.html"]
    crumbs = page.select_one(".crumbs")
    assert [a["href"] for a in crumbs.select("a")] == ["index.html", "2.html"]


def test_full_text_page_links_every_directive(real_build: Build, speech_text: str):
    page = soup(real_build, "tanxin/full.html")
    links = {a["href"] for a in page.select("article h3 a")}
    assert links == {f"{p}-{d}.html" for p in (1, 2, 3) for d in (1, 2, 3)}
    assert page.select(".verbatim") == []
    text = "".join(el.get_text() for el in page.select(".fulltext")).replace("\n", "")
    assert text == speech_text.replace("\n", "")


def test_catalog_matches_golden_file(real_build: Build, update_golden: bool):
    produced = (real_build.site / "links.json").read_text(encoding="utf-8")
    golden = json.loads(GOLDEN_CATALOG.read_text(encoding="utf-8"))
    if json.loads(produced) == golden:
        return
    if update_golden:
        # Compared first, so an update run can still fail: it rewrites, then says so.
        GOLDEN_CATALOG.write_text(produced, encoding="utf-8")
        pytest.fail(
            "golden file rewritten, review the diff: git diff tests/golden/links.json "
            "(then run the tests again without --update-golden)"
        )
    pytest.fail(
        "links.json changed: URLs are promises to trainers. If the change is on purpose, "
        "run `make test PYTEST_ARGS=--update-golden` and review the diff of tests/golden/links.json.\n"
        + golden_diff(golden, json.loads(produced))
    )


def golden_diff(golden: list[dict], produced: list[dict]) -> str:
    """The catalog entries that went, came or changed, by id (at most 20 of each)."""
    old, new = {e["id"]: e for e in golden}, {e["id"]: e for e in produced}
    lines = [f"- {old[i]}" for i in old if i not in new][:20]
    lines += [f"+ {new[i]}" for i in new if i not in old][:20]
    lines += [f"~ {old[i]} -> {new[i]}" for i in old if i in new and old[i] != new[i]][:20]
    if not lines:
        lines.append("same entries, in another order")
    return "\n".join(lines)


def test_every_catalog_url_resolves(real_build: Build):
    entries = catalog(real_build)
    assert len({e["id"] for e in entries}) == len(entries)
    for entry in entries:
        assert re.fullmatch(r"[a-z0-9/._#-]+", entry["url"]), entry
        page, _, anchor = entry["url"].partition("#")
        html = soup(real_build, page)
        if anchor:
            assert html.find(id=anchor) is not None, entry
        if entry["parent"]:
            assert entry["parent"] in {e["id"] for e in entries}


def test_every_internal_link_and_anchor_resolves(real_build: Build):
    for page in real_build.site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served by a web server from any depth, so MkDocs makes its links root-absolute
        html = parsed(page)
        for a in html.select("a[href]"):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("#__"):
                continue
            target, _, anchor = href.partition("#")
            target_path = (page.parent / target).resolve() if target else page
            assert target_path.is_file(), (page, href)
            if anchor and target_path.suffix == ".html":
                assert parsed(target_path).find(id=anchor) is not None, (page, href)


def test_headings_have_ascii_ids(real_build: Build):
    for page in real_build.site.glob("tanxin/*.html"):
        html = parsed(page)
        for heading in html.select("article h1, article h2, article h3"):
            assert re.fullmatch(r"[a-z0-9-]+", heading.get("id", "")), (page.name, heading)
            assert not re.fullmatch(r"_\d+", heading["id"])


def _sidebar_top(soup) -> list[str]:
    """The labels of the first level of a page's sidebar (Material's primary nav)."""
    nav = soup.select_one("nav.md-nav--primary > ul")
    return [
        " ".join(item.select_one("a, label").get_text(" ", strip=True).split())
        for item in nav.find_all("li", recursive=False)
    ]


def test_a_document_page_sidebar_lists_its_own_document_only(real_build: Build):
    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    titles = [e["title"] for e in catalog if e["kind"] == "document"]
    for url in ("tanxin/2-1.html", "zfgzbg-2024/3-1.html", "tanxin/full.html", "zfgzbg-2022/map.html"):
        own = next(e["title"] for e in catalog if e["kind"] == "document" and url.startswith(e["url"][:-10]))
        assert _sidebar_top(real_build.soup(url)) == ["首页", own, "术语表", "讲义", "学习笔记"], url
        sidebar = real_build.soup(url).select_one("nav.md-nav--primary").get_text()
        assert [t for t in titles if t in sidebar] == [own], url
    # the home page and the pages of no document list the whole library
    for url in ("index.html", "terms/index.html", "handout.html"):
        assert _sidebar_top(real_build.soup(url)) == ["首页", *titles, "术语表", "讲义", "学习笔记"], url


def test_the_chrome_is_squeezed_and_the_article_is_not(real_build: Build):
    html = real_build.html("tanxin/2-1.html")
    article = html.index("<article"), html.index("</article>")
    outside = html[: article[0]] + html[article[1] :]
    assert "\n\n" not in outside and "\n " not in outside
    assert "Made with" not in html  # extra.generator: false
    # the article is Python-Markdown's output as it was: its line structure is kept
    assert "\n\n" in html[article[0] : article[1]]
