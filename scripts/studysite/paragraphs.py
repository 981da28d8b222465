"""Logical paragraphs: source lines, with lines broken inside a sentence joined.

Texts copied from web pages break lines inside sentences (``…PM`` / ``2.5`` /
``年平均浓度…``).  A line continues into the next one when it does not end a
sentence and neither line is a heading or an enumeration: a heading
(``一、2023年工作回顾``) ends without a full stop but is a paragraph of its own.
Offsets index the decoded source, so the verbatim text is untouched; only
where paragraphs start and end is decided here.
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
    ^ [ \t\u3000]*
    (?: [一二三四五六七八九十]{1,3} [、.．]         # 一、 heading
      | （ [一二三四五六七八九十]{1,3} ）           # （一） heading
      | 第 [一二三四五六七八九十]{1,3} [，,、]      # 第一， enumeration
      | [一二三四五六七八九十]{1,3} 是               # 一是 enumeration
      | ——                                          # —— item
      | \d{1,3} [.．] (?! \d )                      # 1. entry (not 2.5)
      | 附件 \s* \d*                                 # annex
    )
    """
)


_ANNEX_LINE = re.compile(r"^[ \t\u3000]*附件[ \t]*\d*[ \t\u3000]*$")


@dataclass(frozen=True)
class Paragraph:
    """One logical paragraph: one or more source lines."""

    start: int
    """Offset of the first character (indentation included)."""
    end: int
    """Offset one past the last character, line break excluded."""
    line: int
    """1-based source line of the first line."""

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def runs_on(line: str, next_line: str, before: str = "") -> bool:
    """True where ``line`` breaks inside a sentence that ``next_line`` goes on with.

    ``before`` is the line above ``line``: after ``附件1`` a line is the annex's title.
    """
    stripped = line.strip(" \t\u3000")
    return (
        bool(stripped)
        and bool(next_line.strip(" \t\u3000"))
        and stripped[-1] not in SENTENCE_END
        and not STANDALONE.match(line)
        and not STANDALONE.match(next_line)
        and not _ANNEX_LINE.match(line)
        and not _ANNEX_LINE.match(before)
    )


def paragraphs(source: str, start: int = 0, end: int | None = None) -> list[Paragraph]:
    """The logical paragraphs of ``source[start:end]``; blank lines separate, never count."""
    end = len(source) if end is None else end
    found: list[Paragraph] = []
    line_no = source.count("\n", 0, start) + 1
    position = start
    previous = before = ""
    for raw in source[start:end].split("\n"):
        line_start, line_end = position, position + len(raw)
        position = line_end + 1
        if raw.strip(" \t\u3000"):
            if found and runs_on(previous, raw, before):
                found[-1] = Paragraph(found[-1].start, line_end, found[-1].line)
            else:
                found.append(Paragraph(line_start, line_end, line_no))
        before, previous = previous, raw
        line_no += 1
    return found
