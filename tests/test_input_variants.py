"""Texts as they really arrive: other encodings, line ends, blanks and marker variants.

Each variant of the real speech is one document of a single MkDocs build; each
must give the speech's structure, show its text exactly (every character once,
line breaks aside) and, for the encoding, be named in the build's log.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SPEECH, Build, copy_project, mkdocs_build
from studysite.parse import parse_document
from studysite.reading import read_source
from test_built_site import soup, verbatim_text

TEXT = SPEECH.read_text(encoding="utf-8")


def _blanks(text: str) -> str:
    """Word-export blanks: trailing spaces and a tab, full-width indentation, runs of blank lines."""
    lines = text.split("\n")
    lines[0] += "  \t"
    lines[3:7] = ["\u3000\u3000" + line + "   " for line in lines[3:7]]
    lines[6] = " \t" + lines[6]  # ASCII blanks and a tab before the full-width ones
    out = "\n \n\u3000\u3000\n".join(["\n".join(lines[:2]), "\n".join(lines[2:])])
    # Two directives of part 2 open their own paragraphs, indented by full-width spaces and by a tab.
    part2 = out.index("第二，")
    out = out[:part2] + out[part2:].replace("其次，", "\n\n\n\u3000\u3000其次，", 1).replace("最后，", "\n\t最后，", 1)
    return out + "\n\n\n"


#: slug -> (the text as decoded, the bytes on disk, the encoding the build must name)
VARIANTS: dict[str, tuple[str, bytes, str]] = {
    "bom": (TEXT, b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
    "gbk": (TEXT, TEXT.encode("gbk"), "GB18030 (GBK)"),
    "utf16le": (TEXT, b"\xff\xfe" + TEXT.encode("utf-16-le"), "UTF-16 with BOM"),
    "utf16be": (TEXT, b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16 with BOM"),
    "crlf": (TEXT, TEXT.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
    "cr": (TEXT, TEXT.replace("\n", "\r").encode("utf-8"), "UTF-8"),
    "blanks": (_blanks(TEXT), _blanks(TEXT).encode("utf-8"), "UTF-8"),
    "dun": (re.sub("第([一二三])，", r"第\1、", TEXT),) * 2 + ("UTF-8",),
    "comma": (re.sub("第([一二三])，", r"第\1,", TEXT),) * 2 + ("UTF-8",),
    "space": (re.sub("(第[一二三]|首先|其次|最后)，", r"\1， ", TEXT),) * 2 + ("UTF-8",),
    "halfwidth": (re.sub("(首先|其次|最后)，", r"\1,", TEXT),) * 2 + ("UTF-8",),
    "ordinal": (re.sub("。([一二三])是", r"。\1是， ", TEXT).replace("二是， ", "二是,"),) * 2 + ("UTF-8",),
}
for _slug, (_text, _data, _name) in list(VARIANTS.items()):
    if isinstance(_data, str):
        VARIANTS[_slug] = (_text, _data.encode("utf-8"), _name)


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(
        tmp_path_factory.mktemp("variants"), {f"{s}.txt": data for s, (_, data, _) in VARIANTS.items()}
    )
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def speech_structure() -> list:
    return structure(parse_document(TEXT, slug="tanxin", path="tanxin.txt"))


def structure(doc) -> list:
    return [
        (p.id, p.heading, [(d.id, d.marker, d.heading, [pt.heading for pt in d.points]) for d in p.directives])
        for p in doc.parts
    ]


def test_variants_are_the_texts_they_claim_to_be():
    assert VARIANTS["blanks"][0].count("\u3000\u3000") == 6 and "\t最后，" in VARIANTS["blanks"][0]
    assert VARIANTS["dun"][0].count("第二、") == 1 and "第二，" not in VARIANTS["dun"][0]
    assert VARIANTS["space"][0].count("首先， ") == 2 and VARIANTS["halfwidth"][0].count("其次,") == 2
    assert "。一是， 底线" in VARIANTS["ordinal"][0] and "。二是,中线" in VARIANTS["ordinal"][0]
    assert "\n \t\u3000\u3000第三，" in VARIANTS["blanks"][0]
    assert VARIANTS["gbk"][1].decode("gbk") == TEXT and not VARIANTS["gbk"][1].isascii()


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(VARIANTS))
def test_variant_is_read_as_the_speech(slug: str, variants: Build, speech_structure: list):
    text, _, encoding = VARIANTS[slug]
    source = read_source(variants.root / "sources" / f"{slug}.txt")
    assert source.text == text
    assert structure(parse_document(source.text, slug=slug, path=source.path)) == speech_structure
    # The build says which encoding it used.
    assert f"INFO    -  studysite: sources/{slug}.txt: read as {encoding}, 3 parts, 9 directives\n" in variants.output


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(VARIANTS))
def test_variant_shows_every_character_once(slug: str, variants: Build):
    text = VARIANTS[slug][0]
    assert verbatim_text(variants, slug).replace("\n", "") == text.replace("\n", "")


#: slug -> (text of part 1's page, first paragraph; of directive 1-1's page, first paragraph)
OPENINGS = {
    "bom": ("第一，“三力”务必要进一步提高。", "首先，要不断修养政治品德，提高政治判断力。"),
    "crlf": ("第一，“三力”务必要进一步提高。", "首先，要不断修养政治品德，提高政治判断力。"),
    "dun": ("第一、“三力”务必要进一步提高。", "首先，要不断修养政治品德，提高政治判断力。"),
    "comma": ("第一,“三力”务必要进一步提高。", "首先，要不断修养政治品德，提高政治判断力。"),
    "space": ("第一， “三力”务必要进一步提高。", "首先， 要不断修养政治品德，提高政治判断力。"),
    "halfwidth": ("第一，“三力”务必要进一步提高。", "首先,要不断修养政治品德，提高政治判断力。"),
    "ordinal": ("第一，“三力”务必要进一步提高。", "首先，要不断修养政治品德，提高政治判断力。"),
}


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(OPENINGS))
def test_marker_variant_pages(slug: str, variants: Build):
    part_first, directive_first = OPENINGS[slug]
    part = soup(variants, f"{slug}/1.html")
    assert part.select_one("article h1").get_text(strip=True) == "第一部分：“三力”务必要进一步提高"
    assert part.select_one(".verbatim p").get_text().startswith(part_first)
    directive = soup(variants, f"{slug}/1-1.html")
    assert directive.select_one("article h1").get_text(strip=True) == "1-1 要不断修养政治品德，提高政治判断力"
    assert directive.select_one(".verbatim p").get_text().startswith(directive_first)


@pytest.mark.slow
def test_ordinal_marker_variants(variants: Build):
    pages = [soup(variants, f"ordinal/3-{n}.html") for n in (1, 2, 3)]
    headings = [p.select_one("article h1").get_text(strip=True) for p in pages]
    assert headings == ["3-1 底线要守牢", "3-2 中线要达标", "3-3 高线要出彩"]
    starts = [p.select_one(".verbatim p").get_text()[:9] for p in pages]
    assert starts == ["一是， 底线要守牢", "二是,中线要达标。", "三是， 高线要出彩"]


@pytest.mark.slow
def test_blanks_are_kept_but_make_no_paragraphs(variants: Build):
    title = soup(variants, "blanks/index.html").select_one("h1.verbatim")
    assert title.get_text() == "在公安机关领导干部集体谈心谈话会上的讲话  \t"
    # 其次 and 最后 open their own paragraphs after blank lines and indentation: the parser finds
    # them, each page starts with its marker, and the blanks before a marker stay, as characters,
    # at the end of the page before it.  No paragraph is made of blanks alone.
    pages = {
        page: [p.get_text() for p in soup(variants, f"blanks/{page}.html").select(".verbatim p")]
        for page in ("2-1", "2-2", "2-3")
    }
    assert [texts[0] for texts in pages.values()] == [
        "首先，务必强在前面。",
        "其次，务必敢于当面。",
        "最后，务必勇于直面。",
    ]
    assert pages["2-1"][-1].endswith("的先进典范。\u3000\u3000")
    assert pages["2-2"][-1].endswith("当“老爷官”。\t")
    assert pages["2-3"][-1].endswith("得利。    \t\u3000\u3000")
    for page in variants.site.glob("blanks/*.html"):
        for p in soup(variants, f"blanks/{page.name}").select(".verbatim p"):
            assert p.get_text().strip(" \t\u3000"), page.name


@pytest.mark.slow
def test_full_width_indentation_is_marked_not_indented_twice(variants: Build):
    opening = soup(variants, "blanks/opening.html")
    first = opening.select(".verbatim p")
    indents = [p.select_one(".indent") for p in first]
    assert [i.get_text() if i else None for i in indents] == [" \u3000\u3000", "\u3000\u3000"]
    assert first[1].get_text().startswith("\u3000\u3000根据中央、省委、市委")
    css = (ROOT / "docs" / "assets" / "study.css").read_text(encoding="utf-8")
    assert ".md-typeset .verbatim p:has(> .indent:first-child)" in css


def test_a_real_gbk_document_is_decoded():
    """A real 政府工作报告 saved as GBK by an old Windows machine.

    From tests/corpus, a byte-for-byte copy of shared/corpus."""
    path = ROOT / "tests" / "corpus" / "zfgzbg-2020-gbk.txt"
    assert path.is_file(), f"{path} is missing: the shared corpus lies beside the repository"
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert source.text.startswith("政府工作报告（文字实录）\n\n——2020年5月22日在第十三届全国人民代表大会第三次会议上")
    assert source.text.rstrip().endswith("(来源：中国政府网）")


def test_check_names_each_encoding(tmp_path: Path):
    for slug in ("gbk", "utf16le", "cr"):
        (tmp_path / f"{slug}.txt").write_bytes(VARIANTS[slug][1])
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pages.py"), "--check", "gbk.txt", "utf16le.txt", "cr.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "gbk.txt: read as GB18030 (GBK), 3 parts, 9 directives\n"
        "utf16le.txt: read as UTF-16 with BOM, 3 parts, 9 directives\n"
        "cr.txt: read as UTF-8, 3 parts, 9 directives\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cr.txt", "gbk.txt", "utf16le.txt"]
