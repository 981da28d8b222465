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
VERBATIM_PAGES = (
    ["tanxin/index.html", "tanxin/opening.html"]
    + [f"tanxin/{p}.html" for p in (1, 2, 3)]
    + [f"tanxin/{p}-{d}.html" for p in (1, 2, 3) for d in (1, 2, 3)]
)


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


def word_boundaries(text: str) -> set[int]:
    """Offsets between two words of ``text`` as jieba cuts each line (dictionary only)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    cuts = {0, len(text)}
    pos = 0
    for line in text.split("\n"):
        for word in jieba.cut(line, HMM=False):
            pos += len(word)
            cuts.add(pos)
        pos += 1
        cuts.add(pos)
    return cuts


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
    cuts = word_boundaries(text)
    counts: dict[str, int] = {}
    last_end = 0
    for start, end, term_id in candidates:
        if start >= last_end and start in cuts and end in cuts:
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
        "向我看齐",
        "为自己负责、为民警负责、为单位负责、为公安事业负责",
        "全省一流",
        "干部为事业担当、组织为干部担当",
        "大我",
        "小我",
    }
    assert all(t.id == undefined_id(t.text) and re.fullmatch(r"t-[0-9a-f]{6}", t.id) for t in undefined)


def test_numbered_formulas_are_recognised(glossary, speech):
    index = index_terms(glossary, [speech])
    numbered = {t.text for t in index.terms if t.numbered and index.occurrences_of(t.id)}
    assert numbered == {
        "两个确立",
        "四个意识",
        "四个自信",
        "两个维护",
        "十六字",
        "三个区分开来",
        "三个规定",
        "三力",
        "三面",
        "三线",
        "三大活动",
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


def test_every_explained_term_is_linked_once_per_paragraph(real_build: Build, glossary, speech_text: str):
    """A term links at its first occurrence in each paragraph (a source line) and nowhere else in it;
    a name the text does not explain is never a link, though its page lists it."""
    lines = speech_text.split("\n")
    in_speech = [e for e in glossary if not e.docs or "tanxin" in e.docs]
    linked = 0
    for entry in in_speech:
        forms = (entry.term, *entry.aliases)
        paragraphs = sum(expected_count(line, forms, entry.quoted) > 0 for line in lines)
        links = term_links(real_build, entry.id)
        if entry.group == "未作解释的名称":
            assert paragraphs > 0 and links == [], entry.term
            continue
        assert len(links) == paragraphs, entry.term
        assert set(links) <= set(forms)
        linked += len(links)
        full = [
            a
            for a in soup(real_build, "tanxin/full.html").select(".fulltext a.term")
            if a["href"] == f"../terms/{entry.id}.html"
        ]
        assert len(full) == paragraphs, entry.term
    assert linked > 20
    # No paragraph links one term twice (the issue: 政治判断力 three times in one paragraph of 1-1).
    for page in VERBATIM_PAGES:
        for p in soup(real_build, page).select(".verbatim p"):
            hrefs = [a["href"] for a in p.select("a.term")]
            assert len(hrefs) == len(set(hrefs)), (page, p.get_text()[:40])


def test_phrases_that_are_not_explained_are_not_links(real_build: Build):
    """In every document's text, a term link always leads to an explanation."""
    import json

    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    pages = [
        e["url"] for e in catalog if e["kind"] in ("opening", "part", "directive", "section", "annex", "interlude")
    ]
    explained = {e.id for e in read_glossary(GLOSSARY) if e.group != "未作解释的名称"}
    links = 0
    for url in pages:
        for a in soup(real_build, url).select(".verbatim a.term"):
            term_id = a["href"].rsplit("/", 1)[-1].removesuffix(".html")
            # Annex entries are explained by the annex: ids <document>-<point>.
            assert term_id in explained or term_id.startswith(url.split("/")[0] + "-"), (url, a.get_text())
            links += 1
    assert links > 150


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
    texts = [(doc.slug, doc.source) for doc in map(load_document, source_files(ROOT))]
    entries = {e.id: e for e in glossary}
    spellings = {}
    for entry in terms:
        term_id = entry["id"].removeprefix("terms/")
        e = entries.get(term_id)
        title = entry["title"]
        spellings[term_id] = ((e.term, *e.aliases), e.quoted) if e else ((title,), "*" in title)
    # A term counts in the documents it belongs to: a glossary entry everywhere (or where its
    # `docs` say), an annex's own entry in its document, a phrase where the text quotes it.
    annex_ids = {e["id"].removeprefix("terms/") for e in terms} - set(entries)
    counted = []
    for slug, text in texts:
        mine = {
            term_id: spelling
            for term_id, spelling in spellings.items()
            if (term_id in entries and (not entries[term_id].docs or slug in entries[term_id].docs))
            or (term_id.startswith(slug + "-") and term_id in annex_ids)
            or (term_id.startswith("t-") and any(f"“{f}”" in text or f"《{f}》" in text for f in spelling[0]))
        }
        counted.append(resolved_counts(text, mine))
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


