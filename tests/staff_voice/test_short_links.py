"""A wave's short address, /s/K7QF-2M: typed from a card or poster in any case, with or without
the dash, it leads to the wave's public link; an unknown one gets a kind 404, and a client that
keeps missing is slowed (429) before anything it types is checked. The clock is frozen."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.staff_voice import short_links
from app.staff_voice.waves import short_link
from tests.support.staff_voice import open_wave

PHONE, OTHER_PHONE = "198.51.100.30", "198.51.100.31"


@pytest.fixture
def wave(clock, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    return wave


def visit(app, address_typed: str, client_address: str = PHONE):
    return app.test_client().get(address_typed, environ_base={"REMOTE_ADDR": client_address})


def unused_short(wave) -> str:
    """A well-formed short address that is not this wave's (there is only one wave)."""
    other = next(c for c in short_links.ALPHABET if c != wave.short_code[0])
    return short_links.shown(other + wave.short_code[1:])


def test_a_wave_gets_six_characters_without_lookalikes_shown_with_a_dash(wave):
    assert len(wave.short_code) == 6
    assert set(wave.short_code) <= set(short_links.ALPHABET)
    assert not set("01OIL") & set(short_links.ALPHABET)
    shown = short_links.shown(wave.short_code)
    assert shown == f"{wave.short_code[:4]}-{wave.short_code[4:]}"


def test_the_short_address_leads_to_the_public_link_however_it_is_typed(app, wave):
    shown = short_links.shown(wave.short_code)
    for typed in (f"/s/{shown}", f"/s/{shown.lower()}", f"/s/{shown.replace('-', '')}",
                  f"/s/{shown.lower().replace('-', '')}", f"/S/{shown}", f"/s/{shown}/"):
        response = visit(app, typed)
        assert response.status_code == 302, typed
        assert response.location.endswith(f"/staff/{wave.token}/"), typed


def test_the_long_public_link_still_works(app, wave):
    assert visit(app, f"/staff/{wave.token}/").status_code == 200


def test_the_printed_address_uses_the_configured_public_address(app, wave):
    """Outside a request (a PDF made by the CLI) the address is built on PUBLIC_BASE_URL, as the
    long link is; in a request, on the address the request came to."""
    app.config["PUBLIC_BASE_URL"] = "https://wellbeing.example.nhs.uk"
    shown = short_links.shown(wave.short_code)
    assert short_link(wave) == f"https://wellbeing.example.nhs.uk/s/{shown}"
    with app.test_request_context(base_url="https://hwb.example.org"):
        assert short_link(wave) == f"https://hwb.example.org/s/{shown}"


@pytest.mark.parametrize("typed", ["unused", "K7QF", "K7QF-2M-9X", "<script>", "00OO11"])
def test_an_unknown_or_mistyped_address_gets_a_kind_not_found_page(app, wave, typed):
    if typed == "unused":
        typed = unused_short(wave)
    response = visit(app, f"/s/{typed}")
    assert response.status_code == 404
    assert "Check the address on your card or poster" in response.text
    assert "<script>" not in response.text


def test_a_client_that_keeps_missing_waits_and_nothing_it_types_is_checked(app, wave, clock):
    shown = short_links.shown(wave.short_code)
    for _ in range(short_links.CLIENT_RULE.free):
        assert visit(app, f"/s/{unused_short(wave)}").status_code == 404
    refused = visit(app, f"/s/{shown}")  # even the right address, during the wait
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Wait" in refused.text and "nhsuk-error-summary" in refused.text
    # another phone is not held back by this one's misses
    assert visit(app, f"/s/{shown}", OTHER_PHONE).status_code == 302
    clock.tick(timedelta(seconds=int(refused.headers["Retry-After"])))
    assert visit(app, f"/s/{shown}").status_code == 302


def test_the_waits_grow_with_each_miss(app, wave, clock):
    waits = []
    while len(waits) < 4:
        response = visit(app, f"/s/{unused_short(wave)}")
        if response.status_code == 429:
            wait = int(response.headers["Retry-After"])
            waits.append(wait)
            clock.tick(timedelta(seconds=wait))
    assert waits == sorted(waits) and waits[-1] > waits[0]
    assert max(waits) <= short_links.CLIENT_RULE.max_wait


def test_a_malformed_address_costs_nothing(app, wave):
    """It cannot be any wave's, so it tells a guesser nothing: a typo like an O is not counted."""
    for _ in range(short_links.CLIENT_RULE.free + 5):
        assert visit(app, "/s/K7QF-2O").status_code == 404
    assert visit(app, f"/s/{short_links.shown(wave.short_code)}").status_code == 302


def test_the_wave_page_shows_the_short_address_and_offers_the_poster(client, make_user,
                                                                      sign_in, wave):
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}").text
    assert f"/s/{short_links.shown(wave.short_code)}" in page
    assert f'href="/staff-voice/waves/{wave.id}/poster.pdf"' in page
