"""Hostile text in a source is shown, never executed.

Everything that Markdown, HTML, pymdown-extensions or Jinja would interpret is
inserted into the real speech (into a paragraph and into a heading sentence),
the site is built, and the pages must show the text exactly while no new
element, attribute or file read appears.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SPEECH, Build, copy_project
from test_built_site import VERBATIM_KINDS

#: Every test here builds a site (the property test, 12 of them).
pytestmark = pytest.mark.slow

TEXT = SPEECH.read_text(encoding="utf-8")

#: Everything the issue lists, and a few more of the same kind.
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "{#id .class}",
    "{: .admonition onclick=alert(1) }",
    '--8<-- "/etc/passwd"',
    '--8<-- "etc/passwd"',
    "!!! note",
    "??? danger",
    "==mark==",
    "~~del~~",
    "^^ins^^",
    "++ctrl+alt+del++",
    ":smile:",
    ":material-alert:",
    "$$x^2$$",
    "$x$",
    "{{ config.site_name }}",
    "{% include 'base.html' %}",
    "{# c #}",
    "&amp;",
    "&lt;b&gt;",
    "&#60;",
    "*",
    "**",
    "_",
    "__x__",
    "`",
    "```",
    "|",
    "| a | b |",
    "#",
    "# h",
    "\\",
    "<!--",
    "-->",
    "</div>",
    "</p>",
    "</title>",
    "<![CDATA[",
    "]]>",
    "'",
    '"',
    "\t",
    " ",
    "  ",
    "\u3000",
    "中文",
    "x",
    "[^1]",
    "*[HTML]: x",
    "<svg onload=alert(1)>",
    "\\*",
]

#: Where hostile text goes: inside part 1's lead-in paragraph (a part page) ...
BODY_AFTER = "政治判断力、政治领悟力和政治执行力三者相互联系、"
#: ... and inside directive 1-1's heading sentence (its nav title, <title>, h1, search entry).
HEADING_AFTER = "首先，要不断修养政治品德，"
HEADING = "要不断修养政治品德，提高政治判断力"

PASSWD_LINE = Path("/etc/passwd").read_text(encoding="utf-8").split("\n")[0]

#: Tags that could run something or fetch something, counted on every page.
ACTIVE = ("script", "img", "iframe", "object", "embed", "svg", "math", "style", "link", "form", "input", "base", "meta")


def insert(body: str, heading: str) -> str:
    assert TEXT.count(BODY_AFTER) == 1 and TEXT.count(HEADING_AFTER) == 1
    text = TEXT.replace(BODY_AFTER, BODY_AFTER + body)
    return text.replace(HEADING_AFTER, HEADING_AFTER + heading)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per test session instead of once per build.

    MkDocs makes a new Jinja environment for every build, which compiles every template
    again: a third of a small build's time.  Jinja checks each entry against the
    template's source (its checksum), so a changed template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def build_in_process(project: Path, site: Path) -> Build:
    """``mkdocs build --strict`` through MkDocs' Python API: no interpreter start-up per build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.theme import Theme

    get_env = Theme.get_env

    def with_compiled_templates(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = COMPILED
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Theme, "get_env", with_compiled_templates)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return Build(project, site, 0, "")


@dataclass
class Shape:
    """What a page is made of, text aside."""

    outside: Counter
    """(tag, attribute names) of every element outside the verbatim blocks."""
    active: Counter
    """Elements of ACTIVE kinds, anywhere on the page."""


def shape(page: BeautifulSoup) -> Shape:
    inside = {id(el) for block in page.select(".verbatim, .fulltext") for el in block.find_all(True)}
    outside = Counter((el.name, tuple(sorted(el.attrs))) for el in page.find_all(True) if id(el) not in inside)
    return Shape(outside, Counter(el.name for el in page.find_all(ACTIVE)))


def assert_inert(page: BeautifulSoup, name: str) -> None:
    """Inside original text only paragraphs, redaction marks and indentation; nowhere a script URL or handler."""
    for block in page.select(".verbatim, .fulltext"):
        for el in block.find_all(True):
            allowed = (
                (el.name == "p" and not el.attrs)
                or (  # a paragraph anchor (README, 引用与讲义): an id made from the structure, nothing else
                    el.name == "p"
                    and set(el.attrs) <= {"id", "data-inline"}
                    and re.fullmatch(r"(title|opening|a?\d+(-u?\d+)*)-p\d+", el.get("id", ""))
                    and el.get("data-inline", "") == ""
                )
                # The title (a term's definition, the redaction note) only on the page's first one (titles_once).
                or (el.name == "span" and el.get("class") == ["redacted"] and set(el.attrs) <= {"class", "title"})
                or (el.name == "span" and el.get("class") == ["indent"] and set(el.attrs) == {"class"})
                or (el.name == "span" and el.get("class") == ["quotation"] and set(el.attrs) == {"class", "title"})
                or (
                    el.name == "a"
                    and el.get("class") == ["term"]
                    and {"class", "href"} <= set(el.attrs) <= {"class", "href", "title"}
                    and re.fullmatch(r"(\.\./)*terms/[a-z0-9-]+\.html", el["href"])
                )
            )
            assert allowed, (name, str(el)[:200])
    for el in page.find_all(True):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), (name, str(el)[:200])
            values = value if isinstance(value, list) else [value]
            assert not any(v.strip().lower().startswith("javascript:") for v in values), (name, str(el)[:200])


