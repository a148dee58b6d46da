"""The shape of the code and its promises: no import cycles, floors in one direction, and a
README that documents every command and setting."""

from __future__ import annotations

import ast
import re

from cli.main import main
from core.config import PROJECT_ROOT, SETTINGS

PACKAGES = ("core", "ingest", "tagging", "index", "linking", "sgkb", "webapp", "cli")
# Each package may import only from those on lower floors (or its own floor's earlier packages).
FLOORS = {"core": 0, "ingest": 1, "tagging": 1, "index": 2, "linking": 3, "sgkb": 4, "webapp": 5, "cli": 6}


def imports() -> dict[str, set[str]]:
    """package -> the project packages its modules import (lazy imports inside functions included)."""
    graph: dict[str, set[str]] = {p: set() for p in PACKAGES}
    for package in PACKAGES:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module]
                    if isinstance(node, ast.ImportFrom) and node.module and not node.level
                    else []
                )
                for name in names:
                    top = name.split(".")[0]
                    if top in PACKAGES and top != package:
                        graph[package].add(top)
    return graph


def test_no_import_cycle_among_the_packages():
    graph = imports()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen)) for n in graph[start])

    cycles = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if reaches(b, a, set())})
    assert cycles == [], f"import cycles: {cycles}"


def test_data_flows_one_way_down_the_floors():
    wrong = [(a, b) for a, deps in imports().items() for b in deps if FLOORS[b] >= FLOORS[a]]
    assert wrong == [], f"imports up or across the floors: {wrong}"


def test_no_module_imports_a_sibling_that_imports_it():
    """Within a package too: walk module imports and fail on a cycle."""
    modules: dict[str, set[str]] = {}
    files = {
        ".".join(p.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for package in PACKAGES
        for p in (PROJECT_ROOT / package).rglob("*.py")
    }
    for name, path in files.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and not node.level
                else []
            )
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    deps.add(target)
        modules[name] = deps

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen)) for n in modules[start])

    cycles = sorted({tuple(sorted((a, b))) for a in modules for b in modules[a] if reaches(b, a, set())})
    assert cycles == [], f"module import cycles: {cycles}"


def test_readme_documents_every_command_and_setting():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"sgkb {name}" in readme, f"`sgkb {name}` missing from README"
        for sub in getattr(command, "commands", {}):
            assert f"sgkb {name} {sub}" in readme, f"`sgkb {name} {sub}` missing from README"
    for key in SETTINGS:
        assert re.search(rf"`{key}`", readme), f"setting `{key}` missing from README"
        assert re.search(rf"^#?\s*{key}:", (PROJECT_ROOT / "config.yaml").read_text(encoding="utf-8"), re.M), (
            f"setting {key} missing from config.yaml"
        )
    assert "make run" in readme and "make test" in readme
