"""What a reader sees, on a desktop, on a 390 px phone and on paper (headless Chromium, from disk).

One browser for the whole module (the session ``chromium`` fixture); each test opens
only the pages it needs.  Screenshots and printed pages go to tests/artifacts/ for a
person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, Build
from studysite.markup import REDACTION_TITLE

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: One page of every kind the site has.
PAGE_KINDS = {
    "home": "index.html",
    "document": "tanxin/index.html",
    "opening": "tanxin/opening.html",
    "part": "tanxin/2.html",
    "directive": "tanxin/2-1.html",
    "section": "gd-zfgzbg-2026/3-4.html",
    "fulltext": "tanxin/full.html",
    "map": "tanxin/map.html",
    "quotes": "tanxin/quotes.html",
    "selftest": "tanxin/selftest.html",
    "links": "tanxin/links.html",
    "glossary": "terms/index.html",
    "term": "terms/zhengzhi-panduanli.html",
}

#: WCAG contrast of an element's text (its alpha blended) against the first opaque background behind it.
CONTRAST_JS = """
el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const raw = rgb(getComputedStyle(el).color);
  const alpha = raw.length >= 4 ? raw[3] : 1;  // a translucent grey is seen over its background
  const fg = [0, 1, 2].map(i => alpha * raw[i] + (1 - alpha) * bg[i]);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def url_of(build: Build, url: str) -> str:
    return (build.site / url).as_uri()


