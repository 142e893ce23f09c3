"""Sign-in throttling (ASVS 2.2.1): attackers are slowed by growing waits per account and per
client, but nobody's failures can lock another person out; clients are told apart behind a
trusted proxy and only then. The clock is frozen and moved by hand: no test sleeps."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time
from itsdangerous import URLSafeTimedSerializer

from app import create_app
from app.models import AuditEvent, LoginAttempt
from tests.support.clients import PASSWORD, IsolatedClient

ATTACKER, OWNER, COLLEAGUE, PROXY = "203.0.113.9", "198.51.100.7", "198.51.100.8", "10.0.0.1"
WRONG = "not-the-password"


@pytest.fixture
def clock(app):
    with freeze_time(datetime(2030, 1, 15, 9, 0)) as frozen:
        yield frozen


def attempt(client, email: str, password: str = WRONG, address: str = ATTACKER, **headers):
    """One sign-in POST from `address` (or from the proxy, forwarding for someone)."""
    return client.post("/sign-in", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def wait_of(response) -> int:
    """Seconds the page told this client to wait (0 if it was not held back)."""
    if response.status_code != 429:
        return 0
    seconds = int(response.headers["Retry-After"])
    assert "nhsuk-error-summary" in response.text
    told = re.search(r"Wait (\d+) (second|minute)s?", response.text)
    assert told, response.text
    assert int(told.group(1)) * (60 if told.group(2) == "minute" else 1) >= seconds
    return seconds


def fail_until_waiting(client, emails, address=ATTACKER, **headers) -> int:
    """A wrong password for each email in turn, until one attempt is held back; that wait."""
    for email in emails:
        wait = wait_of(attempt(client, email, address=address, **headers))
        if wait:
            return wait
    raise AssertionError("never slowed")


def hammer(client, clock, email, times, address=ATTACKER, **headers) -> list[int]:
    """`times` wrong passwords that are actually checked, waiting out each wait in between;
    returns the waits met on the way."""
    waits: list[int] = []
    for _ in range(2 * times + 1):
        if times == 0:
            break
        wait = wait_of(attempt(client, email, address=address, **headers))
        if wait:
            waits.append(wait)
            clock.tick(timedelta(seconds=wait))
        else:
            times -= 1
    assert times == 0, "a wait that never ended"
    return waits


def test_an_attackers_failures_do_not_stop_the_owner_from_another_client(
        app, client, make_user, clock):
    admin = make_user("admin")
    hammer(client, clock, admin.email, 12)
    # The owner, on another client with no failures, gets straight in ...
    owner = app.test_client()
    signed_in = attempt(owner, admin.email, PASSWORD, address=OWNER)
    assert signed_in.status_code == 302, signed_in.text
    assert owner.get("/admin/").status_code == 200
    # ... while the attacker is still held back.
    assert wait_of(attempt(client, admin.email)) > 0


def test_one_client_on_one_account_meets_growing_waits(client, app, make_user, clock):
    user = make_user("org_lead")
    free = app.config["LOGIN_FREE_FAILURES_PER_ACCOUNT"]
    for _ in range(free):
        assert attempt(client, user.email).status_code == 422
    waits = hammer(client, clock, user.email, 8)
    assert waits == sorted(waits) and waits[-1] >= 8 * waits[0], waits
    # While held back nothing is checked: not even the right password gets in.
    held = attempt(client, user.email, PASSWORD)
    assert held.status_code == 429
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.query.filter_by(action="sign_in_throttled").count() >= len(waits) + 1


def test_the_account_wait_catches_every_client_that_has_failed_on_it(client, app, make_user,
                                                                     clock):
    """A distributed attack: each address has only a failure or two, yet each is slowed by
    the account's count, while a client with no failures on it is not."""
    user = make_user("org_lead")
    free = app.config["LOGIN_FREE_FAILURES_PER_ACCOUNT"]
    bots = [f"192.0.2.{n}" for n in range(1, free + 4)]
    for bot in bots:
        attempt(client, user.email, address=bot)
    held = [wait_of(attempt(client, user.email, address=bot)) for bot in bots]
    assert all(held), held
    assert attempt(client, user.email, PASSWORD, address=OWNER).status_code == 302


