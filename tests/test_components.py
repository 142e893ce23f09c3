"""app/components.py: every NHS.UK component it names is found where its name says."""

from __future__ import annotations

from app.components import COMPONENTS


def test_every_component_names_a_macro_that_exists(app):
    for name, (path, macro) in COMPONENTS.items():
        module = app.jinja_env.get_template(path).module
        assert callable(getattr(module, macro, None)), (name, path, macro)
    assert COMPONENTS["character_count"] == (
        "nhsuk/components/character-count/macro.jinja", "characterCount")


def test_content_is_rendered_each_time_and_furniture_is_remembered(app):
    from app import components

    with app.test_request_context():
        components._RENDERED.clear()
        rows = [{"key": {"text": "Band"}, "value": {"text": "3"}}]
        first = components.render_component("summary_list", {"rows": rows})
        rows[0]["value"]["text"] = "4"
        second = components.render_component("summary_list", {"rows": rows})
        assert ">3<" in first.replace("\n", "").replace(" ", "") and "4" in second
        assert not components._RENDERED  # a page's content would crowd out the furniture
        components.render_component("button", {"text": "Continue"})
        assert len(components._RENDERED) == 1


def test_the_apps_macros_are_a_template_global(app):
    # `ui` is not imported by each page (its words in Welsh: test_i18n_public, "Mae problem").
    with app.test_request_context("/"):
        html = app.jinja_env.from_string(
            "{{ ui.table('Rows', ['A'], [['1']]) }}").render()
    assert '<caption class="nhsuk-table__caption">Rows</caption>' in html
