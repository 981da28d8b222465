"""Our search worker (scripts/search_worker.js) behind Material's search box: guards and semantics.

Material's UI stays; only the worker is ours.  The first tests fail loudly when
Material's bundle changes the worker protocol or the result shape we answer
with; the Node tests run the worker itself through that protocol.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

import material_search  # scripts/ is the package root, on sys.path through the editable install
from conftest import ROOT, Build

TEMPLATES = Path(material.__file__).parent / "templates"
(BUNDLE,) = TEMPLATES.glob("assets/javascripts/bundle.*.min.js")
SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js"
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # npm iframe-worker 1.0.4

#: What Material 9.8.1's bundle does with the worker, as minified code (identifiers,
#: matched by [\w$]+, vary; the structure must not).  Upstream: integrations/search/worker/_/index.ts,
#: worker/message/index.ts, components/search/{query,result}, templates/search.
PROTOCOL = {
    # SETUP (0) carries the index's config and docs, sent once the search is opened
    "setup": r"\.subscribe\(\(\{config:([\w$]+),docs:([\w$]+)\}\)=>"
    r"[\w$]+\.next\(\{type:0,data:\{config:\1,docs:\2,options:\{suggest:",
    # READY (1) and RESULT (3) are recognised by type alone
    "ready": r"function [\w$]+\(([\w$]+)\)\{return \1\.type===1\}",
    "result": r"function [\w$]+\(([\w$]+)\)\{return \1\.type===3\}",
    # QUERY (2) carries the input's value as a string
    "query": r"\.subscribe\(\(\{value:([\w$]+)\}\)=>[\w$]+\.next\(\{type:2,data:\1\}\)\)",
    # RESULT data: {items}, one array per page, rendered 10 first, then on scroll
    "items": r"\(\{items:([\w$]+)\}\)=>[\w$]+\([\w$]+\(\.\.\.\1\.slice\(0,10\)\),[\w$]+\(\.\.\.\1\.slice\(10\)\)",
    # in a page's array, its own entry is the one whose location has no "#"; the first item's score is the threshold
    "article": r"let [\w$]+=([\w$]+)\[0\]\.score,[\w$]+=\[\.\.\.\1\],[\w$]+=[\w$]+\(\),"
    r"[\w$]+=[\w$]+\.findIndex\([\w$]+=>!`\$\{new URL\([\w$]+\.location,[\w$]+\.base\)\}`\.includes\(\"#\"\)\)",
    # an item's title and text are HTML: strings are appended as innerHTML
    "html": r"function ([\w$]+)\(([\w$]+),([\w$]+)\)\{"
    r'if\(typeof \3=="string"\|\|typeof \3=="number"\)\2\.innerHTML\+=\3\.toString\(\)',
    # its terms build the ?h= link; its score is shown
    "score": r'"data-md-score":([\w$]+)\.score\.toFixed\(2\)',
    "terms": r"\.searchParams\.set\(\"h\",Object\.entries\([\w$]+\.terms\)",
    # on file:// the index is search_index.js (the offline plugin), i.e. __index
    "file": r"location\.protocol===\"file:\"\?"
    r"[\w$]+\(`\$\{new URL\(\"search/search_index\.js\",[\w$]+\.base\)\}`\)\.pipe\([\w$]+\(\(\)=>__index\)",
}


@pytest.mark.parametrize("name", sorted(PROTOCOL))
def test_material_bundle_speaks_the_protocol_our_worker_answers(name: str):
    source = BUNDLE.read_text(encoding="utf-8")
    assert re.search(PROTOCOL[name], source), (
        f"Material's bundle changed ({name}): re-check scripts/search_worker.js against "
        f"{BUNDLE.name} (upstream src/templates/assets/javascripts/integrations/search/)"
    )


def test_material_loads_the_worker_file_we_overwrite():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    (path,) = re.findall(r'"search": "(assets/javascripts/workers/search\.\w+\.min\.js)" \| url', base)
    assert sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.glob(material_search.WORKER_GLOB)) == [path]


def test_material_search_plugin_still_has_the_jieba_switch():
    from material.plugins.search import plugin

    assert "jieba" in vars(plugin), "material_search.on_config switches jieba off through this global"


def test_built_site_ships_our_worker_and_a_lean_index(real_build: Build):
    html = real_build.html("tanxin/1-1.html")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    worker = (real_build.site / "tanxin" / config["search"]).resolve()
    assert worker.read_text(encoding="utf-8") == material_search.WORKER_SOURCE.read_text(encoding="utf-8")
    assert not worker.with_name(worker.name + ".map").exists()
    assert not (real_build.site / material_search.LUNR_DIR).exists()

    index_js = (real_build.site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "判断" in index_js and "\\u5224" not in index_js  # UTF-8, not \\u escapes
    assert "\u200b" not in index_js  # no jieba marks
    index = json.loads((real_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert all(set(d) <= {"location", "title", "text", "boost"} for d in docs.values())  # no n-gram field
    assert "提高政治判断力" in docs["tanxin/1-1.html#1-1"]["text"]
    # furniture stays out: citation lines, breadcrumbs, pagers, lists of other pages, map and link table
    assert not any(re.search(r"引用 《|›|上一条|下一条", d["text"]) for d in docs.values())
    anchors = {loc.partition("#")[2] for loc in docs}
    assert not anchors & {"related", "structure", "aids", "how-to-use", "occurrences", "in-tanxin"}
    assert not any(re.fullmatch(r"[^/]+/(map|links|full)\.html", loc.partition("#")[0]) for loc in docs)
    assert docs["terms/sanli.html#term"]["boost"] == 0.01 and "政治判断力" in docs["terms/sanli.html#term"]["text"]
    assert '<div class="cite" data-search-exclude=""' in html  # the generator marks its furniture


# --------------------------------------------------------------------------
# The worker itself, run in Node through Material's protocol

RUN_WORKER = """
const fs = require('fs'), vm = require('vm');
const out = []; let handler;
const sandbox = {addEventListener: (type, f) => handler = f, postMessage: m => out.push(m)};
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), sandbox);
for (const message of JSON.parse(fs.readFileSync(0, 'utf8'))) handler({data: message});
console.log(JSON.stringify(out));
"""


def run_worker(tmp_path: Path, docs: list[dict], *queries: str) -> list[dict]:
    """Messages the worker posts for SETUP with ``docs`` and one QUERY per query."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (apt-get install nodejs)")
        pytest.skip("node is missing")
    (tmp_path / "run.js").write_text(RUN_WORKER, encoding="utf-8")
    setup = {"type": 0, "data": {"config": {"separator": "[\\s]+"}, "docs": docs, "options": {"suggest": False}}}
    messages = [setup] + [{"type": 2, "data": q} for q in queries]
    out = subprocess.run([node, "run.js", str(material_search.WORKER_SOURCE)], cwd=tmp_path,
                         input=json.dumps(messages), capture_output=True, text=True, check=True).stdout
    return json.loads(out)


