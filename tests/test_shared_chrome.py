"""The sidebar lists and the palette form, cut out of the pages and put back by scripts (studysite.shared_chrome).

The promise: a reader's browser holds, before the page is first painted, exactly the markup Material wrote.
The browser test builds a small library with a hook that keeps every page as Material wrote it, then opens
every page from disk and compares its sidebar and its palette form with the kept page, byte for byte.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT, Build, copy_project, mkdocs_build
from studysite.shared_chrome import MARK, NAV_SCRIPT, SharedChrome

# Material's markup, squeezed as the hook squeezes it: a document with a part of three sections.
ITEM = '<li class="md-nav__item">\n<a href="{0}.html" class="md-nav__link">\n{0}\n</a>\n</li>\n'
ACTIVE = (
    '<li class="md-nav__item md-nav__item--active">\n'
    '<a href="{0}.html" class="md-nav__link md-nav__link--active">\n{0}\n</a>\n</li>\n'
)


def _title(key: str) -> str:
    return f'<label class="md-nav__title" for="{key}">\n<span class="md-nav__icon md-icon"></span>\nT\n</label>\n'


def _list(key: str, level: int, items: str) -> str:
    return (
        f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{key}_label" aria-expanded="true">\n'
        f'{_title(key)}<ul class="md-nav__list" data-md-scrollfix>\n{items}</ul>\n</nav>\n'
    )


def _page(active: str) -> str:
    part = _list("__nav_2_2", 2, "".join((ACTIVE if s == active else ITEM).format(s) for s in ("3-1", "3-2", "3-3")))
    branch = (
        '<li class="md-nav__item md-nav__item--active md-nav__item--nested">\n<label>3</label>\n' + part + "</li>\n"
    )
    doc = _list("__nav_2", 1, ITEM.format("index") + branch + ITEM.format("full"))
    primary = (
        '<nav class="md-nav md-nav--primary" data-md-level="0">\n'
        f'<ul class="md-nav__list" data-md-scrollfix>\n{doc}</ul>\n</nav>\n'
    )
    return f'<div class="md-sidebar md-sidebar--primary">\n{primary}</div>\n<div class="md-content">TEXT</div>\n'


def test_a_page_keeps_its_own_branch_and_the_folder_script_the_rest():
    shared = SharedChrome()
    pages = {s: shared.page(_page(s), f"doc/{s}.html") for s in ("3-1", "3-2", "3-3")}
    cut = pages["3-2"]
    assert 'href="index.html"' not in cut and 'href="full.html"' not in cut  # the document's other pages
    assert 'href="3-1.html"' not in cut and 'href="3-3.html"' not in cut  # the part's other sections
    assert 'href="3-2.html" class="md-nav__link md-nav__link--active"' in cut  # the page itself stays
    assert f'{MARK}="__nav_2.0 1"' in cut and f'{MARK}="__nav_2_2.0 1"' in cut  # which list, where the page is
    assert cut.endswith(f'<script src="{NAV_SCRIPT}"></script>\n<div class="md-content">TEXT</div>\n')
    script = shared.scripts("// palette")["doc/nav.js"]
    lists = json.loads(re.search(r"\}\)\((\{.*\})\);\n$", script, re.S).group(1).replace("<\\/", "</"))
    # the list's title (the drawer's heading), then every item once, as Material wrote it when it was not the
    # page shown; the branch is never needed inactive
    assert lists == {
        "__nav_2.0": [_title("__nav_2"), ITEM.format("index"), None, ITEM.format("full")],
        "__nav_2_2.0": [_title("__nav_2_2"), *(ITEM.format(s) for s in ("3-1", "3-2", "3-3"))],
    }
    assert 'class="md-nav__title"' not in cut


def test_a_list_that_differs_between_pages_of_a_folder_is_stored_as_a_second_variant():
    shared = SharedChrome()
    shared.page(_page("3-1"), "doc/3-1.html")
    other = shared.page(_page("3-2").replace('href="3-3.html"', 'href="x.html"'), "doc/3-2.html")
    assert f'{MARK}="__nav_2_2.1 1"' in other
    assert shared.lists["doc"]["__nav_2_2"][0][3] == ITEM.format("3-3")  # the first variant is not mixed


def test_a_page_outside_materials_layout_is_left_as_it_is():
    page = _page("3-1").replace('<div class="md-content">', "<div>")
    assert SharedChrome().page(page, "doc/3-1.html") == page


# A hook listed before the site's own: it keeps each page as Material wrote it (squeezed like the site's).
KEEP_HOOK = """
from pathlib import Path
from studysite.shared_chrome import squeeze_chrome

