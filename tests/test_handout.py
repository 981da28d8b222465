"""The trainer's handout (讲义) in headless Chromium, from disk (file://) and over http.

The issue's lesson plan: the 好好先生 passage of 2-2 (point 2-2-2), the 三个区分开来 sentence of
2-3 (selected by hand) and the 底线 directive 3-1 of the speech, collected, handed out as print
(PDF), .docx and a share link, with the clicks counted (README, 引用与讲义).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from conftest import ROOT, Build
from studysite import cite
from studysite.site import load_document

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SPEECH = load_document(ROOT / "sources" / "tanxin.txt")
SENTENCE = (
    "在此也请大家放心，对于真干事、干实事的人，市局党委将严格落实“三个区分开来”，用好容错免责机制，完善干部担当作为的激励机制，"
    "全力营造“干部为事业担当、组织为干部担当”的良好氛围，决不让老实人吃亏，决不让担当者担心，也决不让偷奸耍滑者得利。"
)
#: What the handout must hold: (passage, citation), in order.
EXPECTED = [
    (cite.passage_text(SPEECH, "2-2-2"), cite.citation(SPEECH, "2-2-2")),
    (SENTENCE, cite.citation(SPEECH, "2-3-3-p1")),
    (cite.passage_text(SPEECH, "3-1"), cite.citation(SPEECH, "3-1")),
]
#: The clicks the README states for this lesson plan (besides one text selection, and no paste).
CLICKS = 7
#: Where screenshots go when a person wants to look at them (HANDOUT_SHOTS=/some/dir).
SHOTS = os.environ.get("HANDOUT_SHOTS")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def http_site(real_build: Build) -> Iterator[str]:
    """The built site served on 127.0.0.1 by Python's http.server, on a free port."""
    handler = functools.partial(_Quiet, directory=str(real_build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _context(chromium, allowed: str, blocked: list[str], **options):
    viewport = {"width": 1280, "height": 900}
    context = chromium.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True, **options)

    def route(route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


SELECT_WORDS = """([id, words]) => {
  const p = document.getElementById(id);
  const at = p.textContent.indexOf(words);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let pos = 0, node, start, startOffset, end, endOffset;
  while ((node = walker.nextNode())) {
    const length = node.data.length;
    if (start === undefined && at < pos + length) { start = node; startOffset = at - pos; }
    if (at + words.length <= pos + length) { end = node; endOffset = at + words.length - pos; break; }
    pos += length;
  }
  const range = document.createRange();
  range.setStart(start, startOffset);
  range.setEnd(end, endOffset);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def build_the_handout(page, base: str) -> int:
    """The lesson plan as a trainer makes it; returns the number of clicks."""
    clicks = 0

    def click(selector: str) -> None:
        nonlocal clicks
        page.click(selector)
        clicks += 1

    page.goto(base + "tanxin/2-2.html")
    click(".cite[data-node='2-2-2'] .cite-handout")  # 1: the 好好先生 point
    click(".pager a:has-text('2-3')")  # 2: on to 2-3
    page.wait_for_url("**/2-3.html")
    page.evaluate(SELECT_WORDS, ["2-3-3-p1", SENTENCE])  # the sentence, selected (a drag: not a click)
    page.wait_for_selector(".cite-selection:not([hidden])")
    click(".cite-selection-handout")  # 3
    click(".pager a:has-text('3-1')")  # 4: on to 3-1
    page.wait_for_url("**/3-1.html")
    click(".cite[data-node='3-1'] .cite-handout")  # 5: the 底线 directive
    click("nav.md-nav a:has-text('讲义')")  # 6: open the handout
    page.wait_for_url("**/handout.html")
    return clicks  # the 7th: 打印 or 下载 Word 文档, below


def squeeze(text: str) -> str:
    """Text without the spaces and line breaks that a PDF's layout adds."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_three_passages_make_a_handout_that_prints_and_opens_in_word(
    real_build: Build, chromium, http_site, scheme, tmp_path
):
    base = real_build.site.as_uri() + "/" if scheme == "file" else http_site
    blocked: list[str] = []
    context = _context(chromium, "file:" if scheme == "file" else http_site, blocked)
    page = context.new_page()
    clicks = build_the_handout(page, base)

    items = page.locator("li.handout-passage, li.handout-item")
    assert items.count() == 3
    for index, (passage, citation) in enumerate(EXPECTED):
        item = items.nth(index)
        assert "\n".join(item.locator(".handout-passage p").all_text_contents()) == passage.replace("\n", "\n")
        assert item.locator(".handout-cite").text_content() == "出处：" + citation

    with page.expect_download() as download:
        page.click(".handout-docx")
    clicks += 1
    assert clicks == CLICKS
    path = tmp_path / "handout.docx"
    download.value.save_as(path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    for passage, citation in EXPECTED:
        lines = passage.split("\n")
        at = paragraphs.index(lines[0])
        assert paragraphs[at : at + len(lines)] == lines  # verbatim, paragraph by paragraph
        assert paragraphs[at + len(lines)] == "出处：" + citation

    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    for passage, citation in EXPECTED:
        assert squeeze(passage) in squeeze(printed)
        assert squeeze("出处：" + citation) in squeeze(printed)
    assert "第1页/共1页" in squeeze(printed) or "第1页/共2页" in squeeze(printed)  # page numbers
    assert "学习文库" not in printed and "上一页" not in printed  # no site furniture
    if SHOTS:
        shots = Path(SHOTS)
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"handout-{scheme}.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(shots / f"handout-{scheme}-390.png"), full_page=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(shots / f"print-{scheme}")], check=True)
    context.close()
    assert blocked == []  # no request left the machine


def test_share_link_opens_the_same_handout_for_someone_else(real_build: Build, chromium, http_site):
    blocked: list[str] = []
    context = _context(chromium, http_site, blocked)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    build_the_handout(page, http_site)
    page.fill(".handout-title-input", "第三期学习讲义")
    page.click(".handout-add-question")
    page.locator(".handout-question .handout-text").type("怎样理解“三个区分开来”？")
    page.click(".handout-share")
    page.wait_for_function("document.querySelector('.handout-share').hasAttribute('data-link')")
    link = page.locator(".handout-share").get_attribute("data-link")
    assert link.startswith(http_site + "handout.html#h=")
    context.close()

    other = _context(chromium, http_site, blocked)  # someone else: an empty localStorage
    page = other.new_page()
    page.goto(link)
    page.wait_for_selector(".handout-items")
    assert page.locator(".handout-title").text_content() == "第三期学习讲义"
    passages = page.locator("li.handout-passage")
    assert passages.count() == 3
    for index, (passage, citation) in enumerate(EXPECTED):
        assert "\n".join(passages.nth(index).locator(".handout-passage p").all_text_contents()) == passage
        assert passages.nth(index).locator(".handout-cite").text_content() == "出处：" + citation
    assert page.locator(".handout-question .handout-text").text_content() == "怎样理解“三个区分开来”？"
    other.close()
    assert blocked == []


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_quote_the_selection_and_open_on_the_selected_words(real_build: Build, chromium, http_site, scheme):
    base = real_build.site.as_uri() + "/" if scheme == "file" else http_site
    blocked: list[str] = []
    context = _context(chromium, "file:" if scheme == "file" else http_site, blocked)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "tanxin/2-3.html")
    words = "严格落实“三个区分开来”，用好容错免责机制"
    page.evaluate(SELECT_WORDS, ["2-3-3-p1", words])
    page.wait_for_selector(".cite-selection:not([hidden])")
    page.click(".cite-selection-copy")
    page.wait_for_function("document.querySelector('.cite-selection-copy').hasAttribute('data-copied')")
    copied = page.locator(".cite-selection-copy").get_attribute("data-copied")
    citation = cite.citation(SPEECH, "2-3-3-p1")
    assert "file:" not in copied
    if scheme == "file":
        assert copied == f"{words}\n出处：{citation}"  # no address to give from disk: the portable reference
        context.close()
        assert blocked == []
        return
    link = copied.split("\n链接：")[1]
    assert copied == f"{words}\n出处：{citation}\n链接：{link}"
    assert link.startswith(http_site + "tanxin/2-3.html#2-3-3-p1:~:text=")
    reader = context.new_page()
    reader.set_viewport_size({"width": 1280, "height": 500})
    reader.goto(link)
    # The browser scrolls to the words (Chromium's text fragments); the paragraph anchor is the fallback.
    reader.wait_for_function("window.scrollY > 0")
    top = reader.evaluate(
        """(words) => { const p = document.getElementById('2-3-3-p1'); const at = p.textContent.indexOf(words);
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let pos = 0, node;
        while ((node = walker.nextNode())) { if (at < pos + node.data.length) break; pos += node.data.length; }
        const range = document.createRange(); range.setStart(node, at - pos); range.setEnd(node, at - pos + 1);
        return range.getBoundingClientRect().top; }""",
        words,
    )
    assert 0 <= top <= 500
    context.close()
    assert blocked == []


def test_copy_gives_the_passage_with_its_citation_verbatim(real_build: Build, chromium):
    blocked: list[str] = []
    context = _context(chromium, "file:", blocked)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((real_build.site / "tanxin" / "2-2.html").as_uri())
    # cite.js gives every cite line its buttons (the HTML has none): after the link, before 展开 (readers.js).
    controls = page.evaluate(
        """() => [...document.querySelectorAll('div.cite')].map(box =>
        [...box.querySelectorAll('a, button')].map(e => e.className + ':' + e.textContent + ':' + e.title))"""
    )
    assert len(controls) == 4 and all(c[1:] == controls[0][1:] for c in controls)
    assert [c.split(":")[:2] for c in controls[0]] == [
        ["cite-link", "链接"],
        ["cite-copy-passage", "复制原文+引文"],
        ["cite-copy", "复制引文"],
        ["cite-handout", "加入讲义"],
        ["cite-note", "笔记"],
        ["cite-toggle", "展开"],
    ]
    assert controls[0][4].endswith(":给这一处写学习笔记（保存在本机浏览器中）")
    page.focus(".cite[data-node='2-2'] .cite-copy-passage")
    for following in ("cite-copy", "cite-handout", "cite-note", "cite-toggle"):  # the keyboard reaches each in turn
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className").split()[0] == following
    button = ".cite[data-node='2-2'] .cite-copy-passage"
    page.click(button)
    page.wait_for_function(f"document.querySelector({button!r}).hasAttribute('data-copied')")
    copied = page.locator(".cite[data-node='2-2'] .cite-copy-passage").get_attribute("data-copied")
    # The directive's words and its points', nothing else: no point labels (2-2-1 …), no cite lines.
    assert copied == cite.passage_text(SPEECH, "2-2") + "\n出处：" + cite.citation(SPEECH, "2-2")
    assert "2-2-1" not in copied.split("\n出处：")[0] and "引用" not in copied
    page.click(".cite[data-node='2-2-1'] .cite-note")
    page.fill(".cite-note-box textarea", "联系本单位实际讨论")
    page.click(".cite-note-save")
    assert page.locator(".cite-note-saved").text_content() == "我的笔记：联系本单位实际讨论"
    page.goto((real_build.site / "notes.html").as_uri())
    assert page.locator(".handout-note-text").text_content() == "联系本单位实际讨论"
    assert page.locator(".handout-note-entry .handout-cite").text_content() == "出处：" + cite.citation(SPEECH, "2-2-1")
    context.close()
    assert blocked == []
