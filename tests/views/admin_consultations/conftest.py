"""Fixtures for the consultation admin pages: two responses to the framework review, and a
signed-in admin."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app.extensions import db
from app.models import ConsultationResponse
from tests.support.framework_review import BASE, FIRST_PAGES, answer_all


@pytest.fixture
def responses(app, client):
    """Two responses to the framework review, sent while it was open."""
    for name in ("Trust A", "Staff side"):
        pages = list(FIRST_PAGES)
        pages[1] = ("framework_use", {**FIRST_PAGES[1][1],
                                      "what_helped": f"Ask Dr Jones at {name} for help."})
        pages[3] = ("publishing", {"publish_consent": "publish_with_name",
                                   "respondent_name": name})
        with freeze_time("2020-03-10 12:00:00"):
            html = answer_all(client, pages).get_data(as_text=True)
            key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
            client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    return db.session.scalars(select(ConsultationResponse)).all()


@pytest.fixture
def admin_client(client, make_user, sign_in):
    sign_in(make_user("admin"))
    return client
