"""Model -> Markdown pages (``dict[path, str]``), in Chinese.

Original text is never handed to Markdown as Markdown: every block of it is a
raw HTML element with class ``verbatim`` whose ASCII punctuation is written as
numeric character references.  Markdown, HTML, pymdown-extensions (snippets'
``--8<--`` included) and Jinja then have nothing to interpret, and the reader
sees each character as it stands in the source.  Redaction marks (``**``)
become a styled ``<span class="redacted">`` that still contains the marks.

Terms and quotations are *marks* over source offsets: a mark adds markup
around a stretch of text (a link to the term's page, a quotation wrapper) and
never changes the text inside it, which is escaped like all other source text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import aids as study
from . import cite, contents, layout, printing
from .grammar import numeral
from .kinds import Kind, label_is_locator, spec
from .model import Document, Section, Span
from .paragraphs import Paragraph
from .paragraphs import paragraphs as logical_paragraphs
from .terms import Occurrence

# A tab is written as a reference too: Python-Markdown expands raw tabs to spaces.
_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\t]")
#: Blanks at a paragraph start; full-width spaces there would add to the CSS text-indent.
_LEADING_BLANKS = re.compile(r"[ \t\u3000]*")
_REDACTION = re.compile(r"\*{2,}")

REDACTION_TITLE = "原文此处隐去，本站照原样保留隐去标记"

#: Attribute (attr_list form) for page furniture: breadcrumbs, citation lines, pagers and
#: sections that list other pages.  They repeat titles and text indexed where they belong,
#: so search leaves them out (Material's search plugin honours it; other engines ignore it).
OFF_INDEX = 'data-search-exclude=""'


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


@dataclass(frozen=True)
class Mark:
    """Markup around ``[start, end)`` of a source text; the text inside stays as it is."""

    start: int
    """Offset where the opening tag goes."""
    end: int
    """Offset where the closing tag goes."""
    open: str
    """The opening tag."""
    close: str
    """The closing tag."""


def annotated(source: str, start: int, end: int, marks: Sequence[Mark] = ()) -> str:
    """``source[start:end]`` as HTML: escaped text with the marks that lie inside it.

    Marks nest (a quotation wrapper holds term links); a mark that would cross
    the boundary of an enclosing one is left out rather than break the markup.
    """
    inside = sorted(
        (m for m in marks if start <= m.start and m.end <= end and m.start < m.end), key=lambda m: (m.start, -m.end)
    )
    out: list[str] = []
    stack: list[Mark] = []
    pos = start

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(inline_html(source[pos:top.end]) + top.close)
            pos = top.end

    for mark in inside:
        close_until(mark.start)
        if stack and mark.end > stack[-1].end:
            continue
        out.append(inline_html(source[pos:mark.start]) + mark.open)
        pos = mark.start
        stack.append(mark)
    close_until(end)
    out.append(inline_html(source[pos:end]))
    return "".join(out)


def verbatim_block(
    source: str,
    span: Span,
    owner: str,
    css: str = "verbatim",
    marks: Sequence[Mark] = (),
    paragraphs: Sequence[Paragraph] | None = None,
    *,
    doc: Document | None = None,
    site_url: str = "",
) -> str:
    """One owned span as ``<div class="verbatim">`` with a ``<p>`` per logical paragraph.

    The paragraphs are the model's (``Document.paragraphs_in(span)``), decided
    once by the parser; they tile the span, blank lines included, so every
    character is still there.  A noise paragraph (caption, byline, note …) gets
    its kind as CSS class.  Full-width indentation is marked ``indent`` so the
    stylesheet need not indent that paragraph a second time.  ``marks`` (term
    links, quotations) add markup only.  Without ``paragraphs`` (a caller
    outside a document) they are computed from the span's text.

    With ``doc``, each paragraph with words gets its anchor (``2-2-p3``,
    :mod:`studysite.cite`) and the block the citation of its paragraphs
    (``data-cite``, ``{n}`` standing for the number).
    """
    if paragraphs is None:
        paragraphs = _tile(source, span, logical_paragraphs(source, span.start, span.end))
    number = cite.first_paragraph(doc, owner, span) if doc is not None else 0
    html = []
    for p in paragraphs:
        segments = cite.segments(source, p)
        attributes = "" if p.kind in ("text", "toc") else f' class="{p.kind}"'
        if number and cite.has_words(source, segments):
            attributes = f' id="{cite.paragraph_anchor(owner, number)}"' + attributes
            if cite.runs_on_line(source, segments):
                attributes += ' data-inline=""'  # no line break before it in the source (a point inside a line)
            number += 1
        html.append(_paragraph_html(source, segments, marks, attributes))
    html = [p for p in html if p]
    if not html:
        return ""
    body = "\n".join(html)
    data = ""
    if doc is not None and number:
        data = f' data-cite="{attribute(paragraph_citation(doc, owner, site_url))}"'
        if site_url:  # where a paragraph is published: the "引用所选" link (text fragment) builds on it
            page = layout.owner_page(doc, owner).partition("#")[0]
            paragraph_url = site_url + layout.url(page) + "#" + cite.paragraph_anchor(owner, 1)[:-1] + "{n}"
            data += f' data-url="{attribute(paragraph_url)}"'
    return f'<div class="{css}" data-owner="{owner}"{data}>\n{body}\n</div>\n'


def _tile(source: str, span: Span, found: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs stretched to cover ``span`` whole (blank lines join the paragraph before them)."""
    if not found:
        return [Paragraph(span.start, span.end, 0)]
    return [
        Paragraph(
            span.start if i == 0 else p.start, found[i + 1].start if i + 1 < len(found) else span.end, p.line, p.kind
        )
        for i, p in enumerate(found)
    ]


