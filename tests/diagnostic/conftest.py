"""Fixtures for the diagnostic: an assessment with some answers, and signed-in clients."""

from __future__ import annotations

from datetime import date

import pytest

from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, ItemAnswer
from tests.conftest import PASSWORD


@pytest.fixture
def assessment(app, orgs):
    found = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    return found


@pytest.fixture
def filled(assessment):
    """An assessment with three answers (one with formula-like text) and two actions."""
    assessment.answers += [
        ItemAnswer(item_id="ph_mental_health_offer", rating="2", offer="Talking therapies",
                   evidence="Uptake report 2025", evidence_links="https://example.org/report",
                   gaps="Night staff <b>cannot</b> reach it", version=1),
        ItemAnswer(item_id="ph_trauma_support", rating="3", offer="=SUM(A1:A2)",
                   evidence="", evidence_links="", gaps="", version=1),
        ItemAnswer(item_id="ph_financial_wellbeing", rating="na", offer="", evidence="",
                   evidence_links="", gaps="", version=1),
    ]
    assessment.actions += [
        Action(item_id="ph_mental_health_offer", what="Evening clinic for night staff",
               owner="Head of OH", due=date(2026, 3, 31), status="in_progress"),
        Action(item_id="ph_mental_health_offer", what="-Promote self-referral", owner="",
               due=None, status="not_started"),
    ]
    db.session.commit()
    return assessment


@pytest.fixture
def client_for(app, make_user):
    """A fresh client signed in as a new user with this role (and organisation)."""
    def make(role: str, email: str | None = None, org=None):
        user = make_user(role, email=email, org=org)
        client = app.test_client()
        response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302
        return client, user
    return make
