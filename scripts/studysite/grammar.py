"""The numbering grammar of a speech: which markers open which level.

Kept apart from the parser so a reader sees the whole grammar on one screen.
A marker counts only where a paragraph or sentence starts; ``第一手资料`` and
``自己首先不做`` are ordinary words because no sentence starts there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Chinese numerals up to 99, as used in ``第十二`` or ``十一是``.
NUMERAL = "[一二三四五六七八九十]{1,3}"

#: Numerals up to 999, as laws number their articles (``第一百零一条``).
BIG_NUMERAL = "[一二三四五六七八九十百零〇]{1,6}"

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
#: with a full stop, question or exclamation mark or semicolon, nor a line that
#: introduces what follows with a colon (the addressees of a 通知: ``各县（市、区）教育局人事科、市直中小学：``).
TITLE_MAX = 80
TITLE = re.compile(
    rf"""(?x)
    ^ (?! .* [。！？；.!?;：:] [”’」』"']? [ \t\u3000]* $ )
    [^\n]{{1,{TITLE_MAX}}} $
    """
)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def numeral_value(numeral: str) -> int:
    """``一`` → 1, ``十`` → 10, ``十二`` → 12, ``二十三`` → 23, ``一百零一`` → 101."""
    numeral = numeral.replace("〇", "零")
    if "百" in numeral:
        hundreds, _, rest = numeral.partition("百")
        rest = rest.lstrip("零")
        return _DIGITS[hundreds or "一"] * 100 + (numeral_value(rest) if rest else 0)
    if "十" not in numeral:
        return _DIGITS[numeral] if len(numeral) == 1 else int("".join(str(_DIGITS[c]) for c in numeral))
    tens, _, ones = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def numeral(value: int) -> str:
    """1 → ``一``, 12 → ``十二`` (inverse of :func:`numeral_value`)."""
    digits = "零一二三四五六七八九"
    if value >= 100:
        hundreds, rest = divmod(value, 100)
        if not rest:
            return digits[hundreds] + "百"
        tail = "零" + digits[rest] if rest < 10 else numeral(rest) if rest >= 20 else "一" + numeral(rest)
        return digits[hundreds] + "百" + tail
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


# ---- The outline grammar: numbering levels as data ---------------------------
# One table drives the parser (studysite.parse).  Each level says how its
# marker looks where a logical paragraph (studysite.paragraphs) starts, where
# else it may open, how its heading is taken and its conventional rank: the
# order official writing nests its levels in (GB/T 9704 for 一、（一）1.（1）,
# the law's 编/章/节/条).  Which levels a document actually uses, and so which
# of them get pages, is inferred by the parser from the markers it finds.

#: Blank space inside a line: ASCII blanks and tabs, the full-width space ``　`` of Word exports,
#: the no-break space and the typographic spaces (U+2002 en space …) web pages put after a number
#: (``第一章\u2002\u2002一般规定``).
BLANK = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"

#: Indentation, a Markdown heading prefix (``## ``) and Markdown bold (``**一是……**``, ``**（一）……**``) before a
#: marker; all stay verbatim in the text, none is part of the marker.
LEAD = rf"{BLANK}* (?: \#{{1,6}} [ ]+ )? (?: \*\* )?"


@dataclass(frozen=True)
class Level:
    """One numbering level of official writing."""

    name: str
    """Short name, shown by ``--outline``: ``chapter``, ``dun`` (一、), ``paren`` (（一））…"""
    pattern: re.Pattern[str]
    """Matches at the start of a paragraph's text; groups ``marker`` and ``number`` (or ``word``)."""
    opens: frozenset[str]
    """Where the marker counts: ``paragraph`` (a paragraph start), ``sentence`` (after 。；！？ inside a
    paragraph), ``alone`` (only as a line of its own)."""
    heading: str
    """How the heading is taken: ``line`` (the rest of the line), ``sentence`` (up to the first 。 or ；,
    the body may run in), ``next`` (the first sentence of the next paragraph: the marker stands alone)."""
    rank: int
    """Conventional rank: a smaller rank sits above a larger one."""
    example: str
    """The marker's form with ``{n}`` for the number, for messages: ``第{n}章``."""
    runs_through: bool = False
    """Numbered through the whole document (a law's articles): a text that is an excerpt (one 编 of the
    Civil Code, published on its own) may start at any number, and the numbering is checked from there."""


def _level(
    name: str, marker: str, opens: str, heading: str, rank: int, example: str, *, runs_through: bool = False
) -> Level:
    return Level(
        name,
        re.compile(rf"(?x) ^ (?P<lead> {LEAD} ) (?P<marker> {marker} )"),
        frozenset(opens.split()),
        heading,
        rank,
        example,
        runs_through,
    )


_N = NUMERAL
#: Article and chapter numbers: Chinese numerals, or Arabic digits as some local regulations and web copies
#: write them (``第1条``, ``第12章``).
_BIG = rf"(?: {BIG_NUMERAL} | [0-9０-９]{{1,4}} )"
_AFTER_HEAD = rf"(?= {BLANK} | $ )"  # 第一章 is followed by a blank or ends its line

#: The levels, highest rank first.  A paragraph opens with at most one marker:
#: the first level in this order whose pattern matches.
LEVELS: tuple[Level, ...] = (
    _level("bian", rf"第 (?P<number> {_BIG} ) 编 {_AFTER_HEAD}", "paragraph", "line", 0, "第{n}编"),
    _level("bufen", rf"第 (?P<number> {_BIG} ) 部分 {_AFTER_HEAD}", "paragraph", "line", 0, "第{n}部分"),
    # a 规划纲要's 篇 over its chapters and 节 (``第一篇　开启全面建设社会主义现代化国家新征程``)
    _level("pian", rf"第 (?P<number> {_BIG} ) 篇 {_AFTER_HEAD}", "paragraph", "line", 0, "第{n}篇"),
    _level("fenbian", rf"第 (?P<number> {_BIG} ) 分编 {_AFTER_HEAD}", "paragraph", "line", 0, "第{n}分编"),
    _level("chapter", rf"第 (?P<number> {_BIG} ) 章 {_AFTER_HEAD}", "paragraph", "line", 1, "第{n}章"),
    _level("subchapter", rf"第 (?P<number> {_BIG} ) 节 {_AFTER_HEAD}", "paragraph", "line", 2, "第{n}节"),
    _level(
        "article",
        # the blank after the number is sometimes typed before 条 instead (``第十五 条工商行政管理部门……``)
        rf"第 (?P<number> {_BIG} ) (?: 条 (?: 之 (?P<sub> {_N} ) )? (?= {BLANK} ) | {BLANK}+ 条 )",
        "paragraph",
        "sentence",
        3,
        "第{n}条",
        runs_through=True,
    ),
    _level("bare", rf"(?P<number> {_N} ) (?= {BLANK}* $ )", "alone", "next", 4, "{n}"),
    _level("dun", rf"(?P<number> {_N} ) (?: 、 | [.．] (?! [0-9０-９] ) )", "paragraph", "sentence", 5, "{n}、"),
    _level("paren", rf"[（(] (?P<number> {_N} ) [）)]", "paragraph", "sentence", 6, "（{n}）"),
    _level("ordinal", rf"第 (?P<number> {_N} ) [，,、] [ ]?", "paragraph", "sentence", 7, "第{n}，"),
    _level("arabic", r"(?P<number> \d{1,3} ) (?: [.．] (?! \d ) | 、 )", "paragraph", "sentence", 8, "{n}."),
    _level("paren_arabic", r"[（(] (?P<number> \d{1,3} ) [）)]", "paragraph", "sentence", 9, "（{n}）"),
    _level(
        "sequence", r"(?P<word> 首先 | 其次 | 再次 | 最后 ) [，,] [ ]?", "paragraph sentence", "sentence", 10, "首先，"
    ),
    _level("shi", rf"(?P<number> {_N} ) 是 (?: [，,] [ ]? )?", "paragraph sentence", "sentence", 10, "{n}是"),
    _level("yao", rf"(?P<number> {_N} ) 要 (?: [，,] [ ]? )?", "paragraph sentence", "sentence", 10, "{n}要"),
    _level("dash", r"—— (?! — )", "paragraph", "sentence", 11, "——"),
)

LEVEL = {level.name: level for level in LEVELS}

#: Levels that head a stretch of text in a law, a regulation or the Party constitution.
LAW_LEVELS = ("bian", "bufen", "pian", "fenbian", "chapter", "subchapter", "article")

#: Levels that may head pages in a speech or a report, highest first.
HEADING_LADDER = ("bian", "bufen", "pian", "bare", "dun", "paren")

#: An inline marker inside a paragraph: ``……。二是……`` ``……；三要……``.
INLINE_ITEM = re.compile(rf"(?x) (?<= [。；;：:，,] ) (?P<marker> (?P<number> {_N} ) (?P<word> 是 | 要 ) [，,]? )")

#: An annex: ``附件1``, ``附件一`` (or ``附件``, ``附：``) alone on its line, or a numbered annex with its title on the
#: same line (``附件一：香港特别行政区行政长官的产生办法``).  ``附件：1．……名单`` at the end of a 通知 lists the
#: attachments: no annex starts there.
ANNEX = re.compile(
    rf"""(?x) ^ {LEAD}
    (?: (?P<marker> 附件 {BLANK}* (?P<number> \d{{0,2}} | {_N} ) ) {BLANK}* [：:]? {BLANK}* $
      | (?P<titled> 附件 {BLANK}* (?P<titled_number> \d{{1,2}} | {_N} ) ) {BLANK}* [：:] {BLANK}*
        (?P<title> [^\s。！？；：:0-9０-９] [^。！？；\n]{{0,59}} ) $
      | (?P<bare> 附 ) [：:] {BLANK}* $
    )"""
)

#: An address alone on its line: ``各位代表！`` ``同志们、朋友们！``.
INTERJECTION = re.compile(r"(?x) ^ [ \t\u3000]* [^\s，。！？：；]{2,10} [！!] [ \t\u3000]* $")

#: An address that opens a paragraph with the text run in: ``同志们！做好……``.
ADDRESS_RUN_IN = re.compile(
    r"(?x) ^ [ \t\u3000]* (?: 同志们 (?: 、朋友们 )? | 各位代表 | 朋友们 | 同学们 | 女士们、先生们 ) [！!] (?= \S )"
)

#: Where a heading or point's own sentence ends.
CLAUSE_END = re.compile(r"[。！？；]|[：:](?=\s*$)")

#: Longest heading shown in the navigation; longer ones are cut with ``…``.
HEADING_MAX = 40

#: An unnumbered heading: a short line of its own without final punctuation
#: (``序言``, ``总 纲``, ``高效排查潜在人群感染者``).
UNNUMBERED_HEADING = re.compile(
    r"""(?x) ^ [ \t\u3000]* (?: \#{1,6} [ ]+ )?
    (?P<heading> [^\s。！？；：，、,.;:!?] [^。！？；：;:!?\n]{0,29} )
    (?<! [，、,] ) [ \t\u3000]* $"""
)

#: An interviewer's question that opens a paragraph of its own (``记者：何为“场景”？……？``, ``问：……？``; at a press
#: conference ``新华社记者：……对此有何评论？谢谢。``, ``中央电视台记者：……？``): in a
#: text with no numbering (an interview, a press conference) each one opens a unit, named by the question.
QUESTION = re.compile(
    rf"""(?x) ^ {LEAD} (?: \*\* )?
    (?P<asker> [^\s：:，,。！？、]{{0,12}} 记者 | 问 | 提问 ) (?: \*\* )? [：:] (?: \*\* )? {BLANK}*
    (?P<question> [^\n]* [？?] ) [”’"]? (?: \*\* )? (?: {BLANK}* 谢谢 [。！!]? )? {BLANK}* $"""
)

#: The heading of a closing after the last numbered part, alone on its line: a white paper's ``结束语``, ``结语``.
CLOSING_HEADING = re.compile(
    rf"""(?x) ^ {LEAD}
    (?: 结 {BLANK}* 束 {BLANK}* 语 | 结 {BLANK}* 语 | 后 {BLANK}* 记 ) (?: \*\* )? {BLANK}* $"""
)

#: An issuing organ alone on its line under a title (a white paper's ``中华人民共和国`` / ``国务院新闻办公室``, an
#: article's ``中央纪委国家监委机关``): a byline, never a line of the title.
ISSUER = re.compile(
    r"""(?x) ^ [ \t\u3000]*
    (?: 中华人民共和国
      | [\u4e00-\u9fff]{0,16} (?: 办公室 | 办公厅 | 委员会 | 人民政府 | 国务院 | 机关 | 统计局 ) )
    [ \t\u3000]* $"""
)

#: A subtitle under a title: ``——2026年1月25日在……会议上``.
SUBTITLE = re.compile(r"(?x) ^ [ \t\u3000]* —— [^。！？]* $")
