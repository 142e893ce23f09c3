"""Convention tests of app/views/access.py: every route is in the access table
(tests/support/access_table.py), answers exactly the roles the table allows, and the route list
changes only when someone updates tests/routes.txt on purpose."""

from __future__ import annotations

import os
import re

import pytest

from tests.support.access_table import ACCESS, ROLES, sample_url
from tests.support.paths import TESTS

ROUTES_FILE = TESTS / "routes.txt"


def allowed_roles(endpoint: str) -> set[str]:
    if endpoint in ACCESS:
        return ACCESS[endpoint]
    blueprint = endpoint.split(".")[0] + ".*"
    if blueprint in ACCESS:
        return ACCESS[blueprint]
    raise AssertionError(f"{endpoint} is not in tests/support/access_table.py: "
                         "say who may reach it")


def route_lines(app) -> list[str]:
    lines = []
    for rule in app.url_map.iter_rules():
        methods = ",".join(sorted(rule.methods - {"HEAD", "OPTIONS"}))
        lines.append(f"{methods} {rule.rule} {rule.endpoint}")
    return sorted(lines)


def test_route_list_is_reviewed(app):
    current = route_lines(app)
    if os.environ.get("UPDATE_ROUTES") == "1":
        ROUTES_FILE.write_text("\n".join(current) + "\n")
    saved = ROUTES_FILE.read_text().splitlines()
    added = sorted(set(current) - set(saved))
    removed = sorted(set(saved) - set(current))
    assert not added and not removed, (
        f"routes changed without review. Added: {added}. Removed: {removed}. "
        "Check tests/support/access_table.py, then run "
        "UPDATE_ROUTES=1 pytest tests/views/test_access.py")


def test_every_route_is_in_the_access_table(app):
    for rule in app.url_map.iter_rules():
        assert allowed_roles(rule.endpoint) <= set(ROLES)


def _client_for(app, make_user, role):
    client = app.test_client()
    if role != "anonymous":
        user = make_user(role, email=f"access-{role}@example.nhs.uk")
        response = client.post("/sign-in", data={"email": user.email,
                                                 "password": "correct-horse-battery"})
        assert response.status_code == 302, f"{role} could not sign in"
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_exactly_the_allowed_roles(app, make_user, role):
    client = _client_for(app, make_user, role)
    wrong = []
    # Signing out (a user who may be you, then yourself) ends the session, so it goes last.
    last = ["admin.user_sign_out", "auth.sign_out"]
    rules = sorted(app.url_map.iter_rules(),
                   key=lambda r: last.index(r.endpoint) + 1 if r.endpoint in last else 0)
    for rule in rules:
        if rule.endpoint == "static":
            continue
        url = sample_url(rule)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method)
            location = response.headers.get("Location", "")
            # 401: the API, which takes tokens, never a session cookie (tests/views/api/).
            refused = response.status_code in (401, 403) or (
                response.status_code == 302 and "/sign-in" in location
                and not rule.endpoint.startswith("auth."))
            expected = role in allowed_roles(rule.endpoint)
            assert response.status_code < 500, f"{method} {url} as {role}: server error"
            if refused == expected:
                want = "allowed" if expected else "refused"
                wrong.append(f"{method} {url} ({rule.endpoint}) as {role}: "
                             f"{response.status_code}, expected {want}")
    assert not wrong, "\n".join(wrong)


def test_every_navigation_link_is_a_registered_page(app):
    """The header's links by role (app/views/access.py NAVIGATION): each endpoint exists, and
    each role is offered exactly its links, so a renamed page fails here, not silently."""
    from types import SimpleNamespace

    from app.views.access import NAVIGATION, navigation

    for endpoint, _text, description, _roles in NAVIGATION:
        assert endpoint in app.view_functions, endpoint
        assert len(description) > 20, endpoint  # each home-page card says what it is for
    with app.test_request_context():
        for role in ROLES:
            shown = [item.text for item in navigation(SimpleNamespace(role=role))]
            assert shown == [text for _e, text, _d, roles in NAVIGATION if role in roles], role


def test_the_home_page_says_what_each_card_is_for(client, make_user, sign_in):
    sign_in(make_user("org_lead"))
    home = client.get("/").text
    cards = re.findall(r'<div class="nhsuk-card[^"]*".*?</div>\s*</div>', home, re.S)
    assert len(cards) >= 3  # consultations, diagnostic, staff voice
    for card in cards:
        assert 'class="nhsuk-card__description"' in card, card[:300]
    assert "element by element" in home and "Bands 2 to 4" in home
