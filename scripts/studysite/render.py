"""Model -> the document's Markdown pages, in Chinese: home, document, opening, part, directive, full text.

Every piece of source text goes through the markup helpers of :mod:`studysite.markup`
(escaped, redactions marked, term links and quotations as marks that never change the
text).  The study pages are in :mod:`studysite.render_aids`; :mod:`studysite.site`
assembles all of them into the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from . import aids as study
from . import cite, contents, layout, printing
from .grammar import numeral
from .kinds import Kind, label_is_locator, spec
from .markup import (
    REDACTION_TITLE,
    Mark,
    attribute,
    cite_template,
    escape,
    inline_html,
    link,
    relative,
    verbatim_block,
)
from .model import Document, Section, Span
from .terms import Occurrence


@dataclass(frozen=True)
class PageContext:
    """One page being written: its document, its own path, the study aids and the library.

    Every helper of a page takes this instead of four loose arguments; the marks (term
    links and quotations, linked relative to this page) are worked out once per page.
    """

    doc: Document
    here: str
    """The page's path under the docs root (``tanxin/2-1.md``): links are relative to it."""
    aids: study.StudyAids
    documents: Sequence[Document] = ()
    """The whole library, for links across documents (related reading)."""

    @cached_property
    def marks(self) -> list[Mark]:
        return page_marks(self.doc, self.aids, self.here)

    def block(self, span: Span, owner: str, css: str = "verbatim") -> str:
        """One owned span of this page's document as a verbatim block: the model's paragraphs, each
        with its anchor and citation (the published URL in it when ``site_url`` is set), the page's marks."""
        doc = self.doc
        paragraphs = doc.paragraphs_in(span)
        return verbatim_block(
            doc.source,
            span,
            owner,
            css=css,
            marks=self.marks,
            paragraphs=paragraphs,
            doc=doc,
            site_url=self.aids.site_url,
        )

    def cite_template(self) -> str:
        """The page's citation template: its blocks carry only their locators (:func:`markup.cite_template`)."""
        return cite_template(self.doc, self.aids.site_url)


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


def home_page(documents: list[Document], refused: Sequence[Exception] = ()) -> str:
    here = layout.HOME_PAGE
    out = [
        "# 学习文库 {#home}",
        "",
        "本站收录供集体学习研读的讲话与文件原文，逐字照录，按结构分页，便于学习、引用和离线阅读。",
        "",
    ]
    out += ["## 文档 {#documents}", ""]
    catalog_pages = layout.catalog_pages(len(documents))
    if not catalog_pages:
        out += _document_lines(documents, here)
    else:  # a large library: the home page lists its catalog pages, they list the documents
        out += [f"本站共收录 {len(documents)} 篇文档，按收录顺序分页列出：", ""]
        for page, positions in catalog_pages:
            first, last = documents[positions.start], documents[positions.stop - 1]
            label = link(layout.documents_label(positions), relative(here, page))
            titles = escape(first.title) + (f" …… {escape(last.title)}" if len(positions) > 1 else "")
            out.append(f"- **{label}**：{titles}")
    out += _refused_notice(refused)
    out += ["", *_how_to_use()]
    return "\n".join(out) + "\n"


def catalog_page(documents: list[Document], page: str, positions: range) -> str:
    """One page of a large library's catalog (:func:`layout.catalog_pages`)."""
    label = layout.documents_label(positions)
    out = [f"# {label} {{#catalog}}", "", f"{link('学习文库', relative(page, layout.HOME_PAGE))}　›　{label}", ""]
    out += _document_lines([documents[i] for i in positions], page)
    return "\n".join(out) + "\n"


def _document_lines(documents: list[Document], here: str) -> list[str]:
    """Each document with its shape and its facts: a link, then a line."""
    out = []
    for doc in documents:
        facts = _shape_facts(doc)
        facts.append(f"{len(doc.source.replace(chr(10), ''))} 字")
        facts += [escape(doc.meta[key]) for key in ("date", "speaker", "occasion") if doc.meta.get(key)]
        out.append(f"- **{link(doc.title, relative(here, layout.document_page(doc)))}**  ")
        out.append(f"  {'　·　'.join(facts)}")
    return out


