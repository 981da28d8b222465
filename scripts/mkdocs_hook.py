"""MkDocs hook: adds the generated pages in memory.  All the work is in studysite.

MkDocs loads a hook by its path, not as part of a package: ``studysite`` is the
installed package (``pip install -e .``, done by ``make site``).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from studysite.errors import SourceError
from studysite.outline import summary
from studysite.shared_chrome import SharedChrome, lighter_head, squeeze_chrome
from studysite.site import Site, build_site, source_files, sources_epoch

log = get_plugin_logger("studysite")

# MkDocs hooks are module functions, so the site built in on_config is kept
# here until on_files and on_post_build need it.
_site: Site | None = None
#: What the pages of this build share (sidebar lists, palette form), written once in on_post_build.
_shared = SharedChrome()

#: Set to 1 to publish the site without the texts that are refused (they are named on its home page).
SKIP_REFUSED = "STUDYSITE_SKIP_REFUSED"

# Whether this build set SOURCE_DATE_EPOCH itself: it is removed again after
# the build, so `mkdocs serve` takes it from the sources on every rebuild.
_epoch_set_here = False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _shared, _epoch_set_here
    _shared = SharedChrome()
    root = Path(config.config_file_path).parent
    # Relative to the working directory, as the CLI shows them: file:line:column stays short and clickable.
    paths = [Path(os.path.relpath(path)) for path in source_files(root)]
    try:
        # A refused text does not take the other documents down: they are built and the home page
        # names the refused file with its errors.  Every problem of every refused file is logged as an
        # ERROR, so the strict build (`make site`) fails and keeps the site that was there; with
        # STUDYSITE_SKIP_REFUSED=1 they are logged as INFO and the site is published without them.
        _site = build_site(paths, site_url=config.site_url, keep_going=True)
    except SourceError as err:
        raise PluginError(str(err)) from None
    for doc in _site.documents:
        log.info(summary(doc))
    report = log.info if os.environ.get(SKIP_REFUSED) == "1" else log.error
    for refused in _site.refused:
        for problem in (refused, *refused.more):
            report(problem.format())
    # The sitemap's dates and the gzip header of sitemap.xml.gz come from
    # SOURCE_DATE_EPOCH, or else from the clock: pin them to the sources so two
    # builds of the same texts are byte-identical.
    if "SOURCE_DATE_EPOCH" not in os.environ and paths:
        _epoch_set_here = True
        os.environ["SOURCE_DATE_EPOCH"] = str(sources_epoch(paths))
    config.nav = _site.nav
    return config


#: Theme files only Material's own search used (lunr and its worker): not published.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    files.append(File.generated(config, ICONS_CSS, content=icons_css(config.theme.dirs)))
    if not {"search", "material/search"} & set(config.plugins):  # the bench's lunr variant turns it back on
        for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(file)
    in_nav = _site.pages_in_nav()
    for path, text in _site.pages.items():
        # Pages outside the nav (one per term) are built and searched, not listed.
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=text, inclusion=inclusion))
    return files


#: The stylesheet that paints the chrome's icons (mkdocs.yml: theme.icon, extra_css).
ICONS_CSS = "assets/icons.css"
#: The icon set of the chrome: overrides/.icons/study/<name>.svg is an empty ``<svg class="i-<name>">``.
STUB_SET = ".icons/study"
#: What each stub stands for: Material's icon of the same name.
DRAWN_SET = ".icons/material"


def icons_css(theme_dirs: list[str]) -> str:
    """CSS that paints each stub icon of ``STUB_SET`` with Material's icon of the same name, as a mask.

    Material includes every icon of its chrome inline, 0.1–0.5 KB each and eleven on every page
    (logo twice, menu, palette, search, arrows): about 3 KB a page, 0.35 MB per hundred pages.  The stubs
    keep Material's markup and sizes (an ``<svg>`` with a 24×24 viewBox in the same place); the icon itself
    is in this one stylesheet, in the text colour (``currentcolor``) as before.
    """
    stubs: dict[str, Path] = {}
    drawn: dict[str, Path] = {}
    for folder in reversed(theme_dirs):  # the first folder wins, as in the theme's template loader
        for name, target in ((STUB_SET, stubs), (DRAWN_SET, drawn)):
            for svg in Path(folder, name).glob("*.svg"):
                target[svg.stem] = svg
    rules = [
        "/* Generated by scripts/mkdocs_hook.py (icons_css): the chrome's icons, drawn once for every page. */",
        'svg[class^="i-"]{background-color:currentcolor;forced-color-adjust:none;'
        "-webkit-mask:var(--i) center/contain no-repeat;mask:var(--i) center/contain no-repeat}",
    ]
    for name in sorted(stubs):
        if name not in drawn:
            raise PluginError(f"{stubs[name]}: no icon {DRAWN_SET}/{name}.svg in the theme to draw it with")
        icon = drawn[name].read_text(encoding="utf-8").strip()
        rules.append(f'.i-{name}{{--i:url("data:image/svg+xml,{quote(icon, safe=" /:=,.-")}")}}')
    return "\n".join(rules) + "\n"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material writes `page.title | striptags` into <title>, and striptags
    # unescapes: an escaped nav title (layout.nav_title) would come back as raw
    # HTML there.  A meta title is written as it is, still escaped.
    if not page.is_homepage and page.title and "title" not in page.meta:
        page.meta["title"] = page.title
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["nav"] = sidebar(nav, page)
    return context


def sidebar(nav: Navigation, page: Page) -> Navigation:
    """The navigation one page's sidebar shows.

    A page of a document shows that document's pages beside the site's own pages (首页, 术语表, 讲义,
    学习笔记), never the other documents: they are listed on the home page, and in the shelves of the
    sidebar of the pages that belong to no document.  So a document page weighs the same in a library
    of ten documents as in one of a thousand (bench/README.md).  The global nav is not changed:
    previous/next links and MkDocs' own checks still see every page.
    """
    document = next((item for item in reversed(list(page.ancestors)) if _holds_pages(item)), None)
    if document is None:
        return nav
    own = copy.copy(nav)
    own.items = [item for item in nav.items if not isinstance(item, Section)]
    own.items.insert(1 if own.items and own.items[0] is nav.homepage else 0, document)
    return own


def _holds_pages(item: Any) -> bool:
    """A document's section: the first section from the top with pages of its own (shelves hold sections)."""
    return isinstance(item, Section) and any(not isinstance(child, Section) for child in item.children)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _shared.page(lighter_head(squeeze_chrome(output), home=page.is_homepage), page.file.dest_uri)


def on_post_build(config: MkDocsConfig) -> None:
    assert _site is not None
    Path(config.site_dir, "links.json").write_text(_site.catalog_json(), encoding="utf-8")
    _site.write_search(Path(config.site_dir))
    # Material's palette script as docs/ holds it (site/ may keep the previous build's under `mkdocs serve`).
    palette_js = Path(config.docs_dir, "assets", "palette.js").read_text(encoding="utf-8")
    for path, text in _shared.scripts(palette_js).items():
        Path(config.site_dir, path).write_text(text, encoding="utf-8")
    _restore_epoch()


def on_build_error(error: Exception) -> None:
    _restore_epoch()


def _restore_epoch() -> None:
    global _epoch_set_here
    if _epoch_set_here:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        _epoch_set_here = False
