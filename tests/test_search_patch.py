"""Guards for scripts/material_search.py: fail loudly when Material's search worker changes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, Build

import material_search  # scripts/ is on sys.path (conftest)

WORKERS = sorted(Path(material.__file__).parent.joinpath("templates").glob(material_search.WORKER_GLOB))
SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js"
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # npm iframe-worker 1.0.4


def worker_source() -> str:
    assert len(WORKERS) == 1, WORKERS
    return WORKERS[0].read_text(encoding="utf-8")


def test_patch_applies_to_the_installed_material_once():
    source = worker_source()
    patched = material_search.patch_worker_source(source)
    assert patched.count(material_search.PATCHED_HEAD) == 1
    assert patched.count(material_search.CALL_PATCHED) == 1
    assert material_search.patch_worker_source(patched) == patched  # mkdocs serve rebuilds


def test_patch_refuses_an_unknown_worker():
    changed = worker_source().replace(material_search.HEAD, "function xx(t,e){")
    with pytest.raises(PluginError, match="search worker changed"):
        material_search.patch_worker_source(changed)


def test_built_site_ships_the_patched_worker_and_the_ngram_index(real_build: Build):
    (worker,) = real_build.site.glob(material_search.WORKER_GLOB)
    assert material_search.PATCHED_HEAD in worker.read_text(encoding="utf-8")
    index_js = (real_build.site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "判断" in index_js and "\\u5224" not in index_js  # UTF-8, not \\u escapes
    index = json.loads((real_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"][material_search.FIELD] == {"boost": 1.0}
    grams = next(d[material_search.FIELD] for d in index["docs"] if d["location"] == "tanxin/1-1.html").split()
    assert {"政治", "治判", "判断", "断力", "判"} <= set(grams)
    assert not any(d["location"].startswith("tanxin/full.html") for d in index["docs"])


def test_patched_worker_builds_pair_queries(tmp_path: Path):
    """Run the patched worker in Node and read the lunr query it builds for Han input."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (apt-get install nodejs)")
        pytest.skip("node is missing")
    (tmp_path / "worker.js").write_text(material_search.patch_worker_source(worker_source()), encoding="utf-8")
    text = "提高政治判断力就必须修好政治品德"
    index = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\u200b]+",
            "pipeline": ["stemmer"],
            "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, material_search.FIELD: {"boost": 1}},
        },
        "docs": [{"location": "a.html", "title": "t", "text": text, material_search.FIELD: material_search.han_ngrams(text)}],
    }
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "run.js").write_text(
        """
        const fs = require('fs'), vm = require('vm'); let handler; const out = [], seen = [];
        globalThis.self = globalThis; globalThis.addEventListener = (t, f) => handler = f;
        globalThis.postMessage = m => out.push(m);
        vm.runInThisContext(fs.readFileSync('worker.js', 'utf8'));
        const search = lunr.Index.prototype.search;
        lunr.Index.prototype.search = function (q) { seen.push(q); return search.call(this, q) };
        (async () => {
          await handler({data: {type: 0, data: {...JSON.parse(fs.readFileSync('index.json', 'utf8')), options: {}}}});
          for (const q of ['政治判断力', '判断力', '断力']) await handler({data: {type: 2, data: q}});
          console.log(JSON.stringify({seen, hits: out.slice(1).map(m => m.data.items.length)}));
        })()""",
        encoding="utf-8",
    )
    result = json.loads(subprocess.check_output([node, "run.js"], cwd=tmp_path))
    assert result["seen"] == ["政治* 治判* 判断* 断力*", "判断* 断力*", "断力*"]
    assert result["hits"] == [1, 1, 1]


def test_han_ngrams():
    assert material_search.han_ngrams("<p>亮\u200b丑 ab 冰</p>").split() == ["亮", "亮丑", "丑", "冰"]


def test_vendored_shim_is_the_published_file():
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
