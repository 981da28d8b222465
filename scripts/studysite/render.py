"""Model -> Markdown pages (``dict[path, str]``), in Chinese.

Original text is never handed to Markdown as Markdown: every block of it is a
raw HTML element with class ``verbatim`` whose ASCII punctuation is written as
numeric character references.  Markdown, HTML, pymdown-extensions (snippets'
``--8<--`` included) and Jinja then have nothing to interpret, and the reader
sees each character as it stands in the source.  Redaction marks (``**``)
become a styled ``<span class="redacted">`` that still contains the marks.
"""

from __future__ import annotations

import re

from . import layout
from .model import Directive, Document, Part, Span

# A tab is written as a reference too: Python-Markdown expands raw tabs to spaces.
_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\t]")
#: Indentation at a line start; full-width spaces there would add to the CSS text-indent.
_INDENT = re.compile(r"^[ \t\u3000]*\u3000[ \t\u3000]*")
_REDACTION = re.compile(r"\*{2,}")

REDACTION_TITLE = "原文此处隐去，本站照原样保留隐去标记"


def escape(text: str) -> str:
    """Text safe in HTML *and* in Markdown: ASCII punctuation (and tabs) as ``&#NN;``."""
    return _ASCII_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)


def inline_html(text: str) -> str:
    """Escaped text with redaction marks wrapped so they read as redactions."""
    out = []
    last = 0
    for m in _REDACTION.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(f'<span class="redacted" title="{REDACTION_TITLE}">{escape(m.group())}</span>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def verbatim_block(source: str, span: Span, owner: str, css: str = "verbatim") -> str:
    """One owned span as ``<div class="verbatim">`` with a ``<p>`` per source line.

    Blank lines (empty or only spaces, tabs, full-width spaces) make no
    paragraph of their own: their blanks join the paragraph before, so every
    character is still there.  Full-width indentation is marked ``indent`` so
    the stylesheet need not indent that paragraph a second time.
    """
    lines: list[str] = []
    pending = ""
    for line in span.text(source).split("\n"):
        if line.strip(" \t\u3000"):
            lines.append(pending + line)
            pending = ""
        elif lines:
            lines[-1] += line
        else:
            pending += line
    if pending:
        lines.append(pending)
    if not lines:
        return ""
    paragraphs = "\n".join(f"<p>{_indented_html(line)}</p>" for line in lines)
    return f'<div class="{css}" data-owner="{owner}">\n{paragraphs}\n</div>\n'


def _indented_html(line: str) -> str:
    indent = _INDENT.match(line)
    if not indent or not line[indent.end():]:
        return inline_html(line)
    return f'<span class="indent">{escape(indent.group())}</span>{inline_html(line[indent.end():])}'


def link(label: str, target: str) -> str:
    return f"[{escape(label)}]({target})"


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, both given relative to the docs root."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


def render_site(documents: list[Document]) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs root."""
    pages = {layout.HOME_PAGE: home_page(documents)}
    for doc in documents:
        pages[layout.document_page(doc)] = document_page(doc)
        pages[layout.opening_page(doc)] = opening_page(doc)
        directives = doc.directives
        for part in doc.parts:
            pages[layout.node_page(doc, part)] = part_page(doc, part)
        for index, directive in enumerate(directives):
            previous = directives[index - 1] if index else None
            following = directives[index + 1] if index + 1 < len(directives) else None
            pages[layout.node_page(doc, directive)] = directive_page(doc, directive, previous, following)
        pages[layout.full_text_page(doc)] = full_text_page(doc)
    return pages


def home_page(documents: list[Document]) -> str:
    here = layout.HOME_PAGE
    out = ["# 学习文库 {#home}", "", "本站收录供集体学习研读的讲话与文件原文，逐字照录，按结构分页，便于学习、引用和离线阅读。", ""]
    out += ["## 文档 {#documents}", ""]
    for doc in documents:
        facts = [f"{len(doc.parts)} 个部分", f"{len(doc.directives)} 条要求", f"{len(doc.source.replace(chr(10), ''))} 字"]
        facts += [escape(doc.meta[key]) for key in ("date", "speaker", "occasion") if doc.meta.get(key)]
        out.append(f"- **{link(doc.title, relative(here, layout.document_page(doc)))}**  ")
        out.append(f"  {'　·　'.join(facts)}")
    out += ["", *_how_to_use()]
    return "\n".join(out) + "\n"


def _how_to_use() -> list[str]:
    return [
        "## 使用说明 {#how-to-use}",
        "",
        "- **逐条学习**：每条要求一页，页内按要点分段，每个要点有自己的锚点，可直接链接引用。",
        "- **通读全文**：每篇文档都有“全文”页，按原文顺序呈现，每段可跳转到对应的要求页。",
        "- **搜索**：页面顶部的搜索框可检索词语，包括句子中间的词。",
        "- **隐去标记**：原文中的 <span class=\"redacted\" title=\"" + REDACTION_TITLE + "\">&#42;&#42;</span> 为原文隐去的内容，本站照原样保留。",
        "- **离线阅读**：整个网站可以复制到电脑上，直接双击打开 `index.html` 阅读。",
        "",
    ]


def document_page(doc: Document) -> str:
    here = layout.document_page(doc)
    out = []
    title_text = doc.title_span.text(doc.source).strip()
    if title_text and title_text == doc.title:
        # The title is original text: it is shown (and counted) as verbatim.
        # The whole title span, blanks included, so no character of it is lost.
        shown = doc.title_span.text(doc.source).replace("\n", "")
        out.append(f'<h1 id="title" class="verbatim" data-owner="title">{inline_html(shown)}</h1>')
        out.append("")
    else:
        out += [f"# {escape(doc.title)} {{#title}}", ""]
        if doc.title_span.end:
            out.append(verbatim_block(doc.source, doc.title_span, "title"))
    facts = [(label, doc.meta.get(key)) for key, label in (("speaker", "讲话人"), ("date", "日期"), ("occasion", "场合"))]
    out += [f"- {label}：{escape(value)}" for label, value in facts if value]
    out += ["", "## 结构 {#structure}", ""]
    out.append(f"- {link('开场白', relative(here, layout.opening_page(doc)))}")
    for part in doc.parts:
        out.append(f"- {link(layout.part_label(part) + '：' + part.heading, relative(here, layout.node_page(doc, part)))}")
        for directive in part.directives:
            out.append(f"    - {link(directive.id + ' ' + directive.heading, relative(here, layout.node_page(doc, directive)))}")
            for point in directive.points:
                out.append(f"        - {link(point.id + ' ' + point.heading, relative(here, layout.point_page(doc, point)))}")
    out.append(f"- {link('全文（按原文顺序通读）', relative(here, layout.full_text_page(doc)))}")
    out += ["", *_how_to_use()]
    return "\n".join(out) + "\n"


def opening_page(doc: Document) -> str:
    here = layout.opening_page(doc)
    out = [_breadcrumb(doc, here), "", "# 开场白 {#opening}", "", verbatim_block(doc.source, doc.opening, "opening")]
    if doc.parts:
        first = doc.parts[0]
        out.append(_pager(None, (f"{layout.part_label(first)}：{first.heading}", relative(here, layout.node_page(doc, first)))))
    return "\n".join(out) + "\n"


def part_page(doc: Document, part: Part) -> str:
    here = layout.node_page(doc, part)
    out = [_breadcrumb(doc, here), "", f"# {escape(layout.part_label(part))}：{escape(part.heading)} {{#{part.id}}}", ""]
    out.append(verbatim_block(doc.source, part.span, part.id))
    if part.directives:
        out += ["## 本部分的要求 {#directives}", ""]
        for directive in part.directives:
            out.append(f"- {link(layout.directive_label(directive) + ' ' + directive.heading, relative(here, layout.node_page(doc, directive)))}")
        out.append("")
        first = part.directives[0]
        out.append(_pager(None, (f"{first.id} {first.heading}", relative(here, layout.node_page(doc, first)))))
    return "\n".join(out) + "\n"


def directive_page(doc: Document, directive: Directive, previous: Directive | None, following: Directive | None) -> str:
    here = layout.node_page(doc, directive)
    part = next(p for p in doc.parts if directive in p.directives)
    out = [
        _breadcrumb(doc, here, part),
        "",
        f"# {escape(directive.id)} {escape(directive.heading)} {{#{directive.id}}}",
        "",
        verbatim_block(doc.source, directive.span, directive.id),
    ]
    for point in directive.points:
        out += [f"## {escape(point.id)} {escape(point.heading)} {{#{point.id}}}", ""]
        out.append(verbatim_block(doc.source, point.span, point.id))
    out.append(
        _pager(
            (f"{previous.id} {previous.heading}", relative(here, layout.node_page(doc, previous))) if previous else None,
            (f"{following.id} {following.heading}", relative(here, layout.node_page(doc, following))) if following else None,
        )
    )
    return "\n".join(out) + "\n"


def full_text_page(doc: Document) -> str:
    """The whole text in reading order; blocks use class ``fulltext``, not ``verbatim``,
    so the verbatim property counts each character on its own page only."""
    here = layout.full_text_page(doc)
    out = [_breadcrumb(doc, here), "", f"# 全文 {{#full}}", ""]
    if doc.title_span.end:
        out.append(verbatim_block(doc.source, doc.title_span, "title", css="fulltext"))
    out.append(verbatim_block(doc.source, doc.opening, "opening", css="fulltext"))
    for part in doc.parts:
        out += [f"## {link(layout.part_label(part) + '：' + part.heading, relative(here, layout.node_page(doc, part)))} {{#{part.id}}}", ""]
        out.append(verbatim_block(doc.source, part.span, part.id, css="fulltext"))
        for directive in part.directives:
            out += [f"### {link(directive.id + ' ' + directive.heading, relative(here, layout.node_page(doc, directive)))} {{#{directive.id}}}", ""]
            out.append(verbatim_block(doc.source, directive.extent, directive.id, css="fulltext"))
    return "\n".join(out) + "\n"


def _breadcrumb(doc: Document, here: str, part: Part | None = None) -> str:
    crumbs = [link(doc.title, relative(here, layout.document_page(doc)))]
    if part:
        crumbs.append(link(f"{layout.part_label(part)}：{part.heading}", relative(here, layout.node_page(doc, part))))
    return " › ".join(crumbs) + "\n{: .crumbs }"


def _pager(previous: tuple[str, str] | None, following: tuple[str, str] | None) -> str:
    cells = []
    if previous:
        cells.append(f"上一条：{link(*previous)}")
    if following:
        cells.append(f"下一条：{link(*following)}")
    return "　｜　".join(cells) + "\n{: .pager }\n"
