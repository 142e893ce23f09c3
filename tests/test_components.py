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


def test_remembered_html_tells_markup_from_plain_text_and_numbers_from_flags(app):
    """The same words as plain text (escaped) and as Markup (not), or 1 and True, are different
    parameters: the one remembered must not be shown for the other."""
    from markupsafe import Markup

    from app import components

    with app.test_request_context():
        components._RENDERED.clear()

        def hint(text):
            return components.render_component("input", {
                "id": "q", "name": "q", "label": {"text": "Q"}, "hint": {"text": text}})

        assert "&lt;b&gt;bold&lt;/b&gt;" in hint("<b>bold</b>")
        assert "<b>bold</b>" in hint(Markup("<b>bold</b>"))
        assert "&lt;b&gt;bold&lt;/b&gt;" in hint("<b>bold</b>")
        plain = {"id": "q", "name": "q", "label": {"text": "Q"}, "value": "1"}
        assert components._key({**plain, "spellcheck": 1}) != components._key(
            {**plain, "spellcheck": True})
        assert components._key({"text": Markup("x")}) != components._key({"text": "x"})
        assert components._key({"a": 1.0}) != components._key({"a": 1})
        assert components._key({"text": object()}) is None  # shown by address: not remembered
