"""The glossary file, terms found in the speech, and their links and pages on the built site.

Occurrences are counted here straight from the source text with ``str.count``,
independently of the generator's own term finder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, parsed
from studysite.errors import SourceError
from studysite.site import load_document, source_files
from studysite.terms import ANNEX_GROUP, GROUPS, find_formulas, index_terms, read_glossary, undefined_id

GLOSSARY = ROOT / "sources" / "glossary.yml"
VERBATIM_PAGES = ["tanxin/index.html", "tanxin/opening.html"] + [f"tanxin/{p}.html" for p in (1, 2, 3)] + [
    f"tanxin/{p}-{d}.html" for p in (1, 2, 3) for d in (1, 2, 3)
]


@pytest.fixture(scope="module")
def glossary():
    return read_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def speech():
    return load_document(ROOT / "sources" / "tanxin.txt")


def expected_count(source: str, forms: tuple[str, ...], quoted: bool) -> int:
    """Occurrences of a term's spellings; an alias inside a longer spelling (八项规定 in
    中央八项规定) is part of that occurrence, not one of its own."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if quoted:
        return len(re.findall(f"“(?:{alternatives})”|《(?:{alternatives})》", source))
    return len(re.findall(alternatives, source))


def resolved_counts(text: str, spellings: dict[str, tuple[tuple[str, ...], bool]]) -> dict[str, int]:
    """Occurrences per term id when every term competes: the longer spelling wins (leftmost first).

    ``spellings``: term id -> (forms, quoted).  A quoted term counts only inside “…” or 《…》.
    """
    candidates = []
    for term_id, (forms, quoted) in spellings.items():
        for form in forms:
            pattern = f"(?<=[“《]){re.escape(form)}(?=[”》])" if quoted else re.escape(form)
            candidates += [(m.start(), m.end(), term_id) for m in re.finditer(pattern, text)]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    counts: dict[str, int] = {}
    last_end = 0
    for start, end, term_id in candidates:
        if start >= last_end:
            counts[term_id] = counts.get(term_id, 0) + 1
            last_end = end
    return counts


def soup(build: Build, url: str) -> BeautifulSoup:
    return build.soup(url)


def term_links(build: Build, term_id: str, css: str = ".verbatim") -> list[str]:
    """Text of every link to a term page inside original-text blocks, over the verbatim pages."""
    found = []
    for page in VERBATIM_PAGES:
        for a in soup(build, page).select(f"{css} a.term"):
            if a["href"].endswith(f"terms/{term_id}.html"):
                found.append(a.get_text())
    return found


# ---- The glossary file ---------------------------------------------------------


def test_glossary_defines_the_formulas_of_the_speech(glossary):
    by_term = {e.term: e for e in glossary}
    assert by_term["四个意识"].short.startswith("政治意识、大局意识、核心意识、看齐意识")
    assert "道路自信、理论自信、制度自信、文化自信" in by_term["四个自信"].short
    assert "对党忠诚、服务人民、执法公正、纪律严明" in by_term["十六字"].short
    assert "十九届六中全会" in by_term["两个确立"].source
    assert "2012年12月4日" in by_term["中央八项规定"].source
    assert "创新、协调、绿色、开放、共享" in by_term["新发展理念"].short
    assert {e.group for e in glossary} == set(GROUPS) - {ANNEX_GROUP}  # that group comes from the reports' annexes
    assert all(re.fullmatch(r"[a-z0-9-]+", e.id) for e in glossary)


def test_unexplained_names_are_not_explained(glossary):
    unexplained = [e for e in glossary if e.group == "未作解释的名称"]
    assert sorted(e.term for e in unexplained) == ["**", "***", "**风险隐患", "三大活动"]
    for entry in unexplained:
        assert "未作解释" in entry.short, entry
    # A bare redaction mark is a term only inside quotation marks.
    assert all(e.quoted for e in unexplained if "*" in e.term)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a\n  term: 甲\n  group: 规范提法\n  short: [unclosed\n", 5, "not valid YAML"),
        (
            "- id: a\n  term: 甲\n  group: 规范提法\n  short: 释义\n  meaning: 多余\n",
            5,
            "unknown glossary key 'meaning'",
        ),
        ("- id: a\n  term: 甲\n  group: 规范提法\n", 1, "the entry has no 'short'"),
        ("- id: 两个\n  term: 甲\n  group: 规范提法\n  short: 释义\n", 1, "is not a short lower-case ASCII name"),
        ("- id: t-1\n  term: 甲\n  group: 规范提法\n  short: 释义\n", 1, "is not a short lower-case ASCII name"),
        ("- id: a\n  term: 甲\n  group: 其他\n  short: 释义\n", 3, "unknown group '其他'"),
        (
            "- id: a\n  term: 甲\n  group: 规范提法\n  short: 释义\n"
            "- id: a\n  term: 乙\n  group: 规范提法\n  short: 释义\n",
            5,
            "id 'a' is used twice",
        ),
        ("- id: a\n  term: 甲\n  aliases: 乙\n  group: 规范提法\n  short: 释义\n", 3, "aliases must be a list"),
        ("terms: []\n", 1, "must be a list of entries"),
    ],
)
def test_bad_glossary_gives_file_line_and_message(tmp_path: Path, text: str, line: int, message: str):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_glossary(path)
    assert str(caught.value).startswith(f"{path}:{line}:")
    assert message in str(caught.value)


