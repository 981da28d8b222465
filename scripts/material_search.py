"""MkDocs hook: Chinese substring search in Material 9.8's own search box, also from file://.

Two measured defects of the stock stack, and the fix for each (README, "搜索"):

1. Material's query segmenter (``fe`` in the search worker; upstream
   ``integrations/search/query/segment/index.ts``) only tries slices
   ``query.slice(i, j)`` with ``j < query.length``, so no word ever ends on the
   last character: ``政治判断力`` is searched as ``政治*``.  We short-circuit it:
   a Han run of one or two characters stays as it is; a longer run becomes its
   overlapping character pairs (``政治* 治判* 判断* 断力*``).
2. jieba segments the *index* into words, so a part of a word (``判断力`` in
   ``政治判断力``, ``领悟`` in ``领悟力``) matches nothing.  Every index entry gets
   a hidden field with the distinct Han characters and character pairs of its
   title and text, so every pair a query can produce is a term of the index.
   Material's result template shows only title and text: readers never see it.

The worker patch is an exact-string replacement: when Material's bundle
changes, the build fails (PluginError) instead of shipping a search that
quietly drops words, and tests/test_search_patch.py fails too.

Runs after ``search`` writes search_index.json (priority 0) and before
``offline`` copies it into search_index.js (priority -100).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

#: The hidden index field that holds the character n-grams.
FIELD = "ngram"

#: Single characters as well as pairs, so a one-character query finds a
#: character that only ends a pair (``丑`` in ``揭短亮丑``).
UNIGRAMS = True

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
TAG = re.compile(r"<[^>]+>")

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

#: Call site of the segmenter in search.a7633da7.min.js (Material 9.8.1).  Material
#: joins segments with "* " and appends "*" again ("判断**"): lunr matches that, but
#: the result list then shows every hit as "缺少: 判断*".  " " gives clean "判断*".
CALL = '[...fe(s,this.index.invertedIndex)].join("* ")'
CALL_PATCHED = '[...fe(s,this.index.invertedIndex)].join(" ")'
HEAD = "function fe(t,e){let r=new Set,n=new Uint16Array(t.length);"
PATCHED_HEAD = (
    "function fe(t,e){if(t.length<3)return new Set([t]);"
    "{const g=new Set;for(let k=0;k+1<t.length;k++)g.add(t.slice(k,k+2));return g}"
    + HEAD[len("function fe(t,e){"):]  # the original body stays, unreachable
)


def han_ngrams(text: str) -> str:
    """Distinct Han characters and character pairs of ``text``, space-separated, in order."""
    plain = TAG.sub(" ", text).replace("\u200b", "")
    grams: dict[str, None] = {}
    for run in HAN.findall(plain):
        for i in range(len(run)):
            if UNIGRAMS or len(run) == 1:
                grams[run[i]] = None
            if i + 1 < len(run):
                grams[run[i:i + 2]] = None
    return " ".join(grams)


def patch_worker_source(source: str) -> str:
    """The worker with the segmenter fixed; PluginError if its code is not the one we know."""
    if PATCHED_HEAD in source and CALL_PATCHED in source:
        return source  # already patched: mkdocs serve rebuilds into the same folder
    if source.count(HEAD) != 1 or source.count(CALL) != 1:
        raise PluginError(
            "material_search: Material's search worker changed (segmenter 'fe' not found); "
            "re-check scripts/material_search.py against the installed mkdocs-material"
        )
    return source.replace(HEAD, PATCHED_HEAD, 1).replace(CALL, CALL_PATCHED, 1)


def add_ngrams(index: dict) -> dict:
    """The search index with the hidden n-gram field on every entry."""
    index["config"]["fields"].setdefault(FIELD, {"boost": 1.0})
    for entry in index["docs"]:
        grams = han_ngrams(entry.get("title", "") + " " + entry.get("text", ""))
        if grams:
            entry[FIELD] = grams
    return index


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    index = add_ngrams(json.loads(index_file.read_text(encoding="utf-8")))
    # UTF-8 rather than \u escapes: a third of the bytes for Chinese text.
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    workers = sorted(site.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise PluginError(f"material_search: expected one {WORKER_GLOB}, found {workers}")
    source = workers[0].read_text(encoding="utf-8")
    patched = patch_worker_source(source)
    if patched != source:
        workers[0].write_text(patched, encoding="utf-8")