def _refused_notice(refused: Sequence[Exception]) -> list[str]:
    """Texts the build left out, each with its errors, so the library is never silently incomplete."""
    if not refused:
        return []
    out = ["", "## 未收录的文本 {#refused}", ""]
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
        "## 使用说明 {#how-to-use}",
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
    ctx = PageContext(doc, layout.document_page(doc), aids)
    here = ctx.here
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
            out.append(ctx.block(doc.title_span, "title"))
    facts = [
        (label, doc.meta.get(key)) for key, label in (("speaker", "讲话人"), ("date", "日期"), ("occasion", "场合"))
    ]
    out += [f"- {label}：{escape(value)}" for label, value in facts if value]
    out += ["", "## 结构 {#structure}", ""]
    out.append(f"- {link('开场白' if doc.parts else '正文', relative(here, layout.opening_page(doc)))}")
    out += _structure_list(ctx, doc.parts, depth=0)
    out.append(f"- {link('全文（按原文顺序通读）', relative(here, layout.full_text_page(doc)))}")
    out += ["", "## 学习辅助 {#aids}", ""]
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


def _structure_list(ctx: PageContext, nodes: Sequence[Section], depth: int) -> list[str]:
    """Nested list items linking every section and point, in reading order."""
    doc, here = ctx.doc, ctx.here
    out = []
    for node in nodes:
        page = layout.point_page(doc, node) if not node.has_page else layout.node_page(doc, node)
        label = page_heading(node) if node.has_page else f"{node.id} {node.heading}"
        out.append(f"{'    ' * depth}- {link(label, relative(here, page))}")
        out += _structure_list(ctx, node.children, depth + 1)
    return out


