"""Webhooks (app/webhooks/) against a real HTTP receiver on loopback: events signed as the
Standard Webhooks spec says (the signature checks out with the receiver's copy of the secret),
a receiver that is down gets the event once when it is back, a replay sends the same message id,
an endpoint that keeps failing is turned off and its owner emailed, and private addresses are
refused unless the setting allows them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import webhooks
from app.diagnostic import cycles, signoff
from app.extensions import db
from app.models import WebhookDelivery, WebhookEndpoint
from app.models.base import utcnow
from app.models.mail import OutboxMessage
from tests.support.http_receiver import Receiver


@pytest.fixture
def receiver():
    found = Receiver()
    found.start()
    yield found
    found.stop()


def _endpoint(url: str, events=("diagnostic.cycle_submitted",)) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(url=url, events=",".join(events), secret=webhooks.new_secret(),
                               created_by="admin@example.nhs.uk")
    db.session.add(endpoint)
    db.session.commit()
    return endpoint


def _verify(secret: str, headers: dict, body: str) -> bool:
    """What a receiver does (docs/api.md): the Standard Webhooks check."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{body}".encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s.removeprefix("v1,"))
               for s in headers["webhook-signature"].split())


def test_a_signed_event_reaches_the_receiver(app, orgs, make_user, receiver):
    endpoint = _endpoint(receiver.url)
    found = cycles.start(orgs[0], "2026 Q1")
    signoff.submit(found, make_user("org_lead"))
    db.session.commit()
    assert webhooks.deliver_due(utcnow(), allow_private=True) == (1, 0)
    [(headers, body)] = receiver.received
    assert _verify(endpoint.secret, headers, body)
    assert not _verify(webhooks.new_secret(), headers, body)  # another secret does not check
    event = json.loads(body)
    assert event["type"] == "diagnostic.cycle_submitted"
    assert event["data"]["organisation"] == "RA1" and event["data"]["cycle"] == "2026 Q1"
    assert webhooks.deliver_due(utcnow(), allow_private=True) == (0, 0)  # once only


def test_a_receiver_that_was_down_gets_it_once_when_back_and_replay_resends(app, receiver):
    endpoint = _endpoint(receiver.url, ["consultation.closed"])
    receiver.stop()
    now = utcnow()
    webhooks.emit("consultation.closed", {"consultation": "framework_review"}, now)
    db.session.commit()
    assert webhooks.deliver_due(now, allow_private=True) == (0, 1)
    delivery = db.session.scalar(select(WebhookDelivery))
    assert delivery.attempts == 1 and delivery.next_try_at == now + timedelta(minutes=5)
    assert webhooks.deliver_due(now + timedelta(minutes=1), allow_private=True) == (0, 0)
    receiver.start()
    assert webhooks.deliver_due(now + timedelta(minutes=6), allow_private=True) == (1, 0)
    assert webhooks.deliver_due(now + timedelta(hours=2), allow_private=True) == (0, 0)
    assert len(receiver.received) == 1

    webhooks.replay(delivery, now + timedelta(hours=3))
    db.session.commit()
    assert webhooks.deliver_due(now + timedelta(hours=3), allow_private=True) == (1, 0)
    first, again = receiver.received
    assert first[0]["webhook-id"] == again[0]["webhook-id"] and first[1] == again[1]
    assert endpoint.active


def test_an_endpoint_that_keeps_failing_is_turned_off_and_its_owner_told(app, receiver):
    endpoint = _endpoint(receiver.url, ["consultation.opened"])
    receiver.answer = 500
    now = utcnow()
    for n in range(webhooks.GIVE_UP_LIMIT):
        webhooks.emit("consultation.opened", {"consultation": f"c{n}"}, now)
    db.session.commit()
    for _ in range(webhooks.MAX_ATTEMPTS):
        webhooks.deliver_due(now, allow_private=True)
        now += timedelta(days=2)
    db.session.refresh(endpoint)
    assert not endpoint.active and "Turned off" in endpoint.disabled_reason
    assert all(d.gave_up and d.last_status == 500 for d in endpoint.deliveries)
    told = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.kind == "webhook_disabled"))
    assert told.to_address == "admin@example.nhs.uk" and receiver.url in told.body


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "https://10.0.0.5/x", "https://[::1]/x",
                                 "https://169.254.169.254/latest", "ftp://example.org/x",
                                 "https://localhost/x", "https://example.org:99999/x",
                                 "https://[nonsense/x", "not an address"])
def test_private_and_odd_targets_are_refused_unless_allowed(url):
    with pytest.raises(webhooks.TargetRefused):
        webhooks.check_target(url, allow_private=False)


def test_admins_register_endpoints_and_see_deliveries(app, client_for, receiver):
    admin, _ = client_for("admin")
    refused = admin.post("/admin/webhooks", data={"url": receiver.url,
                                                  "events": ["consultation.closed"]})
    assert refused.status_code == 422
    assert "Enter an address starting https://" in refused.get_data(as_text=True)
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = "1"
    added = admin.post("/admin/webhooks", data={"url": receiver.url,
                                                "events": ["consultation.closed"]})
    assert added.status_code == 302
    endpoint = db.session.scalar(select(WebhookEndpoint))
    page = admin.get(added.headers["Location"]).get_data(as_text=True)
    assert endpoint.secret in page and "No deliveries yet" in page
    webhooks.emit("consultation.closed", {"consultation": "x"}, utcnow())
    db.session.commit()
    webhooks.deliver_due(utcnow(), allow_private=True)
    page = admin.get(added.headers["Location"]).get_data(as_text=True)
    assert "Delivered" in page and "204" in page
    delivery = db.session.scalar(select(WebhookDelivery))
    assert admin.post(f"/admin/webhooks/{endpoint.id}/deliveries/{delivery.id}/replay"
                      ).status_code == 302
    db.session.refresh(delivery)
    assert delivery.delivered_at is None
