"""The study pages: glossary, term pages, quotations, self-test, link catalog, structure diagram.

Like :mod:`studysite.render`, every piece of source text goes through
``escape``/``inline_html``; links inside raw HTML are written as final
``.html`` URLs relative to the page, because MkDocs rewrites only Markdown links.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import aids as study
from . import cite, layout
from .grammar import numeral
from .kinds import Kind, noun
from .markup import attribute, cite_template, escape, inline_html, link, relative
from .model import Document, Section
from .render import page_heading
from .terms import GROUPS, UNDEFINED_GROUP, MovedTerm, Term, TermIndex

#: ASCII anchors of the glossary groups.
GROUP_ANCHORS = dict(zip((*GROUPS, UNDEFINED_GROUP), ("standard", "speech", "annex", "idiom", "unexplained", "marked")))

#: What each group holds, shown under its heading on the glossary index.
GROUP_NOTES = {
    "规范提法": "党和国家文件、领导人讲话中确定的提法，释义已与公开资料核对。",
    "本文自有提法": "讲话自己提出、由本文结构界定的提法：每个提法就是一个部分的标题，所指即该部分的各条要求。",
    "文件名词解释": "文件在附件“名词解释”中自己给出的释义，照录原文。",
    "习语典故": "比喻、俗语和典故。",
    "未作解释的名称": "当地的活动或名称，原文没有解释（部分被隐去）。本站只说明原文写了什么，不作推测。",
    UNDEFINED_GROUP: "原文用引号或书名号标出、术语表尚未收入释义的用语，按出现先后排列。",
}


#: Front matter of pages that repeat or point at the original text (terms, aids):
#: found by search, but ranked far below the directive or point that holds the words.
DERIVED_PAGE = "---\nsearch:\n  boost: 0.01\n---\n\n"

#: Front matter of pages that only repeat titles and links (structure map, link table): not searched.
UNSEARCHED_PAGE = "---\nsearch:\n  exclude: true\n---\n\n"


def _html_href(here: str, page: str) -> str:
    return layout.url(relative(here, page))


def _kind(term: Term) -> str:
    return "数字概括提法" if term.numbered else ""


# ---- Glossary and term pages ---------------------------------------------------------

#: Documents whose every occurrence a term page shows in its sentence; further documents get one line each.
TERM_PAGE_DOCUMENTS = 20


def term_pages(documents: Sequence[Document], aids: study.StudyAids) -> dict[str, str]:
    pages = {layout.GLOSSARY_PAGE: glossary_page(aids)}
    pages.update(glossary_group_pages(aids))
    for term in aids.index.terms:
        pages[layout.term_page(term.id)] = term_page(term, documents, aids)
    for moved in aids.index.moved:
        pages[layout.term_page(moved.id)] = moved_term_page(moved, aids)
    return pages


def moved_term_page(moved: MovedTerm, aids: study.StudyAids) -> str:
    """The old page of a phrase that now has a glossary entry, or is no term: it points on.

    A meta refresh (which works from disk too) takes the reader on at once; the
    link is there for anyone whose browser does not follow it.
    """
    here = layout.term_page(moved.id)
    if moved.now:
        target = layout.term_page(moved.now)
        text = f"“{inline_html(moved.text)}”的释义在{link('术语表的这一条', relative(here, target))}。"
    else:
        target = layout.GLOSSARY_PAGE
        glossary = link("术语表", relative(here, target))
        text = f"“{inline_html(moved.text)}”只是原文加引号强调的单字，不是术语。见{glossary}。"
    refresh = f'<meta http-equiv="refresh" content="0; url={_html_href(here, target)}">'
    return UNSEARCHED_PAGE + "\n".join([f"# {inline_html(moved.text)} {{#term}}", "", refresh, "", text, ""]) + "\n"


def glossary_page(aids: study.StudyAids) -> str:
    here = layout.GLOSSARY_PAGE
    index = aids.index
    out = [
        "# 术语表 {#glossary}",
        "",
        "讲话中的规范提法、本文自有提法、习语典故，以及原文用引号、书名号标出的用语。"
        "点击术语查看释义和它在各文档中的全部出处；在原文中，鼠标悬停在带下划线的术语上（手机上轻点）即可看到简短释义。"
        "原文没有解释、本站也无据可查的用语不在正文中加链接，只在这里列出出处。",
        "",
    ]
    for group in (*GROUPS, UNDEFINED_GROUP):
        terms = [t for t in index.terms if t.group == group]
        if not terms:
            continue
        out += [f"## {group} {{#{GROUP_ANCHORS[group]}}}", "", GROUP_NOTES[group], ""]
        if len(terms) > GLOSSARY_PAGE_TERMS:
            # A large library: the group's terms on pages of their own, so this page stays light.
            pages = _group_pages(group, terms)
            out += [f"本组共 {len(terms)} 条，分 {len(pages)} 页：", ""]
            # A page of one term names it once (first and last are the same term).
            out += [
                f"- [{escape(chunk[0].text)}{' … ' + escape(chunk[-1].text) if len(chunk) > 1 else ''}]"
                f"({relative(here, page)})"
                for page, chunk in pages
            ]
            out.append("")
            continue
        out += _term_lines(here, index, terms)
        out.append("")
    return DERIVED_PAGE + "\n".join(out) + "\n"


#: Most terms of one group listed on the glossary page itself; a larger group gets pages of this many.
GLOSSARY_PAGE_TERMS = 300


def _group_pages(group: str, terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """``terms/group-<anchor>-<n>.md`` and its terms, for a group too large for the glossary page."""
    return [
        (f"terms/group-{GROUP_ANCHORS[group]}-{n + 1}.md", terms[start : start + GLOSSARY_PAGE_TERMS])
        for n, start in enumerate(range(0, len(terms), GLOSSARY_PAGE_TERMS))
    ]


def glossary_group_pages(aids: study.StudyAids) -> dict[str, str]:
    pages = {}
    for group in (*GROUPS, UNDEFINED_GROUP):
        terms = [t for t in aids.index.terms if t.group == group]
        if len(terms) <= GLOSSARY_PAGE_TERMS:
            continue
        chunks = _group_pages(group, terms)
        for n, (here, mine) in enumerate(chunks):
            out = [
                f"{link('术语表', relative(here, layout.GLOSSARY_PAGE))} › "
                f"{link(group, relative(here, layout.GLOSSARY_PAGE) + '#' + GROUP_ANCHORS[group])}",
                "{: .crumbs }",
                "",
                f"# {group}（第 {n + 1} / {len(chunks)} 页） {{#glossary-group}}",
                "",
                *_term_lines(here, aids.index, mine),
                "",
            ]
            pages[here] = DERIVED_PAGE + "\n".join(out) + "\n"
    return pages


def _term_lines(here: str, index: TermIndex, terms: list[Term]) -> list[str]:
    lines = []
    for term in terms:
        count = len(index.occurrences_of(term.id))
        kind = f"〔{_kind(term)}〕" if _kind(term) else ""
        label = f"[{inline_html(term.text)}]({relative(here, layout.term_page(term.id))})"
        short = f"：{escape(term.short)}" if term.entry else ""
        lines.append(f"- {label}{kind}{short}（{count} 处）")
    return lines


def term_page(term: Term, documents: Sequence[Document], aids: study.StudyAids) -> str:
    here = layout.term_page(term.id)
    index = aids.index
    out = [
        f"{link('术语表', relative(here, layout.GLOSSARY_PAGE))} › "
        f"{link(term.group, relative(here, layout.GLOSSARY_PAGE) + '#' + GROUP_ANCHORS[term.group])}",
        "{: .crumbs }",
        "",
        f"# {inline_html(term.text)} {{#term}}",
        "",
    ]
    facts = [("释义", term.short)]
    if term.entry:
        facts += [("说明", term.entry.note), ("出处", term.entry.source)]
        if term.entry.aliases:
            facts.append(("其他写法", "、".join(term.entry.aliases)))
    if _kind(term):
        facts.append(("类型", _kind(term)))
    if not term.entry:
        facts.append(("说明", "本站按原文的引号或书名号自动收录此用语；术语表中还没有它的释义。"))
    out += [f"- **{label}**：{inline_html(value)}" for label, value in facts if value]
    out.append("")

    for formula in index.formulas_of(term.id):
        doc = next(d for d in documents if d.slug == formula.doc)
        part = next(p for p in doc.parts if p.id == formula.part)
        out += [f"## 本文所指 {{#meaning-{doc.slug}}}", ""]
        out.append(
            f"“{escape(term.text)}”是{link(doc.title, relative(here, layout.document_page(doc)))}"
            f"{link(layout.part_label(part), relative(here, layout.node_page(doc, part)))}的标题用语，"
            f"指该部分的{len(formula.directives)}条要求："
        )
        out.append("")
        for directive_id, component in zip(formula.directives, formula.components):
            directive = next(d for d in part.directives if d.id == directive_id)
            target = relative(here, layout.node_page(doc, directive))
            out.append(f"- **{escape(component)}**：{link(directive.id + ' ' + directive.heading, target)}")
        out.append("")

    occurrences = index.occurrences_of(term.id)
    out += [f"## 出处（{len(occurrences)} 处） {{#occurrences}}", ""]
    if not occurrences:
        out += ["本站收录的文档中没有出现这个术语。", ""]
    by_doc: dict[str, list] = {}
    for o in occurrences:
        by_doc.setdefault(o.doc, []).append(o)
    holders = [doc for doc in documents if doc.slug in by_doc]
    # A page that does not grow with the library: every occurrence with its sentence in the first
    # TERM_PAGE_DOCUMENTS documents, then one line per document (count, link to its first place).
    if len(holders) > TERM_PAGE_DOCUMENTS:
        rest = holders[TERM_PAGE_DOCUMENTS:]
        holders = holders[:TERM_PAGE_DOCUMENTS]
    else:
        rest = []
    for doc in holders:
        mine = by_doc[doc.slug]
        out += [f"### {link(doc.title, relative(here, layout.document_page(doc)))} {{#in-{doc.slug}}}", ""]
        items = []
        for o in mine:
            left, right = study.sentence_around(doc.source, o.start, o.end)
            context = (
                ("…" if left > 0 and doc.source[left - 1] not in "。！？；\n" else "")
                + inline_html(doc.source[left : o.start])
                + f"<mark>{inline_html(doc.source[o.start : o.end])}</mark>"
                + inline_html(doc.source[o.end : right])
                + ("…" if right < len(doc.source) and doc.source[right - 1] not in "。！？；" else "")
            )
            href = _html_href(here, layout.owner_page(doc, o.owner))
            items.append(
                f'<li data-owner="{o.owner}">'
                f'<a class="occurrence" href="{href}">{escape(layout.owner_label(doc, o.owner))}</a>'
                f'<br><span class="context">{context}</span></li>'
            )
        out += ['<ol class="occurrences">', *items, "</ol>", ""]
    if rest:
        out += [f"### 其他 {len(rest)} 篇文档 {{#in-more}}", "", '<ul class="occurrence-counts">']
        for doc in rest:
            first = by_doc[doc.slug][0]
            href = _html_href(here, layout.owner_page(doc, first.owner))
            out.append(
                f'<li id="in-{doc.slug}"><a href="{href}">{escape(doc.title)}</a>（{len(by_doc[doc.slug])} 处）</li>'
            )
        out += ["</ul>", ""]
    return DERIVED_PAGE + "\n".join(out) + "\n"


# ---- Per-document pages ----------------------------------------------------------------


def document_aid_pages(doc: Document, aids: study.StudyAids, documents: Sequence[Document]) -> dict[str, str]:
    return {
        layout.map_page(doc): map_page(doc),
        layout.quotations_page(doc): quotations_page(doc, aids),
        layout.selftest_page(doc): selftest_page(doc, aids),
        layout.links_page(doc): links_page(doc, aids),
    }


def _crumb(doc: Document, here: str) -> str:
    return link(doc.title, relative(here, layout.document_page(doc))) + "\n{: .crumbs }"


def map_page(doc: Document) -> str:
    """Parts -> directives -> points as nested boxes: plain HTML and CSS, clickable, printable."""
    here = layout.map_page(doc)
    out = [_crumb(doc, here), "", "# 结构图 {#map}", "", "全文的部分、要求和要点。点击任一方框打开相应页面。", ""]
    html = ['<div class="structure-map">']
    html.append(f'<a class="sm-doc" href="{_html_href(here, layout.document_page(doc))}">{escape(doc.title)}</a>')
    opening = "开场白" if doc.parts else "正文"
    html.append(f'<a class="sm-opening" href="{_html_href(here, layout.opening_page(doc))}">{opening}</a>')
    html.append('<div class="sm-parts">')
    for part in doc.parts:
        html.append('<section class="sm-part">')
        html.append(
            f'<a class="sm-part-title" href="{_html_href(here, layout.node_page(doc, part))}">'
            f'<span class="sm-id">{escape(layout.part_label(part))}</span>{escape(part.heading)}</a>'
        )
        html += _map_points(doc, part, here)
        html.append('<ol class="sm-directives">')
        for directive in part.directives:
            html.append(
                f'<li><a class="sm-directive" href="{_html_href(here, layout.node_page(doc, directive))}">'
                f'<span class="sm-id">{directive.id}</span>{escape(directive.heading)}</a>'
            )
            html += _map_points(doc, directive, here)
            html.append("</li>")
        html.append("</ol>")
        html.append("</section>")
    html += ["</div>", "</div>"]
    out += ["\n".join(html), ""]
    return UNSEARCHED_PAGE + "\n".join(out) + "\n"


def _map_points(doc: Document, node: Section, here: str) -> list[str]:
    if not node.points:
        return []
    html = ['<ol class="sm-points">']
    for point in node.points:
        html.append(
            f'<li><a class="sm-point" href="{_html_href(here, layout.point_page(doc, point))}">'
            f'<span class="sm-id">{point.id}</span>{escape(point.heading)}</a></li>'
        )
    return html + ["</ol>"]


def quotations_page(doc: Document, aids: study.StudyAids) -> str:
    here = layout.quotations_page(doc)
    quotations = aids.quotations_in(doc.slug)
    out = [_crumb(doc, here), "", "# 引语 {#quotes}", ""]
    if not quotations:
        return "\n".join(out + ["本文没有引用领导人讲话的句子。", ""]) + "\n"
    out += [
        f"本文引用{'、'.join(dict.fromkeys(q.speaker for q in quotations))}的话共 {len(quotations)} 处："
        "加引号的是直接引语，没有引号的是讲话转述的大意。"
        "在要求页中，这些句子带有浅色底纹。",
        "",
    ]
    for n, q in enumerate(quotations, start=1):
        left, right = study.sentence_around(doc.source, q.start, q.end, limit=120)
        kind = "直接引语" if q.direct else "转述"
        words = f"“{q.words}”" if q.direct else q.words
        href = relative(here, layout.owner_page(doc, q.owner))
        out += [f"## {n}. {escape(q.speaker + q.verb)} {{#q{n}}}", ""]
        out += [f'<blockquote class="quoted-words"><p>{inline_html(words)}</p></blockquote>', ""]
        out += [
            f"- **谁的话**：{escape(q.speaker)}（{kind}）",
            f"- **出处**：{link(layout.owner_label(doc, q.owner), href)}",
            f"- **原句**：{inline_html(doc.source[left:right].strip())}",
            "",
        ]
    return DERIVED_PAGE + "\n".join(out) + "\n"


def selftest_page(doc: Document, aids: study.StudyAids) -> str:
    here = layout.selftest_page(doc)
    out = [
        _crumb(doc, here),
        "",
        "# 自测与讨论 {#selftest}",
        "",
        "题目由文档结构自动生成。先自己作答，再点开“答案”核对。",
        "",
    ]
    n = 0
    for formula in aids.index.formulas:
        if formula.doc != doc.slug:
            continue
        n += 1
        term = aids.index.term(formula.term)
        part = next(p for p in doc.parts if p.id == formula.part)
        out += [f"## {n}. “{escape(term.text)}”指什么？ {{#formula-{term.id}}}", ""]
        out += [
            f"{escape(layout.part_label(part))}以“{escape(term.text)}”为题。它包括哪{numeral(len(formula.directives))}个方面？各是哪一条要求？",
            "",
        ]
        out.append('??? question "答案"')
        out.append("")
        for directive_id, component in zip(formula.directives, formula.components):
            directive = next(d for d in part.directives if d.id == directive_id)
            target = relative(here, layout.node_page(doc, directive))
            out.append(f"    - **{escape(component)}**：{link(directive.id + ' ' + directive.heading, target)}")
        out.append("")

    if len(doc.parts) > 1:
        n += 1
        out += [f"## {n}. 下列要求各属于哪一部分？ {{#which-part}}", ""]
        named = "；".join(f"{escape(layout.part_label(p))}“{escape(p.heading)}”" for p in doc.parts)
        out.append(f"本文各部分：{named}。")
        out.append("")
        by_heading = {d.heading: (p, d) for p in doc.parts for d in p.directives}
        order = study.shuffled(list(by_heading), doc.slug)
        out += [f"{i}. {escape(h)}" for i, h in enumerate(order, start=1)]
        out += ["", '??? question "答案"', ""]
        for i, heading in enumerate(order, start=1):
            part, directive = by_heading[heading]
            target = relative(here, layout.node_page(doc, directive))
            out.append(f"    {i}. {escape(heading)}：{escape(layout.part_label(part))}（{link(directive.id, target)}）")
        out.append("")

    blanks = study.heading_blanks(doc, aids.index)
    if blanks:
        n += 1
        out += [f"## {n}. 填空：补全标题 {{#blanks}}", ""]
        out += [
            f'{i}. {escape(b.before)}<span class="blank">{"＿" * len(b.answer)}</span>{escape(b.after)}'
            for i, b in enumerate(blanks, start=1)
        ]
        out += ["", '??? question "答案"', ""]
        for i, b in enumerate(blanks, start=1):
            page = layout.owner_page(doc, b.node)
            out.append(f"    {i}. **{escape(b.answer)}**（{link(b.node, relative(here, page))}）")
        out.append("")

    questions = aids.questions.get(doc.slug, {})
    if questions:
        out += ["## 讨论题 {#questions}", "", "供集体学习讨论。各条要求页的末尾也列出了该条的讨论题。", ""]
        for directive in doc.directives:
            if directive.id not in questions:
                continue
            target = relative(here, layout.node_page(doc, directive))
            out += [f"### {link(directive.id + ' ' + directive.heading, target)} {{#questions-{directive.id}}}", ""]
            out += [f"{i}. {escape(q)}" for i, q in enumerate(questions[directive.id], start=1)]
            out.append("")
    return DERIVED_PAGE + "\n".join(out) + "\n"


def links_page(doc: Document, aids: study.StudyAids) -> str:
    """Every part, directive and point in a table: id, title, link and a copy button per row."""
    here = layout.links_page(doc)
    out = [
        _crumb(doc, here),
        "",
        "# 链接目录 {#links}",
        "",
        "每个部分、要求和要点的标题与链接。点“复制”即复制规范的中文引文和链接，可直接粘贴到讲稿或教案中。",
        "",
    ]
    rows = []
    for node in doc.sections():
        page = layout.point_page(doc, node) if not node.has_page else layout.node_page(doc, node)
        title = node.heading if node.kind in (Kind.DIRECTIVE, Kind.POINT) else page_heading(node)
        level = "point" if not node.has_page else ("part" if node.kind in (Kind.PART, Kind.CHAPTER) else "directive")
        site_path = layout.url(page)
        shown = aids.site_url + site_path if aids.site_url else site_path
        absolute = f' data-url="{attribute(shown)}"' if aids.site_url else ""
        rows.append(
            f'<tr class="cite level-{level}" data-node="{node.id}"'
            f' data-where="{attribute(cite.locator(doc, node.id))}"{absolute}>'
            f"<td>{node.id}</td><td>{noun(node.kind)}</td><td>{escape(title)}</td>"
            f'<td><a class="cite-link" href="{_html_href(here, page)}">{escape(shown)}</a></td>'
            "<td></td></tr>"  # docs/assets/cite.js puts the 复制 button here (it needs the script anyway)
        )
    out += [
        cite_template(doc, aids.site_url),  # a row's citation: the template with its data-where, data-node and data-url
        '<table class="link-table">',
        "<thead><tr><th>编号</th><th>类型</th><th>标题</th><th>链接</th><th>复制</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
        "",
    ]
    return UNSEARCHED_PAGE + "\n".join(out) + "\n"
