"""Shared fixtures: the real speech, and one MkDocs build of the real site per test session.

Markers (pytest.ini): a test that uses ``real_build`` (or ``hosted_builds``) is marked ``slow`` here, one that
uses a browser fixture ``browser``, so ``make test-fast`` (``-m "not browser and not slow"``)
leaves them out without every test having to say so.  Tests that build a site of their
own carry ``@pytest.mark.slow`` themselves.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

SPEECH = ROOT / "sources" / "tanxin.txt"

# Browser fixtures (chromium, offline_page) live in tests/browser.py.
pytest_plugins = ["browser"]


#: Fixtures that make a test slow (a full site build) or a browser test.
SLOW_FIXTURES = {"real_build", "hosted_builds"}
BROWSER_FIXTURES = {"chromium", "offline_page"}


#: Whether a selected test asks for the LinkChecker crawl of the real site (see ``site_crawl``).
CRAWL_WANTED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


def in_ci() -> bool:
    """``CI`` set (``.ci/run`` sets ``CI=true``): every tool the tests use must be there."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """In CI a skipped test is a failure: a missing browser, node or PDF tool must not pass unseen."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (CI={os.environ['CI']}), which counts as a failure: {reason}"


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected
def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[CRAWL_WANTED] = any("site_crawl" in getattr(i, "fixturenames", ()) for i in session.items)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the current output (review the diff!)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def speech_text() -> str:
    return SPEECH.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Build:
    """One ``mkdocs build --strict`` of a project folder."""

    root: Path
    site: Path
    returncode: int
    output: str

    def html(self, url: str) -> str:
        return (self.site / url.partition("#")[0]).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        """A page of the site, parsed once per test session (see :func:`parsed`)."""
        return parsed(self.site / url.partition("#")[0])


def parsed(path: Path) -> BeautifulSoup:
    """An HTML file, parsed once per test session while it is unchanged.

    The tests read hundreds of pages, many of them once per link or per term; parsing
    dominated the suite.  Callers only read the tree: never modify what this returns.
    """
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@cache
def _parse(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def mkdocs_build(project: Path, site: Path) -> Build:
    """Run the real ``mkdocs build --strict`` on a project folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def copy_project(target: Path, sources: dict[str, bytes] | None = None) -> Path:
    """A copy of the project (config, hook, assets) with the given sources, or the real ones."""
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    if sources is None:
        shutil.copytree(ROOT / "sources", target / "sources")
    else:
        (target / "sources").mkdir()
        for name, data in sources.items():
            (target / "sources" / name).write_bytes(data)
    return target


def xdist_worker() -> str | None:
    """The name of this pytest-xdist worker (``gw0`` …), or None when the tests run in one process."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], list[Build]]
) -> list[Build]:
    """The builds ``make(folder)`` gives, made once per test run.

    With pytest-xdist (``make test`` runs two workers) the workers of one run share a folder
    (the parent of their own temporary folders): the first to ask makes the builds there, under
    a lock, and notes them; the others wait on the lock and read the note.
    """
    if not xdist_worker():
        return make(tmp_path_factory.mktemp(name))
    run = tmp_path_factory.getbasetemp().parent
    folder, note = run / name, run / f"{name}.json"
    with (run / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if note.exists():
            noted = json.loads(note.read_text(encoding="utf-8"))
            return [Build(Path(root), Path(site), status, output) for root, site, status, output in noted]
        folder.mkdir(exist_ok=True)
        builds = make(folder)
        noted = [[str(b.root), str(b.site), b.returncode, b.output] for b in builds]
        note.write_text(json.dumps(noted), encoding="utf-8")
        return builds


@pytest.fixture(scope="session")
def real_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The real site, built once from the real project folder (once per run, whatever the workers).

    If a selected test checks the links with LinkChecker, its crawl of this site
    starts here, in the background: it takes about a minute of one core, beside the tests.
    """

    def build_and_crawl(folder: Path) -> list[Build]:
        build = mkdocs_build(ROOT, folder / "site")
        if build.returncode == 0 and request.config.stash.get(CRAWL_WANTED, False):
            _crawls[build.site] = Crawl(build.site)
        return [build]

    (build,) = once_per_run(tmp_path_factory, "real", build_and_crawl)
    assert build.returncode == 0, build.output
    yield build
    crawl = _crawls.pop(build.site, None)
    if crawl:
        # Another worker may still wait for its report: then let it finish.
        crawl.stop(wait=bool(xdist_worker()))


def speech_library() -> dict[str, bytes]:
    """The speech and its metadata, as the sources of a project (see :func:`copy_project`).

    For the tests that need a whole MkDocs build of the real shape but not the whole
    library: the speech alone builds in a third of the library's time.
    """
    return {name: (ROOT / "sources" / name).read_bytes() for name in ("tanxin.txt", "tanxin.yml")}


#: The date the sources of ``hosted_builds`` carry (their mtime): a day long past, not the clock's.
SOURCES_DATE = datetime(2021, 6, 1, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def hosted_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    """Two builds of the speech with ``site_url`` set as mkdocs.yml documents it, sources dated 2021-06-01.

    Shared by the test of ``site_url`` (test_aids) and that of the build dates (test_reliable_build):
    the same inputs, built once for both.
    """
    one, two = once_per_run(tmp_path_factory, "hosted", _hosted)
    return one, two


def _hosted(folder: Path) -> list[Build]:
    (folder / "project").mkdir()
    project = copy_project(folder / "project", speech_library())
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hosted = config.replace("\n# site_url: https://example.org/study/\n", "\nsite_url: https://example.org/study/\n")
    assert hosted != config, "mkdocs.yml no longer documents site_url"
    (project / "mkdocs.yml").write_text(hosted, encoding="utf-8")
    when = SOURCES_DATE.timestamp()
    for source in (project / "sources").iterdir():
        os.utime(source, (when, when))
    env_before = os.environ.get("SOURCE_DATE_EPOCH")
    one, two = (mkdocs_build(project, folder / name) for name in ("one", "two"))
    assert os.environ.get("SOURCE_DATE_EPOCH") == env_before
    return [one, two]


LINKCHECKER = Path(sys.executable).parent / "linkchecker"
LINKCHECKER_CONFIG = ROOT / "tests" / "linkcheckerrc"


@contextmanager
def readable_folder() -> Iterator[Path]:
    """A folder any user can read: LinkChecker run as root drops to 'nobody' (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="linkcheck-"))
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder)


