"""Small units of the reader-facing furniture: short titles, print headers, in-page contents."""

from __future__ import annotations

import re

from studysite.contents import lead, paragraph_contents
from studysite.parse import parse_document
from studysite.printing import css_string, print_head
from studysite.titles import short_title


def doc(title: str, meta: dict | None = None):
    text = f"{title}\n\n同志们：\n开场。\n第一，总要求。首先，要学习。\n"
    return parse_document(text, slug="x", path="x.txt", meta=meta or {})


def test_short_title_comes_from_metadata_or_the_title():
    speech = doc("在公安机关领导干部集体谈心谈话会上的讲话", {"short_title": "谈心谈话讲话"})
    assert short_title(speech) == "谈心谈话讲话"
    assert short_title(doc("2020年政府工作报告（文字实录）")) == "2020年政府工作报告"
    long = short_title(doc("在公安机关领导干部集体谈心谈话会上的讲话"))
    assert len(long) == 16 and long.endswith("…")


def css_unescaped(string: str) -> str:
    """What a browser reads from a CSS string of :func:`css_string`."""
    assert string[0] == string[-1] == '"'
    return re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m.group(1), 16)), string[1:-1])


HOSTILE = '2-1 务必*强*在前 [x](y) "引" \\ </style><b>&amp; {{ t }} {: .c }\t\n\u2028_a_ 　完'


def test_print_head_keeps_the_characters_and_escapes_what_markup_could_read():
    assert css_string('a"\\') == '"a\\22 \\5c "'
    assert css_string("2-1 务必强在前面") == '"2\\2d 1 务必强在前面"'  # 3 bytes a character, not 6
    assert css_unescaped(css_string(HOSTILE)) == HOSTILE
    inner = css_string(HOSTILE)[1:-1]
    assert not re.search(r"[^\w \\\u0080-\U0010ffff]|[\u2028\u3000_]", inner)  # no punctuation, control or odd space
    head = print_head("《标题》<b>", "2-1 务必")
    style, _, line = head.partition("</style>")
    assert style == '<style>:root{--print-doc:"《标题》\\3c b\\3e ";--print-place:"2\\2d 1 务必"}'
    assert line.strip() == '<div class="print-only print-head"></div>'  # study.css writes the strings into it


def test_print_head_passes_through_markdown_unchanged():
    """The site's Markdown extensions leave the style element as the generator wrote it."""
    import markdown

    head = print_head(HOSTILE, HOSTILE)
    html = markdown.markdown(
        head + "正文。\n", extensions=["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.superfences"]
    )
    assert head.split("\n", 1)[0] in html


def test_lead_is_the_opening_sentence_cut_short():
    assert lead("　　推动商品消费扩容提质升级。社会消费品零售总额增长5%左右。") == "推动商品消费扩容提质升级。"
    assert lead("——坚持稳中求进，推动高质量发展") == "——坚持稳中求进，推动高质量发展"
    assert lead("甲" * 40).endswith("…") and len(lead("甲" * 40)) == 26


def test_contents_only_for_long_pages_without_headings_and_existing_ids_kept():
    paragraph = "推动发展。" + "内容" * 150
    body = "".join(f"<p>{paragraph}</p>\n" for _ in range(4)) + '<p id="x-9">保留锚点。' + "字" * 10 + "</p>\n"
    blocks = [f'<div class="verbatim" data-owner="3-4">\n{body}</div>\n']
    out, contents = paragraph_contents(blocks, "3-4")
    assert re.findall(r'href="#([^"]+)"', contents) == ["3-4-p1", "3-4-p2", "3-4-p3", "3-4-p4", "x-9"]
    assert out[0].count(' id="3-4-p') == 4 and out[0].count('id="x-9"') == 1
    assert "本页内容：5 段" in contents
    # A heading among the blocks, or too little text: no contents, blocks unchanged.
    with_heading = [*blocks, "## 3-4-1 要点 {#3-4-1}\n"]
    assert paragraph_contents(with_heading, "3-4") == (with_heading, "")
    short = ['<div class="verbatim" data-owner="1">\n' + "<p>短。</p>\n" * 8 + "</div>\n"]
    assert paragraph_contents(short, "1") == (short, "")