def paragraph_citation(doc: Document, owner: str, site_url: str = "") -> str:
    """The citation of any paragraph of ``owner``, with ``{n}`` where its number goes (docs/assets/cite.js)."""
    sentinel = 999999  # stands for the number in every part of the citation (locator, anchor, URL)
    anchor = cite.paragraph_anchor(owner, sentinel)
    url = site_url + layout.url(layout.owner_page(doc, owner).partition("#")[0] + "#" + anchor) if site_url else ""
    text = cite.citation(doc, anchor, url=url, accessed=cite.access_date() if url else "")
    return text.replace(str(sentinel), "{n}")


def _paragraph_html(source: str, segments: list[tuple[int, int]], marks: Sequence[Mark], attributes: str = "") -> str:
    """``<p>`` for one paragraph's line segments, its leading full-width indentation marked.

    The indentation may span blank lines joined in front of the paragraph.
    """
    segments = [(a, b) for a, b in segments if b > a]
    if not segments:
        return ""
    indent = ""
    while segments:
        a, b = segments[0]
        blank = _LEADING_BLANKS.match(source, a, b)
        assert blank is not None  # the pattern matches the empty string too
        indent += blank.group()
        if blank.end() < b:
            segments[0] = (blank.end(), b)
            break
        segments.pop(0)
    parts = []
    if "\u3000" in indent and segments:
        parts.append(f'<span class="indent">{escape(indent)}</span>')
    else:
        parts.append(escape(indent))
    parts += [annotated(source, a, b, marks) for a, b in segments]
    return f"<p{attributes}>{''.join(parts)}</p>"

def attribute(text: str) -> str:
    """Text for an HTML attribute value in double quotes (Markdown leaves raw HTML alone)."""
    return escape(text).replace("\n", " ")


def term_title(aids: study.StudyAids, term_id: str, doc: str) -> str:
    """The hover text of a term in document ``doc``: its short definition, and what
    the formula names where this document's structure defines it (“本文” is this text)."""
    term = aids.index.term(term_id)
    title = f"{term.text}：{term.short}"
    for formula in aids.index.formulas_of(term_id):
        if formula.doc == doc:
            title += f"（本文第{numeral(int(formula.part))}部分：{'、'.join(formula.components)}）"
    return title


def linked_occurrences(doc: Document, aids: study.StudyAids) -> list[Occurrence]:
    """The occurrences that become links in the running text.

    Only terms the site explains (a phrase it cannot explain stays plain text; its
    occurrences are still listed on its term page), and each term once per
    paragraph, at its first occurrence: a reader needs one way in, not three.
    """
    seen: set[tuple[str, int]] = set()
    linked = []
    for o in aids.index.occurrences_in(doc.slug):
        if not aids.index.term(o.term).explained:
            continue
        paragraph = doc.source.rfind("\n", 0, o.start) + 1
        if (o.term, paragraph) in seen:
            continue
        seen.add((o.term, paragraph))
        linked.append(o)
    return linked


