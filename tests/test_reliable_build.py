"""A build you can trust: a failed build costs nothing, two builds are the same, every link resolves."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import (
    ROOT,
    SPEECH,
    Build,
    copy_project,
    linkcheck_command,
    mkdocs_build,
    readable_folder,
    speech_library,
)

BAD_SOURCE = SPEECH.read_text(encoding="utf-8").replace("第三，", "第二，").encode("utf-8")


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_site(project: Path) -> subprocess.CompletedProcess:
    """The real ``make site``, with the virtual environment the tests run in."""
    venv = Path(sys.prefix)
    return subprocess.run(
        ["make", "-o", str(venv / ".installed"), "site", f"VENV={venv}"],
        cwd=project,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, with the speech as its library, and a site/ built by ``make site``."""
    project = copy_project(tmp_path_factory.mktemp("made"), speech_library())
    for name in ("Makefile", "pyproject.toml", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, project / name)
    result = make_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "tanxin" / "2-1.html").is_file()
    return project


@pytest.fixture
def made(made_once: Path, tmp_path: Path) -> Path:
    """A copy of ``made_once`` for one test to break (one ``make site`` for all of them)."""
    return Path(shutil.copytree(made_once, tmp_path / "project", symlinks=True))


def _break_source(project: Path) -> str:
    (project / "sources" / "tanxin.txt").write_bytes(BAD_SOURCE)
    return "sources/tanxin.txt:7:1: error: part 第二 is repeated: expected 第三，"


def _break_late(project: Path) -> str:
    # A page outside the nav is only a warning, but --strict aborts after every page was written.
    (project / "docs" / "stray.md").write_text("# stray\n", encoding="utf-8")
    return "Aborted with 1 warnings in strict mode!"


@pytest.mark.slow
@pytest.mark.parametrize("breakage", [_break_source, _break_late], ids=["bad source", "fails after writing"])
def test_a_failed_make_site_leaves_the_previous_site_whole(made: Path, breakage):
    before = tree(made / "site")
    message = breakage(made)
    result = make_site(made)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert tree(made / "site") == before
    assert not (made / "site.tmp").exists()


def test_two_clean_builds_are_byte_identical(real_build: Build, tmp_path: Path):
    again = mkdocs_build(ROOT, tmp_path / "site")
    assert again.returncode == 0, again.output
    first, second = tree(real_build.site), tree(again.site)
    assert len(first) > 50
    assert first == second


def test_build_dates_come_from_the_sources_not_the_clock(hosted_builds: tuple[Build, Build]):
    """sitemap.xml's dates and the gzip header of sitemap.xml.gz are the sources' date.

    ``hosted_builds`` (conftest): site_url set, every source dated 2021-06-01 15:30 UTC, built twice.
    """
    builds = hosted_builds
    for build in builds:
        assert build.returncode == 0, build.output
    assert tree(builds[0].site) == tree(builds[1].site)
    sitemap = (builds[0].site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<lastmod>(.*?)</lastmod>", sitemap) == ["2021-06-01"] * len(re.findall("<loc>", sitemap))
    assert "<loc>https://example.org/study/tanxin/2-1.html</loc>" in sitemap
    packed = (builds[0].site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", packed[4:8])
    assert mtime == datetime(2021, 6, 1, tzinfo=UTC).timestamp()
    assert gzip.decompress(packed).decode("utf-8") == sitemap


#: A small site shaped like ours (a page per directive, points as anchors, relative links):
#: where the link checker's own failure cases are shown, without crawling the whole real site.
SMALL_SITE = {
    "index.html": '<html><body><article><a href="tanxin/2-1.html">2-1</a></article></body></html>',
    "tanxin/1-1.html": '<html><body><article><h1 id="1-1">1-1</h1></article></body></html>',
    "tanxin/2-1.html": (
        '<html><body><article><h1 id="2-1">2-1</h1><h2 id="2-1-1">2-1-1</h2>'
        '<a href="1-1.html#1-1">1-1</a> <a href="#2-1-1">2-1-1</a> <a href="../index.html">home</a>'
        "</article></body></html>"
    ),
}


@pytest.fixture
def small_site() -> Iterator[Path]:
    with readable_folder() as folder:
        for name, text in SMALL_SITE.items():
            (folder / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "site" / name).write_text(text, encoding="utf-8")
        yield folder / "site"


def linkcheck(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(linkcheck_command(site), capture_output=True, text=True)


def test_link_checker_finds_every_link_and_anchor_resolves(site_crawl: subprocess.CompletedProcess):
    """One crawl of the whole real site (started in the background with the build: conftest)."""
    result = site_crawl
    assert result.returncode == 0, result.stdout
    assert "0 warnings found. 0 errors found." in result.stdout
    checked = int(re.search(r"(\d+) links in \d+ URLs checked", result.stdout).group(1))
    assert checked > 50  # it crawled the site, not one page


@pytest.mark.slow  # LinkChecker takes ~3 s to start and stop
def test_link_checker_passes_the_small_site_as_it_is(small_site: Path):
    """So that in the next test the broken link, and nothing else, is what fails."""
    result = linkcheck(small_site)
    assert result.returncode == 0, result.stdout
    assert "0 warnings found. 0 errors found." in result.stdout
    assert "4 links in 4 URLs checked" in result.stdout  # the pages, and the two anchors


@pytest.mark.parametrize(
    "link, report",
    [
        ('<a href="no-such-page.html">x</a>', "No such file or directory"),
        ('<a href="1-1.html#no-such-anchor">x</a>', "Anchor `no-such-anchor' (decoded:"),
    ],
    ids=["missing page", "missing anchor"],
)
@pytest.mark.slow  # LinkChecker takes ~3 s to start and stop
def test_link_checker_fails_on_a_broken_link(small_site: Path, link: str, report: str):
    page = small_site / "tanxin" / "2-1.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", link + "</article>", 1), encoding="utf-8")
    result = linkcheck(small_site)
    assert result.returncode == 1
    assert report in result.stdout
    assert f"Parent URL {page.as_uri()}" in result.stdout


@pytest.mark.slow
def test_mkdocs_validation_stops_a_build_with_a_broken_anchor(tmp_path: Path):
    """MkDocs' own check (validation: anchors under --strict) over links into the generated pages."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", speech_library())
    (project / "docs" / "extra.md").write_text("# extra\n\n[x](tanxin/2-1.md#no-such-anchor)\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert (
        "WARNING -  Doc file 'extra.md' contains a link 'tanxin/2-1.md#no-such-anchor', "
        "but the doc 'tanxin/2-1.md' does not contain an anchor '#no-such-anchor'."
    ) in build.output
    assert "Aborted with 2 warnings in strict mode!" in build.output
