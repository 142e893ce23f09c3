"""Every `next` (and the page a refused form sends people back to) is a path on this site with no
control characters: anything else goes to the home page, never elsewhere and never a 500."""

from __future__ import annotations

import pytest

from app.security import same_site_path
from tests.support.clients import PASSWORD, csrf_token

HOSTILE = [
    "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
    "/\\/evil.example", "\\/evil.example", "/\t/evil.example", "/\n/evil.example",
    "/\r/evil.example", "\t//evil.example", " /x", "/x\r\nSet-Cookie: a=b", "/x\nLocation: //e",
    "/x\x00y", "/x\x7f", "/x\x85y", "/\u2028/evil.example", "/\u202e/x", "/\u200b/evil.example",
    "/\u3000/evil.example", "https:evil.example", "https:/evil.example", "https://evil.example",
    "HTTP://evil.example", "javascript:alert(1)", "data:text/html,x", "evil.example", "x/y",
    "/%0d%0aSet-Cookie:a=b", "/%0a/evil.example", "/%09/evil.example", "/%2F%2Fevil.example",
    "/%2fevil.example", "/%5Cevil.example", "/%5c%5cevil.example", "%2F%2Fevil.example",
    "/x" + "y" * 3000, "", None,
]
SAFE = ["/", "/diagnostic/", "/admin/users?page=2", "/ics/QZ9/themes?q=night%20staff&type=trust",
        "/consultations/framework_review/questions/about", "/ics/QZ9/themes?q=caf%C3%A9",
        "/staff-voice/results?survey=staff_voice_bands_2_4#results"]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_target_is_not_a_same_site_path(target):
    assert same_site_path(target) is None


@pytest.mark.parametrize("target", SAFE)
def test_a_path_on_this_site_is_kept(target):
    assert same_site_path(target) == target


# NUL is removed from every query value on arrival (app/requests.py), leaving "/xy": safe.
@pytest.mark.parametrize("target", [t for t in HOSTILE if t and "\x00" not in t])
def test_sign_in_never_sends_anyone_to_a_hostile_next(app, make_user, target):
    user = make_user("admin")
    client = app.test_client()
    query = {"next": target}
    signed = client.post("/sign-in", query_string=query,
                         data={"email": user.email, "password": PASSWORD})
    assert signed.status_code == 302 and signed.headers["Location"] == "/"
    again = client.get("/sign-in", query_string=query)  # already signed in
    assert again.status_code == 302 and again.headers["Location"] == "/"


@pytest.mark.parametrize("target", SAFE)
def test_sign_in_goes_on_to_a_safe_next(app, make_user, target):
    user = make_user("admin")
    client = app.test_client()
    signed = client.post("/sign-in", query_string={"next": target},
                         data={"email": user.email, "password": PASSWORD})
    assert signed.headers["Location"] == target


@pytest.mark.parametrize("path", ["/kept/x%0a/discard", "/kept/x%0d%0aSet-Cookie:a=b/discard",
                                  "/kept/x%09/discard"])
@pytest.mark.parametrize("referrer", [None, "https://evil.example/x", "http://localhost/%0a"])
def test_a_refused_form_sends_people_back_only_within_the_site(
        csrf_app, make_user, path, referrer):
    """A signed-in post with a bad CSRF token goes back to the page it came from: a hostile
    address or referrer gives the home page, not a 500 or another site."""
    user = make_user("admin")
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                  "csrf_token": token})
    headers = {"Referer": referrer} if referrer else {}
    response = client.post(path, data={"csrf_token": "wrong"}, headers=headers)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_refused_form_goes_back_to_the_page_it_came_from(csrf_app, make_user):
    user = make_user("admin")
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                  "csrf_token": token})
    response = client.post("/kept/abc/discard", data={"csrf_token": "wrong"},
                           headers={"Referer": "http://localhost/admin/users?page=2"})
    assert response.headers["Location"] == "/admin/users?page=2"
