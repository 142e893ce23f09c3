"""The layers in setup.cfg's import-linter contracts (docs/architecture.md) hold, and a forbidden
import breaks them: the check is real, not a contract that cannot fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
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