def document_text(site: Path, built: dict[str, BeautifulSoup]) -> str:
    """The text of the .verbatim elements over the document's pages, in catalog order (as test_built_site)."""
    order: list[str] = []
    for entry in json.loads((site / "links.json").read_text(encoding="utf-8")):
        page = entry["url"].partition("#")[0]
        if entry["kind"] in VERBATIM_KINDS and page not in order:
            order.append(page)
    return "".join(el.get_text() for page in order for el in built[page].select(".verbatim"))


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile"), {"tanxin.txt": SPEECH.read_bytes()})


def html_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def parse(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html.decode("utf-8"), "html.parser")


@dataclass(frozen=True)
class Baseline:
    """The site of the unchanged speech: every page's bytes, tree and shape."""

    html: dict[str, bytes]
    pages: dict[str, BeautifulSoup]
    shapes: dict[str, Shape]


@pytest.fixture(scope="module")
def baseline(project: Path) -> Baseline:
    build = build_in_process(project, project / "baseline")
    html = html_files(build.site)
    built = {name: parse(data) for name, data in html.items()}
    # What every page of a hostile build is held to, so a page that comes out byte for byte
    # the same (most of them: check_hostile_build) holds to it as well.
    for name, page in built.items():
        assert_inert(page, name)
    return Baseline(html, built, {name: shape(page) for name, page in built.items()})


def check_hostile_build(project: Path, baseline: Baseline, body: str, heading: str) -> None:
    text = insert(body, heading)
    (project / "sources" / "tanxin.txt").write_text(text, encoding="utf-8")
    build = build_in_process(project, project / "site")
    html = html_files(build.site)
    assert set(html) == set(baseline.html)
    # Parsing is deterministic: a page with the baseline's very bytes has the baseline's tree,
    # shape and inertness (checked in the fixture).  Only the pages that differ are parsed.
    changed = [name for name, data in html.items() if data != baseline.html[name]]
    built = {name: parse(data) if name in changed else baseline.pages[name] for name, data in html.items()}

    # Shown exactly: every character of the text once, in order, and the inserted text on its page.
    assert document_text(build.site, built).replace("\n", "") == text.replace("\n", "")
    part = "".join(el.get_text() for el in built["tanxin/1.html"].select(".verbatim")).replace("\n", "")
    assert BODY_AFTER + body.replace("\n", "") in part
    heading_text = HEADING.replace("，", "，" + heading, 1)
    page = built["tanxin/1-1.html"]
    assert page.select_one("article h1").get_text() == f"1-1 {heading_text}"
    # The tab names the document too (studysite/titles.py): shown, never run.
    assert page.title.get_text() == f"1-1 {heading_text} · 在公安机关领导干部集体谈心谈话… - 学习文库"
    assert page.select_one("a.md-nav__link--active").get_text().strip() == f"1-1 {heading_text}"
    # The search index holds plain text (docs/assets/search.js escapes it when it shows it).
    chunks = [
        json.loads(p.read_text(encoding="utf-8").partition(",")[2].rstrip().removesuffix(");"))
        for p in (build.site / "search" / "t").glob("*.js")
    ]
    titles = [
        entry[1] for chunk in chunks for url, _, entries in chunk if url == "tanxin/1-1.html" for entry in entries
    ]
    assert titles and titles[0] == f"1-1 {heading_text}"

    # Nothing new: the same elements and attributes outside the original text, no new active
    # element anywhere, nothing but paragraphs and marks inside it, no file read.
    assert changed, "the hostile text changed no page"
    for name in changed:
        found = shape(built[name])
        assert found.outside == baseline.shapes[name].outside, name
        assert found.active == baseline.shapes[name].active, name
        assert_inert(built[name], name)
    for path in build.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert PASSWD_LINE not in path.read_text(encoding="utf-8"), path


body_text = st.lists(st.sampled_from([*FRAGMENTS, "\n", "\n\n"]), min_size=1, max_size=12).map("".join)
heading_text = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)