def opening_page(doc: Document, aids: study.StudyAids) -> str:
    ctx = PageContext(doc, layout.opening_page(doc), aids)
    here = ctx.here
    out = [
        _breadcrumb(ctx),
        "",
        "# 开场白 {#opening}",
        "",
        ctx.cite_template(),
        ctx.block(doc.opening, "opening"),
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


def body_blocks(ctx: PageContext, node: Section) -> list[str]:
    """A section's own text and its points, in source order (child pages are linked, not shown)."""
    out: list[str] = []
    for item in node.body:
        if isinstance(item, Span):
            out.append(ctx.block(item, node.id))
        elif not item.has_page:
            out += _anchored_blocks(ctx, item, level=2)
    return out


def _anchored_blocks(ctx: PageContext, node: Section, level: int) -> list[str]:
    """A unit shown on its page under an anchor (a point, an article and its items), in source order."""
    # A point is named by its id (2-1-3); an article or item by its own marker (第八十条, （一）), as it is cited.
    name = node.id if node.kind == Kind.POINT else node.marker
    # An article's first sentence is its text, shown right below: its heading is its number alone.
    title = node.marker if spec(node.kind).nav == "number" else f"{name} {node.heading}"
    out = [f"{'#' * min(level, 6)} {escape(title)} {{#{node.id}}}", ""]
    for item in node.body:
        if isinstance(item, Span):
            out.append(ctx.block(item, node.id))
        else:
            out += _anchored_blocks(ctx, item, level + 1)
    out.append(cite_block(ctx, node))
    return out


def part_page(doc: Document, part: Section, aids: study.StudyAids) -> str:
    """A section with pages below it: its own text, its points, links to its child pages."""
    ctx = PageContext(doc, layout.node_page(doc, part), aids)
    here = ctx.here
    out = [_breadcrumb(ctx, *doc.ancestors(part.id)), "", f"# {escape(page_heading(part))} {{#{part.id}}}", ""]
    out += [cite_block(ctx, part), ctx.cite_template()]
    body, page_contents = contents.paragraph_contents(body_blocks(ctx, part), part.id)
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
    ctx = PageContext(doc, layout.node_page(doc, directive), aids, documents)
    here = ctx.here
    body, page_contents = contents.paragraph_contents(body_blocks(ctx, directive), directive.id)
    out = [
        _breadcrumb(ctx, *doc.ancestors(directive.id)),
        "",
        f"# {escape(page_heading(directive))} {{#{directive.id}}}",
        "",
        cite_block(ctx, directive),
        ctx.cite_template(),
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
        out += ["## 术语与相关阅读 {#related}", ""]
        out.append("本条术语：" + "、".join(_term_link(ctx, t) for t in own_terms) + "。")
        out.append("")
        if not related:
            out += ["这些术语没有出现在其他要求中。", ""]
    if related:
        out += ["与本条有共同术语的其他要求（共同术语越少见越靠前；各处都有的提法不算）：", ""]
        by_slug = {d.slug: d for d in (documents or [doc])}
        # A shared term is one of 本条术语, linked just above: there it is written as an <a> without its
        # address, which readers.js takes from the link of the same text above (relatedTermLinks).  Written
        # out in every item, the addresses were a third of the related reading's weight, itself the
        # heaviest thing after the text.  A term whose text is not one of a kind above keeps its link.
        texts = [aids.index.term(t).text for t in own_terms]
        above = {t for t, text in zip(own_terms, texts) if texts.count(text) == 1}
        for r in related:
            other_doc = by_slug[r.doc]
            other = next(d for d in other_doc.directives if d.id == r.directive)
            prefix = "" if r.doc == doc.slug else f"{other_doc.title} "
            shared = "、".join(
                f"<a>{inline_html(aids.index.term(t).text)}</a>" if t in above else _term_link(ctx, t) for t in r.shared
            )
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
    ctx = PageContext(doc, layout.full_text_page(doc), aids)
    # Out of the search index: it repeats the directive pages, which are the
    # results a reader wants (and it would double the index).
    out = [
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        _breadcrumb(ctx),
        "",
        "# 全文 {#full}",
        "",
        ctx.cite_template(),
    ]
    if doc.title_span.end:
        out.append(ctx.block(doc.title_span, "title", css="fulltext"))
    out.append(ctx.block(doc.opening, "opening", css="fulltext"))
    for part in doc.parts:
        out += _full_text_section(ctx, part, level=2)
    out.append(printing.document_citation(doc))
    return "\n".join(out) + "\n"


def _full_text_section(ctx: PageContext, node: Section, level: int) -> list[str]:
    """A section in the full text: a linked heading, then its text with its points, then its child pages."""
    doc, here = ctx.doc, ctx.here
    hashes = "#" * min(level, 6)
    out = [f"{hashes} {link(page_heading(node), relative(here, layout.node_page(doc, node)))} {{#{node.id}}}", ""]
    for item in node.body:
        if isinstance(item, Span):
            out.append(ctx.block(item, node.id, css="fulltext"))
        elif not item.has_page:
            out += _full_text_anchored(ctx, item)
        else:
            out += _full_text_section(ctx, item, level + 1)
    return out


def _full_text_anchored(ctx: PageContext, node: Section) -> list[str]:
    out = []
    for item in node.body:
        if isinstance(item, Span):
            out.append(ctx.block(item, node.id, css="fulltext"))
        else:
            out += _full_text_anchored(ctx, item)
    return out


def _term_link(ctx: PageContext, term_id: str) -> str:
    """A Markdown link to a term page; the label keeps redaction marks styled."""
    aids, here = ctx.aids, ctx.here
    return f"[{inline_html(aids.index.term(term_id).text)}]({relative(here, layout.term_page(term_id))})"


def cite_block(ctx: PageContext, node: Section) -> str:
    """The "cite this" line: citation and link; docs/assets/cite.js adds the buttons.

    The visible ``cite-text`` is the whole citation (:func:`studysite.cite.citation`):
    reference, locator, and the absolute URL when ``site_url`` is set, else the portable
    reference; never a ``file:`` path; on paper the portable reference (``tanxin 2-2-2``)
    stands for the link.  The line carries only its locator (``data-where``): cite.js writes
    the text from the page's citation template (:meth:`PageContext.cite_template`, on every
    page with cite lines) when the page loads, as it does for each paragraph, rather than every
    line carrying the whole reference again (issue 13: page weight).  The link is relative, so it
    works from disk; its hover text, the portable reference, is added by cite.js, which knows
    the document from the page's path (``<doc>/…``, the link rules) and the place from
    ``data-node``.  The buttons (copy the passage with its citation, or the citation alone, add
    the passage to the handout (讲义), open a study note) do nothing without JavaScript, so the script adds them
    to every page rather than every page carrying them (issue 13: page weight).
    """
    doc, here, aids = ctx.doc, ctx.here, ctx.aids
    page = layout.point_page(doc, node) if not node.has_page else layout.node_page(doc, node)
    href = layout.url(relative(here, page))
    absolute = f' data-url="{attribute(aids.site_url + layout.url(page))}"' if aids.site_url else ""
    return (
        f'<div class="cite" data-node="{node.id}" data-where="{attribute(cite.locator(doc, node.id))}"{absolute}>'
        '<span class="cite-label">引用</span> <span class="cite-text"></span> '
        f'<a class="cite-link" href="{href}">链接</a></div>\n'
    )


def _breadcrumb(ctx: PageContext, *ancestors: Section) -> str:
    doc, here = ctx.doc, ctx.here
    crumbs = [link(doc.title, relative(here, layout.document_page(doc)))]
    crumbs += [link(page_heading(node), relative(here, layout.node_page(doc, node))) for node in ancestors]
    return " › ".join(crumbs) + "\n{: .crumbs }"


def _pager(previous: tuple[str, str] | None, following: tuple[str, str] | None) -> str:
    cells = []
    if previous:
        cells.append(f"上一条：{link(*previous)}")
    if following:
        cells.append(f"下一条：{link(*following)}")
    return "　｜　".join(cells) + "\n{: .pager }\n"
