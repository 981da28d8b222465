"""The whole pipeline without any engine: source files -> documents -> pages and catalog."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import layout, render, render_aids
from .aids import StudyAids, study_aids
from .errors import SourceError
from .handout import handout_pages
from .markup import titles_once
from .model import Document
from .parse import parse_document
from .reading import read_source
from .search_index import build_search_index
from .terms import GLOSSARY_FILE, annex_glossary, read_glossary
from .titles import with_titles

#: Where the texts live, relative to the project root.
SOURCES_DIR = "sources"


@dataclass(frozen=True)
class Site:
    """Everything the generator produces, still in memory."""

    documents: tuple[Document, ...]
    """The parsed documents, in file-name order."""
    pages: dict[str, str]
    """Markdown pages keyed by path under the docs root (``tanxin/1-2.md``)."""
    nav: list[Any]
    """The MkDocs ``nav`` value."""
    catalog: list[dict[str, str | None]]
    """The link catalog, written as ``links.json``."""
    refused: tuple[SourceError, ...] = ()
    """Texts left out because they cannot be shown faithfully, each with every problem found.
    The home page names them; the build log and ``make site`` report them."""
    search: dict[str, str] = field(default_factory=dict)
    """The search index: files under ``search/`` (:mod:`studysite.search_index`)."""

    def pages_in_nav(self) -> set[str]:
        """Pages the navigation lists; the others (term pages) are reached by links."""
        found: set[str] = set()

        def walk(items: Any) -> None:
            for item in items:
                for value in item.values():
                    if isinstance(value, str):
                        found.add(value)
                    else:
                        walk(value)

        walk(self.nav)
        return found

    def write_search(self, site_dir: Path) -> None:
        """The search index into ``<site_dir>/search/`` (read by docs/assets/search.js)."""
        for name, text in self.search.items():
            path = site_dir / "search" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def catalog_json(self) -> str:
        """``links.json``: one compact entry per line, so it stays readable and diffable (it grows with the
        library: 1.9 MB at 100 documents, 2.2 MB when it was indented)."""
        lines = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in self.catalog)
        return "[\n" + ",\n".join(lines) + "\n]\n"


def source_files(root: str | Path = ".") -> list[Path]:
    """The ``.txt`` texts under ``sources/``, sorted so builds are repeatable."""
    return sorted(Path(root, SOURCES_DIR).glob("*.txt"))


def sources_epoch(paths: Iterable[str | Path]) -> int:
    """When the texts last changed: the newest modification time of each text and its ``.yml``.

    Used as SOURCE_DATE_EPOCH when none is given, so a build's dates depend on
    the sources, not on the clock.
    """
    times = [p.stat().st_mtime for path in paths for p in (Path(path), Path(path).with_suffix(".yml")) if p.exists()]
    return int(max(times, default=0))


def load_document(path: str | Path) -> Document:
    text = read_source(path)
    return parse_document(text.text, slug=text.slug, path=text.path, meta=text.meta, encoding=text.encoding)


def library_order(documents: list[Document]) -> list[Document]:
    """Documents without a date first (the texts a study group is given), then by date, then by name."""
    return sorted(documents, key=lambda doc: (bool(doc.meta.get("date")), str(doc.meta.get("date", "")), doc.slug))


def load_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[SourceError]]:
    """Every text parsed on its own: the documents, and the errors of the texts refused."""
    documents, refused = [], []
    for path in paths:
        try:
            documents.append(load_document(path))
        except SourceError as err:
            refused.append(err)
    return documents, refused


def build_site(paths: Iterable[str | Path], *, site_url: str | None = None, keep_going: bool = False) -> Site:
    """Parse the sources and render the site.

    The glossary is ``glossary.yml`` beside the (first) source text, shared by
    all documents; ``site_url`` makes copied links absolute.  A refused text
    stops the build, unless ``keep_going``: then the site is built from the
    other texts and ``Site.refused`` names the refused ones (a library where
    every text is refused still stops).
    """
    paths = list(paths)
    if not paths:
        raise SourceError(
            SOURCES_DIR, "no source texts: put at least one .txt file in sources/", example="sources/tanxin.txt"
        )
    documents, refused = load_documents(paths)
    if refused and (not keep_going or not documents):
        raise SourceError.joined([e for err in refused for e in (err, *err.more)])
    documents = library_order(documents)
    slugs = [doc.slug for doc in documents]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise SourceError(slug, "two source files give the same URL prefix", example="sources/tanxin.txt")
    glossary = read_glossary(Path(paths[0]).parent / GLOSSARY_FILE)
    known = {form for entry in glossary for form in (entry.term, *entry.aliases)}
    glossary = (*glossary, *(entry for doc in documents for entry in annex_glossary(doc, known)))
    aids = study_aids(documents, glossary, site_url)
    pages = render_site(documents, aids, refused=refused)
    pages.update(handout_pages(aids.site_url))  # 讲义 and 学习笔记 (studysite/handout.py)
    return Site(
        tuple(documents),
        with_titles(pages, documents, aids.index),
        layout.navigation(documents),
        layout.catalog(documents, aids.index),
        tuple(refused),
        build_search_index(documents, aids),
    )


def render_site(documents: list[Document], aids: StudyAids, refused: Sequence[Exception] = ()) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs root.

    ``refused``: texts left out, named on the home page.  The study aids are built
    once, by :func:`build_site`, and passed in: rendering only renders.
    """
    pages = {layout.HOME_PAGE: render.home_page(documents, refused)}
    for page, positions in layout.catalog_pages(len(documents)):
        pages[page] = render.catalog_page(documents, page, positions)
    for doc in documents:
        pages[layout.document_page(doc)] = render.document_page(doc, aids)
        pages[layout.opening_page(doc)] = render.opening_page(doc, aids)
        units = doc.directives
        for node in doc.pages:
            if node.directives:
                pages[layout.node_page(doc, node)] = render.part_page(doc, node, aids)
        for index, unit in enumerate(units):
            previous = units[index - 1] if index else None
            following = units[index + 1] if index + 1 < len(units) else None
            pages[layout.node_page(doc, unit)] = render.directive_page(doc, unit, previous, following, aids, documents)
        pages[layout.full_text_page(doc)] = render.full_text_page(doc, aids)
        pages.update(render_aids.document_aid_pages(doc, aids, documents))
    pages.update(render_aids.term_pages(documents, aids))
    return {path: titles_once(page) for path, page in pages.items()}
