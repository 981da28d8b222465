"""The chrome around the text, written once for the site rather than in every page (README 页面大小).

Material's own scripts and icons, moved out of the pages through its documented override points
(overrides/, theme.icon, extra_css): these tests check that what moved is still Material's, and that a
reader sees the same icons and the same search box.
"""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path

import material
import pytest
import yaml
from PIL import Image

from conftest import ROOT, Build

TEMPLATES = Path(material.__file__).parent / "templates"
ASSETS = ROOT / "docs" / "assets"
STUBS = ROOT / "overrides" / ".icons" / "study"


def _script(partial: str) -> str:
    """The body of the one inline <script> of a Material partial."""
    text = (TEMPLATES / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    found = re.search(r"<script>(.*)</script>", text, re.S)
    assert found, f"Material's partials/javascripts/{partial} has no inline script any more: see overrides/partials"
    return found.group(1).strip()


def _code(asset: str) -> str:
    """An asset's code, its comment lines left out."""
    lines = (ASSETS / asset).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//")).strip()


def test_palette_script_is_materials():
    assert _code("palette.js") == _script("palette.html")


def test_scope_script_is_materials_with_the_root_found_from_its_own_address():
    theirs = _script("base.html")
    page_relative = '"{{ config.extra.scope | d(base_url) }}",location'
    assert page_relative in theirs
    assert _code("scope.js") == theirs.replace(page_relative, '"..",document.currentScript.src')


def test_every_chrome_icon_is_a_stub_drawn_with_materials_icon_of_that_name():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config["theme"]
    used = set(theme["icon"].values()) | {p["toggle"]["icon"] for p in theme["palette"]}
    assert used and all(icon.startswith("study/") for icon in used), used
    for icon in used:
        name = icon.removeprefix("study/")
        stub = (STUBS / f"{name}.svg").read_text(encoding="utf-8")
        assert stub == f'<svg class="i-{name}" viewBox="0 0 24 24"></svg>'
        assert (TEMPLATES / ".icons" / "material" / f"{name}.svg").exists()


@pytest.fixture(scope="module")
def directive_page(real_build: Build) -> str:
    return (real_build.site / "tanxin" / "2-2.html").read_text(encoding="utf-8")


def test_built_icons_css_paints_each_stub_with_materials_path(real_build: Build):
    css = (real_build.site / "assets" / "icons.css").read_text(encoding="utf-8")
    for stub in STUBS.glob("*.svg"):
        icon = (TEMPLATES / ".icons" / "material" / stub.name).read_text(encoding="utf-8")
        path = re.search(r' d="([^"]+)"', icon)
        assert path
        rule = re.search(rf"\.i-{stub.stem}\{{--i:url\(\"data:image/svg\+xml,([^\"]+)\"\)\}}", css)
        assert rule, stub.stem
        assert path.group(1).replace(" ", "") in rule.group(1).replace(" ", "").replace("%22", '"')


def test_a_page_carries_no_icon_drawing_script_or_search_markup_of_its_own(directive_page: str):
    chrome = re.sub(r"<article\b.*?</article>", "", directive_page, flags=re.S)
    assert "<path" not in chrome  # every icon is a stub
    assert "__md_scope=" not in chrome and "__md_get(" not in chrome  # scope.js, palette.js
    assert '<script src="../assets/scope.js"></script>' in chrome
    assert '<script src="../assets/palette.js"></script>' in chrome
    assert "md-search__input" not in chrome  # search.js builds the box
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', chrome, re.S)
    assert config and "search.result" not in config.group(1) and "clipboard.copy" in config.group(1)


@pytest.mark.browser
def test_reader_sees_the_icons_and_the_search_box(real_build: Build, offline_page):
    page, network = offline_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((real_build.site / "tanxin" / "2-2.html").as_uri())
    page.wait_for_load_state("load")
    # Material's markup of the box, built by search.js from the dialog's words and icons
    box = page.locator(".md-search")
    assert box.locator("input.md-search__input[aria-label='搜索'][placeholder='搜索']").count() == 1
    assert box.locator("button[type=reset][title='清空当前内容'] svg.i-close").count() == 1
    assert box.locator(".md-search-result__meta").inner_text() == "正在初始化搜索引擎"
    # every icon in the header is drawn: its box holds pixels of the header's text colour
    for selector in (".md-header .md-logo svg", ".md-header label[for=__search] svg", ".md-header__option svg"):
        icon = page.locator(selector).locator("visible=true").first
        drawn = icon.evaluate(
            """svg => {
                const style = getComputedStyle(svg);
                const r = svg.getBoundingClientRect();
                return [style.maskImage || style.webkitMaskImage, style.backgroundColor, r.width, r.height];
            }"""
        )
        mask, colour, width, height = drawn
        assert mask.startswith('url("data:image/svg+xml'), (selector, mask)
        assert colour == page.locator(".md-header").evaluate("h => getComputedStyle(h).color"), selector
        assert width == height == pytest.approx(24, abs=1), (selector, width, height)
    # and painted: the logo's box is not a flat fill of the header colour
    png = page.locator(".md-header .md-logo svg").screenshot()
    assert len(Image.open(BytesIO(png)).convert("RGB").getcolors(maxcolors=4096) or ()) > 2
    assert network.blocked == []


MATERIAL_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def _override(partial: str, theirs_block: str, ours_block: str) -> None:
    """overrides/partials/<partial> is Material's file with one block replaced, under a comment of ours."""
    theirs = (TEMPLATES / "partials" / partial).read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / partial).read_text(encoding="utf-8")
    hint = f"Material's partials/{partial} changed: copy it again into overrides/partials/ and redo our one change"
    assert theirs.startswith(MATERIAL_HEADER) and theirs.count(theirs_block) == 1, hint
    assert ours.split("-#}\n", 1)[1] == theirs[len(MATERIAL_HEADER) :].replace(theirs_block, ours_block), hint