def test_bad_glossary_stops_the_cli_with_a_message(tmp_path: Path):
    import subprocess
    import sys

    (tmp_path / "tanxin.txt").write_bytes((ROOT / "sources" / "tanxin.txt").read_bytes())
    (tmp_path / "glossary.yml").write_text("- id: a\n  term: 甲\n  grop: 规范提法\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_pages.py"),
            str(tmp_path / "tanxin.txt"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'glossary.yml'}:3:3: error: unknown glossary key 'grop'")
    assert "Traceback" not in result.stderr


# ---- Terms found in the text ------------------------------------------------------


def test_every_quoted_phrase_and_title_is_a_term(glossary, speech):
    index = index_terms(glossary, [speech])
    texts = {form for t in index.terms for form in t.forms}
    quoted = re.findall(r"“([^“”]+)”", speech.source)
    names = [q for q in quoted if not re.search(r"[，。；：！？]", q)]
    assert len(names) == 35  # the two quoted sentences are quotations, not names
    assert set(names) <= texts
    assert "中国共产党廉洁自律准则" in texts  # the one 《…》 title
    undefined = [t for t in index.terms if t.entry is None]
    assert {t.text for t in undefined} == {
        "向我看齐", "为自己负责、为民警负责、为单位负责、为公安事业负责", "全省一流",
        "干部为事业担当、组织为干部担当", "大我", "小我",
    }
    assert all(t.id == undefined_id(t.text) and re.fullmatch(r"t-[0-9a-f]{6}", t.id) for t in undefined)


def test_numbered_formulas_are_recognised(glossary, speech):
    index = index_terms(glossary, [speech])
    numbered = {t.text for t in index.terms if t.numbered}
    assert numbered == {
        "两个确立", "四个意识", "四个自信", "两个维护", "十六字", "三个区分开来",
        "三个规定", "三力", "三面", "三线", "三大活动",
    }


def test_formulas_name_the_directives_of_their_part(glossary, speech):
    index = index_terms(glossary, [speech])
    formulas = {(f.term, f.part): (f.directives, f.components) for f in index.formulas}
    assert formulas == {
        ("sanli", "1"): (("1-1", "1-2", "1-3"), ("政治判断力", "政治领悟力", "政治执行力")),
        ("sanmian", "2"): (("2-1", "2-2", "2-3"), ("前面", "当面", "直面")),
        ("sanxian", "3"): (("3-1", "3-2", "3-3"), ("底线", "中线", "高线")),
    }


def test_formulas_come_from_the_structure_not_a_list(glossary):
    from studysite.parse import parse_document

    text = "标题\n同志们：\n开场。\n第一，“两面”要做好。首先，要守住正面。其次，要看清反面。\n"
    doc = parse_document(text, slug="x", path="x.txt")
    index = index_terms(glossary, [doc])
    assert [(f.part, f.directives, f.components) for f in find_formulas(index.terms, doc)] == [
        ("1", ("1-1", "1-2"), ("正面", "反面")),
    ]


# ---- Links in the text and term pages -------------------------------------------------


def test_every_glossary_term_is_linked_at_each_occurrence(real_build: Build, glossary, speech_text: str):
    for entry in glossary:
        expected = expected_count(speech_text, (entry.term, *entry.aliases), entry.quoted)
        assert expected > 0, f"{entry.term} does not occur in the speech"
        links = term_links(real_build, entry.id)
        assert len(links) == expected, entry.term
        assert set(links) <= {entry.term, *entry.aliases}
        # The full-text page links them too.
        full = [
            a
            for a in soup(real_build, "tanxin/full.html").select(".fulltext a.term")
            if a["href"] == f"../terms/{entry.id}.html"
        ]
        assert len(full) == expected, entry.term