def test_credential_stuffing_from_one_client_is_slowed_and_others_are_not(client, app, clock,
                                                                         make_user):
    """One wrong password each on many accounts: the client's own count slows it."""
    user = make_user("org_lead")
    free = app.config["LOGIN_FREE_FAILURES_PER_CLIENT"]
    emails = iter(f"person{n}@example.nhs.uk" for n in range(200))
    for _ in range(free):
        assert attempt(client, next(emails)).status_code == 422
    waits = []
    for _ in range(6):
        email = next(emails)
        waits.append(wait_of(attempt(client, email)))
        clock.tick(timedelta(seconds=waits[-1]))
        assert attempt(client, email).status_code == 422  # checked once the wait is over
    assert all(waits) and waits == sorted(waits) and waits[-1] >= 8 * waits[0], waits
    # the right password from another client is not held back
    assert attempt(client, user.email, PASSWORD, address=COLLEAGUE).status_code == 302


def test_the_wait_message_and_audit_say_what_happened(client, make_user, clock):
    user = make_user("org_lead")
    hammer(client, clock, user.email, 7)
    response = attempt(client, user.email)
    assert response.status_code == 429
    assert "Wait" in response.text and f'value="{user.email}"' in response.text
    assert WRONG not in response.text
    event = AuditEvent.query.filter_by(action="sign_in_throttled").order_by(
        AuditEvent.id.desc()).first()
    assert event.target == user.email and '"seconds"' in event.detail
    assert AuditEvent.query.filter_by(action="sign_in_failed").count() == 7


def test_waits_wear_off_and_success_clears_the_clients_own_failures(app, make_user, clock):
    user = make_user("org_lead")
    client = app.test_client()
    hammer(client, clock, user.email, 8)
    clock.tick(timedelta(seconds=wait_of(attempt(client, user.email, PASSWORD))))
    assert attempt(client, user.email, PASSWORD).status_code == 302
    # Signed in: this client's failures on the account are forgotten, so a new browser on the
    # same address (no device cookie) has its one typo back without a wait.
    again = app.test_client()
    assert attempt(again, user.email).status_code == 422
    assert attempt(again, user.email, PASSWORD).status_code == 302


def test_the_device_cookie_is_signed_httponly_strict_and_only_for_sign_in(client, make_user):
    user = make_user("org_lead")
    response = attempt(client, user.email, PASSWORD)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "hwb_device=" in c)
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/sign-in" in cookie
    assert user.email not in cookie and "Max-Age=" in cookie


# ---- trusted proxies -------------------------------------------------------------------------

@pytest.fixture
def proxied(app, database_url):
    """The same database behind one trusted proxy (HWB_TRUSTED_PROXIES=1)."""
    other = create_app({**{k: app.config[k] for k in (
        "TESTING", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED", "SESSION_COOKIE_SECURE",
        "SECRET_KEY")}, "TRUSTED_PROXIES": 1})
    other.test_client_class = IsolatedClient
    return other


def test_behind_a_trusted_proxy_forwarded_for_tells_clients_apart(proxied, make_user, clock):
    user = make_user("org_lead")
    client = proxied.test_client()
    for n in range(60):
        attempt(client, f"person{n}@example.nhs.uk", address=PROXY,
                **{"X-Forwarded-For": ATTACKER})
    colleague = attempt(proxied.test_client(), user.email, PASSWORD, address=PROXY,
                        **{"X-Forwarded-For": COLLEAGUE})
    assert colleague.status_code == 302, colleague.text
    # the attacker, behind the same proxy, is held back
    assert wait_of(attempt(client, "person0@example.nhs.uk", address=PROXY,
                           **{"X-Forwarded-For": ATTACKER})) > 0


def test_forwarded_for_is_not_trusted_by_default(client, app, make_user, clock):
    """With HWB_TRUSTED_PROXIES unset, a forged X-Forwarded-For changes nothing: the attacker
    cannot pose as many clients."""
    assert app.config["TRUSTED_PROXIES"] == 0
    user = make_user("org_lead")
    emails = [f"person{n}@example.nhs.uk" for n in range(200)]
    for n, email in enumerate(emails):
        response = attempt(client, email, **{"X-Forwarded-For": f"192.0.2.{n % 250}"})
        if response.status_code == 429:
            break
    else:
        raise AssertionError("forged addresses escaped the wait")
    forged = attempt(client, user.email, PASSWORD, **{"X-Forwarded-For": COLLEAGUE})
    assert forged.status_code == 429


def _whoami(app):
    from flask import request

    app.add_url_rule("/_whoami", "whoami", lambda: f"{request.remote_addr} {request.scheme}")


