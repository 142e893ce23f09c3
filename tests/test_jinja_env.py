"""Template globals as a set of keys (app/jinja_env.py) keep Jinja's rules for imports."""

from __future__ import annotations

from jinja2 import DictLoader

from app.jinja_env import Environment


def _env(app) -> Environment:
    env = Environment(app, loader=DictLoader({
        "macros.html": "{% macro hello() %}{{ greeting }}, {{ shared }}{% endmacro %}",
    }))
    env.globals["shared"] = "from the environment"
    return env


def test_an_imported_template_sees_the_importers_own_globals(app):
    page = _env(app).from_string('{% from "macros.html" import hello %}{{ hello() }}',
                                 globals={"greeting": "Hello"})
    assert page.render() == "Hello, from the environment"


def test_a_global_added_to_the_environment_later_is_seen(app):
    env = _env(app)
    page = env.from_string('{% from "macros.html" import hello %}{{ hello() }}')
    env.globals["greeting"] = "Hi"  # after the page was loaded, before it first renders
    assert page.render() == "Hi, from the environment"
    assert isinstance(page.globals.keys(), set)  # what makes each import's check one C call


def test_the_app_renders_with_this_environment(app):
    assert isinstance(app.jinja_env, Environment)