def page_marks(doc: Document, aids: study.StudyAids, here: str) -> list[Mark]:
    """Term links and quotation wrappers for one document, with links relative to ``here``."""
    marks = []
    for q in aids.quotations_in(doc.slug):
        title = attribute(f"引用{q.speaker}的话（见本站“引语”页）")
        marks.append(Mark(q.start, q.end, f'<span class="quotation" title="{title}">', "</span>"))
    titles: dict[str, str] = {}
    for o in linked_occurrences(doc, aids):
        href = layout.url(relative(here, layout.term_page(o.term)))
        if o.term not in titles:
            titles[o.term] = attribute(term_title(aids, o.term, doc.slug))
        marks.append(Mark(o.start, o.end, f'<a class="term" href="{href}" title="{titles[o.term]}">', "</a>"))
    return marks


#: An id at the start of a label (``2-3``, ``3-u1``, ``a1-3``): kept on one line by study.css.
_LEADING_ID = re.compile(r"^([a-z]?[0-9]+(?:-[a-z]?[0-9]+)+)(?= )")


def with_id(text: str) -> str:
    """Escaped text whose leading id, if any, is wrapped so it never breaks at its hyphen."""
    m = _LEADING_ID.match(text)
    if not m:
        return escape(text)
    return f'<span class="nid">{escape(m.group(1))}</span>{escape(text[m.end():])}'


def link(label: str, target: str) -> str:
    return f"[{with_id(label)}]({target})"


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, both given relative to the docs root."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_page.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


