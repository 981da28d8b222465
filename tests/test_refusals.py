"""Texts the site refuses: one clear message each, exit status 1, no traceback.

Every case is run twice, through ``scripts/build_pages.py --check`` and through
the real ``mkdocs build``, and must give the same message both ways.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SPEECH, copy_project, mkdocs_build, speech_library

TEXT = SPEECH.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
SCRIPT = ROOT / "scripts" / "build_pages.py"

VALID_TEXT = "在公安机关领导干部集体谈心谈话会上的讲话 / 同志们： / …… / 第一，……"
SAVE_AS = "save the text as UTF-8 (or GB18030/GBK, or UTF-16 with a byte-order mark)"


def excerpt(line: str) -> str:
    return line if len(line) <= 60 else line[:60] + "…"


def _swap(text: str, a: str, b: str) -> str:
    """The first ``a`` and the first ``b`` trade places."""
    return text.replace(a, "\ue000", 1).replace(b, a, 1).replace("\ue000", b, 1)


def _column(line_no: int, marker: str) -> int:
    return LINES[line_no - 1].index(marker) + 1


#: case -> (the file's bytes, the message the build must give for sources/bad.txt)
CASES: dict[str, tuple[bytes, str]] = {
    "empty": (
        b"",
        "sources/bad.txt:1:1: error: the file is empty: it has no text at all\n"
        "    (no text)\n"
        f"  expected, for example: {VALID_TEXT}",
    ),
    "whitespace-only": (
        "\u3000\u3000\n \t\n\n".encode("utf-8"),
        "sources/bad.txt:1:1: error: the file holds only blank space (3 lines of spaces, tabs or full-width spaces)\n"
        "    '\\u3000\\u3000'\n"
        f"  expected, for example: {VALID_TEXT}",
    ),
    "binary": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "sources/bad.txt:3:1: error: binary file: NUL byte at byte offset 8"
        " (a text saved as UTF-16 needs its byte-order mark)\n"
        "    \\x00\\x00\\x00\n"
        "  expected, for example: a plain-text file saved as UTF-8",
    ),
    "utf-16-without-bom": (
        TEXT.encode("utf-16-le"),
        # Line and column are counted in the bytes read as UTF-8, which they are not: the offset is what counts.
        "sources/bad.txt:3:1: error: binary file: NUL byte at byte offset 41"
        " (a text saved as UTF-16 needs its byte-order mark)\n"
        "    \\x00\n"
        "  expected, for example: a plain-text file saved as UTF-8",
    ),
    "neither-utf8-nor-gb18030": (
        "标题\n".encode() + b"\x80\xff\n",
        "sources/bad.txt:2:1: error: neither UTF-8 nor GB18030/GBK:"
        " byte offset 7 is not UTF-8 and byte offset 7 is not GB18030\n"
        "    \\x80\\xff\n"
        f"  expected, for example: {SAVE_AS}",
    ),
    "bad-utf-16": (
        b"\xff\xfe" + "标题\n".encode("utf-16-le") + b"\x00\xdc",
        "sources/bad.txt:2:1: error: invalid UTF-16 with BOM at byte offset 8\n"
        "    \\x00\\xdc\n"
        f"  expected, for example: {SAVE_AS}",
    ),
    "missing-part": (
        TEXT.replace("第二，", "第三，").encode("utf-8"),
        "sources/bad.txt:6:1: error: part 第三 is out of order or missing: expected 第二，\n"
        f"    {excerpt(LINES[5].replace('第二，', '第三，'))}\n"
        "  expected, for example: 第二，……",
    ),
    "repeated-part": (
        TEXT.replace("第三，", "第二，").encode("utf-8"),
        "sources/bad.txt:7:1: error: part 第二 is repeated: expected 第三，\n"
        f"    {excerpt(LINES[6].replace('第三，', '第二，'))}\n"
        "  expected, for example: 第三，……",
    ),
    "directive-out-of-order": (
        _swap(TEXT, "首先，", "其次，").encode("utf-8"),
        f"sources/bad.txt:5:{_column(5, '首先，')}: error: directive 其次 is out of order: expected 首先，\n"
        f"    {excerpt('其次，' + LINES[4].split('首先，', 1)[1].replace('其次，', '首先，', 1))}\n"
        "  expected, for example: 首先，…… 其次，…… 最后，……",
    ),
}


#: Texts without a title line are accepted: the title comes from the metadata, else from the file
#: name, and --check says so in a warning.  case -> (the file's bytes, what the first line is)
NO_TITLE: dict[str, tuple[bytes, str]] = {
    "no-title": (TEXT.split("\n", 2)[2].encode("utf-8"), "'同志们：'"),
    "no-recognisable-title": (TEXT.split("\n", 3)[3].encode("utf-8"), repr(LINES[3][:20] + "…")),
    "title-is-a-sentence": (("会议结束。\n" + TEXT.split("\n", 1)[1]).encode("utf-8"), "'会议结束。'"),
}


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", *args], cwd=cwd, capture_output=True, text=True)


def project_with(tmp_path: Path, sources: dict[str, bytes] | None = None) -> Path:
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project", sources)


def bad_project(tmp_path: Path, data: bytes) -> Path:
    return project_with(tmp_path, {"bad.txt": data})


@pytest.mark.parametrize("case", list(CASES))
def test_check_refuses_with_one_message(case: str, tmp_path: Path):
    data, message = CASES[case]
    project = bad_project(tmp_path, data)
    result = check(project, "sources/bad.txt")
    assert (result.returncode, result.stderr, result.stdout) == (1, message + "\n", "")


@pytest.mark.slow  # one MkDocs process per case
@pytest.mark.parametrize("case", list(CASES))
def test_mkdocs_build_refuses_with_the_same_message(case: str, tmp_path: Path):
    data, message = CASES[case]
    project = bad_project(tmp_path, data)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert f"ERROR   -  {message}\n" in build.output
    assert "\nAborted with a BuildError!\n" in build.output
    assert "Traceback" not in build.output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("case", list(NO_TITLE))
def test_a_text_without_a_title_line_is_accepted_with_a_warning(case: str, tmp_path: Path):
    data, first = NO_TITLE[case]
    project = project_with(tmp_path, {"notitle.txt": data})
    result = check(project, "sources/notitle.txt")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[1] == (
        f"sources/notitle.txt: warning: no title line (the text starts with {first}):"
        " the title 'notitle' is made from the file name; give title: in notitle.yml"
    )


def test_every_problem_of_a_file_is_reported(tmp_path: Path):
    text = "标题\n\n同志们：\n开场。\n第一，甲。\n第三，丙。\n第四，丁。其次，戊。首先，己。\n"
    project = bad_project(tmp_path, text.encode("utf-8"))
    result = check(project, "sources/bad.txt")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "sources/bad.txt:6:1: error: part 第三 is out of order or missing: expected 第二，",
        "sources/bad.txt:7:6: error: directive 其次 is out of order: expected 首先，",
    ]


@pytest.mark.slow
def test_a_refused_text_leaves_the_others_built_and_is_named(tmp_path: Path):
    project = project_with(tmp_path, speech_library())  # the speech is "the others": a library of one
    (project / "sources" / "bad.txt").write_bytes(CASES["missing-part"][0])
    # A strict build (make site) reports it and fails, so site/ keeps the last complete library.
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode == 1
    assert f"ERROR   -  studysite: {CASES['missing-part'][1]}\n" in strict.output
    # Asked to publish without it, the build goes on with the other documents and names it on the home page.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STUDYSITE_SKIP_REFUSED": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "未收录的文本" in home and "sources/bad.txt:6:1: error: part 第三 is out of order" in html.unescape(home)
    assert (tmp_path / "site" / "tanxin" / "2-1.html").exists() and not (tmp_path / "site" / "bad").exists()
    result = check(project)
    assert result.returncode == 1 and CASES["missing-part"][1] in result.stderr


def test_a_metadata_title_rescues_a_text_without_one(tmp_path: Path):
    project = project_with(
        tmp_path, {"notitle.txt": NO_TITLE["no-title"][0], "notitle.yml": "title: 谈心谈话会讲话\n".encode()}
    )
    result = check(project, "sources/notitle.txt")
    assert (result.returncode, result.stderr) == (0, "sources/notitle.txt: read as UTF-8, 3 parts, 9 directives\n")


def test_debug_shows_the_traceback(tmp_path: Path):
    project = bad_project(tmp_path, CASES["repeated-part"][0])
    result = check(project, "--debug", "sources/bad.txt")
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.rstrip().endswith(CASES["repeated-part"][1].split("\n")[-1])
    assert "studysite.errors.SourceError: sources/bad.txt:7:1: error: part 第二 is repeated" in result.stderr


def test_check_reports_every_bad_file_and_writes_nothing(tmp_path: Path):
    project = project_with(tmp_path, {"a.txt": CASES["missing-part"][0], "b.txt": CASES["empty"][0]})
    (project / "sources" / "tanxin.txt").write_bytes(SPEECH.read_bytes())
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*")}
    result = check(project, "sources/tanxin.txt", "sources/a.txt", "sources/b.txt")
    assert result.returncode == 1
    assert result.stderr == (
        "sources/tanxin.txt: read as UTF-8, 3 parts, 9 directives\n"
        + CASES["missing-part"][1].replace("bad.txt", "a.txt")
        + "\n"
        + CASES["empty"][1].replace("bad.txt", "b.txt")
        + "\n"
    )
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*")} == before


@pytest.mark.slow  # parses the whole library
def test_check_of_the_real_sources_passes_and_writes_nothing(tmp_path: Path):
    project = project_with(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*")}
    result = check(project)
    assert (result.returncode, result.stderr) == (
        0,
        "sources/gd-zfgzbg-2026.txt: read as UTF-8, 13 parts, 14 sections, 1 closing, 2 annexes\n"
        "sources/tanxin.txt: read as UTF-8, 3 parts, 9 directives\n"
        "sources/zfgzbg-2020.txt: read as GB18030 (GBK), 8 parts\n"
        "sources/zfgzbg-2022.txt: read as UTF-8, 3 parts, 9 sections, 6 interludes\n"
        "sources/zfgzbg-2024.txt: read as UTF-8, 3 parts, 10 sections, 3 interludes\n",
    )
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*")} == before


def test_out_is_required_unless_check(tmp_path: Path):
    result = subprocess.run([sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.endswith(
        "error: --out DIR is required (or --check to validate only, --outline to see the structure)\n"
    )
