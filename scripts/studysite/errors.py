"""The one error type the generator raises for bad input."""

from __future__ import annotations


class SourceError(Exception):
    """A source text that cannot be published as it is.

    Carries where (file, line, column), what is wrong, the offending line and
    an example of the valid form, so the message alone tells a trainer how to
    fix the text.  ``str()`` gives the full, compiler-style message.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int = 0,
        column: int = 0,
        excerpt: str = "",
        example: str = "",
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.excerpt = excerpt
        self.example = example
        self.more: list[SourceError] = []
        """Further problems of the same file, found in the same run (each its own message)."""
        super().__init__(self.format())

    def __str__(self) -> str:
        return "\n".join(err.format() for err in (self, *self.more))

    @classmethod
    def joined(cls, errors: list[SourceError]) -> SourceError:
        """One error standing for several: its message lists every one, in order."""
        first = errors[0]
        first.more = list(errors[1:])
        return first

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{max(self.column, 1)}"
        lines = [f"{where}: error: {self.message}"]
        if self.excerpt:
            excerpt = self.excerpt if len(self.excerpt) <= 60 else self.excerpt[:60] + "…"
            lines.append(f"    {excerpt}")
        if self.example:
            lines.append(f"  expected, for example: {self.example}")
        return "\n".join(lines)


def locate(source: str, offset: int) -> tuple[int, int, str]:
    """1-based (line, column) of ``offset`` in ``source`` and the text of that line from the column."""
    line = source.count("\n", 0, offset) + 1
    line_start = source.rfind("\n", 0, offset) + 1
    line_end = source.find("\n", offset)
    if line_end == -1:
        line_end = len(source)
    return line, offset - line_start + 1, source[offset:line_end].rstrip("\r")
