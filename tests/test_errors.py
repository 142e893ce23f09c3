"""NHS-styled error pages (app/errors.py), never a traceback. A missing survey definition:
test_errors_definition_missing.py."""

from __future__ import annotations


def test_404_page_is_nhs_styled(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "nhsuk-header" in response.text


def test_500_page_shows_no_traceback(app):
    @app.get("/boom-test")
    def boom():
        raise RuntimeError("secret internals")

    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom-test")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
