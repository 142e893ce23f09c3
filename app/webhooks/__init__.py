"""Webhooks: events pushed to systems admins register, signed as the Standard Webhooks spec
says, kept as rows and posted by the worker (`flask webhooks send`, or `flask mail send`, from
cron), so nothing is lost when the receiver or the app is down.

- emit() adds one delivery per active endpoint that wants the event (the caller commits).
- deliver_due() posts each delivery whose time has come: 2xx is delivered; anything else, or no
  answer, is tried again after 5, 10, 20 ... minutes, MAX_ATTEMPTS times in all (about a day),
  then given up. An endpoint whose deliveries are given up GIVE_UP_LIMIT times in a row is
  turned off, and whoever registered it is told by email.
- replay() sends a delivery again, with the same message id, so a receiver can tell.
- Targets on private, loopback or link-local addresses are refused, when registered and again
  when posted (a name can be pointed elsewhere later), unless HWB_WEBHOOKS_ALLOW_PRIVATE is set.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from app.extensions import db
from app.mail.outbox import queue
from app.models import WebhookDelivery, WebhookEndpoint

EVENTS = {
    "consultation.opened": "A consultation opened",
    "consultation.closed": "A consultation closed",
    "consultation.response_received": "A consultation response was received (its reference "
                                      "only, never what it says)",
    "staff_voice.release_published": "Staff-voice figures were released",
    "diagnostic.cycle_submitted": "An organisation signed off its diagnostic",
}
MAX_ATTEMPTS = 9
FIRST_WAIT = timedelta(minutes=5)
GIVE_UP_LIMIT = 3
TIMEOUT = 10


class TargetRefused(ValueError):
    """The address may not be posted to: the message says why."""


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" with the secret's bytes."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256)
    return "v1," + base64.b64encode(digest.digest()).decode()


def check_target(url: str, allow_private: bool) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as bad:
        raise TargetRefused("Enter a web address like https://example.nhs.uk/hooks") from bad
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TargetRefused("Enter an address starting https://")
    if allow_private:
        return
    if parts.scheme != "https":
        raise TargetRefused("Enter an address starting https://")
    try:
        found = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as failed:
        raise TargetRefused(f"{parts.hostname} cannot be found") from failed
    for *_, address in found:
        ip = ipaddress.ip_address(address[0].split("%")[0])
        if not ip.is_global:
            raise TargetRefused(f"{parts.hostname} is a private or local address ({ip}): "
                                "this service does not post to those")


def emit(event: str, data: dict, now: datetime) -> int:
    """Queue `event` for every active endpoint that wants it; returns how many."""
    body = json.dumps({"type": event, "timestamp": now.isoformat() + "Z", "data": data},
                      sort_keys=True, default=str)
    endpoints = db.session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.active.is_(True)).order_by(WebhookEndpoint.id))
    count = 0
    for endpoint in endpoints:
        if event in endpoint.event_list:
            db.session.add(WebhookDelivery(
                endpoint=endpoint, event=event, message_id="msg_" + secrets.token_hex(12),
                body=body, created_at=now, next_try_at=now))
            count += 1
    return count


def _post(delivery: WebhookDelivery, now: datetime, allow_private: bool) -> tuple[int | None, str]:
    endpoint = delivery.endpoint
    try:
        check_target(endpoint.url, allow_private)
    except TargetRefused as refused:
        return None, str(refused)
    stamp = int(now.timestamp())
    # check_target allowed only http(s) above.
    request = urllib.request.Request(  # noqa: S310
        endpoint.url, data=delivery.body.encode(), method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "nhs-hwb-platform-webhooks",
        "webhook-id": delivery.message_id, "webhook-timestamp": str(stamp),
        "webhook-signature": signature(endpoint.secret, delivery.message_id, stamp,
                                       delivery.body)})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, ""
    except urllib.error.HTTPError as refused:
        return refused.code, f"answered {refused.code}"
    except (urllib.error.URLError, OSError) as failed:
        return None, str(getattr(failed, "reason", failed))[:500]


def deliver_due(now: datetime, allow_private: bool = False) -> tuple[int, int]:
    """Post every delivery due (committing each); returns (delivered, failed this time)."""
    due = db.session.scalars(select(WebhookDelivery).join(WebhookEndpoint).where(
        WebhookEndpoint.active.is_(True), WebhookDelivery.delivered_at.is_(None),
        WebhookDelivery.gave_up.is_(False), WebhookDelivery.next_try_at <= now)
        .order_by(WebhookDelivery.id)).all()
    delivered = failed = 0
    for delivery in due:
        status, error = _post(delivery, now, allow_private)
        delivery.attempts += 1
        delivery.last_status, delivery.last_error = status, error
        if status is not None and 200 <= status < 300:
            delivery.delivered_at = now
            delivery.endpoint.failing = 0
            delivered += 1
        else:
            failed += 1
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.gave_up = True
                _count_give_up(delivery.endpoint, now)
            else:
                delivery.next_try_at = now + FIRST_WAIT * 2 ** (delivery.attempts - 1)
        db.session.commit()
    return delivered, failed


def _count_give_up(endpoint: WebhookEndpoint, now: datetime) -> None:
    endpoint.failing += 1
    if endpoint.failing >= GIVE_UP_LIMIT and endpoint.active:
        endpoint.active = False
        endpoint.disabled_reason = (f"Turned off on {now:%d %B %Y}: {endpoint.failing} "
                                    "deliveries in a row were given up after a day of tries.")
        if endpoint.created_by:
            queue(endpoint.created_by, "A webhook endpoint was turned off",
                  f"The webhook endpoint {endpoint.url} kept failing, so it has been turned "
                  f"off. {endpoint.disabled_reason} Turn it on again at /admin/webhooks once "
                  "it can receive events; its deliveries can be sent again from their log.",
                  "webhook_disabled", now=now)


def replay(delivery: WebhookDelivery, now: datetime) -> None:
    """Send again (the same message id), on the worker's next run."""
    delivery.delivered_at, delivery.gave_up = None, False
    delivery.attempts, delivery.next_try_at = 0, now


def allow_private(config) -> bool:
    return str(config.get("WEBHOOKS_ALLOW_PRIVATE", "0")).strip().lower() in ("1", "true", "yes")
