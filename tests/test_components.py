"""app/components.py: every NHS.UK component it names is found where its name says."""

from __future__ import annotations

from app.components import COMPONENTS


def test_every_component_names_a_macro_that_exists(app):
    for name, (path, macro) in COMPONENTS.items():
        module = app.jinja_env.get_template(path).module
        assert callable(getattr(module, macro, None)), (name, path, macro)
    assert COMPONENTS["character_count"] == (
        "nhsuk/components/character-count/macro.jinja", "characterCount")
