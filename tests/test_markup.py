"""The markup helpers on tiny inputs: escaping, redactions, marks, verbatim blocks, links.

Every helper is checked for the property the site rests on: the reader sees each
character of the source exactly as it stands, and nothing in it is interpreted.
"""

from __future__ import annotations

import html
import re

import pytest

from studysite.markup import (
    REDACTION_TITLE,
    Mark,
    annotated,
    attribute,
    escape,
    inline_html,
    link,
    relative,
    titles_once,
    verbatim_block,
)
from studysite.model import Span

REDACTED = f'<span class="redacted" title="{REDACTION_TITLE}">'


def shown(markup: str) -> str:
    """What a reader sees: tags dropped, references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("政治判断力", "政治判断力"),
        ("a*b_c", "a&#42;b&#95;c"),
        ("<script>", "&#60;script&#62;"),
        ("[x](y)", "&#91;x&#93;&#40;y&#41;"),
        ("--8<--", "&#45;-8&#60;--"),
        ("甲--8<--", "甲--8&#60;--"),
        ("{{ x }}", "&#123;&#123; x &#125;&#125;"),
        ("{% x %}", "&#123;% x %&#125;"),
        ("甲\t乙", "甲&#9;乙"),
        # Inside a line - . / % start nothing: they stay as they are (ids, numbers, citations).
        ("PM2.5", "PM2.5"),
        ("2-1-3 第二部分第一条第三点", "2-1-3 第二部分第一条第三点"),
        ("[Z]. 本站编号：tanxin 2-2-2.", "&#91;Z&#93;. 本站编号：tanxin 2-2-2."),
        ("R/OL 5%", "R/OL 5%"),
        # At the start of a line they could start a list, a rule or a heading underline.
        ("- 甲", "&#45; 甲"),
        ("  - 甲", "  &#45; 甲"),
        ("---", "&#45;--"),
        ("2024. 甲", "2024&#46; 甲"),
        ("甲\n- 乙\n3. 丙\n---", "甲\n&#45; 乙\n3&#46; 丙\n&#45;--"),
        ("+ 甲", "&#43; 甲"),
    ],
)
def test_escape_writes_ascii_punctuation_and_tabs_as_references(text: str, expected: str):
    assert escape(text) == expected
    assert html.unescape(escape(text)) == text


@pytest.mark.parametrize(
    "text", ["- 甲", "1. 甲", "---", "甲\n---", "* 甲", "+ 甲", "# 甲", "> 甲", "甲\n\n- 乙\n2. 丙"]
)
def test_escaped_text_starts_no_markdown_block(text: str):
    """Where escaped text begins a line of Markdown (a paragraph, a list item's text), it stays text."""
    import markdown

    blocks = re.compile(r"<(ul|ol|li|hr|h\d|blockquote|pre)>")
    for placed, expected in (
        (escape(text), []),
        (f"1. {escape(text)}", ["ol", "li"]),
        (f"- {escape(text)}", ["ul", "li"]),
    ):
        out = markdown.markdown(placed)
        assert blocks.findall(out) == expected, out
        assert re.sub(r"\s", "", shown(out)).endswith(re.sub(r"\s", "", text))


def test_escape_leaves_letters_digits_spaces_and_chinese_punctuation():
    text = "Abc 123 　“引号”，《书名》。"
    assert escape(text) == text


def test_inline_html_keeps_redaction_marks_visible_and_styled():
    assert inline_html("甲**乙") == f"甲{REDACTED}&#42;&#42;</span>乙"
    assert inline_html("***风险") == f"{REDACTED}&#42;&#42;&#42;</span>风险"
    assert inline_html("a*b") == "a&#42;b"  # one star is not a redaction
    assert shown(inline_html("甲**乙***丙<b>")) == "甲**乙***丙<b>"


def test_annotated_nests_marks_and_never_changes_the_text():
    source = "甲乙丙丁戊"
    marks = [Mark(0, 4, "<q>", "</q>"), Mark(1, 3, '<a href="t">', "</a>")]
    assert annotated(source, 0, 5, marks) == '<q>甲<a href="t">乙丙</a>丁</q>戊'


def test_annotated_leaves_out_a_mark_that_crosses_an_enclosing_one():
    source = "甲乙丙丁"
    marks = [Mark(0, 2, "<q>", "</q>"), Mark(1, 3, "<a>", "</a>")]
    assert annotated(source, 0, 4, marks) == "<q>甲乙</q>丙丁"


def test_annotated_takes_only_the_marks_inside_its_range():
    source = "甲乙丙丁"
    marks = [Mark(0, 2, "<a>", "</a>"), Mark(2, 3, "<b>", "</b>"), Mark(3, 3, "<e>", "</e>")]
    assert annotated(source, 1, 4, marks) == "乙<b>丙</b>丁"


def test_annotated_escapes_the_text_inside_marks():
    source = "x**<y>"
    assert annotated(source, 0, len(source), [Mark(0, 6, "<m>", "</m>")]) == (
        f"<m>x{REDACTED}&#42;&#42;</span>&#60;y&#62;</m>"
    )


def test_verbatim_block_one_paragraph_per_line_and_every_character_kept():
    source = " \n第一行。\n\n  \n第二行。\n"
    block = verbatim_block(source, Span(0, len(source)), "1-1")
    assert block.startswith('<div class="verbatim" data-owner="1-1">\n')
    # Blank lines make no paragraph: their blanks go to the paragraph before (or after, at the start).
    assert re.findall(r"<p>(.*?)</p>", block) == [" 第一行。  ", "第二行。"]
    assert shown(block).replace("\n", "") == source.replace("\n", "")


def test_verbatim_block_marks_full_width_indentation():
    source = "\u3000\u3000段落。\n"
    block = verbatim_block(source, Span(0, len(source)), "o")
    assert '<p><span class="indent">\u3000\u3000</span>段落。</p>' in block


def test_verbatim_block_joins_a_line_broken_inside_a_sentence():
    """The ``PM`` / ``2.5`` run-on of real reports: one paragraph, no character lost."""
    source = "细颗粒物（PM\n2.5）平均浓度下降。\n第二段。\n"
    block = verbatim_block(source, Span(0, len(source)), "o", css="fulltext")
    assert block.startswith('<div class="fulltext" data-owner="o">')
    assert [shown(p) for p in re.findall(r"<p>(.*?)</p>", block)] == ["细颗粒物（PM2.5）平均浓度下降。", "第二段。"]


def test_verbatim_block_of_blank_space_only_is_empty():
    source = "\n\n"
    assert verbatim_block(source, Span(0, len(source)), "o") == ""


def test_verbatim_block_applies_marks():
    source = "要“甲乙”。\n"
    block = verbatim_block(source, Span(0, len(source)), "o", marks=[Mark(2, 4, '<a class="term">', "</a>")])
    assert '<p>要“<a class="term">甲乙</a>”。</p>' in block


def test_attribute_is_one_line_with_quotes_escaped():
    assert attribute('他说"好"\n再说') == "他说&#34;好&#34; 再说"


def test_link_escapes_the_label_not_the_target():
    label, target = re.fullmatch(r"\[(.*)\]\((.*)\)", link("1-1 [甲]", "../x/1-1.md")).groups()
    assert target == "../x/1-1.md"
    assert "[" not in label and "]" not in label
    assert shown(label) == "1-1 [甲]"


@pytest.mark.parametrize(
    "here, target, expected",
    [
        ("index.md", "tanxin/index.md", "tanxin/index.md"),
        ("tanxin/1-1.md", "tanxin/1-2.md", "1-2.md"),
        ("tanxin/1-1.md", "terms/sanli.md", "../terms/sanli.md"),
        ("tanxin/1-1.md", "index.md", "../index.md"),
        ("a/b/c.md", "a/d.md", "../d.md"),
    ],
)
def test_relative_links_between_pages(here: str, target: str, expected: str):
    assert relative(here, target) == expected


def test_titles_once_keeps_a_terms_definition_and_the_redaction_note_on_the_first_only():
    a = '<a class="term" href="../terms/a.html" title="甲：释义">甲</a>'
    b = '<a class="term" href="../terms/b.html" title="乙：释义">乙</a>'
    page = f"<p>{a}{b}{inline_html('**')}</p>\n<p>{a}{inline_html('***')}{b}{a}</p>"
    once = titles_once(page)
    assert once.count('title="甲：释义"') == once.count('title="乙：释义"') == 1
    assert once.count(f'title="{REDACTION_TITLE}"') == 1
    assert once.count('<a class="term" href="../terms/a.html">') == 2
    assert shown(once) == shown(page) == "甲乙**\n甲***乙甲"
    assert titles_once(once) == once