def test_nav_item_override_is_materials_but_for_the_title_span():
    _override(
        "nav-item.html",
        '  <span class="md-ellipsis">\n'
        "    {{ render_title(ref) }}\n"
        "    {% if nav_item.meta and nav_item.meta.subtitle %}\n"
        "      <br>\n"
        "      <small>{{ nav_item.meta.subtitle }}</small>\n"
        "    {% endif %}\n"
        "  </span>\n",
        "  {% if nav_item.meta and nav_item.meta.subtitle %}\n"
        '    <span class="md-ellipsis">\n'
        "      {{ render_title(ref) }}\n"
        "      <br>\n"
        "      <small>{{ nav_item.meta.subtitle }}</small>\n"
        "    </span>\n"
        "  {% else %}\n"
        "    {{ render_title(ref) }}\n"
        "  {% endif %}\n",
    )


def test_toc_item_override_is_materials_but_for_the_title_span():
    theirs = (
        '    <span class="md-ellipsis">\n'
        "      {% if toc_item.typeset %}\n"
        '        <span class="md-typeset">\n'
        "          {{ toc_item.typeset.title }}\n"
        "        </span>\n"
        "      {% else %}\n"
        "        {{ toc_item.title }}\n"
        "      {% endif %}\n"
        "    </span>\n"
    )
    inside = theirs.splitlines(keepends=True)[1:-1]  # what the span wraps, two spaces less indented
    _override("toc-item.html", theirs, "".join(line[2:] for line in inside))


def test_sidebar_items_carry_no_ellipsis_span_and_the_toc_is_written_once(directive_page: str):
    sidebar = directive_page[directive_page.index("md-nav--primary") : directive_page.index("<article")]
    assert 'class="md-ellipsis"' not in sidebar
    # the document's other pages are not in the page: its folder's nav.js holds them (tests/test_shared_chrome.py)
    assert 'href="2-1.html"' not in sidebar
    # toc.integrate: the page's contents are in the sidebar once, not again in a sidebar of their own
    assert sidebar.count('href="#2-2-1"') == 1 and "md-sidebar--secondary" not in directive_page


def test_search_box_words_are_materials_chinese_ones():
    languages = (TEMPLATES / "partials" / "languages" / "zh.html").read_text(encoding="utf-8")
    material_words = dict(re.findall(r'"([a-z.]+)": "([^"]*)"', languages))
    script = (ASSETS / "search.js").read_text(encoding="utf-8")
    block = re.search(r"const WORDS = \{(.*?)\};", script, re.S)
    assert block
    ours = dict(re.findall(r'(\w+): "([^"]*)"', block.group(1)))
    keys = {
        "input": "search.placeholder",
        "reset": "search.reset",
        "initializer": "search.result.initializer",
        "placeholder": "search.result.placeholder",
        "none": "search.result.none",
        "one": "search.result.one",
        "other": "search.result.other",
    }
    assert {ours[k]: k for k in keys} == {material_words[m]: k for k, m in keys.items()}
    assert ours["more"] == "显示更多结果" and ours["searching"] == "正在查找……"


def test_content_scripts_override_is_materials_kept_for_tabs_only(directive_page: str):
    theirs = (TEMPLATES / "partials" / "javascripts" / "content.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "content.html").read_text(encoding="utf-8")
    hint = "Material's partials/javascripts/content.html changed: copy it again into overrides/partials/javascripts/"
    assert theirs.startswith(MATERIAL_HEADER), hint
    guard = '{% if "pymdownx.tabbed" in config.markdown_extensions %}\n'
    assert ours.split("-#}\n", 1)[1] == guard + theirs[len(MATERIAL_HEADER) :].rstrip("\n") + "\n{% endif %}\n", hint
    assert "__tabbed_" not in directive_page  # the site loads no tabs


def test_footer_override_is_materials_but_for_its_labels_and_empty_bar(directive_page: str):
    theirs = (TEMPLATES / "partials" / "footer.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "footer.html").read_text(encoding="utf-8")
    hint = "Material's partials/footer.html changed: copy it again into overrides/partials/ and redo our changes"
    labels = [f' aria-label="{{{{ direction }}}}: {{{{ page.{p}_page.title | e }}}}"' for p in ("previous", "next")]
    bar = re.search(r'  <div class="md-footer-meta md-typeset">\n.*?\n  </div>\n', theirs, re.S)
    assert theirs.startswith(MATERIAL_HEADER) and bar and all(theirs.count(label) == 1 for label in labels), hint
    guarded = (
        "  {% if config.copyright or config.extra.generator != false or config.extra.social %}\n"
        + bar.group()
        + "  {% endif %}\n"
    )
    expected = theirs[len(MATERIAL_HEADER) :].replace(bar.group(), guarded)
    for label in labels:
        expected = expected.replace(label, "")
    assert ours.split("-#}\n", 1)[1] == expected, hint
    # the links are named by their text, 上一页/下一页 and the title; no empty bar under them
    footer = directive_page[directive_page.index("<footer") : directive_page.index("</footer>")]
    assert 'class="md-footer__link md-footer__link--prev">' in footer and "aria-label=" not in footer.split(">", 2)[2]
    assert "md-footer-meta" not in footer


def test_config_keeps_every_feature_materials_scripts_read(directive_page: str):
    features = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]
    bundle = next((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    read = [f for f in features if f'"{f}"' in bundle]
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', directive_page, re.S)
    assert config
    settings = json.loads(config.group(1))
    assert settings["features"] == read and set(read) >= {"content.tooltips", "navigation.tracking"}
    assert None not in settings.values()  # null keys left out (Material tests each before use)
