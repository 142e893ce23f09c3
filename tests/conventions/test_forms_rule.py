"""Forms live beside their views (app/views/<blueprint>/forms.py); app/forms/ keeps only the
pieces several blueprints share (see its docstring)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import APP

SHARED = {"__init__.py", "base.py", "csrf.py", "fields.py", "password_fields.py", "survey.py"}


def form_classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", "")) in ("Form", "FlaskForm")
                    for b in node.bases)]


def test_app_forms_keeps_only_shared_pieces():
    assert {p.name for p in (APP / "forms").glob("*.py")} == SHARED


def test_a_blueprint_defines_its_forms_in_its_forms_module():
    misplaced = [(str(p.relative_to(APP)), form_classes(p))
                 for p in (APP / "views").rglob("*.py")
                 if p.name != "forms.py" and form_classes(p)]
    assert misplaced == []


def test_no_form_outside_views_and_the_runner():
    found = [str(p.relative_to(APP)) for p in APP.rglob("*.py")
             if form_classes(p) and "views" not in p.parts and p.parent.name != "forms"]
    assert found == []
