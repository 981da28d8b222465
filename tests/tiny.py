"""One tiny speech, parsed once, for the unit tests of the renderers (no MkDocs, no site build)."""

from __future__ import annotations

from functools import cache

from studysite.aids import StudyAids, study_aids
from studysite.model import Document
from studysite.parse import parse_document

TEXT = (
    "标题\n同志们：\n开场。\n第一，总要求。首先，要“甲乙”。其次，要“丙丁”。\n第二，再要求。首先，要戊。其次，要己。\n"
)


@cache
def tiny_document() -> Document:
    return parse_document(TEXT, slug="x", path="x.txt")


@cache
def tiny_aids() -> StudyAids:
    return study_aids([tiny_document()])
