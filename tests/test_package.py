"""The package's shape: data flows one way (text -> model -> pages), no import circle, no MkDocs inside."""

from __future__ import annotations

import ast
from pathlib import Path

import studysite

PACKAGE = Path(studysite.__file__).parent


def imports(module: Path) -> set[str]:
    """The ``studysite`` modules one module imports, at any depth of its code (function bodies too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("studysite."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("studysite."))
    return found - {module.stem}


def graph() -> dict[str, set[str]]:
    return {path.stem: imports(path) for path in sorted(PACKAGE.glob("*.py")) if path.stem != "__init__"}


def test_the_package_is_installed_from_the_repository():
    assert Path(__file__).resolve().parent.parent / "scripts" / "studysite" == PACKAGE


def test_no_import_circle():
    edges = graph()
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import circle: " + " -> ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for other in sorted(edges.get(name, ())):
            visit(other, [*path, name])
        done.add(name)

    for name in edges:
        visit(name, [])


def test_layers_import_only_downwards():
    """Markup helpers know nothing of pages or the site; page templates nothing of the assembly."""
    pages = {"render", "render_aids", "handout", "titles", "contents", "printing"}
    forbidden = {"markup": pages | {"site", "aids", "terms"}, "render": {"site"}, "render_aids": {"site"}}
    edges = graph()
    for module, above in forbidden.items():
        assert not edges[module] & above, (module, edges[module] & above)


def test_no_module_of_the_package_imports_mkdocs():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in ("mkdocs", "material")], path.name
