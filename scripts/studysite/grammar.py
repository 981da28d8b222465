"""The numbering grammar of a speech: which markers open which level.

Kept apart from the parser so a reader sees the whole grammar on one screen.
A marker counts only where a paragraph or sentence starts; ``第一手资料`` and
``自己首先不做`` are ordinary words because no sentence starts there.
"""

from __future__ import annotations

import re

#: Chinese numerals up to 99, as used in ``第十二`` or ``十一是``.
NUMERAL = "[一二三四五六七八九十]{1,3}"

#: Where a paragraph starts: the text start or a line break, then indentation
#: (ASCII blanks, tabs, the full-width space ``　`` of Word exports).
PARAGRAPH_START = r"(?:^|(?<=\n))[ \t\u3000]*"

#: Where a sentence starts inside a paragraph: after a full stop, question or
#: exclamation mark or semicolon, possibly closed by a quotation mark.
SENTENCE_START = r"(?:(?<=[。！？；])|(?<=[。！？；][”’」』]))"

#: Level 1, a part: ``第一，`` at a paragraph start.  ``第一、`` ``第一,`` and a
#: following ASCII space are variants people type.
PART = re.compile(
    rf"""(?xm)
    {PARAGRAPH_START}
    (?P<marker> 第 (?P<number> {NUMERAL} ) )
    (?P<separator> [，,、] ) [ ]?
    """
)

#: Level 2, a directive, at a paragraph or sentence start.  Two families:
#: the sequence ``首先 … 其次 … 最后`` and the ordinals ``一是 … 二是 …``.
DIRECTIVE = re.compile(
    rf"""(?x)
    (?: {PARAGRAPH_START} | {SENTENCE_START} )
    (?:
        (?P<sequence> 首先 | 其次 | 再次 | 最后 ) (?: [，,] [ ]? )
      | (?P<ordinal> (?P<number> {NUMERAL} ) 是 ) (?: [，,] [ ]? )?
    )
    """,
    re.MULTILINE,
)

#: Rank of each word in the sequence family; ``最后`` closes the sequence.
SEQUENCE_RANK = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}

#: The end of a heading sentence.
SENTENCE_END = re.compile(r"[。！？]|\n")

#: Level 3, a lead clause that may open a parallel point: a short clause at a
#: paragraph or sentence start, ended by a comma or colon (``综合素质要强，``).
LEAD_CLAUSE = re.compile(
    rf"""(?x)
    (?: {PARAGRAPH_START} | {SENTENCE_START} )
    (?P<clause> [^，。；：！？、,;:\s]{{2,12}} ) [，：,:]
    """,
    re.MULTILINE,
)

#: Level 3, a closing clause that may end a parallel point: the last clause
#: before a semicolon or full stop (``…，确保纪律底线不破；``).
CLOSING_CLAUSE = re.compile(
    r"""(?x)
    (?<=[，,]) (?P<clause> [^，。；：！？、,;:\s]{2,12} ) [；。;]
    """
)

#: Smallest number of clauses that make a parallel group.
MIN_PARALLEL = 3

#: How many leading or trailing characters parallel clauses must share.
PARALLEL_AFFIX = 2

#: A salutation line (``同志们：``), which is never a title.
SALUTATION = re.compile(r"^[\s\u3000]*\S{1,12}[：:][\s\u3000]*$")

#: A title line: at most TITLE_MAX characters and not a sentence, which ends
#: with a full stop, question or exclamation mark or semicolon.
TITLE_MAX = 80
TITLE = re.compile(
    rf"""(?x)
    ^ (?! .* [。！？；.!?;] [”’」』"']? [ \t\u3000]* $ )
    [^\n]{{1,{TITLE_MAX}}} $
    """
)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def numeral_value(numeral: str) -> int:
    """``一`` → 1, ``十`` → 10, ``十二`` → 12, ``二十三`` → 23."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, ones = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def numeral(value: int) -> str:
    """1 → ``一``, 12 → ``十二`` (inverse of :func:`numeral_value`)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# ---- Terms and quotations (study aids) -------------------------------------