def test_trusted_proxies_come_from_the_environment(monkeypatch, app, database_url):
    monkeypatch.setenv("HWB_TRUSTED_PROXIES", "1")
    proxied = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    _whoami(proxied)
    seen = proxied.test_client().get("/_whoami", environ_base={"REMOTE_ADDR": PROXY}, headers={
        "X-Forwarded-For": f"{ATTACKER}, {OWNER}", "X-Forwarded-Proto": "https"})
    assert seen.text == f"{OWNER} https"  # the one hop nearest the proxy, never further back
    monkeypatch.setenv("HWB_TRUSTED_PROXIES", "0")
    plain = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    _whoami(plain)
    seen = plain.test_client().get("/_whoami", environ_base={"REMOTE_ADDR": PROXY}, headers={
        "X-Forwarded-For": OWNER, "X-Forwarded-Proto": "https"})
    assert seen.text == f"{PROXY} http"


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_a_bad_trusted_proxies_setting_is_refused_at_start(monkeypatch, database_url, value):
    monkeypatch.setenv("HWB_TRUSTED_PROXIES", value)
    with pytest.raises(ValueError, match="HWB_TRUSTED_PROXIES"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})


# ---- device cookies --------------------------------------------------------------------------

def test_a_device_cookie_lets_the_owner_in_on_an_address_under_attack(app, make_user, clock):
    """A hospital's staff share one address. The owner signed in on this browser before; an
    attacker on the same address then hammers her account and others."""
    owner = make_user("org_lead")
    browser = app.test_client()
    assert attempt(browser, owner.email, PASSWORD, address=OWNER).status_code == 302
    browser.delete_cookie("hwb_session")  # signed out, device cookie kept
    attacker = app.test_client()
    hammer(attacker, clock, owner.email, 10, address=OWNER)
    fail_until_waiting(attacker, [f"p{n}@example.nhs.uk" for n in range(200)],
                       address=OWNER)
    assert wait_of(attempt(attacker, owner.email, PASSWORD, address=OWNER)) > 0
    counted = LoginAttempt.query.filter_by(key=f"account:{owner.email}").count()
    back = attempt(browser, owner.email, PASSWORD, address=OWNER)
    assert back.status_code == 302, back.text
    # her success clears nothing of the attacker's, who shares her address
    assert LoginAttempt.query.filter_by(key=f"account:{owner.email}").count() == counted == 10


def test_a_device_cookie_counts_for_its_own_account_only_and_cannot_be_forged(
        app, make_user, clock):
    owner, other = make_user("org_lead"), make_user("admin")
    browser = app.test_client()
    assert attempt(browser, owner.email, PASSWORD).status_code == 302
    browser.delete_cookie("hwb_session")
    fail_until_waiting(app.test_client(), [f"p{n}@example.nhs.uk" for n in range(200)])
    assert wait_of(attempt(browser, other.email, PASSWORD)) > 0
    forged = app.test_client()
    fake = URLSafeTimedSerializer("not-our-key", salt="device").dumps([["x", "y", 0]])
    for name in ("hwb_device", "__Secure-hwb_device"):
        forged.set_cookie(name, fake, path="/sign-in")
    assert wait_of(attempt(forged, owner.email, PASSWORD)) > 0


def test_a_device_cookie_holder_is_still_slowed_by_its_own_failures(app, make_user, clock):
    owner = make_user("org_lead")
    browser = app.test_client()
    assert attempt(browser, owner.email, PASSWORD).status_code == 302
    browser.delete_cookie("hwb_session")
    waits = hammer(browser, clock, owner.email, 9)
    assert waits and waits == sorted(waits)


def test_an_ipv6_client_is_its_whole_64_so_walking_through_it_changes_nothing(client, app,
                                                                               clock):
    free = app.config["LOGIN_FREE_FAILURES_PER_CLIENT"]
    for n in range(free):
        assert attempt(client, f"p{n}@example.nhs.uk",
                       address=f"2001:db8:1:2::{n + 1:x}").status_code == 422
    assert wait_of(attempt(client, "q@example.nhs.uk", address="2001:db8:1:2:ffff::9")) > 0
    assert attempt(client, "q@example.nhs.uk", address="2001:db8:1:3::1").status_code == 422


def test_old_failures_are_forgotten_after_the_window(client, app, make_user, clock):
    user = make_user("org_lead")
    hammer(client, clock, user.email, 8)
    clock.tick(timedelta(minutes=app.config["LOGIN_FAILURE_WINDOW_MINUTES"], seconds=1))
    assert attempt(client, "someone@example.nhs.uk").status_code == 422
    assert LoginAttempt.query.count() == 1  # the old ones went when this one was counted
    assert attempt(client, user.email, PASSWORD).status_code == 302
