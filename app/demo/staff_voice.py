"""Demo staff-voice waves: closed waves for RZ1 and RZ2 with synthetic responses, some bands
above the minimum group size and some below, so results, suppression and evidence gaps show."""

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
from app.surveys.samples import AnswerMaker

SURVEY_ID = "staff_voice_bands_2_4"
# Respondents per band: RZ1 has too few Band 2 answers to show; RZ2 too few Band 4.
PLAN = {"RZ1": {"2": 6, "3": 27, "4": 15}, "RZ2": {"2": 14, "3": 12, "4": 4}}


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
        wave = launch(org, SURVEY_ID, opens, closes, headcounts={"2": 60, "3": 140, "4": 90},
                      actor="demo")
        survey = for_wave(wave)
        maker = AnswerMaker(survey, rng)
        for band, number in bands.items():
            for _ in range(number):
                record_submission(wave, survey, maker.answers({"band": band}),
                                  secrets.token_urlsafe(24), closes)
    db.session.flush()


def publish_demo_releases() -> None:
    """Publish the demo waves' releases now, as closing them would have (commits), so the
    first look at a results or ICS page does not wait for the disclosure audit."""
    for wave in db.session.scalars(select(Wave).where(Wave.closes_on < today())
                                   .order_by(Wave.closes_on, Wave.id)):
        release_after_close(wave, today())