def render_site(
    documents: list[Document], aids: study.StudyAids | None = None, refused: Sequence[Exception] = ()
) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs root; ``refused``: texts left out, named on the home page."""
    from . import render_aids  # imported here: render_aids builds on this module's helpers

    aids = aids or study.study_aids(documents)
    pages = {layout.HOME_PAGE: home_page(documents, refused)}
    for doc in documents:
        pages[layout.document_page(doc)] = document_page(doc, aids)
        pages[layout.opening_page(doc)] = opening_page(doc, aids)
        units = doc.directives
        for node in doc.pages:
            if node.directives:
                pages[layout.node_page(doc, node)] = part_page(doc, node, aids)
        for index, unit in enumerate(units):
            previous = units[index - 1] if index else None
            following = units[index + 1] if index + 1 < len(units) else None
            pages[layout.node_page(doc, unit)] = directive_page(doc, unit, previous, following, aids, documents)
        pages[layout.full_text_page(doc)] = full_text_page(doc, aids)
        pages.update(render_aids.document_aid_pages(doc, aids, documents))
    pages.update(render_aids.term_pages(documents, aids))
    return pages


def home_page(documents: list[Document], refused: Sequence[Exception] = ()) -> str:
    here = layout.HOME_PAGE
    out = [
        "# 学习文库 {#home}",
        "",
        "本站收录供集体学习研读的讲话与文件原文，逐字照录，按结构分页，便于学习、引用和离线阅读。",
        "",
    ]
    out += ["## 文档 {#documents}", ""]
    for doc in documents:
        facts = _shape_facts(doc)
        facts.append(f"{len(doc.source.replace(chr(10), ''))} 字")
        facts += [escape(doc.meta[key]) for key in ("date", "speaker", "occasion") if doc.meta.get(key)]
        out.append(f"- **{link(doc.title, relative(here, layout.document_page(doc)))}**  ")
        out.append(f"  {'　·　'.join(facts)}")
    out += _refused_notice(refused)
    out += ["", *_how_to_use()]
    return "\n".join(out) + "\n"


def _refused_notice(refused: Sequence[Exception]) -> list[str]:
    """Texts the build left out, each with its errors, so the library is never silently incomplete."""
    if not refused:
        return []
    out = ["", f"## 未收录的文本 {{#refused {OFF_INDEX}}}", ""]
    out.append("以下文本不能原样呈现，本次生成没有收录（其他文档照常生成）。请按提示修改原文后重新生成：")
    out.append("")
    for err in refused:
        out += ['<pre class="refused">' + escape(str(err)).replace("\n", "&#10;") + "</pre>", ""]
    return out


def _shape_facts(doc: Document) -> list[str]:
    """The home page's line about a document's shape: ``3 个部分　·　9 条要求``."""
    if doc.style == "speech" and all(p.kind in (Kind.PART, Kind.CLOSING) for p in doc.parts):
        return [f"{sum(p.kind == Kind.PART for p in doc.parts)} 个部分", f"{len(doc.directives)} 条要求"]
    if doc.style in ("report", "speech"):
        facts = [f"{sum(p.kind == Kind.PART for p in doc.parts)} 个部分", f"{len(doc.directives)} 个学习单元"]
        annexes = sum(p.kind == Kind.ANNEX for p in doc.parts)
        return facts + ([f"{annexes} 个附件"] if annexes else [])
    if doc.style == "law":
        counts = {kind: sum(s.kind == kind for s in doc.sections()) for kind in (Kind.CHAPTER, Kind.ARTICLE)}
        return [f"{counts[Kind.CHAPTER]} 章", f"{counts[Kind.ARTICLE]} 条"]
    return ["不分部分"] if not doc.parts else [f"{len(doc.parts)} 个段落"]


def _how_to_use() -> list[str]:
    return [
        f"## 使用说明 {{#how-to-use {OFF_INDEX}}}",
        "",
        "- **逐条学习**：每条要求一页，页内按要点分段，每个要点有自己的锚点，可直接链接引用。",
        "- **通读全文**：每篇文档都有“全文”页，按原文顺序呈现，每段可跳转到对应的要求页。",
        "- **搜索**：页面顶部的搜索框可检索词语，包括句子中间的词。",
        "- **术语**：有释义的提法和习语在每段第一次出现处链接到术语页，鼠标悬停（手机上轻点）可看简短释义；"
        "术语页列出它在各文档中的全部出处。",
        "- **引用与讲义**：每个部分、每条要求、每个要点都有“引用”行，可复制原文和规范引文，或“加入讲义”；"
        "选中文字可“引用所选”。“讲义”页可打印、下载 Word 文档；“链接目录”页列出全部链接。",
        "- **自测与讨论**：每篇文档有自测题（答案默认折叠）和讨论题，“结构图”一页看清全文脉络。",
        '- **隐去标记**：原文中的 <span class="redacted" title="'
        + REDACTION_TITLE
        + '">&#42;&#42;</span> 为原文隐去的内容，本站照原样保留。',
        "- **离线阅读**：整个网站可以复制到电脑上，直接双击打开 `index.html` 阅读。",
        "",
    ]


def document_page(doc: Document, aids: study.StudyAids) -> str:
    here = layout.document_page(doc)
    marks = page_marks(doc, aids, here)
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
            out.append(
                verbatim_block(
                    doc.source,
                    doc.title_span,
                    "title",
                    marks=marks,
                    paragraphs=doc.paragraphs_in(doc.title_span),
                    doc=doc,
                    site_url=aids.site_url,
                )
            )
    facts = [
        (label, doc.meta.get(key)) for key, label in (("speaker", "讲话人"), ("date", "日期"), ("occasion", "场合"))
    ]
    out += [f"- {label}：{escape(value)}" for label, value in facts if value]
    out += ["", f"## 结构 {{#structure {OFF_INDEX}}}", ""]
    out.append(f"- {link('开场白' if doc.parts else '正文', relative(here, layout.opening_page(doc)))}")
    out += _structure_list(doc, doc.parts, here, depth=0)
    out.append(f"- {link('全文（按原文顺序通读）', relative(here, layout.full_text_page(doc)))}")
    out += ["", f"## 学习辅助 {{#aids {OFF_INDEX}}}", ""]
    for label, page in (
        ("结构图：部分、要求、要点一图看清", layout.map_page(doc)),
        ("引语：文中引用的习近平总书记的话", layout.quotations_page(doc)),
        ("自测与讨论：自测题和讨论题", layout.selftest_page(doc)),
        ("链接目录：每个部分、要求、要点的引文和链接", layout.links_page(doc)),
        ("术语表：文中提法的释义和全部出处", layout.GLOSSARY_PAGE),
    ):
        out.append(f"- {link(label, relative(here, page))}")
    out += ["", *_how_to_use()]
    return "\n".join(out) + "\n"


def _structure_list(doc: Document, nodes: Sequence[Section], here: str, depth: int) -> list[str]:
    """Nested list items linking every section and point, in reading order."""
    out = []
    for node in nodes:
        page = layout.point_page(doc, node) if not node.has_page else layout.node_page(doc, node)
        label = page_heading(node) if node.has_page else f"{node.id} {node.heading}"
        out.append(f"{'    ' * depth}- {link(label, relative(here, page))}")
        out += _structure_list(doc, node.children, here, depth + 1)
    return out


def opening_page(doc: Document, aids: study.StudyAids) -> str:
    here = layout.opening_page(doc)
    marks = page_marks(doc, aids, here)
    out = [
        _breadcrumb(doc, here),
        "",
        "# 开场白 {#opening}",
        "",
        verbatim_block(
            doc.source,
            doc.opening,
            "opening",
            marks=marks,
            paragraphs=doc.paragraphs_in(doc.opening),
            doc=doc,
            site_url=aids.site_url,
        ),
    ]
    if doc.parts:
        first = doc.parts[0]
        out.append(
            _pager(None, (f"{layout.part_label(first)}：{first.heading}", relative(here, layout.node_page(doc, first))))
        )
    return "\n".join(out) + "\n"


def page_heading(node: Section) -> str:
    """The h1 of a section's page: ``第一部分：“三力”……``, ``一、2023年工作回顾``, ``2-1 务必强在前面``."""
    if label_is_locator(node) and node.has_page:
        return f"{node.label}：{node.heading}"
    return layout.nav_label(node)


