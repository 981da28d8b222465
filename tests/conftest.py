"""Shared fixtures: the real speech, and one MkDocs build of the real site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SPEECH = ROOT / "sources" / "tanxin.txt"

# Browser fixtures (chromium, offline_page) live in tests/browser.py.
pytest_plugins = ["browser"]


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


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once from the real project folder."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("real") / "site")
    assert build.returncode == 0, build.output
    return build
