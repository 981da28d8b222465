"""Recall@3 of the search: one definition, used by tests/test_search.py and scripts/bench.py.

A query of ``tests/search_queries.yml`` lists in ``expect`` every block (catalog id of a section or
point) that holds all its words.  The results are read as the reader sees them: one group per page,
each group the catalog ids of its links (the page, then the places on it).  A query is answered when

- it has at most three such blocks: every one of them is among the first three groups, as itself
  or, for a point, through the page that holds it (a page's result lists its places);
- it has more: each of the first three groups is one of them, or a page or section that contains
  one (and there are three groups).

Recall@3 is the share of queries answered.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

QUERIES_FILE = Path(__file__).resolve().parent.parent / "tests" / "search_queries.yml"


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def catalog_id(href: str, site: Path, catalog: dict[str, str]) -> str:
    """The catalog id of a result link (``file://…/tanxin/2-2.html?h=…#2-2-1`` -> ``tanxin/2-2-1``).

    Links over http are read relative to the site's root path (``site`` is then ``Path("/")``).
    """
    parsed = urllib.parse.urlsplit(href)
    relative = Path(urllib.parse.unquote(parsed.path)).relative_to(site).as_posix()
    with_anchor = f"{relative}#{parsed.fragment}" if parsed.fragment else relative
    return catalog.get(with_anchor) or catalog.get(relative) or with_anchor


def _containing(target: str, parents: dict[str, str | None]) -> set[str]:
    found = set()
    while target:
        found.add(target)
        target = parents.get(target) or ""
    return found


def wrong_answers(
    query: dict[str, Any], groups: Sequence[Sequence[str]], parents: dict[str, str | None], kinds: dict[str, str]
) -> list[str]:
    """What is wrong with the first three result groups for ``query`` (empty: answered)."""
    top3 = [list(group) for group in groups[:3]]
    shown = {i for group in top3 for i in group}
    expected = query["expect"]
    if len(expected) <= 3:
        return [t for t in expected if t not in shown and not (kinds.get(t) == "point" and parents.get(t) in shown)]
    accepted = set().union(*(_containing(t, parents) for t in expected))
    wrong = [group[0] if group else "(empty group)" for group in top3 if not accepted & set(group)]
    return wrong + ([] if len(top3) == 3 else ["(fewer than 3)"])


def recall_at_3(
    queries: Iterable[dict[str, Any]],
    results: Callable[[str], Sequence[Sequence[str]]],
    catalog: Iterable[dict[str, Any]],
) -> tuple[float, list[dict[str, Any]]]:
    """Recall@3 over ``queries``, where ``results(query)`` gives the result groups as catalog ids.

    Returns the share answered and one record per miss (query, what is wrong, the first three groups).
    """
    entries = list(catalog)
    parents = {e["id"]: e["parent"] for e in entries}
    kinds = {e["id"]: e["kind"] for e in entries}
    queries = list(queries)
    misses = []
    for q in queries:
        groups = results(q["query"])
        wrong = wrong_answers(q, groups, parents, kinds)
        if wrong:
            misses.append({"query": q["query"], "wrong": wrong, "top3": [g[0] for g in groups[:3] if g]})
    return (1 - len(misses) / len(queries) if queries else 1.0), misses
