"""The "cite this" copy button in headless Chromium, on pages opened from disk (file://)."""

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
    page.locator(selector).click()
    page.wait_for_function(f"document.querySelector({selector!r}).textContent !== '复制'")
    label = page.locator(selector).text_content()
    reader = context.new_page()
    reader.goto(page_file.as_uri())
    text = reader.evaluate("() => navigator.clipboard.readText()")
    context.close()
    return text, label


def test_copy_button_puts_the_citation_on_the_clipboard(real_build: Build, browser):
    page_file = real_build.site / "tanxin" / "2-1.html"
    text, label = clipboard_after_click(
        browser, page_file, ".cite[data-node='2-1-3'] .cite-copy", without_clipboard_api=False
    )
    assert label == "已复制"
    assert text == (
        f"《{TITLE}》第二部分“‘三面’务必要进一步做强”第一条“务必强在前面”第三点“表率作用要强”。"
        f"链接：{page_file.as_uri()}#2-1-3"
    )


def test_copy_falls_back_to_a_textarea_without_the_clipboard_api(real_build: Build, browser):
    page_file = real_build.site / "tanxin" / "links.html"
    text, label = clipboard_after_click(
        browser, page_file, "tr[data-node='3-1-4'] .cite-copy", without_clipboard_api=True
    )
    assert label == "已复制"
    target = (real_build.site / "tanxin" / "3-1.html").as_uri()
    assert text == (
        f"《{TITLE}》第三部分“‘三线’务必进一步干优”第一条“底线要守牢”第四点“确保法律底线不破”。"
        f"链接：{target}#3-1-4"
    )
