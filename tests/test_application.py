"""The app's Flask class (app/application.py): the addresses it remembers are the ones Flask
builds, for the place the request came in."""

from __future__ import annotations

from flask import Flask, url_for

LINKS = [("static", {"filename": "app.css"}), ("public.home", {}),
         ("staff_respond.thank_you", {"token": "abc"}), ("auth.sign_in", {"next": "/x?y=1"})]


def _flasks_own(app, endpoint, values):
    return Flask.url_for(app, endpoint, **values)


def test_remembered_addresses_are_flasks_own_and_built_once(app):
    with app.test_request_context("/"):
        for endpoint, values in LINKS:
            assert url_for(endpoint, **values) == _flasks_own(app, endpoint, values)
        kept = dict(app.built_addresses)
        for endpoint, values in LINKS:
            url_for(endpoint, **values)
        assert app.built_addresses == kept and len(kept) == len(LINKS)


def test_a_request_under_another_root_or_host_gets_its_own_addresses(app):
    with app.test_request_context("/"):
        plain = url_for("public.home")
    with app.test_request_context("/", base_url="http://localhost/hwb/"):
        assert url_for("public.home") == "/hwb" + plain
        assert url_for("public.home", _external=True) == "http://localhost/hwb" + plain
    with app.test_request_context("/", base_url="https://other.test/"):
        assert url_for("public.home", _external=True).startswith("https://other.test/")


def test_relative_endpoints_follow_the_requests_blueprint(app):
    with app.test_request_context("/staff/abc/thank-you"):
        assert url_for(".thank_you", token="abc") == "/staff/abc/thank-you"
    # Three blueprints have an `index`: each request's ".index" is its own.
    for path in ("/admin/consultations/", "/admin/staff-survey/", "/diagnostic/"):
        with app.test_request_context(path):
            assert url_for(".index") == path


def test_nothing_is_remembered_when_url_defaults_may_add_values(app):
    app.url_default_functions.setdefault(None, []).append(lambda endpoint, values: None)
    with app.test_request_context("/"):
        url_for("public.home")
    assert app.built_addresses == {}


def test_each_function_is_checked_for_sync_once_and_served_as_flask_serves_it(app, monkeypatch):
    import flask.app

    asked = []
    real = flask.app.iscoroutinefunction
    monkeypatch.setattr(flask.app, "iscoroutinefunction", lambda f: asked.append(f) or real(f))
    client = app.test_client()
    assert client.get("/").status_code == 200
    first = len(asked)
    assert first > 5  # the hooks, the view and the context processors
    assert client.get("/").status_code == 200
    assert len(asked) == first
    for func in app.synced:
        assert app.ensure_sync(func) is Flask.ensure_sync(app, func)
