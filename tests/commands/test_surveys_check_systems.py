"""`flask surveys check` and an organisation question's `system:` option: its shape is an error
in the definition; a system the database does not have (or has no organisations for) is a
warning, since definitions may be checked before the systems are imported."""

from __future__ import annotations

from pathlib import Path

from app.extensions import db
from app.models import System
from tests.support.question_probe import PROBE, add_organisations


def _check(runner, folder: Path, text: str = PROBE):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "question_probe.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["surveys", "check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return path, result


def test_a_system_not_in_the_database_is_a_warning(runner, tmp_path):
    path, result = _check(runner, tmp_path)
    assert result.exit_code == 0
    assert f"{path}: ok (consultation 'question_probe'" in result.output
    assert (f"{path}: warning: question 'employer' names system QZ9, which is not in the "
            "database: it will offer only 'My organisation is not listed'") in result.output


def test_a_system_with_no_organisations_is_a_warning(runner, tmp_path):
    db.session.add(System(code="QZ9", name="Empty ICS"))
    db.session.commit()
    _path, result = _check(runner, tmp_path)
    assert result.exit_code == 0
    assert "names system QZ9, which has no organisations in the database" in result.output


def test_a_system_with_organisations_passes_quietly(runner, tmp_path):
    add_organisations()
    path, result = _check(runner, tmp_path)
    assert result.exit_code == 0
    assert "warning" not in result.output and f"{path}: ok (" in result.output


def test_a_system_code_of_the_wrong_shape_is_an_error_at_its_place(runner, tmp_path):
    path, result = _check(runner, tmp_path, PROBE.replace("system: QZ9", "system: qz-9"))
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(PROBE.splitlines(), 1) if "system: QZ9" in text)
    assert result.output.startswith(f"{path}:{line}:")
    assert "[bad-value] system must be a system's code, 2 to 12 capital letters or digits, " \
           "like QZ9 (got 'qz-9')" in result.output