def linkcheck_command(site: Path) -> list[str]:
    assert LINKCHECKER.is_file(), f"{LINKCHECKER} is missing: it is pinned in requirements-test.txt"
    return [str(LINKCHECKER), "--config", str(LINKCHECKER_CONFIG), site.joinpath("index.html").as_uri()]


#: Where the crawl of a built site writes its report and then its exit status (beside the site).
def crawl_files(site: Path) -> tuple[Path, Path]:
    return site.parent / "linkcheck.txt", site.parent / "linkcheck.status"


#: Runs a command with its output to the file $1, then writes its exit status to $2 (whole, by a rename).
_REPORT = 'out=$1 status=$2; shift 2; "$@" >"$out" 2>&1; echo $? >"$status.tmp"; mv "$status.tmp" "$status"'


class Crawl:
    """LinkChecker over a readable copy of a built site, running in the background.

    Its report and exit status go to files beside the site (:func:`crawl_files`), so that
    every worker of a run can read them (:func:`crawl_result`).
    """

    def __init__(self, site: Path) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="linkcheck-"))
        self._folder.chmod(0o755)  # LinkChecker run as root drops to 'nobody'
        shutil.copytree(site, self._folder / "site")
        report, status = crawl_files(site)
        report.touch()  # started: see site_crawl
        command = [str(report), str(status), *linkcheck_command(self._folder / "site")]
        self._process = subprocess.Popen(["sh", "-c", _REPORT, "sh", *command], start_new_session=True)

    def stop(self, *, wait: bool) -> None:
        if self._process.poll() is None and not wait:
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        shutil.rmtree(self._folder, ignore_errors=True)


#: The crawl of each real build, started with the build when a selected test wants it.
_crawls: dict[Path, Crawl] = {}


def crawl_result(site: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    """Wait for the crawl of ``site`` (started by this process or another worker); its exit status and report."""
    report, status = crawl_files(site)
    deadline = time.monotonic() + timeout
    while not status.exists():
        assert time.monotonic() < deadline, f"LinkChecker has not finished {site} in {timeout:.0f} s"
        time.sleep(0.2)
    command = linkcheck_command(site)
    return subprocess.CompletedProcess(command, int(status.read_text()), report.read_text(encoding="utf-8"), "")


@pytest.fixture(scope="session")
def site_crawl(real_build: Build) -> subprocess.CompletedProcess:
    """LinkChecker's report on the real site: every link and anchor, crawled on file://."""
    if not crawl_files(real_build.site)[0].exists():  # not started with the build: start it now
        _crawls[real_build.site] = Crawl(real_build.site)
    return crawl_result(real_build.site)


def line_citation(page: BeautifulSoup, box: Any) -> str:
    """The text of a cite line (``div.cite``) as docs/assets/cite.js writes it when the page loads: the page's
    citation template filled with the line's locator, place and address."""
    template = page.select_one("div.cite-template[hidden]")
    assert template is not None, "a page with cite lines carries its citation template"
    assert not box.select_one(".cite-text").get_text()  # the line itself carries only its locator
    from studysite import cite

    return cite.fill_template(
        template["data-cite"], where=box["data-where"], place=box["data-node"], url=box.get("data-url", "")
    )
