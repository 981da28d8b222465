"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

Every request that does not go to a ``file:`` URL is aborted and recorded, so a
test can assert that the site, opened from disk, asks no host for anything.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: What Material's result meta line says before results arrive.
WAITING = ("正在初始化搜索引擎", "键入以开始搜索")


@dataclass
class Network:
    """Requests seen by one browser context."""

    blocked: list[str] = field(default_factory=list)
    """Every request to a URL that is not ``file:``, aborted."""


def _require_chromium() -> None:
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(message)  # in CI a missing browser is a failure, never a skip
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(chromium) -> Iterator[tuple[object, Network]]:
    """A fresh page whose non-file requests are blocked and counted."""
    network = Network()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def route(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            network.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    yield page, network
    context.close()


def search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    # Clear first and wait for the prompt, so the results read below are this query's.
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "prompt => document.querySelector('.md-search-result__meta').textContent.trim() === prompt",
        arg=WAITING[1],
        timeout=15_000,
    )
    box.fill(query)
    # The result list names the query it shows once it is complete (docs/assets/search.js).
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query, timeout=15_000
    )
