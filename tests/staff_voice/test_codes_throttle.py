"""Access codes: a guesser is slowed by growing waits per client and per wave, but a shared
kiosk where someone mistyped holds the next person's valid code for a short wait at most.
The clock is frozen and moved by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.staff_voice import codes
from tests.support.staff_voice import open_wave

KIOSK, OTHER_KIOSK = "198.51.100.20", "198.51.100.21"
MISTYPED = "AAAA-BBBB-CCCC"


@pytest.fixture
def wave(clock, orgs):
    wave = open_wave(orgs[0], uses_codes=True)
    db.session.commit()
    return wave


def enter(app, wave, code: str, address: str = KIOSK):
    """A code typed at `address` in a fresh browser session (the next person at the kiosk)."""
    client = app.test_client()
    return client.post(f"/staff/{wave.token}/code", data={"code": code},
                       environ_base={"REMOTE_ADDR": address})


def wait_of(response) -> int:
    if response.status_code != 429:
        return 0
    assert "Wait" in response.text and "nhsuk-error-summary" in response.text
    return int(response.headers["Retry-After"])


def test_a_kiosk_where_people_mistyped_takes_a_valid_code_after_a_short_wait(app, wave, clock):
    valid = codes.make_batch(wave, 1)[0]
    db.session.commit()
    refused = 0
    while refused < 11:  # the case: 11 wrong codes from one kiosk, each one checked
        response = enter(app, wave, MISTYPED)
        clock.tick(timedelta(seconds=wait_of(response)))
        refused += response.status_code == 422
    wait = wait_of(enter(app, wave, valid))
    assert wait <= 60  # a short wait, whatever the kiosk did before
    clock.tick(timedelta(seconds=wait))
    taken = enter(app, wave, valid)
    assert taken.status_code == 302 and taken.location.endswith("/begin")


def test_a_few_mistypes_cost_the_next_person_nothing(app, wave):
    valid = codes.make_batch(wave, 1)[0]
    db.session.commit()
    for _ in range(codes.CLIENT_RULE.free):
        assert enter(app, wave, MISTYPED).status_code == 422
    assert enter(app, wave, MISTYPED, address=OTHER_KIOSK).status_code == 422
    assert enter(app, wave, valid, address=OTHER_KIOSK).status_code == 302


def test_a_code_guesser_meets_growing_waits_and_nothing_is_checked_meanwhile(app, wave, clock):
    valid = codes.make_batch(wave, 1)[0]
    db.session.commit()
    waits = []
    for _ in range(100):
        if len(waits) == 6:
            break
        response = enter(app, wave, MISTYPED)
        if wait_of(response):
            waits.append(wait_of(response))
            clock.tick(timedelta(seconds=waits[-1]))
    assert waits == sorted(waits) and waits[-1] >= 8 * waits[0], waits
    enter(app, wave, MISTYPED)
    held = enter(app, wave, valid)  # not even a valid code is checked during the wait
    assert wait_of(held) > 0 and "/begin" not in (held.location or "")
    # another kiosk with no failures is not caught
    assert enter(app, wave, valid, address=OTHER_KIOSK).status_code == 302


def test_guessers_spread_over_many_addresses_are_slowed_by_the_wave_count(app, wave):
    """Each address has failed only once or twice, but the wave's count holds back every client
    that has failed on it, and not one that has not."""
    valid = codes.make_batch(wave, 1)[0]
    db.session.commit()
    bots = [f"192.0.2.{n % 250}" if n < 250 else f"192.0.3.{n % 250}"
            for n in range(codes.WAVE_RULE.free + 5)]
    for bot in bots:
        assert enter(app, wave, MISTYPED, address=bot).status_code == 422
    assert all(wait_of(enter(app, wave, MISTYPED, address=bot)) for bot in bots[-5:])
    assert enter(app, wave, valid, address=OTHER_KIOSK).status_code == 302


def test_guessing_on_one_wave_does_not_hold_back_sign_in(app, wave, make_user):
    from tests.support.clients import PASSWORD

    user = make_user("org_lead")
    for _ in range(codes.CLIENT_RULE.free + 3):
        enter(app, wave, MISTYPED)
    signed_in = app.test_client().post("/sign-in", data={"email": user.email,
                                                         "password": PASSWORD},
                                       environ_base={"REMOTE_ADDR": KIOSK})
    assert signed_in.status_code == 302
