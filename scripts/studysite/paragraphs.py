"""Logical paragraphs: source lines, with lines broken inside a sentence joined, and noise told apart.

Texts copied from web pages break lines inside sentences (``…PM`` / ``2.5`` /
``年平均浓度…``); a PDF extraction (the Party constitution) wraps every line at
a fixed width.  A line continues into the next one only where a sentence
plainly runs on: it does not end a sentence, neither line is a heading, an
enumeration or noise, and in a hard-wrapped text the line is full.

Noise that real texts carry (photo captions, source and author lines,
footnotes, a scraper's web-page buttons) is a paragraph of its own with a
``kind``, so it is never glued to a heading, a title or a body paragraph; the
renderer styles it by that kind.  Offsets index the decoded source, so the
verbatim text is untouched: only where paragraphs start and end is decided here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters that end a sentence, a clause introducing a list, or a quotation.
SENTENCE_END = "。！？：；…”」』）)!?:;"

#: A line that stands alone even without final punctuation: a heading, an annex
#: title, an enumeration, or an address to the audience.
STANDALONE = re.compile(
    r"""(?x)
    ^ [ \t\u3000]* (?: \#{1,6} [ ] )? (?: \*\* )?
    (?: [一二三四五六七八九十]{1,3} [、.．]         # 一、 heading
      | [一二三四五六七八九十]{1,3} [ \t\u3000]* $  # 一 alone: a part
      | [（(] [一二三四五六七八九十\d]{1,3} [）)]   # （一） heading, （1） item
      | 第 [一二三四五六七八九十]{1,3} [，,、]      # 第一， enumeration
      | 第 (?: [一二三四五六七八九十百零〇]{1,6} | [0-9０-９]{1,4} )
        (?: 编 | 分编 | 部分 | 章 | 节 | 条 (?: 之 [一二三四五六七八九十]{1,3} )? )
        (?: [ \t\u00a0\u2000-\u200a\u202f\u205f\u3000] | $ )
      | [一二三四五六七八九十]{1,3} [是要]           # 一是 一要 enumeration
      | ——                                          # —— item
      | \d{1,3} (?: [.．] (?! \d ) | 、 )            # 1. 1、 entry (not 2.5)
      | 附件 \s* \d*                                 # annex
      | \# \s                                        # a Markdown heading
    )
    """
)

_ANNEX_LINE = re.compile(
    r"^[ \t\u3000]*(?:#{1,6}[ ]+)?"
    r"(?:附件[ \t]*(?:\d*|[一二三四五六七八九十]{1,3})[ \t\u3000]*(?:[：:][^。！？；\n]*)?|附[：:][ \t\u3000]*)$"
)

#: A numbered heading whose line breaks mid-phrase (``（二）坚持不懈用`` / ``新时代……凝心铸魂。``):
#: it ends with a word that cannot end a heading, so it runs on.
_BROKEN_HEADING_END = re.compile(r"(?:[，、,的和与及把将让]|(?<![作运使应利采善信费效享功适备重])用)$")

#: What a blank line may hold: blanks, and the zero-width characters web copies leave on "empty" lines (a Markdown
#: copy of the Company Law has a line holding only U+200B under every heading).
_BLANKS = " \t\u3000\u200b\u200c\u200d\u2060\ufeff"

#: Paragraph indentation: two full-width spaces, a tab, or two ASCII blanks.
_INDENTED = re.compile(r"^(?:\u3000|\t| {2})")

#: A salutation (``同志们：``) or an address (``各位代表！``) alone on its line: never part of the line above.
_ADDRESS_LINE = re.compile(r"^[ \t\u3000]*[^\s，。；]{1,12}[：:！!][ \t\u3000]*$")

#: Noise, by kind.  Each is a line of its own; the first kind that matches wins.
NOISE: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Web-page furniture a scraper kept: buttons, the font-size switch, a trailing "related" heading, share and
    # correction links; a PDF's page number alone on its line (``— 2 —``, ``- 12 -``).
    (
        "ui",
        re.compile(
            r"^[ \t\u3000]*(?:下载|打印|全屏|收藏|分享|关闭|关闭窗口|返回顶部|加大|还原|减小|【|】|"
            r"【?字号[：:]?.{0,12}|相关报道[：:]?|相关链接[：:]?|责任编辑[：:].{0,20}|"
            r"分享到[：:]?|【(?:纠错|打印|关闭|收藏|打印本页|关闭窗口)】|扫一扫.{0,12}|"
            r"[-—－–]{1,2}[ \u3000]*\d{1,3}[ \u3000]*[-—－–]{1,2})[ \t\u3000]*$"
        ),
    ),
    # A photo caption: ends with 摄 (``……新华社记者 X/摄``, ``本报记者 戴冰摄``).
    ("caption", re.compile(r"^[^\n]{0,120}(?:记者|摄影|通讯员|/)[^\n。]{0,24}摄[）)]?[ \t\u3000]*$")),
    # Source, time and author lines, a scraper's ``- 来源：`` header.
    ("byline", re.compile(r"^[ \t\u3000]*(?:[-*][ ])?(?:来源|时间|作者|发布时间|发布日期|日期|编辑|出处|原标题)[：:]")),
    # A document number under a title (``国办发〔2024〕12号``, ``鲁政发[2014]20号``) and a date alone on its line (the
    # date under a signature, ``2024年3月1日``, ``二〇一一年十月二十六日``; a white paper's ``2025年5月``).
    (
        "byline",
        re.compile(
            r"^[ \t\u3000]*(?:[\u4e00-\u9fff]{1,12}[〔\[［（(]\d{4}[〕\]］）)]\d{1,4}号"
            r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?|[〇○零0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
            r"[ \t\u3000]*$"
        ),
    ),
    # Dated adoption notes under a title (``2022年1月24日 中共中央政治局会议审议批准``, ``（2018年1月2日）``), the
    # occasion under a report's title without its dash (``2026年1月14日在浙江省第十四届人民代表大会第四次会议上``),
    # and an issuer with the date after it (``国家统计局　2026年2月28日``).
    (
        "byline",
        re.compile(
            r"^[ \t\u3000]*(?:\d{4}年\d{1,2}月\d{1,2}日[ \u3000][^。！？]{0,60}"
            r"|(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
            r"在[^。！？；，,\n]{2,60}上(?:的讲话|讲话)?"
            r"|[^\s。！？；，,][^。！？；，,\n]{1,30}[ \u3000]+\d{4}年\d{1,2}月\d{1,2}日"
            r"|[（(][^（）()\n]{0,60}\d{4}年\d{1,2}月\d{1,2}日[^（）()\n]{0,40}[）)])[ \t\u3000]*$"
        ),
    ),
    # A footnote (``※这是……``, a statistical bulletin's ``注释：`` and ``[1]本公报中数据均为初步统计数。``),
    # markup comments (``<!-- INFO END -->``), an editor's note alone in brackets (``（根据直播整理）``;
    # not a numbered ``（一）``).
    (
        "note",
        re.compile(
            r"^[ \t\u3000]*(?:※|[\[［]\d{1,3}[\]］]|注(?:释)?[：:][ \t\u3000]*$|<!--.*-->[ \t\u3000]*$"
            r"|[（(](?![一二三四五六七八九十\d]{1,3}[）)])[^（）()\n]{1,60}[）)][ \t\u3000]*$)"
        ),
    ),
)

#: A byline that only counts in a text's header (before its first body paragraph): a name alone
#: (``习近平``) or an office and a name (``北京市市长 殷勇``).
HEADER_BYLINE = re.compile(
    r"^[ \t\u3000]*(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,14}[ \u3000\u2002]+[\u4e00-\u9fff]{2,4})[ \t\u3000]*$"
)


def noise_kind(line: str) -> str:
    """The kind of a noise line (``caption``, ``byline``, ``note``, ``ui``), or ``""`` for text."""
    for kind, pattern in NOISE:
        if pattern.match(line):
            return kind
    return ""


@dataclass(frozen=True)
class Paragraph:
    """One logical paragraph: one or more source lines (or a part of a line, where paragraphs run in)."""

    start: int
    """Offset of the first character (indentation included)."""
    end: int
    """Offset one past the last character, line break excluded."""
    line: int
    """1-based source line of the first line."""
    kind: str = "text"
    """``text``, or what noise it is: ``caption``, ``byline``, ``note``, ``ui``, ``toc`` (a table of contents line)."""

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def hard_wrap_width(source: str) -> int:
    """The width a PDF extraction wrapped every line at, or 0 when the text is not hard-wrapped.

    Hard-wrapped: most lines are within a few characters of the longest, which is short (≤ 40).
    """
    lengths = [len(line.strip(_BLANKS)) for line in source.split("\n") if line.strip(_BLANKS)]
    if len(lengths) < 40:
        return 0
    width = max(lengths)
    full = sum(1 for n in lengths if n >= width - 4)
    return width if width <= 40 and full >= 0.6 * len(lengths) else 0


def runs_on(line: str, next_line: str, before: str = "", width: int = 0) -> bool:
    """True where ``line`` breaks inside a sentence that ``next_line`` goes on with.

    ``before`` is the line above ``line``: after ``附件1`` a line is the annex's title.
    ``width``: the hard-wrap width of the text (0: not hard-wrapped); a shorter line ends its paragraph.
    """
    stripped = line.strip(_BLANKS)
    if not stripped or not next_line.strip(_BLANKS) or noise_kind(line) or noise_kind(next_line):
        return False
    if width and len(stripped) < width - 4:
        return False
    if _ADDRESS_LINE.match(next_line) or (HEADER_BYLINE.match(next_line) and len(next_line.split()) > 1):
        return False
    if _INDENTED.match(next_line) and not _INDENTED.match(line):
        return False  # an indented line opens a paragraph of its own (``　　国台办12月14日上午举行……``)
    if STANDALONE.match(line):
        # A numbered heading broken mid-phrase goes on; a complete one stands alone.
        return bool(_BROKEN_HEADING_END.search(stripped)) and not STANDALONE.match(next_line)
    return (
        stripped[-1] not in SENTENCE_END
        and not STANDALONE.match(next_line)
        and not _ANNEX_LINE.match(line)
        and not _ANNEX_LINE.match(before)
    )


#: Where a paragraph runs in inside a line: two full-width spaces after a sentence end
#: (web copies of laws lose their line breaks but keep the indentation of each paragraph).
RUN_IN_BREAK = re.compile(r"(?<=[。；：！？”])(?=\u3000\u3000\S)")


#: A Markdown copy's YAML front matter at the very start (``---`` / ``title: "……"`` / ``tags:`` / ``  - 法律法规`` /
#: ``---``): the copier's metadata, no line of the text's title or body.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n"
    r"(?:(?:[A-Za-z_][\w-]*[ \t]*:[^\n]*|[ \t]*-[ \t][^\n]*|[ \t]+[^\n]*|[ \t]*)\n)+?"
    r"---[ \t]*(?=\n|\Z)"
)


def front_matter_end(source: str) -> int:
    """Where a YAML front matter block ends (its closing ``---`` line included), or 0 when there is none."""
    m = _FRONT_MATTER.match(source)
    return m.end() if m and re.search(r"(?m)^[A-Za-z_][\w-]*[ \t]*:", m.group()) else 0


def paragraphs(source: str, start: int = 0, end: int | None = None) -> list[Paragraph]:
    """The logical paragraphs of ``source[start:end]``; blank lines separate, never count.

    The lines of a YAML front matter block are notes, one a line: metadata, never joined to a title."""
    end = len(source) if end is None else end
    width = hard_wrap_width(source)
    meta_end = front_matter_end(source)
    found: list[Paragraph] = []
    line_no = source.count("\n", 0, start) + 1
    position = start
    previous = before = ""
    for raw in source[start:end].split("\n"):
        line_start, line_end = position, position + len(raw)
        position = line_end + 1
        if raw.strip(_BLANKS) and line_start < meta_end:
            found.append(Paragraph(line_start, line_end, line_no, "note"))
        elif raw.strip(_BLANKS):
            if found and found[-1].kind == "text" and runs_on(previous, raw, before, width):
                found[-1] = Paragraph(found[-1].start, line_end, found[-1].line)
            else:
                kind = noise_kind(raw) or "text"
                cuts = [m.start() for m in RUN_IN_BREAK.finditer(raw)] if kind == "text" else []
                for a, b in zip([0, *cuts], [*cuts, len(raw)]):
                    found.append(Paragraph(line_start + a, line_start + b, line_no, kind))
        before, previous = previous, raw
        line_no += 1
    return found