def body_blocks(doc: Document, node: Section, here: str, marks: Sequence[Mark], aids: study.StudyAids) -> list[str]:
    """A section's own text and its points, in source order (child pages are linked, not shown)."""
    out: list[str] = []
    for item in node.body:
        if isinstance(item, Span):
            out.append(
                verbatim_block(
                    doc.source,
                    item,
                    node.id,
                    marks=marks,
                    paragraphs=doc.paragraphs_in(item),
                    doc=doc,
                    site_url=aids.site_url,
                )
            )
        elif not item.has_page:
            out += _anchored_blocks(doc, item, here, marks, aids, level=2)
    return out


def _anchored_blocks(
    doc: Document, node: Section, here: str, marks: Sequence[Mark], aids: study.StudyAids, level: int
) -> list[str]:
    """A unit shown on its page under an anchor (a point, an article and its items), in source order."""
    # A point is named by its id (2-1-3); an article or item by its own marker (第八十条, （一）), as it is cited.
    name = node.id if node.kind == Kind.POINT else node.marker
    out = [f"{'#' * min(level, 6)} {escape(name)} {escape(node.heading)} {{#{node.id}}}", ""]
    for item in node.body:
        if isinstance(item, Span):
            out.append(
                verbatim_block(
                    doc.source,
                    item,
                    node.id,
                    marks=marks,
                    paragraphs=doc.paragraphs_in(item),
                    doc=doc,
                    site_url=aids.site_url,
                )
            )
        else:
            out += _anchored_blocks(doc, item, here, marks, aids, level + 1)
    out.append(cite_block(doc, node, here, aids))
    return out


def part_page(doc: Document, part: Section, aids: study.StudyAids) -> str:
    """A section with pages below it: its own text, its points, links to its child pages."""
    here = layout.node_page(doc, part)
    marks = page_marks(doc, aids, here)
    out = [_breadcrumb(doc, here, *doc.ancestors(part.id)), "", f"# {escape(page_heading(part))} {{#{part.id}}}", ""]
    out.append(cite_block(doc, part, here, aids))
    body, page_contents = contents.paragraph_contents(body_blocks(doc, part, here, marks, aids), part.id)
    out += [page_contents, *body]
    out.append(printing.node_citation(doc, part))
    if part.directives:
        noun = spec(part.directives[0].kind).listed_as
        out += [f"## 本部分的{noun} {{#directives}}", ""]
        for directive in part.directives:
            label = layout.directive_label(directive) + " " + directive.heading
            out.append(f"- {link(label, relative(here, layout.node_page(doc, directive)))}")
        out.append("")
        for formula in aids.index.formulas:
            if formula.doc == doc.slug and formula.part == part.id:
                term = aids.index.term(formula.term)
                named = "、".join(
                    f"{escape(c)}（{link(d, relative(here, f'{doc.slug}/{d}.md'))}）"
                    for c, d in zip(formula.components, formula.directives)
                )
                term_link = link(term.text, relative(here, layout.term_page(term.id)))
                out += [
                    f"本部分标题中的“{term_link}”即本部分的{len(formula.directives)}条要求：{named}。",
                    "{: .formula }",
                    "",
                ]
        first = part.directives[0]
        out.append(_pager(None, (f"{first.id} {first.heading}", relative(here, layout.node_page(doc, first)))))
    return "\n".join(out) + "\n"


