"""Security headers on every response (app/security.py): the content security policy with a fresh
nonce, framing and sniffing refused, HSTS once cookies are secure, and signed-in pages not
cached. Where a link may send people next: test_security_next.py."""

from __future__ import annotations


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # A fresh nonce per response.
    assert client.get("/").headers["Content-Security-Policy"] != csp


def test_hsts_when_cookies_are_secure(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = app.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_signed_in_pages_are_not_cached(client, make_user, sign_in):
    sign_in(make_user("admin"))
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"


def test_a_header_a_view_sets_is_kept_and_the_rest_are_added_once(app):
    @app.get("/test-own-headers")
    def own_headers():
        return "ok", 200, {"X-Frame-Options": "SAMEORIGIN", "cache-control": "max-age=60"}

    response = app.test_client().get("/test-own-headers")
    headers = response.headers
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.getlist("Cache-Control") == ["max-age=60"]  # matched whatever its case
    assert headers.getlist("X-Content-Type-Options") == ["nosniff"]
    assert len(headers.getlist("Content-Security-Policy")) == 1
