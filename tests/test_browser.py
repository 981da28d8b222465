"""The built site in headless Chromium, opened from disk with every non-file request blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import search
from conftest import ROOT, Build

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def open_page(page, build: Build, url: str) -> None:
    page.goto((build.site / url).as_uri())
    page.wait_for_load_state("load")


def test_home_opens_from_disk_with_no_request(real_build: Build, offline_page):
    page, network = offline_page
    open_page(page, real_build, "index.html")
    assert page.locator("article h1").inner_text() == "学习文库"
    assert page.locator("article a", has_text="在公安机关领导干部集体谈心谈话会上的讲话").count() == 1
    page.wait_for_timeout(300)
    assert network.blocked == []


def test_navigate_from_home_to_a_directive_and_back(real_build: Build, offline_page):
    page, network = offline_page
    open_page(page, real_build, "index.html")
    page.locator("article a", has_text="在公安机关领导干部集体谈心谈话会上的讲话").click()
    page.wait_for_url("**/tanxin/index.html")
    page.locator("article a", has_text="2-1 务必强在前面").click()
    page.wait_for_url("**/tanxin/2-1.html")
    assert page.locator("article h1").inner_text() == "2-1 务必强在前面"
    assert page.locator('[id="2-1-3"]').inner_text() == "2-1-3 表率作用要强"
    page.locator(".pager a", has_text="2-2").click()
    page.wait_for_url("**/tanxin/2-2.html")
    page.go_back()
    page.wait_for_url("**/tanxin/2-1.html")
    page.locator(".crumbs a").first.click()
    page.wait_for_url("**/tanxin/index.html")
    assert network.blocked == []


def test_point_anchor_scrolls_into_view(real_build: Build, offline_page):
    page, _ = offline_page
    page.goto((real_build.site / "tanxin/2-3.html").as_uri() + "#2-3-3")
    heading = page.locator('[id="2-3-3"]')
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 300


def test_printing_a_directive_shows_the_text_without_chrome(real_build: Build, offline_page):
    page, _ = offline_page
    open_page(page, real_build, "tanxin/1-2.html")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        locator = page.locator(chrome).first
        assert locator.count() == 0 or not locator.is_visible(), chrome
    assert page.locator(".verbatim").first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "directive-1-2.pdf"))
    assert (ARTIFACTS / "directive-1-2.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("width,name", [(1280, "desktop"), (390, "phone")])
def test_screenshots(real_build: Build, chromium, width: int, name: str):
    """Screenshots for a person to look at: tests/artifacts/*.png."""
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for url in ("index.html", "tanxin/index.html", "tanxin/2-1.html"):
        open_page(page, real_build, url)
        shot = ARTIFACTS / f"{name}-{url.replace('/', '-').removesuffix('.html')}.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 5_000
    # Nothing overflows sideways on a phone: the reader never scrolls horizontally.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


@pytest.mark.parametrize("url", ["index.html", "tanxin/2-1.html"])
def test_no_serious_accessibility_violation(real_build: Build, offline_page, url: str):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs npm ci)")
    page, _ = offline_page
    open_page(page, real_build, url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_offline_zip_unpacked_anywhere_opens_and_searches(real_build: Build, offline_page, tmp_path: Path):
    import zipfile

    from make_zip import make_zip

    archive = make_zip(real_build.site, tmp_path / "xuexi-wenku-offline.zip")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "somewhere else")
    index = tmp_path / "somewhere else" / "xuexi-wenku-offline" / "index.html"
    page, network = offline_page
    page.goto(index.as_uri())
    search(page, "如履薄冰")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    assert "3-1.html" in first.get_attribute("href")
    assert network.blocked == []
    # Same site, same bytes: the zip can be checksummed and compared.
    again = make_zip(real_build.site, tmp_path / "again" / "xuexi-wenku-offline.zip")
    assert again.read_bytes() == archive.read_bytes()


def test_a_term_link_opens_the_term_page_with_no_request(real_build: Build, offline_page):
    page, network = offline_page
    open_page(page, real_build, "tanxin/1-1.html")
    link = page.locator('.verbatim a.term[href="../terms/liangge-weihu.html"]').first
    assert "两个维护" in link.get_attribute("title")
    link.click()
    page.wait_for_url("**/terms/liangge-weihu.html")
    assert page.locator("article h1").inner_text() == "两个维护"
    # The term page lists where the term stands, grouped by document, and links back.
    page.locator("ol.occurrences a.occurrence", has_text="1-1").first.click()
    page.wait_for_url("**/tanxin/1-1.html*")
    assert network.blocked == []