def directive_page(
    doc: Document,
    directive: Section,
    previous: Section | None,
    following: Section | None,
    aids: study.StudyAids,
    documents: Sequence[Document] = (),
) -> str:
    here = layout.node_page(doc, directive)
    marks = page_marks(doc, aids, here)
    body, page_contents = contents.paragraph_contents(body_blocks(doc, directive, here, marks, aids), directive.id)
    out = [
        _breadcrumb(doc, here, *doc.ancestors(directive.id)),
        "",
        f"# {escape(page_heading(directive))} {{#{directive.id}}}",
        "",
        cite_block(doc, directive, here, aids),
        page_contents,
        *body,
        printing.node_citation(doc, directive),
    ]
    questions = aids.questions.get(doc.slug, {}).get(directive.id, ())
    if questions:
        out += ["## 讨论题 {#questions}", ""]
        out += [f"{n}. {escape(q)}" for n, q in enumerate(questions, start=1)]
        out.append("")
    own_terms = aids.index.terms_in(doc.slug, directive.extent.start, directive.extent.end)
    related = aids.related.get((doc.slug, directive.id), [])
    if own_terms:
        out += [f"## 术语与相关阅读 {{#related {OFF_INDEX}}}", ""]
        out.append("本条术语：" + "、".join(_term_link(aids, t, here) for t in own_terms) + "。")
        out.append("")
        if not related:
            out += ["这些术语没有出现在其他要求中。", ""]
    if related:
        out += ["与本条有共同术语的其他要求（共同术语越少见越靠前；各处都有的提法不算）：", ""]
        by_slug = {d.slug: d for d in (documents or [doc])}
        for r in related:
            other_doc = by_slug[r.doc]
            other = next(d for d in other_doc.directives if d.id == r.directive)
            prefix = "" if r.doc == doc.slug else f"{other_doc.title} "
            shared = "、".join(_term_link(aids, t, here) for t in r.shared)
            label = link(prefix + other.id + " " + other.heading, relative(here, layout.node_page(other_doc, other)))
            out.append(f"- {label}：共同术语 {len(r.shared)} 个——{shared}")
        out.append("")
    out.append(
        _pager(
            (f"{previous.id} {previous.heading}", relative(here, layout.node_page(doc, previous)))
            if previous
            else None,
            (f"{following.id} {following.heading}", relative(here, layout.node_page(doc, following)))
            if following
            else None,
        )
    )
    return "\n".join(out) + "\n"


def full_text_page(doc: Document, aids: study.StudyAids) -> str:
    """The whole text in reading order; blocks use class ``fulltext``, not ``verbatim``,
    so the verbatim property counts each character on its own page only."""
    here = layout.full_text_page(doc)
    # Out of the search index: it repeats the directive pages, which are the
    # results a reader wants (and it would double the index).
    marks = page_marks(doc, aids, here)
    out = ["---", "search:", "  exclude: true", "---", "", _breadcrumb(doc, here), "", "# 全文 {#full}", ""]
    if doc.title_span.end:
        out.append(
            verbatim_block(
                doc.source,
                doc.title_span,
                "title",
                css="fulltext",
                marks=marks,
                paragraphs=doc.paragraphs_in(doc.title_span),
                doc=doc,
                site_url=aids.site_url,
            )
        )
    out.append(
        verbatim_block(
            doc.source,
            doc.opening,
            "opening",
            css="fulltext",
            marks=marks,
            paragraphs=doc.paragraphs_in(doc.opening),
            doc=doc,
            site_url=aids.site_url,
        )
    )
    for part in doc.parts:
        out += _full_text_section(doc, part, here, marks, level=2)
    out.append(printing.print_citation(f"《{doc.title}》"))
    return "\n".join(out) + "\n"


