"""The demo's consultations: the framework review closed recently, so nothing it ships is past its
own retention (a demo holding text its definition says must be gone would teach admins the wrong
thing), and every published response it shows has words."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import consultations as c
from app import retention
from app.clock import today
from app.definitions import get_survey
from app.extensions import db
from app.models import ConsultationResponse
from app.publishing import published_excerpts
from tests.support.demo_db import seed


def test_the_demo_review_closed_recently_and_nothing_is_past_its_retention(app):
    seed()
    review = get_survey("framework_review", kind="consultation")
    status = c.status_of(review)
    assert status.is_closed
    assert today() - timedelta(days=review.retention.free_text_days) < status.closes < today()
    assert retention.plans_due(today()) == []
    # ...until its retention has passed: then the review's free text would go.
    later = status.closes + timedelta(days=review.retention.free_text_days + 1)
    assert "framework_review" in {plan.survey_id for plan in retention.plans_due(later)}


def test_the_demo_publishes_responses_with_words(app):
    seed()
    review = get_survey("framework_review", kind="consultation")
    rows = db.session.scalars(select(ConsultationResponse).where(
        ConsultationResponse.survey_id == review.id,
        ConsultationResponse.published_at.is_not(None))).all()
    excerpts = published_excerpts(review, rows)
    assert excerpts
    assert all(answer for excerpt in excerpts for _label, answer in excerpt.answers)
