"""A signed-in session ends after 30 minutes without a request (kept on the server), and what
someone sent just after it ended is kept and offered back once they sign in: nothing typed is
lost, and nobody else is ever shown it."""

from __future__ import annotations

import html
import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, ItemAnswer
from app.models.kept import KeptForm
from app.sessions import SEEN_AT, SIGNED_IN_AT
from tests.support.clients import csrf_token, sign_in_with_csrf
from tests.support.dbutil import count

ITEM = "ph_mental_health_offer"
TEXT = 'Weekly drop-ins <b>"for night staff"</b>\nand a quiet room'


def _idle(client, minutes: int) -> None:
    with client.session_transaction() as session:
        session[SEEN_AT] = int(time.time()) - minutes * 60


def _send_item_after_timeout(client, found, text: str = TEXT):
    url = f"/diagnostic/a/{found.id}/item/{ITEM}"
    page = client.get(url).text
    _idle(client, 31)
    return url, client.post(url, data={"csrf_token": csrf_token(page), "version": "0",
                                       "rating": "2", "gaps": text})


def _resend(client, page: str):
    """Submit the kept page's "Send it again" form as a browser would."""
    form = re.search(r'<form method="post" action="([^"]+)" novalidate>(.*?)</form>', page,
                     re.S)
    fields = [(html.unescape(n), html.unescape(v)) for n, v in re.findall(
        r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(2))]
    fields += [(html.unescape(n), html.unescape(v)) for n, v in re.findall(
        r'<input[^>]*name="([^"]+)"[^>]*type="hidden"[^>]*value="([^"]*)"', form.group(2))]
    data: dict = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(html.unescape(form.group(1)), data=data)


def test_an_active_session_carries_on_and_an_idle_one_ends(client, make_user, sign_in):
    sign_in(make_user("admin"))
    _idle(client, 29)
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session[SEEN_AT] < 5  # each request restarts the idle clock
    _idle(client, 31)
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.location == "/sign-in?next=/admin/users"
    assert "had not used the service for 30 minutes" in client.get(response.location).text
    assert client.get("/admin/").location.startswith("/sign-in")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "session_expired"))
    assert event is not None and "idle_minutes" in event.detail


def test_text_sent_after_the_idle_timeout_is_kept_and_saved_after_sign_in(
        csrf_client_for, assessment):
    client, user = csrf_client_for("org_lead")
    url, response = _send_item_after_timeout(client, assessment)
    assert response.status_code == 302 and response.location.startswith("/sign-in")
    assert db.session.scalar(select(ItemAnswer)) is None  # not saved by a timed-out session
    assert "it has been kept" in client.get(response.location).text

    signed_in = sign_in_with_csrf(client, user.email)
    assert signed_in.location.startswith("/kept/")
    page = client.get(signed_in.location)
    assert page.status_code == 200
    # Shown as typed (line break kept by the page's CSS), and escaped.
    assert 'Weekly drop-ins &lt;b&gt;&#34;for night staff&#34;&lt;/b&gt;\nand a quiet room' in (
        page.text) and "<b>" not in page.text
    assert page.headers["Cache-Control"] == "no-store"  # never kept by a shared browser

    saved = _resend(client, page.text)
    assert saved.status_code == 302, saved.text
    db.session.expire_all()
    answer = db.session.scalar(select(ItemAnswer))
    assert (answer.gaps, answer.rating) == (TEXT, "2")
    assert count("kept_forms") == 0  # sent again: the kept copy is gone
    assert client.get(signed_in.location).status_code == 404
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "session_expired"))
    assert event.detail and "kept_form" in event.detail


def test_nobody_else_is_shown_a_kept_form(csrf_client_for, assessment, make_user,
                                          csrf_app):
    client, owner = csrf_client_for("org_lead")
    _send_item_after_timeout(client, assessment)
    token = db.session.scalar(select(KeptForm.token))
    # The owner can open it from another browser once signed in there...
    other_browser = csrf_app.test_client()
    sign_in_with_csrf(other_browser, owner.email)
    assert other_browser.get(f"/kept/{token}").status_code == 200
    # ...but a colleague who signs in on the same computer is not sent to it, cannot open it,
    # and it is deleted.
    colleague = make_user("org_lead", email="colleague@example.nhs.uk")
    signed_in = sign_in_with_csrf(client, colleague.email)
    assert not signed_in.location.startswith("/kept/")
    assert client.get(f"/kept/{token}").status_code == 404
    assert count("kept_forms") == 0


def test_a_forged_form_is_not_kept(csrf_client_for, assessment):
    client, _ = csrf_client_for("org_lead")
    url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
    client.get(url)
    _idle(client, 31)
    response = client.post(url, data={"csrf_token": "forged", "version": "0", "rating": "2",
                                      "gaps": "Planted by another site"})
    assert response.status_code == 302
    assert count("kept_forms") == 0
    assert "it has been kept" not in client.get(response.location).text


def test_a_kept_form_can_be_deleted_and_expires(csrf_client_for, assessment):
    client, user = csrf_client_for("org_lead")
    _send_item_after_timeout(client, assessment)
    kept_page = sign_in_with_csrf(client, user.email).location
    token = kept_page.rsplit("/", 1)[1]
    page = client.get(kept_page).text
    deleted = client.post(f"/kept/{token}/discard", data={"csrf_token": csrf_token(page)})
    assert deleted.status_code == 302 and count("kept_forms") == 0

    _send_item_after_timeout(client, assessment, "Second try")
    kept = db.session.scalar(select(KeptForm))
    kept.created_at -= timedelta(hours=25)
    token = kept.token
    db.session.commit()
    assert not sign_in_with_csrf(client, user.email).location.startswith("/kept/")
    assert client.get(f"/kept/{token}").status_code == 404


def test_the_cookie_of_a_signed_in_session_lasts_until_the_absolute_limit(
        client, make_user, sign_in):
    anonymous = client.get("/sign-in").headers.get("Set-Cookie", "")
    if "Expires=" in anonymous:  # a respondent's cookie still ends with the idle clock
        expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", anonymous).group(1))
        assert expires - datetime.now(UTC) <= timedelta(minutes=30, seconds=5)
    response = sign_in(make_user("admin"))
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "hwb_session=" in c)
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    with client.session_transaction() as session:
        limit = datetime.fromtimestamp(session[SIGNED_IN_AT], UTC) + timedelta(hours=12)
    assert abs((expires - limit).total_seconds()) <= 1