def on_post_page(output, page, config):
    kept = Path(config.config_file_path).parent / "kept" / page.file.dest_uri
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(squeeze_chrome(output), encoding="utf-8")
    return output
"""

SIDEBAR = ".md-sidebar--primary"
PALETTE = "form[data-md-component=palette]"


@pytest.fixture(scope="module")
def kept_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The report (parts, sections, appendices) and the speech, with every page also kept as Material wrote it."""
    names = ("gd-zfgzbg-2026.txt", "gd-zfgzbg-2026.yml", "tanxin.txt", "tanxin.yml", "glossary.yml")
    folder = tmp_path_factory.mktemp("kept")
    (folder / "project").mkdir()
    project = copy_project(folder / "project", {name: (ROOT / "sources" / name).read_bytes() for name in names})
    (project / "keep_hook.py").write_text(KEEP_HOOK, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["keep_hook.py", *config["hooks"]]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build = mkdocs_build(project, folder / "site")
    assert build.returncode == 0, build.output
    # Material's own script changes the sidebar once it runs (scroll state, toc tracking): compare what the
    # page holds before it, that is what the site's scripts put back.
    for bundle in (build.site / "assets" / "javascripts").glob("bundle.*.js"):
        bundle.unlink()
    shutil.rmtree(build.site / "search")  # nothing here searches
    return build


@pytest.mark.slow
def test_every_page_is_built_lighter_than_material_wrote_it(kept_build: Build):
    kept = kept_build.root / "kept"
    pages = sorted(p.relative_to(kept) for p in kept.rglob("*.html"))
    heavier = [p for p in pages if (kept_build.site / p).stat().st_size >= (kept / p).stat().st_size]
    assert len(pages) > 60 and heavier == []
    report = (kept_build.site / "gd-zfgzbg-2026" / "3-9.html").read_text(encoding="utf-8")
    assert 'href="3-8.html" class="md-nav__link"' not in report.split("<article")[0]
    assert 'data-md-component="palette">' not in report


@pytest.mark.browser
def test_every_page_shows_exactly_the_sidebar_and_palette_material_wrote(kept_build: Build, offline_page):
    page, network = offline_page
    kept = kept_build.root / "kept"
    pages = sorted(p.relative_to(kept) for p in kept.rglob("*.html"))
    redirects = [p for p in pages if 'http-equiv="refresh"' in (kept / p).read_text(encoding="utf-8")]
    assert len(pages) - len(redirects) > 60
    for path in sorted(set(pages) - set(redirects)):  # a term's other name leads on to its page at once
        page.goto((kept_build.site / path).as_uri())
        shown = page.evaluate(
            f"() => [document.querySelector('{SIDEBAR}').outerHTML, document.querySelector('{PALETTE}').outerHTML]"
        )
        written = page.evaluate(
            f"""html => {{
                const doc = new DOMParser().parseFromString(html, 'text/html');
                return [doc.querySelector('{SIDEBAR}').outerHTML, doc.querySelector('{PALETTE}').outerHTML];
            }}""",
            (kept / path).read_text(encoding="utf-8"),
        )
        assert shown == written, path
    assert network.blocked == []


def test_a_list_with_something_between_its_items_is_left_whole():
    page = _page("3-2").replace("</li>\n<li", "</li>\n<!-- x -->\n<li", 1)
    cut = SharedChrome().page(page, "doc/3-2.html")
    assert "<!-- x -->" in cut and cut.count("<li") == page.count("<li") - 2  # only the part's list was cut


def test_markup_without_the_end_of_a_list_is_left_as_it_is():
    page = _page("3-2")
    broken = page[: page.rindex("</ul>")] + page[page.rindex("</ul>") + 5 :]
    broken = broken.replace("</ul>", "", 2)
    assert SharedChrome().page(broken, "doc/3-2.html") == broken


@pytest.mark.browser
def test_a_reader_moves_through_the_restored_sidebar_on_a_computer_and_a_phone(real_build: Build, offline_page):
    page, network = offline_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((real_build.site / "tanxin" / "2-2.html").as_uri())
    # a sibling page that nav.js put back: shown, and a working link
    sibling = page.locator(".md-sidebar--primary a.md-nav__link", has_text="2-1 务必强在前面")
    assert sibling.is_visible()
    sibling.click()
    page.wait_for_url("**/tanxin/2-1.html")
    assert page.locator("article h1").inner_text().startswith("2-1")
    # on a phone the drawer shows the part's pages and its heading, as Material wrote them
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto((real_build.site / "tanxin" / "2-2.html").as_uri())
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_timeout(400)
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.locator("a.md-nav__link", has_text="2-3").first.is_visible()
    assert drawer.locator("label.md-nav__title", has_text="“三面”务必要进一步做强").first.is_visible()
    assert network.blocked == []
