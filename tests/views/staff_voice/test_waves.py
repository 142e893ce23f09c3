"""Waves for leads (app/views/staff_voice/waves.py): launch one, get its link, QR code and a PDF
of access codes; another organisation's lead is refused. Results: test_results.py."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.models.staff_voice import AccessCode, Wave
from app.staff_voice import codes
from app.staff_voice.waves import launch


def test_org_lead_launches_a_wave_and_gets_link_qr_and_code_sheet(client, make_user, sign_in,
                                                                  orgs):
    sign_in(make_user("org_lead"))
    start = today()
    page = client.post("/staff-voice/launch", data={
        "organisation_id": str(orgs[0].id), "survey_id": "staff_voice_bands_2_4",
        "opens-day": start.day, "opens-month": start.month, "opens-year": start.year,
        "closes-day": start.day, "closes-month": start.month, "closes-year": start.year + 1,
        "access": "codes", "headcount_2": "40"})
    assert page.status_code == 302, page.text
    wave = db.session.scalar(select(Wave))
    view = client.get(page.location)
    assert f"/staff/{wave.token}/" in view.text
    qr = client.get(f"/staff-voice/waves/{wave.id}/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    pdf = client.post(f"/staff-voice/waves/{wave.id}/codes", data={"number": "12"})
    assert pdf.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    made = [c for c in text.split() if len(c) == 14 and c.count("-") == 2]
    assert len(made) == 12
    assert all(codes.is_usable(wave, c) for c in made)
    assert not set(made) & set(db.session.scalars(select(AccessCode.code_hash)))
    # another organisation's lead cannot reach this wave
    client.post("/sign-out")


def test_other_org_lead_is_refused(client, make_user, sign_in, orgs):
    wave = launch(orgs[0], "staff_voice_bands_2_4", today(), today() + timedelta(days=3))
    db.session.commit()
    sign_in(make_user("org_lead", email="other@example.nhs.uk", org=orgs[1]))
    for path in ("", "/qr.svg", "/results"):
        assert client.get(f"/staff-voice/waves/{wave.id}{path}").status_code == 403
    assert client.post(f"/staff-voice/waves/{wave.id}/codes",
                       data={"number": "2"}).status_code == 403
