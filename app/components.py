"""NHS.UK frontend components rendered once per exact set of parameters.

The NHS.UK Jinja macros are pure functions of their parameters and slow (a survey page spent
most of its time in them), while most of what a page shows through them repeats: every field of
a survey, and the header, footer, skip link, back link and buttons of every page. So the HTML is
remembered by the exact parameters, Markup kept apart from plain text (they render differently:
plain text is escaped), in a bounded dict per process.
"""

from __future__ import annotations

import re

from flask import current_app
from markupsafe import Markup

# The NHS.UK macros used here, by their own camelCase names. Each is in
# nhsuk/components/<name in kebab-case>/macro.jinja and called here by its name in snake_case.
FIELD_MACROS = ("input", "textarea", "characterCount", "radios", "checkboxes", "select",
                "dateInput")
# Page furniture, the same on every page of a journey (see layout.html).
FURNITURE_MACROS = ("header", "footer", "skipLink", "backLink", "button")
# Content: different on every page, so rendered each time, never remembered. They are template
# globals through component() all the same: an `{% from ... import %}` in the layout costs every
# page a pass over the template globals (jinja2's import of a module), most of J1's import time.
CONTENT_MACROS = ("insetText", "summaryList", "tag", "warningCallout")


def _spelled(macro: str, separator: str) -> str:
    """characterCount -> character-count or character_count."""
    return re.sub(r"[A-Z]", lambda upper: separator + upper.group().lower(), macro)


COMPONENTS = {
    _spelled(macro, "_"): (f"nhsuk/components/{_spelled(macro, '-')}/macro.jinja", macro)
    for macro in (*FIELD_MACROS, *FURNITURE_MACROS, *CONTENT_MACROS)
}
REMEMBERED = {_spelled(macro, "_") for macro in (*FIELD_MACROS, *FURNITURE_MACROS)}


_RENDERED: dict[tuple, Markup] = {}
RENDERED_KEPT = 4096  # then emptied: a page's furniture and fields are soon drawn again


def _key(params) -> str | None:
    """The params as a cache key: their repr, which tells Markup (`Markup('…')`) from plain
    text, and True from 1, as rendering does. Made in C, it costs a third of building a tuple
    of tuples from them in Python and hashing that (every page makes a dozen such keys). None
    (not remembered) if an object in them shows only its address, which a later one may reuse."""
    key = repr(params)
    return None if " object at 0x" in key else key


def render_component(component: str, params: dict) -> Markup:
    """The NHS.UK macro's HTML for these params, remembered by the exact params."""
    said = _key(params) if component in REMEMBERED else None
    key = (id(current_app.jinja_env), component, said) if said is not None else None
    # One dict operation at a time: each is atomic in CPython, so threads need no lock.
    html = _RENDERED.get(key) if key is not None else None
    if html is not None:
        return html
    path, name = COMPONENTS[component]
    macro = getattr(current_app.jinja_env.get_template(path).module, name)
    # The component templates escape every value they are given, so their output is safe HTML.
    html = Markup(macro(params))  # noqa: S704
    if key is not None:
        if len(_RENDERED) >= RENDERED_KEPT:
            _RENDERED.clear()
        _RENDERED[key] = html
    return html


def component(name: str):
    """A template global: `{{ component("button")({...}) }}` renders through the cache."""
    return lambda params=None: render_component(name, params or {})


class Macros:
    """A template's macros as a template global (`ui.table(...)`), taken from the template's own
    module, made once and kept by Jinja, instead of an `{% import %}` on every page. The macros
    see the template globals only, as an import without context does."""

    def __init__(self, path: str):
        self.path = path

    def __getattr__(self, name: str):
        return getattr(current_app.jinja_env.get_template(self.path).module, name)
