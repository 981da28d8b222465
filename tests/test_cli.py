"""scripts/build_pages.py: the same pages as the MkDocs hook, written to a folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Build
from studysite.site import build_site, source_files

SCRIPT = ROOT / "scripts" / "build_pages.py"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow  # generates the whole site
def test_writes_every_page_and_the_catalog(tmp_path: Path):
    result = run("--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    site = build_site(source_files(ROOT))
    written = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.md")}
    assert written == set(site.pages)
    for path, text in site.pages.items():
        assert (tmp_path / "out" / path).read_text(encoding="utf-8") == text
    assert json.loads((tmp_path / "out" / "links.json").read_text(encoding="utf-8")) == site.catalog


def test_pages_are_those_the_site_is_built_from(real_build: Build, tmp_path: Path):
    run("--out", str(tmp_path))
    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    assert json.loads((tmp_path / "links.json").read_text(encoding="utf-8")) == catalog
    for md in tmp_path.rglob("*.md"):
        assert (real_build.site / md.relative_to(tmp_path).with_suffix(".html")).is_file()


def test_a_build_writes_nothing_into_docs(real_build: Build):
    # Generated pages exist only in memory (File.generated); docs/ holds hand-written assets.
    assert list((ROOT / "docs").rglob("*.md")) == []


def test_bad_input_gives_a_message_and_exit_status_1(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_text("标题\n\n同志们：\n开场。\n第一，甲。\n第一，乙。\n", encoding="utf-8")
    result = run(str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:6:1: error: part 第一 is repeated: expected 第二，")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
