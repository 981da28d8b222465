"""scripts/bench.py in its tiniest mode, so the benchmark cannot silently rot.

No figure is judged here (speed targets live in the benchmark's report, not in
tests): only that the script runs end to end and measures the real site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import _require_chromium
from conftest import ROOT, Build
from studysite.site import build_site

BENCH = ROOT / "scripts" / "bench.py"

pytestmark = pytest.mark.slow


def run_bench(out: Path, *extra: str) -> tuple[str, dict]:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "1", "--out", str(out), "--workdir", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, json.loads((out / "results-1.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_bench_builds_and_weighs_a_one_document_library(tmp_path: Path, speech_text: str):
    stdout, row = run_bench(tmp_path, "--no-browser")
    assert row["documents"] == 1 and row["texts"] == ["tanxin.txt"]
    assert row["text_bytes"] == len(speech_text.encode("utf-8"))
    # the speech's own pages (as build_site makes them); MkDocs adds 404.html
    generated = len(build_site([ROOT / "sources" / "tanxin.txt"]).pages)
    assert row["generator"]["generated_pages"] == generated and row["pages"] == generated + 1
    assert (
        row["directive_median_page"].startswith("doc001/")
        and 0 < row["directive_median_nav_bytes"] < row["directive_median_bytes"]
    )
    assert row["build"]["cpu_s"] > row["generator"]["cpu_s"] > 0 and row["build"]["peak_rss_mb"] > 0
    assert row["search"] == {}
    assert f"| 1 | {generated + 1} |" in stdout
    assert (tmp_path / "growth.png").stat().st_size > 10_000
    assert not any(tmp_path.glob("bench-*")), "the throwaway project is removed"


@pytest.mark.browser
def test_bench_measures_our_search_in_chromium(tmp_path: Path):
    _require_chromium()
    # Recall@3 on the real library is the next test's, on the real build the other tests share.
    _, row = run_bench(tmp_path, "--queries", "2", "--engines", "ours", "--no-recall", "--keep")
    ours = row["search"]["ours"]
    assert row["search_page"] == "doc001/1-1.html"
    assert ours["ready_ms"] > 0 and ours["first_result_ms"] is not None and ours["blocked_requests"] == 0
    # nothing of the index before the search; then only some of its files
    assert all(run["loaded_before_search"] == 0 for run in ours["runs"])
    assert all("meta.js" in run["files"] and 0 < run["bytes"] < ours["index_bytes"] for run in ours["runs"])
    # typed once the box is open and, on other fresh pages, at ready: every query, every round
    assert len(ours["runs"]) == len(ours["runs_typed_at_ready"]) == 2 * ours["repeat"]
    assert set(ours["per_query"]) == {run["query"] for run in ours["runs"]}
    # --ours-only measures our search again on the kept library and replaces only that row
    (project,) = tmp_path.glob("bench-*/library-1")
    done = subprocess.run(
        [sys.executable, str(BENCH), "--ours-only", str(project), "--no-reindex", "--queries", "1", "--repeat", "1"]
        + ["--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    again = json.loads((tmp_path / "results-1.json").read_text(encoding="utf-8"))
    assert again["build"] == row["build"] and len(again["search"]["ours"]["runs"]) == 1
    assert not (tmp_path / "recall.json").exists()


def test_bench_recall_of_our_search_on_the_real_library(
    real_build: Build, chromium, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The bench's recall@3 (``bench.recall``, as ``make bench`` runs it) over the real library.

    The bench would build the real project again for it; that build is byte-identical to
    ``real_build`` (test_two_clean_builds_are_byte_identical), so it gets a copy of that.
    """
    import bench

    def copy_of_real_build(project: Path, site: Path) -> dict[str, float]:
        shutil.copytree(real_build.site, site)
        return {}

    monkeypatch.setattr(bench, "make_real_project", lambda target: None)
    monkeypatch.setattr(bench, "mkdocs_build", copy_of_real_build)
    recall = bench.recall(chromium, ("ours",), tmp_path)
    assert recall["ours"]["recall_at_3"] == 1.0, recall["ours"]["misses"]
    assert recall["ours"]["queries"] == len(bench.load_queries())
