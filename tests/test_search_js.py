"""The search's query logic (docs/assets/search.js) in Node, over an index the generator wrote.

The engine is run on the real speech with tiny shards and chunks, so a query really has to pick
its files; its answers are compared with a brute-force scan of the same entries in Python.  The
last tests guard the theme override: our header is Material's except for the search box.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from conftest import ROOT
from studysite import search_index
from studysite.site import library_order, load_document, source_files

SEARCH_JS = ROOT / "docs" / "assets" / "search.js"

RUN = """
const fs = require('fs'), vm = require('vm');
const core = require(process.argv[2]);
const dir = process.argv[3];
const {data, api} = core.registry();
globalThis.__studySearch = api;
let loaded = [];
const load = path => new Promise(resolve => {
  loaded.push(path);
  vm.runInThisContext(fs.readFileSync(dir + '/' + path, 'utf8'));
  resolve();
});
const engine = core.engine(load, data);
(async () => {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = {answers: [], shards: input.keys.map(k => core.shardOf(k, input.shards)),
               gaps: input.codes.map(c => core.decodeGaps(c, {tail: input.tail, more: input.more}))};
  for (const [query, limit] of input.queries) {
    loaded = [];
    let shown = null;  // the files loaded when the first hit was shown
    const r = await engine.search(query, limit, () => { shown = shown || loaded.slice(); });
    out.answers.push({words: r.words, more: r.more, loaded, shown,
      pages: r.pages.map(p => ({url: p.url, doc: p.doc,
                                hits: p.hits.map(h => [h.anchor, h.place, h.title, h.text])}))});
  }
  console.log(JSON.stringify(out));
})();
"""


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (apt-get install nodejs)")
        pytest.skip("node is missing")
    return found


def write_index(target: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")


def run(tmp_path: Path, index: Path, queries: list[tuple[str, int]], keys=(), shards=1, codes=()) -> dict:
    (tmp_path / "run.js").write_text(RUN, encoding="utf-8")
    payload = {
        "queries": queries,
        "keys": list(keys),
        "shards": shards,
        "codes": list(codes),
        "tail": search_index.TAIL,
        "more": search_index.MORE,
    }
    out = subprocess.run(
        [node(), "run.js", str(SEARCH_JS), str(index)],
        cwd=tmp_path,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def speech_index(
    tmp_path_factory: pytest.TempPathFactory,
):
    """The speech's index with shards and chunks small enough that a query must choose."""
    doc = load_document(ROOT / "sources" / "tanxin.txt")
    patch = pytest.MonkeyPatch()
    patch.setattr(search_index, "SHARD_BYTES", 2_000)
    patch.setattr(search_index, "CHUNK_BYTES", 1_500)
    files = search_index.build_search_index([doc])
    patch.undo()
    target = tmp_path_factory.mktemp("index")
    write_index(target, files)
    return target, doc


def brute_force(doc, words: list[str]) -> set[str]:
    """Pages with an entry whose heading or text holds every word: what the engine must find."""
    found = set()
    for page in search_index.document_pages(doc):
        for e in page.entries:
            hay = (search_index.fold(e.title), search_index.fold(e.text))
            if all(any(w in h for h in hay) for w in words):
                found.add(page.url)
    return found


QUERIES = ["判断力", "政治判断力", "冰", "如履薄冰", "担当 容错", "纪律", "同志们", "，", "习近平总书记", "不存在的话"]


def test_engine_finds_exactly_the_pages_whose_text_holds_the_words(tmp_path: Path, speech_index):
    index, doc = speech_index
    out = run(tmp_path, index, [(q, 1000) for q in QUERIES])
    meta = json.loads((index / "meta.js").read_text(encoding="utf-8").partition("(")[2].rstrip().removesuffix(");"))
    for query, answer in zip(QUERIES, out["answers"]):
        urls = {p["url"] for p in answer["pages"]}
        assert urls == brute_force(doc, query.split()), query
        assert not answer["more"]
        # every shown hit holds the words: marked in its heading or its snippet
        for page in answer["pages"]:
            for anchor, _place, title, text in page["hits"]:
                assert all(f"<mark>{w}" in title + text or w in title for w in query.split()), (query, anchor)
        # only the shards of its characters (one per pair, or the character's; files loaded for an
        # earlier query are not loaded again)
        pairs = {
            search_index.shard_of(k, meta["shards"])
            for w in query.split()
            for k in ([w] if len(w) == 1 else [a + b for a, b in zip(w, w[1:])])
        }
        assert {p for p in answer["loaded"] if p.startswith("b/")} <= {f"b/{n}.js" for n in pairs}, query
    first = out["answers"][0]
    assert {p for p in first["loaded"] if p.startswith("b/")} == {
        f"b/{search_index.shard_of(k, meta['shards'])}.js" for k in ("判断", "断力")
    }
    assert meta["shards"] > 5 and len(meta["chunks"]) > 5
    few = run(tmp_path, index, [("如履薄冰", 20)])["answers"][0]
    assert sum(p.startswith("t/") for p in few["loaded"]) == 1  # one candidate chunk, the right one


