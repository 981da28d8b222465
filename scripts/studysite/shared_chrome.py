"""Parts of Material's chrome that are the same on many pages, cut out of the pages and written once.

Material writes, in every page, the whole branch of the sidebar the page sits in (every section of its
document, each a ``<li>`` with its title) and the palette's form.  In a library of a thousand documents
that is a quarter of the site's bytes (README 页面大小, bench/README.md).  This module takes those parts out
of a page *verbatim*, exactly as Material wrote them, and gives back the small scripts that put them back in
the same place before the page is first painted:

- **Sidebar lists.**  Of each list of the sidebar below the first level (a document's pages, a part's
  sections) the page keeps its active item (the page itself or the branch it is in, with its table of
  contents); the other items go to one ``nav.js`` per folder, which every page of that folder loads with a
  blocking ``<script>`` right after the sidebar.  Items are the same on every page of a folder (their links
  are relative to the folder), so each is stored once; a list whose items differ between two pages of a
  folder is stored twice, as two variants, never mixed.
- **The palette's form.**  It holds no link, so it is the same on every page: it is written once at the
  head of ``assets/palette.js``, the blocking script Material places right after it.

What the scripts put back is Material's own markup (byte for byte, tests/test_page_weight.py compares the
sidebar of every page against Material's), so Material's scripts find the page as they always did.  A reader
without JavaScript sees the sidebar's current branch and the page's contents, not the sibling pages (they
are on the document's overview page) nor the colour toggle (which needs Material's scripts anyway).

Plain functions over strings: no MkDocs import; the hook (scripts/mkdocs_hook.py) calls them.  A folder's
nav.js is made from all its pages, so it needs a whole build: MkDocs' ``--dirty`` (only changed pages) is not
supported (``make site`` and ``make serve`` build everything).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

#: The script every folder's pages load to restore their sidebar lists.
NAV_SCRIPT = "nav.js"

#: The head of a list below the first level: its nested <nav> (labelled by its section's toggle), its
#: title (the section's name again, which the phone's drawer shows) and the opening of its <ul>.  Level 0
#: (the site's own pages) is short and stays in the page.
LIST_HEAD = re.compile(
    r"""(?x)
    (?P<nav><nav\ class="md-nav"\ data-md-level="[1-9]\d*"\ aria-labelledby="(?P<key>[^"]+)_label"[^>]*>\n?)
    (?P<title><label\ class="md-nav__title"[^>]*>.*?</label>\n?)
    (?P<ul><ul\ class="md-nav__list"\ data-md-scrollfix)(?P<ul_end>>\n?)
    """,
    re.S,
)
#: The tags that nest inside a list: its items, and the lists of nested sections.
LIST_TAGS = re.compile(r"<li\b|</li>\n?|<ul\b|</ul>")
#: The attribute a cut list carries until nav.js fills it: ``data-nav="<key>.<variant> <active index>"``.
MARK = "data-nav"

#: Material's palette form: the same on every page (colour schemes and toggle labels, no link).
PALETTE_FORM = re.compile(r'<form class="md-header__option" data-md-component="palette">.*?</form>\n?', re.S)
#: Material's palette script (overrides/partials/javascripts/palette.html), right after the form.
PALETTE_SCRIPT = re.compile(r'<script src="[^"]*assets/palette\.js"></script>')
#: Where a page's nav.js is loaded: after the sidebars, before the text.
CONTENT = '<div class="md-content"'


def items(html: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """The items of the list whose content starts at ``start``: (start, end) of each top-level ``<li>``
    with the line break after it if any, and where the list's ``</ul>`` starts."""
    found: list[tuple[int, int]] = []
    depth = nested = 0
    begin = start
    for tag in LIST_TAGS.finditer(html, start):
        text = tag.group()
        if text == "<ul":
            nested += 1
        elif text == "</ul>":
            if nested == 0:
                return found, tag.start()
            nested -= 1
        elif text == "<li":
            if depth == 0:
                begin = tag.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                found.append((begin, tag.end()))
    raise ValueError("a sidebar list of Material's without its </ul>")


def is_active(item: str) -> bool:
    """An item on the page's own branch (the page, or a section holding it): Material marks it active."""
    return "md-nav__item--active" in item[: item.index(">")]


