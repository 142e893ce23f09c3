"""Releases: what a page showed once it shows for good; a system's release is audited against
everything published before it; a release that cannot be made safe is held, with why; a wave
keeps the threshold it launched with."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlalchemy import select

from app.analysis import releases
from app.analysis.audit import Violation, audit
from app.analysis.results import system_results, wave_results
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Organisation
from app.models.release import HELD, PUBLISHED, Release
from app.staff_voice.closing import close_now
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch


def _wave(org, sizes: dict[str, int], closes=None, open_=False):
    """A wave with sizes[band] responses, closed yesterday unless open_."""
    closes = closes or (today() + timedelta(days=5) if open_ else today() - timedelta(days=1))
    wave = launch(org, "staff_voice_bands_2_4", min(closes, today()) - timedelta(days=10), closes)
    survey = for_wave(wave)
    for band, n in sizes.items():
        for _ in range(n):
            record_submission(wave, survey, {"band": band, "shift_pattern": "days"},
                              secrets.token_hex(8), today())
    db.session.commit()
    return wave


def _respondents(results) -> dict[str, int | None]:
    return {c.label: c.n for c in results.respondents}


def _system(orgs):
    return system_results([o.id for o in orgs], for_wave(db.session.scalars(
        select(releases.Wave)).first()), "S", today())


def test_a_wave_shows_the_same_figures_whatever_closes_later(app, orgs, system):
    first = _wave(orgs[0], {"2": 14, "3": 12, "4": 4})
    before = _respondents(wave_results(first, for_wave(first), today()))
    assert before["All bands"] == 30 and before["Band 4"] is None
    third = Organisation(code="RC3", name="Care C", type="social_care", system=system)
    db.session.add(third)
    db.session.commit()
    for org, sizes in [(orgs[1], {"2": 3, "3": 20, "4": 15}), (third, {"2": 30, "3": 2})]:
        wave = _wave(org, sizes, open_=True)
        close_now(wave, "test")
    after = _respondents(wave_results(first, for_wave(first), today()))
    assert after == before
    assert db.session.scalar(select(db.func.count(Release.id)).where(
        Release.kind == "wave")) == 3


def test_every_published_release_of_a_system_passes_the_audit_together(app, orgs, system):
    """Waves closing one after another: each new system release is audited against the ones
    before, so the whole ledger stays safe (the independent attacker is in tests/analysis)."""
    _wave(orgs[0], {"2": 20, "3": 15, "4": 15})
    _system(orgs)
    wave = _wave(orgs[1], {"2": 10, "3": 14, "4": 13}, open_=True)
    close_now(wave, "test")
    shown = _respondents(_system(orgs))
    assert shown["Band 2"] is None  # 20 -> 30 would give the new wave's hidden 10 away
    ledger = list(db.session.scalars(select(Release).where(Release.status == PUBLISHED)))
    truth = releases._truth({w for r in ledger for w in r.wave_ids})
    figures = releases._ledger_figures(ledger, truth)
    specs = {w.id: releases.key_specs(for_wave(w)) for w in db.session.scalars(
        select(releases.Wave))}
    assert audit(figures, specs, truth) == []


def test_a_release_that_cannot_be_made_safe_is_held_and_says_why(app, client, orgs, system,
                                                                   make_user, sign_in,
                                                                   monkeypatch):
    _wave(orgs[0], {"2": 20, "3": 15, "4": 15})
    published = _system(orgs)
    assert _respondents(published)["All bands"] == 50
    # From now on the audit finds a problem whatever is hidden: the next release is held.
    real = releases.audit

    def always_unsafe(figures, specs, truth, **options):
        found = real(figures, specs, truth, **options)
        return found or [Violation(figures[-1], "test", 0, 0)]

    monkeypatch.setattr(releases, "audit", always_unsafe)
    wave = _wave(orgs[1], {"2": 12, "3": 14, "4": 13}, open_=True)
    close_now(wave, "test")
    held = db.session.scalar(select(Release).where(Release.kind == "system",
                                                   Release.status == HELD))
    assert held is not None and "held back" in held.note
    shown = _system(orgs)
    assert _respondents(shown)["All bands"] == 50  # the last published figures, as they were
    assert "held back" in shown.note and [w.organisation for w in shown.waves] == [orgs[0]]
    sign_in(make_user("ics_lead"))
    page = client.get(f"/staff-voice/systems/{system.id}/results"
                      "?survey=staff_voice_bands_2_4").text
    assert "Some figures are not shown" in page
    assert re.search(r"<p[^>]*>\s*These figures are held back", page), "the note is not a paragraph"
    assert "&lt;p&gt;" not in page


def test_the_page_says_why_more_is_hidden(app, client, orgs, make_user, sign_in):
    wave = _wave(orgs[0], {"2": 14, "3": 12, "4": 4})
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert "Not shown" in page and "fewer than 11 responses are not shown" in page


def test_a_wave_keeps_the_threshold_it_launched_with(app, orgs):
    wave = _wave(orgs[0], {"2": 14, "3": 12, "4": 20}, open_=True)
    assert wave.min_group_size == 11
    wave.min_group_size = 15  # as if launched under a definition that raised it
    db.session.commit()
    close_now(wave, "test")
    shown = _respondents(wave_results(wave, for_wave(wave), today()))
    assert shown["Band 2"] is None and shown["Band 3"] is None and shown["Band 4"] == 20
