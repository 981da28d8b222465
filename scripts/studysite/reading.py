"""Files -> decoded text and metadata, before any parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SourceError

#: A document's slug is its file name without ``.txt``: it becomes the URL prefix.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

#: Metadata keys a ``<slug>.yml`` file may set.
META_KEYS = (
    "title",
    "date",
    "speaker",
    "occasion",
    "questions",
    # Its name in tabs, bookmarks and search results (studysite.titles).
    "short_title",
    # For references (studysite.cite, README 引用与讲义).
    "published_title",
    "subtitle",
    "author",
    "doc_type",
    "place",
    "publisher",
)


@dataclass(frozen=True)
class SourceText:
    """A source file read and decoded, line breaks normalised to ``\\n``."""

    path: str
    """The file as given, for messages."""
    slug: str
    """URL prefix from the file name."""
    text: str
    """Decoded text; CRLF and CR became LF, a BOM is dropped."""
    encoding: str
    """The encoding the bytes were read with (a key of ``ENCODING_NAMES``)."""
    meta: dict
    """The metadata file's contents, or an empty dict."""


def read_source(path: str | Path) -> SourceText:
    """Read one ``.txt`` source and the ``.yml`` beside it."""
    path = Path(path)
    shown = str(path)
    slug = path.stem
    if not SLUG.match(slug):
        raise SourceError(
            shown,
            f"the file name {path.name!r} does not make a URL prefix: use lower-case ASCII letters, digits and '-'",
            example="sources/tanxin.txt",
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SourceError(shown, f"cannot read the file: {err.strerror}") from None
    text, encoding = decode(raw, shown)
    return SourceText(shown, slug, normalise_newlines(text), encoding, read_meta(path.with_suffix(".yml")))


#: Byte-order marks, longest first, and the encoding each announces.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

#: How the build names each encoding when it says which one it used.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16 with BOM",
    "gb18030": "GB18030 (GBK)",
}


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Bytes -> (text, encoding).  A BOM decides; else UTF-8, else GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings of older Windows
    machines.  Bytes that are neither, and NUL bytes (binary files, or UTF-16
    without a BOM), are refused with the byte offset of the first bad byte.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            # Decode after the mark, so offsets count from the file's first byte plus len(bom).
            codec = "utf-8" if encoding == "utf-8-sig" else ("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
            try:
                return raw[len(bom) :].decode(codec), encoding
            except UnicodeDecodeError as err:
                offset = err.start + len(bom)
                raise _bad_bytes(
                    raw, offset, encoding, path, f"invalid {ENCODING_NAMES[encoding]} at byte offset {offset}"
                ) from None
    nul = raw.find(b"\x00")
    if nul != -1:
        raise _bad_bytes(
            raw,
            nul,
            "utf-8",
            path,
            f"binary file: NUL byte at byte offset {nul} (a text saved as UTF-16 needs its byte-order mark)",
            example="a plain-text file saved as UTF-8",
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            raise _bad_bytes(
                raw,
                utf8_error.start,
                "utf-8",
                path,
                f"neither UTF-8 nor GB18030/GBK: byte offset {utf8_error.start} is not UTF-8"
                f" and byte offset {gb_error.start} is not GB18030",
            ) from None


def _bad_bytes(raw: bytes, offset: int, encoding: str, path: str, what: str, example: str = "") -> SourceError:
    """A decoding error at byte ``offset``: line and column counted in what decodes before it."""
    before = normalise_newlines(raw[:offset].decode(encoding, errors="replace").lstrip("\ufeff"))
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    rest = raw[offset : offset + 200].decode(encoding, errors="backslashreplace").split("\n")[0].split("\r")[0]
    shown = "".join(c if c.isprintable() or c == "\u3000" else ascii(c)[1:-1] for c in rest)
    return SourceError(
        path,
        what,
        line=line,
        column=column,
        excerpt=shown,
        example=example or "save the text as UTF-8 (or GB18030/GBK, or UTF-16 with a byte-order mark)",
    )


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF: line ends are not part of the verbatim text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_meta(path: Path) -> dict:
    """The optional metadata file: a YAML mapping with keys from META_KEYS."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        raise SourceError(
            str(path),
            f"not valid YAML: {getattr(err, 'problem', err)}",
            line=mark.line + 1 if mark else 0,
            column=mark.column + 1 if mark else 0,
            example="title: 在公安机关领导干部集体谈心谈话会上的讲话",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(str(path), "the metadata file must be a mapping of keys to values", example="title: …")
    unknown = sorted(set(data) - set(META_KEYS))
    if unknown:
        raise SourceError(
            str(path),
            f"unknown metadata key {unknown[0]!r}; known keys: {', '.join(META_KEYS)}",
            example="occasion: 公安机关领导干部集体谈心谈话会",
        )
    return {key: value if key == "questions" else str(value) for key, value in data.items()}
