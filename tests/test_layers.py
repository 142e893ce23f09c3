"""The layers in setup.cfg's import-linter contracts (docs/architecture.md) hold, and a forbidden
import breaks them: the check is real, not a contract that cannot fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_a_domain_importing_the_analysis_layer_breaks_them(tmp_path):
    where = _copy(tmp_path)
    closing = where / "app" / "staff_voice" / "closing.py"
    closing.write_text(closing.read_text() + "\nfrom app.analysis import releases  # noqa\n")
    result = _lint(where)
    assert result.returncode != 0
    assert "app.staff_voice is not allowed to import app.analysis" in result.stdout


def test_flask_in_the_survey_definitions_breaks_them(tmp_path):
    where = _copy(tmp_path)
    schema = where / "app" / "surveys" / "schema.py"
    schema.write_text(schema.read_text() + "\nimport flask  # noqa\n")
    result = _lint(where)
    assert result.returncode != 0
    assert "app.surveys is not allowed to import flask" in result.stdout