def test_the_unexplained_names_are_listed_but_not_linked(real_build: Build):
    for term_id, text, count in (
        ("yinqu-huodong", "**", 1),
        ("yinqu-cuoshi", "***", 1),
        ("yinqu-fengxian", "**风险隐患", 1),
    ):
        assert term_links(real_build, term_id) == []
        page = soup(real_build, f"terms/{term_id}.html")
        assert "未作解释" in page.get_text()
        assert [m.get_text() for m in page.select("ol.occurrences mark")] == [text] * count


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


# ---- The glossary against the fact sheet ------------------------------------------------

FACTS = ROOT / "tests" / "reference" / "terms-facts.md"

#: For rows whose established meaning the fact sheet gives in English: the words a correct
#: Chinese definition must contain (our reading of that English line).
ENGLISH_MEANINGS = {
    "中央八项规定": ["改进工作作风", "密切联系群众"],
    "中国共产党廉洁自律准则": ["廉洁自律"],
    "刀把子": ["政法机关", "党和人民"],
    "十个指头弹钢琴": ["统筹兼顾"],
    "解剖麻雀": ["典型", "普遍规律"],
    "望闻问切": ["中医", "诊法"],
    "实干兴邦、空谈误国": ["实干", "空谈"],
    "政法队伍教育整顿": ["2021", "政法队伍"],
    "党的二十大": ["第二十次全国代表大会", "2022年10月"],
    "三个区分开来": ["缺乏经验", "先行先试", "明知故犯", "探索性试验", "明令禁止", "无意过失", "谋取私利"],
    "三个规定": ["干预司法", "过问案件", "律师"],
    "枫桥经验": ["依靠群众", "就地化解"],
    "关键少数": ["领导干部"],
    "十三五": ["第十三个五年规划", "2016", "2020"],
    "十四五": ["第十四个五年规划", "2021", "2025"],
    "十五五": ["第十五个五年规划", "2026", "2030"],
    "一带一路": ["丝绸之路经济带", "21世纪海上丝绸之路"],
    "一国两制": ["一个国家", "两种制度"],
    "港人治港": ["香港", "高度自治"],
    "澳人治澳": ["澳门", "高度自治"],
    "爱国者治港": ["香港", "爱国者"],
    "爱国者治澳": ["澳门", "爱国者"],
    "九二共识": ["1992", "一个中国原则"],
    "双减": ["义务教育", "作业负担", "校外培训负担"],
    "菜篮子": ["蔬菜", "市长负责制"],
    "米袋子": ["粮食", "省长责任制"],
    "揭榜挂帅": ["关键技术", "谁能"],
    "高效办成一件事": ["跨部门", "一次办成"],
    "互联网+": ["互联网", "结合"],
    "人工智能+": ["人工智能", "结合"],
    "走出去": ["企业", "境外投资"],
    "一刀切": ["不顾", "差别"],
    "内卷式": ["价格", "不创造价值"],
}

#: Rows that are not one explained formula each: idioms, names the text leaves unexplained,
#: the speech's own formulas (checked from its structure), single characters, 双控.
NOT_FORMULA_ROWS = {"好好先生", "三大活动", "三面", "三力", "好", "双控"}