def test_term_links_carry_the_short_definition(real_build: Build, glossary):
    page = soup(real_build, "tanxin/1-1.html")
    link = page.select_one('.verbatim a.term[href="../terms/sige-yishi.html"]')
    assert link["title"] == "四个意识：政治意识、大局意识、核心意识、看齐意识。"
    sanli = soup(real_build, "tanxin/1.html").select_one('.verbatim a.term[href="../terms/sanli.html"]')
    assert "政治判断力、政治领悟力、政治执行力" in sanli["title"]


def test_every_term_page_lists_exactly_the_occurrences(real_build: Build, glossary, speech_text: str):
    import json

    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    terms = [e for e in catalog if e["kind"] == "term"]
    # Every glossary entry has a page; the other pages are phrases the texts mark.
    assert {e.id for e in glossary} <= {t["id"].removeprefix("terms/") for t in terms}
    texts = [load_document(path).source for path in source_files(ROOT)]
    entries = {e.id: e for e in glossary}
    spellings = {}
    for entry in terms:
        term_id = entry["id"].removeprefix("terms/")
        e = entries.get(term_id)
        title = entry["title"]
        spellings[term_id] = ((e.term, *e.aliases), e.quoted) if e else ((title,), "*" in title or len(title) < 2)
    counted = [resolved_counts(text, spellings) for text in texts]
    for entry in terms:
        term_id = entry["id"].removeprefix("terms/")
        page = soup(real_build, entry["url"])
        assert page.select_one("h1").get_text() == entry["title"]
        glossary_entry = entries.get(term_id)
        forms = (glossary_entry.term, *glossary_entry.aliases) if glossary_entry else (entry["title"],)
        expected = sum(c.get(term_id, 0) for c in counted)
        items = page.select("ol.occurrences li")
        assert len(items) == expected, entry["title"]
        assert page.select_one("#occurrences").get_text(strip=True) == f"出处（{expected} 处）"
        for item in items:
            # The context line holds the term, and the link goes to the page and
            # anchor of the very block that holds it.
            assert item.select_one("mark").get_text() in forms
            href = item.select_one("a.occurrence")["href"]
            target = (real_build.site / entry["url"]).parent / href.partition("#")[0]
            target_page = parsed(target)
            assert target_page.find(id=href.partition("#")[2]) is not None
            # A section owns one block per stretch of its own text (points may stand between).
            blocks = target_page.select(f'.verbatim[data-owner="{item["data-owner"]}"]')
            assert any(form in block.get_text() for block in blocks for form in forms)


def test_the_redacted_names_link_only_where_quoted(real_build: Build):
    assert term_links(real_build, "yinqu-huodong") == ["**"]
    assert term_links(real_build, "yinqu-cuoshi") == ["***"]
    assert term_links(real_build, "yinqu-fengxian") == ["**风险隐患"]
    page = soup(real_build, "terms/yinqu-cuoshi.html")
    assert "未作解释" in page.get_text()


def test_formula_pages_and_part_pages_link_the_right_directives(real_build: Build):
    expected = {"sanli": "1", "sanmian": "2", "sanxian": "3"}
    for term_id, part in expected.items():
        page = soup(real_build, f"terms/{term_id}.html")
        meaning = page.select_one("#meaning-tanxin").find_next("ul")
        assert [a["href"] for a in meaning.select("a")] == [f"../tanxin/{part}-{d}.html" for d in (1, 2, 3)]
        part_page = soup(real_build, f"tanxin/{part}.html")
        assert [a["href"] for a in part_page.select(".formula a")] == [f"../terms/{term_id}.html"] + [
            f"{part}-{d}.html" for d in (1, 2, 3)
        ]
    components = soup(real_build, "terms/sanli.html").select_one("#meaning-tanxin").find_next("ul").select("strong")
    assert [s.get_text() for s in components] == ["政治判断力", "政治领悟力", "政治执行力"]


def test_glossary_index_groups_every_term(real_build: Build):
    import json

    page = soup(real_build, "terms/index.html")
    assert [h.get_text(strip=True) for h in page.select("article h2")] == [*GROUPS, "原文引号、书名号中的其他用语"]
    listed = {a["href"] for a in page.select("article li a")}
    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    assert listed == {e["url"].removeprefix("terms/") for e in catalog if e["kind"] == "term"}
