"""The "cite this" copy buttons in headless Chromium, on pages opened from disk (file://).

A copied citation never holds a ``file:`` path: without ``site_url`` it ends with the portable
reference (README, 引用与讲义).  tests/test_handout.py covers passages, selections and the handout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Build

TITLE = "在公安机关领导干部集体谈心谈话会上的讲话"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's headless Chromium (tests/browser.py)."""
    return chromium


def clipboard_after_click(browser, page_file: Path, selector: str, *, without_clipboard_api: bool) -> tuple[str, str]:
    """Click a copy button; return (clipboard text, button label).

    ``without_clipboard_api`` removes ``navigator.clipboard`` from the page, as
    browsers do where file:// is not a secure context, so the textarea fallback
    has to do the copying.  The clipboard is then read from a second page.
    """
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    if without_clipboard_api:
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(page_file.as_uri())
    before = page.locator(selector).text_content()
    page.locator(selector).click()
    page.wait_for_function(f"document.querySelector({selector!r}).textContent !== {before!r}")
    label = page.locator(selector).text_content()
    reader = context.new_page()
    reader.goto(page_file.as_uri())
    text = reader.evaluate("() => navigator.clipboard.readText()")
    context.close()
    return text, label


def test_copy_button_puts_the_citation_on_the_clipboard(real_build: Build, browser):
    page_file = real_build.site / "tanxin" / "2-1.html"
    button = ".cite[data-node='2-1-3'] .cite-copy"
    text, label = clipboard_after_click(browser, page_file, button, without_clipboard_api=False)
    assert label == "已复制"
    assert text == f"{TITLE}[Z]. 第二部分第一条第三点. 本站编号：tanxin 2-1-3."


def test_copy_falls_back_to_a_textarea_without_the_clipboard_api(real_build: Build, browser):
    page_file = real_build.site / "tanxin" / "links.html"
    button = "tr[data-node='3-1-4'] .cite-copy"
    text, label = clipboard_after_click(browser, page_file, button, without_clipboard_api=True)
    assert label == "已复制"
    assert text == f"{TITLE}[Z]. 第三部分第一条第四点. 本站编号：tanxin 3-1-4."
    assert "file:" not in text


def test_cite_js_fills_a_citation_template_as_python_does(real_build: Build, browser):
    """The page carries one template; cite.js fills it in one pass, braces of the text kept (cite.fill_template)."""
    from studysite import cite

    templates = ["论{{where}与{{{{n}}[Z]. {where}. 本站编号：x {place}.", "甲[EB/OL]. {where}[2026-01-02]. {url}."]
    values = {"where": "第二部分{place}第1段", "place": "2-2-p1", "url": "https://example.org/a.html#2-2-p1"}
    page = browser.new_page()
    page.goto((real_build.site / "tanxin" / "2-1.html").as_uri())
    for template in templates:
        filled = page.evaluate("([t, v]) => window.StudyCite.fillTemplate(t, v)", [template, values])
        assert filled == cite.fill_template(template, **values)
    assert filled == "甲[EB/OL]. 第二部分{place}第1段[2026-01-02]. https://example.org/a.html#2-2-p1."
    # The page's own template, filled for its first paragraph, is that paragraph's citation.
    first = page.evaluate("() => window.StudyCite.paragraphCitation(document.getElementById('2-1-p1'))")
    assert first == f"{TITLE}[Z]. 第二部分第一条第1段. 本站编号：tanxin 2-1-p1."
    # A cite line's link shows the portable reference on hover, as when the page wrote it (cite.js adds it).
    assert "title=" not in real_build.html("tanxin/2-1.html").split('class="cite-link"')[1].split(">")[0]
    assert page.locator(".cite[data-node='2-1-3'] a.cite-link").get_attribute("title") == "tanxin 2-1-3"
    page.close()