def fact_rows() -> list[tuple[list[str], list[str]]]:
    """(formulas, the Chinese words of their established meaning) per row of both tables."""
    rows = []
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| term", "| formula")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = re.findall(r"“([^”]+)”", cells[0]) or [re.match(r"[^\s(（/]+", cells[0]).group().strip("《》")]
        rows.append((names, re.findall(r"[\u4e00-\u9fff][\u4e00-\u9fff“”]*", cells[1])))
    return rows


def test_the_glossary_explains_every_formula_of_the_fact_sheet(glossary):
    by_form = {form: e for e in glossary for form in (e.term, *e.aliases)}
    checked = 0
    for names, meaning in fact_rows():
        if names[0] in NOT_FORMULA_ROWS:
            continue
        for name in names:
            entry = by_form.get(name)
            assert entry is not None, f"{name}: no glossary entry"
            assert entry.group != "未作解释的名称", name
            wanted = meaning or ENGLISH_MEANINGS.get(name, [])
            assert wanted, f"{name}: add the words of its meaning to ENGLISH_MEANINGS"
            explanation = entry.short + entry.note
            for word in wanted:
                assert word in explanation, f"{name}: {word!r} missing from {explanation!r}"
            checked += 1
    assert checked >= 50


def test_context_dependent_and_single_character_rows(glossary):
    by_form = {e.term: e for e in glossary}
    # 双控 is explained from its one sentence, in the one report where it stands.
    shuangkong = by_form["双控"]
    assert shuangkong.docs == ("zfgzbg-2022",)
    assert "能源消费总量和强度" in shuangkong.short and "碳排放总量和强度" in shuangkong.short
    # Quoted single characters are no terms at all.
    documents = [load_document(path) for path in source_files(ROOT)]
    index = index_terms(glossary, documents)
    assert not [t.text for t in index.terms if len(t.text) < 2 and "*" not in t.text]


# ---- Terms belong to their documents; words are whole words ---------------------------------


def test_a_quoted_word_of_a_new_text_does_not_relink_the_old_ones(glossary, speech):
    """《求是》 and “家长” in a new text: the speech's 实事求是 and 国家长治久安 stay plain."""
    from studysite.parse import parse_document

    new = parse_document(
        "新文章\n\n一、学习\n我们读《求是》，听“家长”的意见，坚持实事求是，维护国家长治久安。求是，是一种态度。\n",
        slug="new",
        path="new.txt",
    )
    speech_with_words = parse_document(
        speech.source + "\n坚持实事求是，维护国家长治久安。\n", slug="tanxin", path="tanxin.txt", meta=speech.meta
    )
    before = index_terms(glossary, [speech_with_words])
    after = index_terms(glossary, [speech_with_words, new])
    assert after.occurrences_in("tanxin") == before.occurrences_in("tanxin")
    mine = {(new.source[o.start : o.end], new.source[o.start - 2 : o.end + 2]) for o in after.occurrences_in("new")}
    texts = [text for text, _ in mine]
    # The quoted ones and the standalone 求是 count; the ones inside longer words do not.
    assert texts.count("家长") == 1 and texts.count("求是") == 2
    assert not any("实事" in around or "国家长治" in around for _, around in mine)


def test_an_annex_explains_its_terms_only_in_its_own_document(real_build: Build):
    import json

    catalog = json.loads((real_build.site / "links.json").read_text(encoding="utf-8"))
    annex_terms = [
        e
        for e in catalog
        if e["kind"] == "term"
        and re.fullmatch(r"terms/[a-z0-9-]+-\d.*", e["id"])
        and e["id"].split("/")[1].rsplit("-", 2)[0] in {d["id"] for d in catalog if d["kind"] == "document"}
    ]
    assert annex_terms
    for entry in annex_terms:
        page = soup(real_build, entry["url"])
        owners = {h["id"] for h in page.select("#occurrences ~ h3")}
        slug = entry["id"].removeprefix("terms/")
        assert all(slug.startswith(owner.removeprefix("in-") + "-") for owner in owners), (entry["title"], owners)