#: A phrase in Chinese quotation marks: a candidate term (``“两个确立”``).
#: A phrase holding sentence punctuation is a quoted sentence, not a name.
QUOTED_PHRASE = re.compile(
    r"""(?x)
    “ (?P<phrase> [^“”\n，。；：！？,;:!?]{1,30} ) ”
    """
)

#: A title in book-title marks: always a term (``《中国共产党廉洁自律准则》``).
BOOK_TITLE = re.compile(
    r"""(?x)
    《 (?P<title> [^《》\n]{1,40} ) 》
    """
)

#: A numbered formula: a count, an optional measure word and a short noun
#: (``两个确立``, ``四个意识``, ``三个区分开来``, ``十六字``, ``三力``, ``三大活动``).
#: A count of one is no formula (``一把手``).
NUMBERED_FORMULA = re.compile(
    r"""(?x)
    ^ (?P<count> [二两三四五六七八九十][一二三四五六七八九]? )
      (?P<measure> 个 | 大 | 项 | 条 | 种 )?
      (?P<noun> [\u4e00-\u9fff]{1,4} ) $
    """
)

#: A sentence that quotes a leader: who, how, and the words, either quoted
#: (``习近平总书记指出：“……”``) or reported up to the end of the clause
#: (``习近平总书记多次强调党员干部要有担当精神，``).
QUOTATION = re.compile(
    r"""(?x)
    (?P<speaker> 习近平总书记 | 习近平同志 )
    (?P<manner> 多次 | 反复 | 曾 )?
    (?P<verb> 指出 | 强调 )
    [：:]?
    (?: “ (?P<quoted> [^“”\n]+ ) ”
      | (?P<reported> [^“”\n，。；！？]+ ) (?= [，。；！？] )
    )
    """
)

#: Count words of numbered formulas, for checking a formula against the
#: number of directives it names.
COUNT_VALUE = {"两": 2, **{c: numeral_value(c) for c in "一二三四五六七八九十"}}


# ---- Reports (政府工作报告 and the like) -------------------------------------
# A report numbers its headings 一、 and （一）, on lines of their own or run in
# (the heading sentence ends at the first 。 and the body follows).  Below the
# headings, enumerations make points: 一是 …, —— …, 第一， …, 1. ….  Every
# pattern applies to the start of a logical paragraph (studysite.paragraphs).

_BLANKS = r"[ \t\u3000]*"

#: Level 1: ``一、2023年工作回顾``.
REPORT_PART = re.compile(rf"(?x) ^ {_BLANKS} (?P<marker> (?P<number> {NUMERAL} ) 、 )")

#: Level 2: ``（一）大力推进……。`` (``(一)`` with ASCII brackets too).
REPORT_SECTION = re.compile(rf"(?x) ^ {_BLANKS} (?P<marker> [（(] (?P<number> {NUMERAL} ) [）)] )")

#: An annex: ``附件1`` (or ``附件``) alone on its line.
ANNEX = re.compile(rf"(?x) ^ {_BLANKS} (?P<marker> 附件 [ \t]* (?P<number> \d{{0,2}} ) ) {_BLANKS} $")

#: An address that separates sections: ``各位代表！`` ``同志们、朋友们！`` alone on its line.
INTERJECTION = re.compile(rf"(?x) ^ {_BLANKS} [^\s，。！？：；]{{2,10}} [！!] {_BLANKS} $")

#: A point at a paragraph start: ``一是`` ``——`` ``第一，`` ``1.`` (not ``2.5``).
REPORT_ITEM = re.compile(
    rf"""(?x)
    ^ {_BLANKS}
    (?P<marker>
        {NUMERAL} 是 [，,]?
      | ——
      | 第 {NUMERAL} [，,、]
      | \d{{1,3}} [.．] (?! \d )
    )
    """
)

#: ``一是`` where a sentence starts inside a paragraph: an inline point.
INLINE_ITEM = re.compile(rf"(?x) (?<= [。；;] ) (?P<marker> (?P<number> {NUMERAL} ) 是 [，,]? )")

#: Where a heading or point's own sentence ends.
CLAUSE_END = re.compile(r"[。！？；]|[：:](?=\s*$)")

#: Longest heading shown in the navigation; longer ones are cut with ``…``.
HEADING_MAX = 40