# 10 random texts besides the two explicit ones: each is a whole MkDocs build (about 4 s); the
# hypothesis database (tests/.hypothesis, local) replays any text that once failed there.
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(body="\n".join(FRAGMENTS), heading="".join(f for f in FRAGMENTS if f.strip()))
@example(body="\n# h\n!!! note\n    x\n| a | b |\n|---|---|\n", heading="<script>alert(1)</script>")
@given(body=body_text, heading=heading_text)
def test_hostile_text_is_shown_never_executed(project: Path, baseline: Baseline, body: str, heading: str):
    check_hostile_build(project, baseline, body, heading)


def test_the_nav_would_run_a_heading_if_titles_were_not_escaped(project: Path, tmp_path: Path):
    """The check above can fail: with layout.nav_title switched off, a heading's <script> runs in the nav."""
    import studysite.layout as layout

    (project / "sources" / "tanxin.txt").write_text(insert("", "<script>alert(1)</script>"), encoding="utf-8")
    saved = layout.nav_title
    layout.nav_title = lambda text: text
    try:
        build = build_in_process(project, tmp_path / "site")
    finally:
        layout.nav_title = saved
    page = BeautifulSoup((build.site / "tanxin" / "1-1.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [s for s in page.select("nav script") if "alert(1)" in s.get_text()]
    assert scripts, "expected the unescaped heading to become a <script> element in the nav"


def test_snippets_would_read_a_file_but_not_from_a_source(tmp_path: Path):
    """Even with pymdownx.snippets switched on, ``--8<--`` in a source reads nothing.

    A hand-written page with the same line proves the extension, so configured,
    does read /etc/passwd: the source's line is inert because of how it is written.
    """
    project = copy_project(tmp_path, {"tanxin.txt": insert('\n--8<-- "etc/passwd"\n', "").encode("utf-8")})
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not any("snippets" in str(ext) for ext in config["markdown_extensions"])
    config["markdown_extensions"].append({"pymdownx.snippets": {"base_path": ["/"], "check_paths": True}})
    config["strict"] = False  # the control page is not in the nav
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (project / "docs" / "control.md").write_text('# control\n\n--8<-- "etc/passwd"\n', encoding="utf-8")

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False))
    assert PASSWD_LINE in (tmp_path / "site" / "control.html").read_text(encoding="utf-8")
    part = BeautifulSoup((tmp_path / "site" / "tanxin" / "1.html").read_text(encoding="utf-8"), "html.parser")
    # The line broken inside a sentence runs on in the same paragraph: shown, as text.
    assert any('--8<-- "etc/passwd"' in p.get_text() for p in part.select(".verbatim p"))
    for path in (tmp_path / "site" / "tanxin").rglob("*.html"):
        assert PASSWD_LINE not in path.read_text(encoding="utf-8"), path


def test_hostile_titles_and_metadata_are_shown_in_nav_title_and_headings(tmp_path: Path):
    """Titles reach the nav's section labels, the home page and the document page; metadata too."""
    title = "<script>alert('t')</script>讲话 & {{ config }}"
    part = "“三力”<img src=x onerror=alert(2)>务必要进一步提高"
    text = TEXT.replace("在公安机关领导干部集体谈心谈话会上的讲话", title, 1).replace("“三力”务必要进一步提高", part, 1)
    meta = 'title: "<b onmouseover=alert(3)>元数据标题</b>"\nspeaker: "<i>x</i> **y**"\n'
    project = copy_project(tmp_path, {"a.txt": text.encode(), "b.txt": TEXT.encode(), "b.yml": meta.encode()})
    build = build_in_process(project, tmp_path / "site")
    built = pages(build.site)
    for name, soup in built.items():
        assert_inert(soup, name)
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], name
        assert soup.find(["b", "i"]) is None, name
    home = built["index.html"]
    shown = [a.get_text() for a in home.select("article li strong a")]
    assert shown == [title, "<b onmouseover=alert(3)>元数据标题</b>"]
    # navigation.prune renders sections that are not open as links, open ones as labels.
    labels = [el.get_text(" ", strip=True) for el in home.select("nav.md-nav--primary .md-nav__link")]
    assert title in labels and "<b onmouseover=alert(3)>元数据标题</b>" in labels
    assert f"第一 {part}" in [
        label.get_text(" ", strip=True) for label in built["a/1.html"].select("nav label.md-nav__link")
    ]
    assert built["a/index.html"].select_one("h1.verbatim").get_text() == title
    tab = built["a/1.html"].title.get_text()
    assert tab.startswith(f"第一部分：{part} · ") and tab.endswith(" - 学习文库")
    assert built["a/1.html"].select_one("article h1").get_text() == f"第一部分：{part}"
    assert built["b/index.html"].select_one("article h1").get_text() == "<b onmouseover=alert(3)>元数据标题</b>"
    assert "讲话人：<i>x</i> **y**" in [li.get_text() for li in built["b/index.html"].select("article li")]
