"""Agreed buddy pairs (app/diagnostic/buddying.py): recorded by an ICS lead from the buddying
page, listed by follow-up date with an overdue follow-up flagged, audited, and in the ICS PDF."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.analysis import ics
from app.clock import today
from app.diagnostic import buddying
from app.extensions import db
from app.models import AuditEvent, BuddyAgreement, Organisation, System
from app.reports import ics_report


def test_a_pair_is_agreed_listed_and_followed_up(app, hand_built, client_for):
    system = db.session.scalar(select(System).where(System.code == "QZ9"))
    orgs = list(db.session.scalars(select(Organisation).where(
        Organisation.system_id == system.id).order_by(Organisation.id)))
    client, _ = client_for("ics_lead")
    page = client.get("/ics/QZ9/buddying/agree").get_data(as_text=True)
    assert "Organisation that will learn" in page
    same = client.post("/ics/QZ9/buddying/agree", data={
        "element": "environment", "learner": str(orgs[0].id), "buddy": str(orgs[0].id)})
    assert same.status_code == 422 and "Choose a different organisation" in same.text
    past = today() - timedelta(days=3)
    done = client.post("/ics/QZ9/buddying/agree", data={
        "element": "environment", "learner": str(orgs[1].id), "buddy": str(orgs[0].id),
        "note": "Share the <b>night-shift</b> offer", "follow_up_on-day": str(past.day),
        "follow_up_on-month": str(past.month), "follow_up_on-year": str(past.year)})
    assert done.status_code == 302
    listed = client.get("/ics/QZ9/buddying").get_data(as_text=True)
    agreed = re.search(r'id="agreed-table">.*?</table>', listed, re.S).group(0)
    assert orgs[1].name in agreed and orgs[0].name in agreed and "Follow-up due" in agreed
    assert "&lt;b&gt;night-shift" in agreed  # text from people is escaped
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "buddy_pair_agreed")) is not None

    pdf = ics_report.build(ics.compile_system(system))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Agreed pairs" in text and "night-shift" in text


def test_only_organisations_of_the_system_pair_up(app, hand_built):
    system = db.session.scalar(select(System).where(System.code == "QZ9"))
    org = db.session.scalar(select(Organisation).where(Organisation.system_id == system.id))
    elsewhere = System(code="QZ8", name="Another ICS")
    other = Organisation(code="ZZ1", name="Elsewhere", type="trust", system=elsewhere)
    db.session.add_all([elsewhere, other])
    db.session.commit()
    with pytest.raises(ValueError):
        buddying.agree(system, "environment", org, other, "", None, None)
    assert db.session.scalar(select(BuddyAgreement)) is None
    assert buddying.agreements(system) == []
