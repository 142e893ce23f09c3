"""Staff-survey waves whose true answers are known, for the evidence, trend and board-output
tests: each response stored through the normal path (record_submission, counted by
app.analysis), each wave's releases made as its close makes them."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from app.analysis.releases import release_after_close
from app.clock import today
from app.definitions import for_wave
from app.diagnostic import cycles
from app.extensions import db
from app.models import Organisation, System
from app.models.staff_voice import Wave
from app.national_survey import parse, store
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from tests.support.ics_system import assess

SURVEY_ID = "staff_voice_bands_2_4"
MEASURED = "knows_where_to_get_support"  # informs professional_wellbeing_support
ELEMENT = "professional_wellbeing_support"
OTHERS = ("support_on_my_shift", "look_after_my_health", "break_space",
          "manager_wellbeing_conversations", "team_supports_each_other", "feel_recognised",
          "surveys_confidential", "views_acted_on")


def answers(band: str, measured: str, n: int) -> dict:
    """One respondent: `measured` to MEASURED; the other questions alternate, so no group of
    two or more answers any of them as one."""
    other = "agree" if n % 2 else "disagree"
    return {"band": band, "shift_pattern": "days" if n % 2 else "prefer_not_to_say",
            MEASURED: measured, **dict.fromkeys(OTHERS, other)}


def closed_wave(org: Organisation, last_day: date, per_band: dict[str, dict[str, int]],
                days_open: int = 20) -> Wave:
    """A wave whose last day was `last_day` (before today), with per band {answer to MEASURED:
    how many gave it}; its own and its system's releases are made as at its close."""
    assert last_day < today()
    wave = launch(org, SURVEY_ID, last_day - timedelta(days=days_open), last_day)
    survey = for_wave(wave)
    n = 0
    for band, given in per_band.items():
        for value, count in given.items():
            for _ in range(count):
                n += 1
                record_submission(wave, survey, answers(band, value, n), secrets.token_hex(8),
                                  last_day)
    db.session.commit()
    release_after_close(wave, today())
    return wave


def organisation(system: System | None, code: str, name: str,
                 kind: str = "trust") -> Organisation:
    org = Organisation(code=code, name=name, type=kind, system=system)
    db.session.add(org)
    db.session.commit()
    return org


SHOWN = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 10, "disagree": 5},
         "4": {"agree": 7, "disagree": 6}}
BAND3_SMALL = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 2, "disagree": 1},
               "4": {"agree": 7, "disagree": 6}}


def five_organisations(system: System) -> dict[str, Organisation]:
    """A system whose evidence is known by hand, for ELEMENT and each band:

        Alpha Trust     a wave last week, every band shown         evidence
        Beta Trust      a wave last week, 3 in Band 3              Bands 2 and 3 not shown
        Gamma Practice  no wave                                    no survey
        Delta Care      a wave 400 days ago (outside the window)   no survey
        Epsilon Care    a wave open now                            no survey

    Only Alpha has an assessment (so the ICS compiles)."""
    orgs = {code: organisation(system, code, name, kind) for code, name, kind in (
        ("AL1", "Alpha Trust", "trust"), ("BE2", "Beta Trust", "trust"),
        ("GA3", "Gamma Practice", "gp_practice"), ("DE4", "Delta Care", "social_care"),
        ("EP5", "Epsilon Care", "social_care"))}
    assess(orgs["AL1"], "2026 Q1", {"*": "2"})
    db.session.commit()
    closed_wave(orgs["DE4"], today() - timedelta(days=400), SHOWN)
    closed_wave(orgs["AL1"], today() - timedelta(days=7), SHOWN)
    closed_wave(orgs["BE2"], today() - timedelta(days=7), BAND3_SMALL)
    launch(orgs["EP5"], SURVEY_ID, today() - timedelta(days=3), today() + timedelta(days=3))
    db.session.commit()
    return orgs


# A trust's wave for the board outputs' tests: Band 2 too small (3), Band 3 (20) and Band 4 (15)
# shown, answering MEASURED as given.
GROUPS = {"2": {"agree": 2, "disagree": 1}, "3": {"agree": 14, "disagree": 6},
          "4": {"agree": 8, "disagree": 7}}


# One published NHS Staff Survey theme score, as assessed_with_a_theme_score stores it.
THEME_SCORE = "We are safe and healthy: 5.9 (benchmark group median 6.1), NHS Staff Survey 2025"


def assessed_with_a_theme_score(system: System):
    """Trust A (RA1) with a started cycle and one imported NHS Staff Survey theme score."""
    trust = organisation(system, "RA1", "Trust A")
    assessment = cycles.start(trust, "2026 Q1")
    db.session.commit()
    store(parse(b"organisation code,year,theme,score,benchmark-group median\n"
                b"RA1,2025,We are safe and healthy,5.9,6.1\n", 2026), "tester")
    db.session.commit()
    return assessment
