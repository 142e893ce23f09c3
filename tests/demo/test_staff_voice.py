"""The demo's staff-voice waves (issue 18): trusts, GP practices and care providers, with staff
off Agenda for Change counted as the Band 2-4-equivalent group, some shown and some hidden, so
the ICS evidence view shows that group's evidence where the trusts' bands leave gaps. Seeding
twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.analysis import ics, ics_voice
from app.analysis.results import system_results, wave_results
from app.clock import today
from app.definitions import for_wave
from app.demo import seed
from app.demo.people import SYSTEM
from app.extensions import db
from app.models import Organisation, System
from app.models.staff_voice import BandCount, Wave
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4
from tests.support import demo_db

EQUIVALENT = NOT_ON_AFC_BANDS_2_4


def _shown(wave) -> int | None:
    results = wave_results(wave, for_wave(wave), today())
    return next(c.n for c in results.respondents if c.label == EQUIVALENT.label)


def test_the_demo_hears_staff_off_agenda_for_change_at_practices_and_care_providers(app):
    demo_db.seed()  # the demo as seeded once for this test process (tests/support/demo_db.py)
    waves = list(db.session.scalars(select(Wave).join(Organisation)))
    by_type: dict[str, list[Wave]] = {}
    for wave in waves:
        by_type.setdefault(wave.organisation.type, []).append(wave)
    assert set(by_type) == {"trust", "gp_practice", "social_care"}

    off_afc = by_type["gp_practice"] + by_type["social_care"]
    counted = {w.organisation.code: db.session.scalar(select(BandCount.n).where(
        BandCount.wave_id == w.id, BandCount.band == EQUIVALENT.value)) for w in off_afc}
    assert all(n for n in counted.values()), counted
    shown = {w.organisation.code: _shown(w) for w in off_afc}
    # big enough groups are shown as counted; small ones hidden
    assert any(n is not None for n in shown.values()) and None in shown.values()
    assert all(n is None or n == counted[code] for code, n in shown.items())
    assert all(n is None for code, n in shown.items() if counted[code] < 11)

    # the whole system's figures add up every organisation's group, small ones included
    system = db.session.scalar(select(System).where(System.code == SYSTEM[0]))
    pooled = system_results([o.id for o in system.organisations], for_wave(waves[0]),
                            system.name, today())
    group = next(c for c in pooled.respondents if c.label == EQUIVALENT.label)
    assert group.n == sum(counted.values())

    # the ICS view: the group has evidence at a practice and a care provider
    bands, rows = ics_voice.evidence_gaps(ics.compile_system(system, today=today()))
    assert EQUIVALENT.label in bands
    with_evidence = {r.org.type for r in rows
                     if any(by_band[EQUIVALENT.label] is ics_voice.EVIDENCE
                            for by_band in r.status.values())}
    assert {"gp_practice", "social_care"} <= with_evidence

    seed()  # as `flask seed-demo` run again: nothing new
    assert db.session.scalar(select(func.count(Wave.id))) == len(waves)
