"""Incoming requests made safe to read (app/requests.py)."""

from __future__ import annotations


def test_nul_bytes_are_dropped_from_forms_and_queries(client, make_user, sign_in):
    """PostgreSQL refuses NUL in text; a pasted or forged one must never become a 500."""
    sign_in(make_user("admin"))
    response = client.post("/admin/systems/new", data={"code": "QQ\x001", "name": "Na\x00me"})
    assert response.status_code == 302
    page = client.get("/admin/systems")
    assert "QQ1" in page.text and "Name" in page.text
    assert client.get("/admin/audit?target=a%00b").status_code == 200
