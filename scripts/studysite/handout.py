"""The handout (讲义) and study-notes pages: shells that docs/assets/handout.js fills in.

What a trainer collects lives in the reader's browser (localStorage), so the pages
carry no passages of their own: they say how to use them and where the site is
published (``site_url``), which the share link needs.  README, 引用与讲义.
"""

from __future__ import annotations

from .layout import HANDOUT_PAGE, NOTES_PAGE
from .markup import attribute

#: Out of search: the pages hold no text of the library.
_UNSEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


def handout_pages(site_url: str = "") -> dict[str, str]:
    """``handout.md`` and ``notes.md``."""
    published = f' data-site-url="{attribute(site_url)}"' if site_url else ""
    handout = [
        "# 讲义 {#handout}",
        "",
        "在原文页面上点“加入讲义”（每个部分、要求、要点的引用行上都有），或选中一段文字后点“加入讲义”，"
        "原文连同规范引文就依次收在这里。可以调整顺序、删除，加标题、小标题、说明和讨论题，"
        "然后打印（A4，带页码）、下载 Word 文档（.docx）、下载纯文本，或复制分享链接。",
        "{: .handout-help }",
        "",
        f'<div id="handout-app" class="handout-app" data-kind="handout"{published}>',
        "<p>讲义保存在本机浏览器中，需要启用脚本才能显示。</p>",
        "</div>",
        "",
    ]
    notes = [
        "# 学习笔记 {#notes}",
        "",
        "在原文页面上点引用行里的“笔记”，即可给这一处写笔记。笔记只保存在本机浏览器中，全部列在这里，"
        "可以打印、下载 Word 文档（.docx）或纯文本。",
        "{: .handout-help }",
        "",
        f'<div id="notes-app" class="handout-app" data-kind="notes"{published}>',
        "<p>笔记保存在本机浏览器中，需要启用脚本才能显示。</p>",
        "</div>",
        "",
    ]
    return {HANDOUT_PAGE: _UNSEARCHED + "\n".join(handout), NOTES_PAGE: _UNSEARCHED + "\n".join(notes)}
