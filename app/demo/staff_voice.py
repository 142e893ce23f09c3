"""Demo staff-voice waves: closed waves at two trusts, two GP practices and two care providers
with synthetic responses, some groups above the minimum group size and some below, so results,
suppression and evidence gaps show. Most practice and care staff are not on Agenda for Change:
they answer as the Band 2-4-equivalent group (docs/bands.md), whose evidence closes gaps the
trusts' bands leave across the system."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from sqlalchemy import select

from app.analysis.releases import release_after_close
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Organisation
from app.models.staff_voice import Wave
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4
from app.surveys.samples import AnswerMaker

SURVEY_ID = "staff_voice_bands_2_4"
EQUIVALENT = NOT_ON_AFC_BANDS_2_4.value
# Respondents per band. Trusts: RZ1 has too few Band 2 answers to show, RZ2 too few Band 4.
# Off Agenda for Change: Harbour Lane Surgery's and Saltings Home Care's groups are big enough to
# show; Riverside's and Meadowbank's are not. The system's release then shows Bands 2 and 4 and
# the Band 2-4-equivalent group (all six organisations' people) and hides Band 3 and All bands
# (tests/demo/test_staff_voice.py checks the story still holds).
PLAN = {
    "RZ1": {"2": 6, "3": 27, "4": 15},
    "RZ2": {"2": 14, "3": 12, "4": 4},
    "GZ101": {EQUIVALENT: 24},
    "GZ102": {EQUIVALENT: 5},
    "SZ201": {EQUIVALENT: 23},
    "SZ202": {EQUIVALENT: 8},
}
# Staff numbers the leads gave, for response rates.
TRUST_STAFF = {"2": 60, "3": 140, "4": 90}
HEADCOUNTS = {"RZ1": TRUST_STAFF, "RZ2": TRUST_STAFF, "GZ101": {EQUIVALENT: 34},
              "GZ102": {EQUIVALENT: 11}, "SZ201": {EQUIVALENT: 85},
              "SZ202": {EQUIVALENT: 40}}


def seed_staff_voice() -> None:
    """Closed waves with answers; their releases are made when first looked at (or by
    publish_demo_releases, which seed-demo calls once everything is committed)."""
    rng = random.Random(6)
    closes = today() - timedelta(days=14)
    opens = closes - timedelta(days=27)
    for code, bands in PLAN.items():
        org = db.session.scalar(select(Organisation).where(Organisation.code == code))
        if org is None or db.session.scalar(select(Wave).where(Wave.organisation_id == org.id)):
            continue
        wave = launch(org, SURVEY_ID, opens, closes, headcounts=HEADCOUNTS[code], actor="demo")
        survey = for_wave(wave)
        maker = AnswerMaker(survey, rng)
        for band, number in bands.items():
            for _ in range(number):
                record_submission(wave, survey, maker.answers({"band": band}),
                                  secrets.token_urlsafe(24), closes)
    db.session.flush()


def publish_demo_releases() -> None:
    """Publish the demo waves' releases now, as closing them would have (commits), so the
    first look at a results or ICS page does not wait for the disclosure audit. The waves all
    closed on one day, so the system's one release covers them all: the audit of that release
    is most of the seed's time."""
    for wave in db.session.scalars(select(Wave).where(Wave.closes_on < today())
                                   .order_by(Wave.closes_on, Wave.id)):
        release_after_close(wave, today())
