"""Personal API tokens through the account pages (app/views/account/tokens.py) and at the API's
door (app/views/api/blueprint.py): shown once, kept hashed, named, last use shown, revocable;
a revoked, expired or deactivated person's token, a wrong one or a session cookie gets 401;
each token is rate limited with 429 and Retry-After; every use is audited."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app import api_tokens, clock
from app.extensions import db
from app.models import ApiToken, AuditEvent


def _bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_a_person_makes_uses_and_revokes_a_token(app, client_for):
    client, user = client_for("org_lead")
    made = client.post("/account/tokens", data={"name": "Power BI", "lifetime": "30"})
    assert made.status_code == 200
    secret = re.search(r'id="token-secret">(hwb_[^<]+)<', made.get_data(as_text=True)).group(1)
    stored = db.session.scalar(select(ApiToken))
    assert stored.digest == api_tokens.digest(secret) and secret not in (stored.prefix, "")
    assert stored.expires_on == clock.today() + timedelta(days=30)
    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and stored.prefix in again and "Never" in again

    api = app.test_client()
    assert api.get("/api/v1/me", headers=_bearer(secret)).json["email"] == user.email
    assert "Never" not in client.get("/account/tokens").get_data(as_text=True)
    seen = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "api_request"))
    assert [(e.actor, e.target) for e in seen] == [(user.email, "/api/v1/me")]

    assert client.post(f"/account/tokens/{stored.id}/revoke").status_code == 302
    refused = api.get("/api/v1/me", headers=_bearer(secret))
    assert refused.status_code == 401 and refused.json["error"]["status"] == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


def test_bad_names_are_refused_and_others_tokens_cannot_be_revoked(app, client_for):
    client, _ = client_for("org_lead")
    refused = client.post("/account/tokens", data={"name": "", "lifetime": "7"})
    assert refused.status_code == 422
    assert "Enter a name for the token" in refused.get_data(as_text=True)
    other, owner = client_for("admin", email="other@example.nhs.uk")
    token, _ = api_tokens.create(owner, "Theirs", 30)
    db.session.commit()
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_expired_deactivated_wrong_or_cookie_gets_401(app, client_for, make_user):
    client, user = client_for("org_lead")
    token, secret = api_tokens.create(user, "Old", 30)
    db.session.commit()
    api = app.test_client()
    assert api.get("/api/v1/me", headers=_bearer(secret)).status_code == 200
    token.expires_on = clock.today() - timedelta(days=1)
    db.session.commit()
    assert api.get("/api/v1/me", headers=_bearer(secret)).status_code == 401
    token.expires_on = clock.today() + timedelta(days=1)
    user.active = False
    db.session.commit()
    assert api.get("/api/v1/me", headers=_bearer(secret)).status_code == 401
    for header in ({}, {"Authorization": "Basic abc"}, _bearer("hwb_nonsense"),
                   _bearer("x" * 5000)):
        answer = api.get("/api/v1/me", headers=header)
        assert answer.status_code == 401 and answer.is_json
    assert client.get("/api/v1/me").status_code == 401  # a signed-in browser's cookie


def test_each_token_is_rate_limited(app, make_user, monkeypatch):
    user = make_user("org_lead")
    _, secret = api_tokens.create(user, "Busy", 30)
    db.session.commit()
    monkeypatch.setattr(api_tokens, "PER_MINUTE", 3)
    api = app.test_client()
    codes = [api.get("/api/v1/me", headers=_bearer(secret)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = api.get("/api/v1/me", headers=_bearer(secret))
    assert last.status_code == 429 and int(last.headers["Retry-After"]) >= 1
