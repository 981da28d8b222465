"""An in-page contents for long pages that have no sub-headings of their own.

A report's section can run to 2,400 characters in nine paragraphs with no heading
between them (six phone screens).  Each paragraph of such a page usually opens with
its theme (``加快建设现代化产业体系。``, ``——坚持……``), so the page gets a short list
of those openings, each linking to its paragraph.  Pages with points (sub-headings)
have Material's table of contents already and get nothing here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

#: A page gets contents from this many paragraphs of its own text …
MIN_PARAGRAPHS = 5
#: … and this many characters.
MIN_CHARACTERS = 1200
#: How much of a paragraph's opening sentence the contents shows.
LEAD_LENGTH = 26

_PARAGRAPH = re.compile(r"<p(?P<attrs>\s[^>]*)?>(?P<body>.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[。；！？：]")
_ID = re.compile(r'\bid="(?P<id>[^"]+)"')


def paragraph_id(owner: str, number: int) -> str:
    """The anchor of a paragraph of a long page: ``3-4-p2`` (the second paragraph of 3-4)."""
    return f"{owner}-p{number}"


def lead(text: str) -> str:
    """The opening sentence of a paragraph, cut short."""
    text = text.strip(" \t\u3000")
    m = _SENTENCE_END.search(text, 2 if text.startswith("——") else 0)
    sentence = text[: m.end()] if m else text
    if len(sentence) > LEAD_LENGTH:
        return sentence[: LEAD_LENGTH - 1] + "…"
    return sentence


def paragraph_contents(blocks: Sequence[str], owner: str) -> tuple[list[str], str]:
    """The page's body blocks with anchors on their paragraphs, and the contents list (or ``""``).

    Only verbatim blocks count; a page whose body has headings gets no contents.
    A paragraph that already has an id keeps it and the contents links to it.
    """
    if any(block.lstrip().startswith("#") for block in blocks):
        return list(blocks), ""
    texts = [
        html.unescape(_TAG.sub("", m.group("body")))
        for block in blocks
        if block.startswith('<div class="verbatim"')
        for m in _PARAGRAPH.finditer(block)
    ]
    if len(texts) < MIN_PARAGRAPHS or sum(len(t) for t in texts) < MIN_CHARACTERS:
        return list(blocks), ""
    entries: list[tuple[str, str]] = []

    def anchor(m: re.Match[str]) -> str:
        attrs = m.group("attrs") or ""
        found = _ID.search(attrs)
        if found:
            anchor_id = found.group("id")
        else:
            anchor_id = paragraph_id(owner, len(entries) + 1)
            attrs = f' id="{anchor_id}"' + attrs
        entries.append((anchor_id, lead(html.unescape(_TAG.sub("", m.group("body"))))))
        return f"<p{attrs}>{m.group('body')}</p>"

    out = [_PARAGRAPH.sub(anchor, block) if block.startswith('<div class="verbatim"') else block for block in blocks]
    items = "".join(f'<li><a href="#{a}">{html.escape(text)}</a></li>' for a, text in entries)
    contents = (
        f'<details class="page-contents">'
        f"<summary>本页内容：{len(entries)} 段，各段首句</summary><ol>{items}</ol></details>\n"
    )
    return out, contents