def test_first_hit_waits_for_two_shards_and_one_chunk_loaded_alone(tmp_path: Path, speech_index):
    # What a reader waits for is script loads in turn; on a busy machine loads in flight slow each
    # other down.  So the first chunk is chosen from the first and the last pair of each word and
    # loads alone; the middle pairs' shards narrow the rest (the answer is the same: first test).
    index, doc = speech_index
    meta = json.loads((index / "meta.js").read_text(encoding="utf-8").partition("(")[2].rstrip().removesuffix(");"))
    (answer,) = run(tmp_path, index, [("政治判断力", 1000)])["answers"]
    shard = {k: f"b/{search_index.shard_of(k, meta['shards'])}.js" for k in ("政治", "治判", "判断", "断力")}
    outer = {shard["政治"], shard["断力"]}
    loaded = [p for p in answer["loaded"] if "/" in p]  # after meta.js and t2s.js
    assert set(loaded[: len(outer)]) == outer and loaded[len(outer)].startswith("t/"), loaded
    assert {shard["治判"], shard["判断"]} - outer <= set(loaded[len(outer) + 1 :])
    assert sum(p.startswith("t/") for p in answer["shown"]) == 1  # the first hit came from the first chunk
    assert {p["url"] for p in answer["pages"]} == brute_force(doc, ["政治判断力"])
    assert loaded.count(loaded[len(outer)]) == 1  # the first chunk is not checked twice


def test_pairs_that_are_all_there_but_not_together_find_nothing(tmp_path: Path):
    source = tmp_path / "sources" / "tiny.txt"
    source.parent.mkdir()
    source.write_text("小小标题\n\n甲乙丙，说的是乙丙丁。PM2.5 浓度<下降>。\n乾坤未定。\n", encoding="utf-8")
    write_index(tmp_path / "index", search_index.build_search_index([load_document(source)]))
    out = run(tmp_path, tmp_path / "index", [("甲乙丙丁", 20), ("乙丙丁", 20), ("pm2.5 下降", 20), ("乾坤", 20)])
    none, found, latin, kept = out["answers"]
    assert none["pages"] == []  # 甲乙, 乙丙, 丙丁 are all in the text; 甲乙丙丁 is not
    assert [p["url"] for p in found["pages"]] == ["tiny/opening.html"]
    assert found["pages"][0]["doc"] == {"short": "小小标题", "year": ""}
    (hit,) = latin["pages"][0]["hits"]
    assert "<mark>PM2.5</mark> 浓度&#60;<mark>下降</mark>&#62;" in hit[3]  # case folded, HTML escaped
    assert [p["url"] for p in kept["pages"]] == ["tiny/opening.html"]  # 乾 may be simplified text: not folded


def test_traditional_query_is_folded_with_opencc_table(tmp_path: Path, speech_index):
    index, _ = speech_index
    traditional, simplified = run(tmp_path, index, [("兩個維護", 50), ("两个维护", 50)])["answers"]
    assert traditional["words"] == ["两个维护"] and traditional["pages"] == simplified["pages"] != []


def test_shard_hash_and_gap_code_are_the_same_in_python_and_js(tmp_path: Path, speech_index):
    index, _ = speech_index
    keys = ["政治", "力", "pm", "2.", "𠀀字", "——"]
    numbers = [[0], [0, 1, 2, 3], [5, 40, 1_000, 1_100, 70_000], list(range(0, 3000, 7))]
    codes = [search_index.encode_gaps(n) for n in numbers]
    out = run(tmp_path, index, [], keys=keys, shards=97, codes=codes)
    assert out["shards"] == [search_index.shard_of(k, 97) for k in keys]
    assert out["gaps"] == numbers == [search_index.decode_gaps(c) for c in codes]


def test_index_is_built_from_the_model_for_every_place_of_every_document():
    documents = library_order([load_document(p) for p in source_files(ROOT)])
    shelves = search_index.shelves(documents)
    for doc, shelf in zip(documents, shelves):
        text = "".join(e.text for p in shelf.pages for e in p.entries)
        # every character of the text is searchable, once (blanks and line breaks aside; a place's
        # text after its points is one entry with the text before them)
        assert sorted("".join(text.split())) == sorted("".join(doc.source.split())), doc.slug
    report = shelves[[d.slug for d in documents].index("zfgzbg-2024")]
    assert (report.short, report.year) == ("2024年政府工作报告", "2024")
    places = {e.anchor: e.place for p in report.pages if p.url == "zfgzbg-2024/3-1.html" for e in p.entries}
    assert places["#3-1"] == "三（一）"


# --------------------------------------------------------------------------
# The theme override

TEMPLATES = Path(material.__file__).parent / "templates"


def test_header_override_is_materials_header_but_for_the_search_box():
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    block_start = '    {% if "material/search" in config.plugins %}'
    before, _, rest = theirs.partition(block_start)
    after = rest.split("    {% if config.repo_url %}", 1)[1]
    body = ours.split("-#}", 1)[1]
    assert body.startswith(before.split("-#}", 1)[1]) and body.endswith("    {% if config.repo_url %}" + after), (
        "Material's partials/header.html changed: copy it again into overrides/partials/header.html "
        "and replace its search block by our include"
    )
    assert '{% include "partials/search.html" %}' in ours


def test_our_box_does_not_wake_materials_search():
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    # Material's bundle mounts its search on these hooks and loads its index for a form named "search"
    assert 'data-md-component="search' not in ours and 'name="search"' not in ours
    assert "data-study-search" in ours
