"""The layout's rules, read from the code's own imports: imports run one way, between apps and inside them.

`python -m pytest tests/test_layers.py -q` fails naming every import that runs the wrong way (README, Layout).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("matches", "people", "newsroom", "bench")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> Iterator[str]:
    """Every module `path` imports, relative imports resolved, `from a import b` counted as a.b too."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def edges() -> list[tuple[str, str]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found += [(module_name(path), target) for target in set(imports_of(path))]
    return found


EDGES = edges()


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in packages)


# (who may not import, what, unless the importer is one of)
RULES = [
    ("matches", ("newsroom", "people"), ()),
    ("people", ("newsroom",), ()),
    # Pure rules and the pure extractor: no Django, no ORM, nothing else of the project.
    ("matches.standings", ("django", "matches.models", "matches.tables", "newsroom", "people"), ()),
    ("newsroom.quotes", ("django", "matches", "people", "newsroom.models"), ()),
    # Inside the newsroom: urls -> views -> pages -> display, reads and models; nothing below imports above.
    ("", ("newsroom.views",), ("newsroom.urls", "newsroom.site_urls", "newsroom.views")),
    ("", ("newsroom.templatetags",), ("newsroom.templatetags",)),
    ("", ("newsroom.pages",), ("newsroom.views", "newsroom.pages", "bench")),
    ("", ("newsroom.urls", "newsroom.site_urls"), ("newsroom.urls", "bench")),
]


@pytest.mark.parametrize(("importer", "forbidden", "allowed"), RULES)
def test_imports_run_one_way(importer, forbidden, allowed):
    wrong = sorted(
        f"{source} imports {target}"
        for source, target in EDGES
        if within(source, importer or source) and not within(source, *allowed) and within(target, *forbidden)
    )
    assert wrong == []


def test_the_graph_was_read():
    """The rules above would pass vacuously on an empty graph."""
    assert ("newsroom.views.articles", "newsroom.pages.article") in EDGES
    assert ("matches.standings", "matches.standings.ties") in EDGES
