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
META_KEYS = ("title", "date", "speaker", "occasion", "questions")


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
    """The encoding the bytes were read with."""
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


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Bytes -> (text, encoding name).  Tries BOMs, UTF-8, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_as(raw[3:], "utf-8", path, offset=3), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(raw, "utf-16", path), "utf-16"
    nul = raw.find(b"\x00")
    if nul != -1:
        raise SourceError(path, f"binary file: NUL byte at byte offset {nul}", example="a plain-text .txt file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise SourceError(
                path,
                f"not UTF-8 (invalid byte at byte offset {utf8_error.start}) and not GB18030 either",
                example="save the text as UTF-8",
            ) from None


def _decode_as(raw: bytes, encoding: str, path: str, offset: int = 0) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise SourceError(
            path, f"invalid {encoding} at byte offset {err.start + offset}", example="save the text as UTF-8"
        ) from None


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