@dataclass
class SharedChrome:
    """Collects what :meth:`page` cut out of the pages of one build, for :meth:`scripts`."""

    #: folder -> list key -> variants; a variant is the list's title, then its items by position (None: an item
    #: never seen inactive).
    lists: dict[str, dict[str, list[list[str | None]]]] = field(default_factory=dict)
    #: The palette's form as Material wrote it in the first page; pages with another form keep theirs.
    palette: str | None = None

    def page(self, html: str, path: str) -> str:
        """The page at ``path`` (``doc/2-1.html``) with its shared chrome cut out."""
        html = self._cut_palette(html)
        where = html.find(CONTENT)
        if where < 0:
            return html  # not Material's page layout: nothing to load nav.js in
        cut = self._cut_lists(html[:where], posixpath.dirname(path))
        if f'{MARK}="' not in cut:
            return html
        return cut + f'<script src="{NAV_SCRIPT}"></script>\n' + html[where:]

    def _cut_palette(self, html: str) -> str:
        form = PALETTE_FORM.search(html)
        # Only where Material's palette script follows the form: it is what puts the form back.
        if form is None or not PALETTE_SCRIPT.match(html, form.end()):
            return html
        if self.palette is None:
            self.palette = form.group()
        if form.group() != self.palette:
            return html
        return html[: form.start()] + html[form.end() :]

    def _cut_lists(self, html: str, folder: str) -> str:
        out: list[str] = []
        done = 0
        for head in LIST_HEAD.finditer(html):
            if head.start() < done:  # a list inside a list already seen: done there, in its active item
                continue
            try:
                spans, end = items(html, head.end())
            except ValueError:  # not Material's markup as this module knows it: the rest is left as it is
                break
            seen = [html[a:z] for a, z in spans]
            active = [i for i, item in enumerate(seen) if is_active(item)]
            contiguous = "".join(seen) == html[head.end() : end]  # nothing between the items but the items
            if len(active) > 1 or len(seen) - len(active) == 0 or not contiguous:
                # nothing to share, or a list this module does not understand: left as it is, apart from
                # the lists of its active branch
                out.append(html[done : head.end()])
                previous = head.end()
                for a, z in spans:
                    out.append(html[previous:a])
                    out.append(self._cut_lists(html[a:z], folder) if is_active(html[a:z]) else html[a:z])
                    previous = z
                out.append(html[previous:end])
                done = end
                continue
            at = active[0] if active else -1
            variant = self._store(folder, head.group("key"), [head.group("title"), *seen], at)
            out.append(html[done : head.start()])
            out.append(head.group("nav") + head.group("ul"))  # the title goes too: nav.js puts it back
            out.append(f' {MARK}="{head.group("key")}.{variant} {at}"' + head.group("ul_end"))
            if active:
                out.append(self._cut_lists(seen[at], folder))  # the lists of its own branch, if any
            done = end
        out.append(html[done:])
        return "".join(out)

    def _store(self, folder: str, key: str, seen: list[str], at: int) -> int:
        """The variant of list ``key`` of ``folder`` that ``seen`` (its title, then its items, the active one
        at ``at``) belongs to; stored if it is new."""
        variants = self.lists.setdefault(folder, {}).setdefault(key, [])
        at += 1  # after the title
        for number, known in enumerate(variants):
            if len(known) != len(seen):
                continue
            if all(i == at or k is None or k == s for i, (k, s) in enumerate(zip(known, seen))):
                for i, item in enumerate(seen):
                    if i != at:
                        known[i] = item
                return number
        variants.append([None if i == at else item for i, item in enumerate(seen)])
        return len(variants) - 1

    def scripts(self, palette_js: str) -> dict[str, str]:
        """The scripts to write: ``<folder>/nav.js`` for each folder with cut lists, and ``assets/palette.js``
        (Material's palette script ``palette_js``, with the form put back in front of it)."""
        out = {posixpath.join(folder, NAV_SCRIPT): nav_script(lists) for folder, lists in sorted(self.lists.items())}
        if self.palette is not None:
            out["assets/palette.js"] = (
                "// The palette's form, as Material writes it in every page (studysite/shared_chrome.py).\n"
                "if(!document.querySelector('form[data-md-component=palette]'))"  # a page that kept its own
                f"document.currentScript.insertAdjacentHTML('beforebegin',{_js(self.palette)});\n" + palette_js
            )
        return out