def _full_text_section(
    doc: Document, node: Section, here: str, marks: Sequence[Mark], level: int, site_url: str = ""
) -> list[str]:
    """A section in the full text: a linked heading, then its text with its points, then its child pages."""
    hashes = "#" * min(level, 6)
    out = [f"{hashes} {link(page_heading(node), relative(here, layout.node_page(doc, node)))} {{#{node.id}}}", ""]
    for item in node.body:
        if isinstance(item, Span):
            out.append(
                verbatim_block(
                    doc.source,
                    item,
                    node.id,
                    css="fulltext",
                    marks=marks,
                    paragraphs=doc.paragraphs_in(item),
                    doc=doc,
                    site_url=site_url,
                )
            )
        elif not item.has_page:
            out += _full_text_anchored(doc, item, marks, site_url)
        else:
            out += _full_text_section(doc, item, here, marks, level + 1, site_url)
    return out


def _full_text_anchored(doc: Document, node: Section, marks: Sequence[Mark], site_url: str = "") -> list[str]:
    out = []
    for item in node.body:
        if isinstance(item, Span):
            out.append(
                verbatim_block(
                    doc.source,
                    item,
                    node.id,
                    css="fulltext",
                    marks=marks,
                    paragraphs=doc.paragraphs_in(item),
                    doc=doc,
                    site_url=site_url,
                )
            )
        else:
            out += _full_text_anchored(doc, item, marks, site_url)
    return out


def _term_link(aids: study.StudyAids, term_id: str, here: str) -> str:
    """A Markdown link to a term page; the label keeps redaction marks styled."""
    return f"[{inline_html(aids.index.term(term_id).text)}]({relative(here, layout.term_page(term_id))})"


def cite_block(doc: Document, node: Section, here: str, aids: study.StudyAids) -> str:
    """The "cite this" line: citation, link and a copy button (docs/assets/cite.js).

    ``data-cite`` is the whole citation (:func:`studysite.cite.citation`): reference,
    locator, and the absolute URL when ``site_url`` is set, else the portable reference;
    never a ``file:`` path; on paper the portable reference (``tanxin 2-2-2``) stands
    for the link.  The link is relative, so it works from disk.  The buttons copy
    the passage with its citation, or the citation alone, add the passage to the
    handout (讲义), or open a study note.
    """
    page = layout.point_page(doc, node) if not node.has_page else layout.node_page(doc, node)
    href = layout.url(relative(here, page))
    text = study.citation(doc, node, aids.site_url)
    short = cite.short_reference(doc, node.id)
    absolute = f' data-url="{attribute(aids.site_url + layout.url(page))}"' if aids.site_url else ""
    return (
        f'<div class="cite" {OFF_INDEX} data-doc="{doc.slug}" data-node="{node.id}" data-short="{attribute(short)}"'
        f' data-cite="{attribute(text)}"{absolute}>'
        f'<span class="cite-label">引用</span> <span class="cite-text">{escape(text)}</span> '
        f'<a class="cite-link" href="{href}" title="{attribute(short)}">链接</a> '
        f'<span class="cite-actions">'
        f'<button class="cite-copy-passage" type="button" title="复制这段原文和它的引文">复制原文+引文</button> '
        f'<button class="cite-copy" type="button" title="只复制引文">复制引文</button> '
        f'<button class="cite-handout" type="button" title="把这段原文加入讲义">加入讲义</button> '
        f'<button class="cite-note" type="button" title="给这一处写学习笔记（保存在本机浏览器中）">笔记</button>'
        f"</span></div>\n"
    )


def _breadcrumb(doc: Document, here: str, *ancestors: Section) -> str:
    crumbs = [link(doc.title, relative(here, layout.document_page(doc)))]
    crumbs += [link(page_heading(node), relative(here, layout.node_page(doc, node))) for node in ancestors]
    return " › ".join(crumbs) + f"\n{{: .crumbs {OFF_INDEX} }}"

def _pager(previous: tuple[str, str] | None, following: tuple[str, str] | None) -> str:
    cells = []
    if previous:
        cells.append(f"上一条：{link(*previous)}")
    if following:
        cells.append(f"下一条：{link(*following)}")
    return "　｜　".join(cells) + f"\n{{: .pager {OFF_INDEX} }}\n"
