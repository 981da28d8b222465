"""MkDocs hook: adds the generated pages in memory.  All the work is in studysite."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from studysite.errors import SourceError  # noqa: E402
from studysite.site import Site, build_site, source_files  # noqa: E402

# MkDocs hooks are module functions, so the site built in on_config is kept
# here until on_files and on_post_build need it.
_site: Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    root = Path(config.config_file_path).parent
    try:
        _site = build_site(source_files(root), site_url=config.site_url)
    except SourceError as err:
        raise PluginError(str(err)) from None
    config.nav = _site.nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    in_nav = _site.pages_in_nav()
    for path, text in _site.pages.items():
        # Pages outside the nav (one per term) are built and searched, not listed.
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=text, inclusion=inclusion))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    assert _site is not None
    Path(config.site_dir, "links.json").write_text(_site.catalog_json(), encoding="utf-8")
