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