DOCS = [
    {"location": "a/1.html", "title": "1 提高政治判断力", "text": ""},
    {
        "location": "a/1.html#1-1",
        "title": "1-1 修养政治品德",
        "text": "<p>要不断修养政治品德，提高政治判断力。</p><p>PM2.5 浓度 &lt;下降&gt;</p>",
    },
    {"location": "a/1.html#1-2", "title": "1-2 担当", "text": "<p>担当作为，判断力，判断力，判断力</p>"},
    {"location": "a/2.html", "title": "2 其他", "text": ""},
    {"location": "a/2.html#2-1", "title": "2-1 容错", "text": "<p>用好容错免责机制，激励干部担当作为。</p>"},
    {"location": "terms/pd.html", "title": "判断力", "text": "<p>政治判断力的释义</p>", "boost": 0.01},
]


def locations(result: dict) -> list[list[str]]:
    return [[item["location"] for item in page] for page in result["data"]["items"]]


def test_worker_answers_setup_with_ready_and_queries_with_results(tmp_path: Path):
    ready, result = run_worker(tmp_path, DOCS, "判断力")
    assert ready == {"type": 1}
    assert result["type"] == 3
    item = result["data"]["items"][0][0]
    assert set(item) == {"location", "title", "text", "score", "terms"} and item["terms"] == {"判断力": True}


def test_worker_finds_substrings_and_ranks_title_then_occurrences_then_boost(tmp_path: Path):
    _, result = run_worker(tmp_path, DOCS, "判断力")
    # a/1.html: its own entry (title hit) first; then #1-2 (3 hits in text) before #1-1 (1 hit);
    # the term page (title hit, boost 0.01) comes last
    assert locations(result) == [["a/1.html", "a/1.html#1-2", "a/1.html#1-1"], ["terms/pd.html"]]
    scores = [item["score"] for item in result["data"]["items"][0]]
    assert scores == sorted(scores, reverse=True) and result["data"]["items"][1][0]["score"] < 1


def test_worker_needs_every_word_in_one_entry_and_adds_the_page_entry(tmp_path: Path):
    _, both, none = run_worker(tmp_path, DOCS, " 担当  容错 ", "容错 判断力")
    # the page's own entry (location without "#") is in every group, as Material's list requires
    assert locations(both) == [["a/2.html#2-1", "a/2.html"]]
    assert both["data"]["items"][0][1]["score"] == 0
    assert both["data"]["items"][0][0]["terms"] == {"担当": True, "容错": True}
    assert none["data"]["items"] == []


def test_worker_ignores_latin_case_and_marks_hits_in_escaped_html(tmp_path: Path):
    _, result, empty = run_worker(tmp_path, DOCS, "pm2.5 下降", "   ")
    (page,) = result["data"]["items"]
    hit = next(item for item in page if item["location"] == "a/1.html#1-1")
    assert hit["text"] == "<mark>PM2.5</mark> 浓度 &#60;<mark>下降</mark>&#62;"
    assert hit["terms"] == {"pm2.5": True, "下降": True}
    assert empty["data"] == {"items": []}


def test_worker_cuts_long_blocks_around_the_first_hit_and_returns_at_most_20_pages(tmp_path: Path):
    long = "甲" * 200 + "如履薄冰" + "乙" * 200
    docs = [{"location": f"p{i}.html", "title": f"第{i}页", "text": f"<p>{long}</p>"} for i in range(30)]
    _, result = run_worker(tmp_path, docs, "如履薄冰")
    assert len(result["data"]["items"]) == 20
    text = result["data"]["items"][0][0]["text"]
    assert text.startswith("…甲") and text.endswith("乙…") and "<mark>如履薄冰</mark>" in text
    assert len(text) < len(long) // 2


def test_vendored_shim_is_the_published_file():
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
