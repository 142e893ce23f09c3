"""Demo consultations: the framework review, closed, with about 30 synthetic responses and a
published "We asked, you said, we did"; and the ICS wellbeing offer, open today.

The review's definition keeps the real review's 2020 dates; the demo reschedules it to have
closed REVIEW_CLOSED_DAYS ago, so its free text is inside its own 730-day retention and the demo
shows what a recently closed consultation looks like, whatever day it is seeded."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, time, timedelta

from sqlalchemy import update

from app import clock
from app import consultations as c
from app.definitions import get_survey, store_snapshot, surveys_of_kind
from app.extensions import db
from app.models import ConsultationResponse, Response
from app.models.base import utcnow
from app.surveys import drop_hidden

HELPED = ["The self-assessment made us talk to our board about wellbeing for the first time.",
          "Having the elements laid out helped us see gaps in support for night staff.",
          "The examples of good practice were the most useful part.",
          "It gave our staff side partners and managers a shared language."]
MISSING = ["Guidance for small organisations such as GP practices.",
           "How to reach staff who never read email.",
           "A way to compare ourselves with similar organisations.",
           "Clearer links to the staff survey results."]
ADDITIONS = ["More on financial wellbeing and the cost of living.",
             "Examples from social care and primary care.",
             "A short version of the diagnostic for a first pass.",
             "Support for managers having wellbeing conversations."]
REVIEW_DAYS = 24  # open for 24 days, as the real review was
REVIEW_CLOSED_DAYS = 60

NAMES = ["Estuary University Hospitals", "Downs Community Trust", "Harbour Lane Surgery",
         "Saltings Home Care", "Staff side, Estuary", None]


def _answers(rng: random.Random) -> dict:
    answers = {"respondent_type": rng.choice(
        ["partner_org", "nhs_provider", "nhs_provider", "staff", "staff", "trade_union", "other"])}
    if answers["respondent_type"] in ("partner_org", "nhs_provider", "trade_union"):
        answers["organisation_name"] = rng.choice([n for n in NAMES if n])
    answers["used_framework"] = rng.choice(["yes", "yes", "no", "dont_know"])
    answers["used_diagnostic"] = rng.choice(["yes", "no", "dont_know"])
    if "yes" in (answers["used_framework"], answers["used_diagnostic"]):
        answers["how_used"] = rng.sample(
            ["self_assessment", "planning", "business_case", "board_reporting", "comparing"],
            k=rng.randint(1, 3))
        answers["what_helped"] = rng.choice(HELPED)
    answers["what_was_missing"] = rng.choice(MISSING)
    for key in ("priority_reach_all_staff", "priority_system_working",
                "priority_measuring_impact"):
        answers[key] = rng.choices(
            ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"],
            weights=[4, 5, 2, 1, 1])[0]
    answers["suggested_additions"] = rng.choice(ADDITIONS)
    answers["publish_consent"] = rng.choice(
        ["publish_with_name", "publish_anonymously", "do_not_publish"])
    if answers["publish_consent"] == "publish_with_name":
        answers["respondent_name"] = rng.choice([n for n in NAMES if n])
    return answers


def seed_consultations() -> None:
    for survey in surveys_of_kind("consultation"):
        store_snapshot(survey, actor="demo")
        c.get_state(survey.id)
    review = get_survey("framework_review", kind="consultation")
    if review is not None:
        _seed_review(review)
    offer = get_survey("ics_wellbeing_offer", kind="consultation")
    if offer is not None and not c.status_of(offer).is_open:
        c.open_now(offer, until=clock.today() + timedelta(days=28), actor="demo")


def _seed_review(review) -> None:
    rng = random.Random(2020)  # the same demo every time
    closes = clock.today() - timedelta(days=REVIEW_CLOSED_DAYS)
    opens = closes - timedelta(days=REVIEW_DAYS)
    c.reschedule(review, opens, closes, actor="demo",
                 reason="Demo data: the review ran recently")
    start = datetime.combine(opens, time(9, 0))
    for i in range(30):
        answers = drop_hidden(review, _answers(rng))
        reference = c.store_consultation_response(review, answers, secrets.token_urlsafe(24))
        row = db.session.query(ConsultationResponse).filter_by(reference=reference).one()
        when = start + timedelta(days=i * REVIEW_DAYS // 30, hours=rng.randint(0, 8))
        row.submitted_at = when
        db.session.execute(update(Response).where(Response.id == row.response_id)
                           .values(submitted_on=when.date()))
        if row.may_publish and i % 2 == 0:
            row.published_at, row.published_by = utcnow(), "admin@example.nhs.uk"
    state = c.get_state(review.id)
    state.we_asked = ("We asked partner organisations, NHS providers, staff and trade union "
                      "partners how they used the Health and Wellbeing Framework and its "
                      "diagnostic, and what the refresh should add.")
    state.you_said = ("Most of you used the framework to plan your offer and report to your "
                      "board. You asked for more on reaching night and community staff, "
                      "examples from primary and social care, and a shorter diagnostic.")
    state.we_did = ("The refreshed framework has a new section on reaching every member of "
                    "staff, case studies from primary and social care, and a quick-rating "
                    "version of the diagnostic.")
    state.publish_summary(utcnow())
    db.session.flush()