def nav_script(lists: dict[str, list[list[str | None]]]) -> str:
    """One folder's nav.js: puts each cut list's items back around its active item.

    It runs right after the sidebar (a blocking script), so the lists are whole before the page is first
    painted and before Material's scripts mount the sidebar."""
    data = {f"{key}.{number}": items for key, variants in lists.items() for number, items in enumerate(variants)}
    return (
        "// The sidebar lists of this folder's pages (studysite/shared_chrome.py).\n"
        f"(function(L){{{NAV_FILL}}})({_js(data)});\n"
    )


#: Fills every ``ul[data-nav]`` of the page: its title before it, items before the active one before that
#: item, the rest at the end (after the line break that follows the active item, where Material wrote them).
NAV_FILL = (
    "document.querySelectorAll('ul[data-nav]').forEach(function(ul){"
    "var m=ul.getAttribute('data-nav').split(' '),all=L[m[0]],at=+m[1],a=ul.firstElementChild;"
    "if(!all)return;ul.insertAdjacentHTML('beforebegin',all[0]);all=all.slice(1);"
    "var before=all.slice(0,at<0?all.length:at).join(''),after=at<0?'':all.slice(at+1).join('');"
    "if(a&&at>=0)a.insertAdjacentHTML('beforebegin',before);else ul.insertAdjacentHTML('beforeend',before);"
    "ul.insertAdjacentHTML('beforeend',after);"
    "ul.removeAttribute('data-nav')})"
)


def _js(value: object) -> str:
    """A JSON literal safe inside a script file: Chinese as it is (a third of the bytes of \\u escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


#: The generated text of a page: the one element whose blanks are left as they are.
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
#: A run of blanks that holds a line break: shown exactly as one line break (white-space is normal
#: everywhere outside the article, there is no <pre> or <textarea> there, and Material's inline scripts and
#: JSON are single lines, so a line break between them stays a line break).
BLANK_LINES = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
#: A line break between two tags (after BLANK_LINES: one "\n").
BETWEEN_TAGS = re.compile(r">\n<")
#: A line break right after an opening tag, before text.
BEFORE_TEXT = re.compile(r"(?P<tag><[a-zA-Z][^<>]*>)\n(?=[^<\s])")
#: A line break after text, right before a closing tag.
AFTER_TEXT = re.compile(r"(?<=[^>\s])\n</")


def squeeze_chrome(html: str) -> str:
    """The page with the blank lines of Material's chrome squeezed; the article (the text) is untouched but
    for the blanks at its two edges.

    Material's templates put every tag on an indented line of its own, with blank lines where a template
    tag was: about a tenth of a page, on every page.
    """
    article = ARTICLE.search(html)
    if article is None:
        return _squeeze(html)
    before, after = html[: article.start()], html[article.end() :]
    # Blanks at the article's two edges are Material's template indentation, outside every element of the
    # text (ASCII blanks only: an ideographic space would be the text's own).
    text = article.group(0)
    opened = text.index(">") + 1
    text = text[:opened] + "\n" + text[opened : -len("</article>")].strip(" \t\r\n") + "\n</article>"
    return _squeeze(before) + text + _squeeze(after)


def _squeeze(chrome: str) -> str:
    """Blank lines squeezed, and no line break between two tags, after an opening tag before its text, or
    after a text before a closing tag: Material's chrome is laid out in boxes and flex rows, where such a
    blank starts or ends a line and is not drawn (the screenshots are the same pixels).  A line break after
    a closing tag before a text is kept: there it can be a space (an icon, then its label)."""
    chrome = BLANK_LINES.sub("\n", chrome)
    chrome = BETWEEN_TAGS.sub("><", chrome)
    return AFTER_TEXT.sub("</", BEFORE_TEXT.sub(r"\g<tag>", chrome))


#: Material's <meta name="generator">: which tools built the page, on every page.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">\n?')
#: The site's description (site_description), which Material repeats on every page.
DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">\n?')


def lighter_head(html: str, *, home: bool) -> str:
    """The page without the generator line, and without the site's description except on the home page.

    Neither is shown to a reader; a search engine or a link preview finds the description where the site
    starts.  About 0.2 KB a page (README 页面大小)."""
    html = GENERATOR.sub("", html, count=1)
    return html if home else DESCRIPTION.sub("", html, count=1)
