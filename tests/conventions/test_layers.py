"""The layers in setup.cfg's import-linter contracts (docs/architecture.md) hold, and a forbidden
import breaks them: the check is real, not a contract that cannot fail."""

from __future__ import annotations

import ast
import io
import os
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from tests.support.paths import ROOT

LINT = str(Path(sys.executable).with_name("lint-imports"))


def _lint(where: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(where)}  # this copy's `app`, before the installed one
    return subprocess.run([LINT, "--config", str(where / "setup.cfg"), "--no-cache"], cwd=where,
                          env=env, capture_output=True, text=True, timeout=300)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "app", tmp_path / "app",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates"))
    shutil.copy(ROOT / "setup.cfg", tmp_path / "setup.cfg")
    return tmp_path


def test_the_layers_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize("module, line, refusal", [
    ("staff_voice/closing.py", "from app.analysis import releases",
     "app.staff_voice is not allowed to import app.analysis"),
    ("surveys/schema.py", "import flask", "app.surveys is not allowed to import flask"),
])
def test_a_forbidden_import_breaks_them(tmp_path, module, line, refusal):
    where = _copy(tmp_path)
    target = where / "app" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    result = _lint(where)
    assert result.returncode != 0
    assert refusal in result.stdout


# Imports at the top, no cycles (issue 17). An import inside a function hides a dependency
# from the reader and from import-linter's picture of the layers, so it needs a reason:
# a comment on its line or the line before.

def _modules(root: Path) -> dict[str, Path]:
    """Dotted name -> file, for every module of root/app outside its migrations."""
    found = {}
    for path in sorted((root / "app").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "migrations" not in parts:
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _commented_lines(source: str) -> set[int]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {t.start[0] for t in tokens if t.type == tokenize.COMMENT}


def imports_in_functions_without_why(root: Path) -> list[str]:
    out = []
    for path in _modules(root).values():
        source = path.read_text()
        commented = _commented_lines(source)
        for func in ast.walk(ast.parse(source)):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                out += [f"{path.relative_to(root)}:{node.lineno}" for node in ast.walk(func)
                        if isinstance(node, ast.Import | ast.ImportFrom)
                        and not {node.lineno, node.lineno - 1} & commented]
    return sorted(set(out))


def _top_level_imports(nodes: list[ast.stmt]):
    """Imports run when the module loads: not in functions, not under `if TYPE_CHECKING:`."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _top_level_imports(node.orelse)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _top_level_imports([n for n in ast.iter_child_nodes(node)
                                           if isinstance(n, ast.stmt | ast.excepthandler)])


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of app/ it imports when it loads (`from a import b` names the
    module a.b when b is one, else a)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in _top_level_imports(ast.parse(path.read_text()).body):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
                continue
            base = node.module or ""
            if node.level:  # from . import x, from ..y import z
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + [base] * bool(base))
            targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                        for a in node.names}
        graph[name] = (targets & modules.keys()) - {name}
    return graph


def import_cycles(root: Path) -> list[list[str]]:
    """Each set of modules that import each other, directly or round a loop, when loading."""
    graph = import_graph(root)
    reach: dict[str, set[str]] = {}
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            if (module := todo.pop()) not in seen:
                seen.add(module)
                todo += graph[module]
        reach[start] = seen
    loops = {frozenset(m for m in reach[start] if start in reach[m])
             for start in graph if start in reach[start]}
    return sorted(sorted(loop) for loop in loops)


def test_imports_are_at_the_top_unless_a_comment_says_why():
    assert imports_in_functions_without_why(ROOT) == []


def test_no_module_of_app_imports_itself_round_a_loop():
    assert import_cycles(ROOT) == []


def _fake_app(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / "app" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "app" / name).write_text(text)
    return tmp_path


def test_an_import_in_a_function_without_a_reason_is_found(tmp_path):
    root = _fake_app(tmp_path, {
        "__init__.py": "",
        "hidden.py": "def f():\n    import json\n\n\ndef g():\n    if 1:\n"
                     "        from os import path\n",
        "explained.py": "def f():\n    # only the rare command needs it\n    import json\n\n\n"
                        "def g():\n    import os  # Alembic loads this file by path\n",
        "migrations/env.py": "def run():\n    import json\n",
    })
    assert imports_in_functions_without_why(root) == ["app/hidden.py:2", "app/hidden.py:7"]


def test_an_import_cycle_is_found(tmp_path):
    root = _fake_app(tmp_path, {
        "__init__.py": "",
        "a.py": "from app import b\n",
        "b.py": "try:\n    import ujson\nexcept ImportError:\n    from app.c import thing\n",
        "c.py": "from . import a\nthing = 1\n",
        # not cycles: a TYPE_CHECKING import, a function-level one, a package and its parts
        "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app import e\n",
        "e.py": "def f():\n    from app import d\n\n\nfrom app.d import TYPE_CHECKING\n",
        "p/__init__.py": "from app.p import part\n",
        "p/part.py": "from app.p.base import x\n",
        "p/base.py": "x = 1\n",
    })
    assert import_cycles(root) == [["app.a", "app.b", "app.c"]]