@pytest.fixture
def context_factory(chromium):
    made = []

    def make(width: int = 1280, scheme: str = "light", touch: bool = False):
        context = chromium.new_context(
            viewport={"width": width, "height": 900},
            locale="zh-CN",
            color_scheme=scheme,
            has_touch=touch,
            is_mobile=touch,
        )
        blocked: list[str] = []

        def route(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        made.append(context)
        page = context.new_page()
        page.blocked = blocked
        return page

    yield make
    for context in made:
        context.close()


def open_page(page, build: Build, url: str) -> None:
    page.goto(url_of(build, url))
    page.wait_for_load_state("load")


# ---- Titles -------------------------------------------------------------------------------


def test_tabs_name_the_document_and_term_pages_the_term(real_build: Build, context_factory):
    page = context_factory()
    expected = {
        "tanxin/2-1.html": "2-1 务必强在前面 · 谈心谈话讲话 - 学习文库",
        "tanxin/index.html": "在公安机关领导干部集体谈心谈话会上的讲话 - 学习文库",
        "zfgzbg-2024/3-2.html": re.compile(r"^3-2 .+ · 2024年政府工作报告 - 学习文库$"),
        "zfgzbg-2020/full.html": "全文 · 2020年政府工作报告 - 学习文库",
        "terms/zhengzhi-panduanli.html": "政治判断力 · 术语表 - 学习文库",
        "terms/shisiwu.html": "十四五 · 术语表 - 学习文库",
    }
    for url, title in expected.items():
        open_page(page, real_build, url)
        if isinstance(title, str):
            assert page.title() == title
        else:
            assert title.match(page.title()), page.title()
    # The sidebar keeps its short labels.
    open_page(page, real_build, "tanxin/2-1.html")
    assert page.locator(".md-nav__link--active").first.inner_text().strip() == "2-1 务必强在前面"


# ---- Definitions ------------------------------------------------------------------------------


def test_hover_definition_is_readable(real_build: Build, context_factory):
    page = context_factory()
    open_page(page, real_build, "tanxin/1-1.html")
    term = page.locator('.verbatim a.term[href$="liangge-weihu.html"]').first
    term.hover()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(state="visible")
    assert "坚决维护" in tip.inner_text()
    size = float(tip.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    assert size >= 14


def test_every_link_of_a_term_shows_its_definition_though_the_page_writes_it_once(real_build: Build, context_factory):
    """markup.titles_once writes a term's title on its first link only; readers.js gives it to the
    others before Material mounts its tooltips, so hovering the eighth link shows the same definition."""
    html = real_build.html("gd-zfgzbg-2026/full.html")
    written = re.findall(r'<a class="term" href="\.\./terms/shiwuwu\.html"( title="[^"]*")?>', html)
    assert len(written) == 8 and written[0] and not any(written[1:])
    assert html.count('<span class="redacted" title=') <= 1
    page = context_factory()
    open_page(page, real_build, "gd-zfgzbg-2026/full.html")
    links = page.locator('.fulltext a.term[href$="terms/shiwuwu.html"]')
    first = links.first.get_attribute("title") or links.first.get_attribute("data-def")
    assert first.startswith("十五五：")
    assert links.evaluate_all("els => els.map(el => el.getAttribute('data-def'))") == [first] * 8
    last = links.nth(7)
    last.scroll_into_view_if_needed()
    last.hover()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(state="visible")
    assert tip.inner_text() == first
    # Redaction marks: each one says what it is, as before (tanxin 2-1 has three).
    open_page(page, real_build, "tanxin/2-1.html")
    marks = page.locator(".verbatim span.redacted")
    assert marks.count() == 3
    assert marks.evaluate_all("els => els.map(el => el.getAttribute('title'))") == [REDACTION_TITLE] * 3


def test_the_shared_terms_of_related_reading_link_to_their_term_pages(real_build: Build, context_factory):
    """The generator writes them without an address (they are linked in 本条术语 just above); readers.js
    gives each the address of the link of the same text, so they open the term page as before."""
    page = context_factory()
    open_page(page, real_build, "tanxin/1-2.html")
    items = page.locator("#related ~ ul li")
    assert items.count() > 0
    shared = page.locator("#related ~ ul li > a:not(:first-child)")
    hrefs = shared.evaluate_all("els => els.map(el => [el.textContent, el.getAttribute('href')])")
    above = dict(
        page.locator("#related + p a").evaluate_all("els => els.map(el => [el.textContent, el.getAttribute('href')])")
    )
    assert hrefs and all(href == above[text] and href.startswith("../terms/") for text, href in hrefs)
    shared.first.click()
    page.wait_for_url("**/terms/*.html")


def test_a_tap_shows_the_definition_in_place(real_build: Build, context_factory):
    page = context_factory(width=390, touch=True)
    open_page(page, real_build, "tanxin/1-1.html")
    before = page.url
    term = page.locator('.verbatim a.term[href$="liangge-weihu.html"]').first
    term.tap()
    popover = page.locator(".term-pop")
    popover.wait_for(state="visible")
    assert page.url == before  # the reader stays in the text
    assert popover.get_attribute("role") == "dialog"
    assert popover.locator(".term-pop__term").inner_text() == "两个维护"
    assert "坚决维护党中央权威和集中统一领导" in popover.locator(".term-pop__def").inner_text()
    size = float(popover.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    assert size >= 14
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # The link in the popover leads to the term page; Escape closes and gives focus back.
    assert popover.locator("a.term-pop__more").get_attribute("href").endswith("terms/liangge-weihu.html")
    page.keyboard.press("Escape")
    assert page.locator(".term-pop").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "两个维护"
    # Tap again, then follow the popover's link.
    term.tap()
    page.locator(".term-pop a.term-pop__more").tap()
    page.wait_for_url("**/terms/liangge-weihu.html")
    assert page.locator("article h1").inner_text() == "两个维护"
    assert page.blocked == []


def test_a_mouse_click_and_the_keyboard_still_follow_the_link(real_build: Build, context_factory):
    page = context_factory()
    open_page(page, real_build, "tanxin/1-1.html")
    term = page.locator('.verbatim a.term[href$="liangge-weihu.html"]').first
    term.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/terms/liangge-weihu.html")


# ---- Contrast ----------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_passes_axe_in_both_palettes(real_build: Build, context_factory, scheme: str):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    page = context_factory(scheme=scheme)
    found = {}
    for kind, url in PAGE_KINDS.items():
        open_page(page, real_build, url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        )
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[kind] = serious
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_button_heading_and_text_contrast(real_build: Build, context_factory, scheme: str):
    page = context_factory(scheme=scheme)
    open_page(page, real_build, "tanxin/2-1.html")
    button = page.locator("div.cite .cite-copy").first
    assert button.evaluate(CONTRAST_JS) >= 4.5  # the dark palette's was 1.79:1
    h1 = page.locator("article h1")
    body = page.locator("article .verbatim p").first
    # The title is no paler than the text under it.
    assert h1.evaluate("el => getComputedStyle(el).color") == body.evaluate("el => getComputedStyle(el).color")
    assert h1.evaluate(CONTRAST_JS) >= 7


# ---- Phone -------------------------------------------------------------------------------------


def test_ids_never_break_and_the_link_table_reads_on_a_phone(real_build: Build, context_factory):
    page = context_factory(width=390, touch=True)
    for url in ("tanxin/2-2.html", "gd-zfgzbg-2026/3-11.html", "zfgzbg-2022/3-8.html"):
        open_page(page, real_build, url)
        ids = page.locator(".pager .nid, article h1 .nid")
        assert ids.count() >= 2
        for i in range(ids.count()):
            assert ids.nth(i).evaluate("el => el.getClientRects().length") == 1, ids.nth(i).inner_text()
    open_page(page, real_build, "tanxin/links.html")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    title_cell = page.locator("table.link-table tbody tr").nth(1).locator("td").nth(2)
    assert "要不断修养政治品德" in title_cell.inner_text()
    assert title_cell.bounding_box()["width"] > 250  # not squeezed to one character a line
    first_id = page.locator("table.link-table tbody tr").nth(1).locator("td").first
    assert first_id.evaluate("el => el.getClientRects().length") == 1


def test_citation_lines_take_one_line_until_opened(real_build: Build, context_factory):
    page = context_factory(width=390, touch=True)
    open_page(page, real_build, "tanxin/2-2.html")
    cite = page.locator("div.cite").first
    line = float(cite.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    closed = cite.bounding_box()["height"]
    assert closed < 2.4 * line  # one line and its padding (was five lines on a phone)
    assert not cite.locator(".cite-link").is_visible()
    cite.locator(".cite-toggle").tap()
    assert cite.locator(".cite-link").is_visible()
    assert cite.locator(".cite-toggle").get_attribute("aria-expanded") == "true"
    assert cite.bounding_box()["height"] > closed
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_long_pages_without_headings_get_contents(real_build: Build, context_factory):
    page = context_factory(width=390, touch=True)
    open_page(page, real_build, "gd-zfgzbg-2026/3-4.html")
    contents = page.locator("details.page-contents")
    assert contents.locator("summary").inner_text().startswith("本页内容：9 段")
    contents.locator("summary").tap()
    entry = contents.locator("a", has_text="大力发展网络消费。")
    entry.tap()
    target = page.locator('[id="3-4-p5"]')
    assert target.inner_text().startswith("大力发展网络消费。")
    assert 0 <= target.bounding_box()["y"] < 300
    # A page with points has Material's own table of contents and gets none.
    open_page(page, real_build, "tanxin/2-1.html")
    assert page.locator("details.page-contents").count() == 0


# ---- Print ---------------------------------------------------------------------------------------


def pdf_pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_printed_pages_carry_document_and_place_and_nothing_else(real_build: Build, context_factory):
    page = context_factory()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for url, place, citation in (
        # The citation is the cite line's (studysite.cite, GB/T 7714), compared without blanks.
        ("tanxin/2-1.html", "2-1 务必强在前面", "引自：在公安机关领导干部集体谈心谈话会上的讲话[Z].第二部分第一条."),
        ("gd-zfgzbg-2026/3-4.html", "3-4 ", "引自：孟凡利.政府工作报告：2026年1月26日在广东省"),
        ("tanxin/full.html", "全文", "引自：在公安机关领导干部集体谈心谈话会上的讲话[Z].本站编号：tanxin."),
    ):
        open_page(page, real_build, url)
        page.emulate_media(media="print")
        for term in page.locator(".verbatim a.term, .fulltext a.term").all()[:5]:
            style = term.evaluate(
                "el => [getComputedStyle(el).textDecorationLine, getComputedStyle(el).borderBottomStyle]"
            )
            assert style == ["none", "none"]
        pdf = ARTIFACTS / f"print-{url.replace('/', '-').removesuffix('.html')}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        page.emulate_media(media="screen")
        sheets = pdf_pages(pdf)
        title = "2026年广东省政府工作报告" if url.startswith("gd") else "在公安机关领导干部集体谈心谈话会上的讲话"
        for number, sheet in enumerate(sheets, start=1):
            head = sheet.strip().splitlines()[0]
            assert title in head and place in head, (url, number, head)  # on every sheet
            assert f"{number}/{len(sheets)}" in sheet.replace(" ", "")
        text = "\n".join(sheets)
        for furniture in (".html", "复制", "展开", "上一条", "下一条", "术语与相关阅读", "讨论题", "本页内容", "引用 "):
            assert furniture not in text, (url, furniture)
        assert text.count("引自：") == 1
        assert citation in re.sub(r"\s+", "", text)
        last = [line for line in sheets[-1].strip().splitlines() if line.strip()]
        assert any("引自：" in line for line in last[-4:])  # the one citation closes the text
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))], check=True
            )


# ---- Screenshots to look at ------------------------------------------------------------------------


def test_screenshots_desktop_and_phone_light_and_dark(real_build: Build, context_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, device in ((1280, "desktop"), (390, "phone")):
        for scheme in ("light", "dark"):
            page = context_factory(width=width, scheme=scheme, touch=width < 500)
            for kind in ("directive", "section", "links", "term"):
                open_page(page, real_build, PAGE_KINDS[kind])
                shot = ARTIFACTS / f"readers-{device}-{scheme}-{kind}.png"
                page.screenshot(path=str(shot))
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (device, kind)
            if width < 500:
                open_page(page, real_build, "tanxin/1-1.html")
                page.locator(".verbatim a.term").first.tap()
                page.locator(".term-pop").wait_for(state="visible")
                page.screenshot(path=str(ARTIFACTS / f"readers-{device}-{scheme}-popover.png"))
