"""Staff-voice figures in the API (app/views/api/staff_voice.py): exactly the released figures,
a small group hidden (no number) as on the pages; another organisation's releases neither
listed nor readable."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.clock import today
from app.extensions import db
from app.models import Release
from tests.support.clients import token_client
from tests.support.voice_evidence import BAND3_SMALL, MEASURED, closed_wave


def test_only_released_figures_small_groups_hidden_and_only_your_own(app, orgs, make_user):
    wave = closed_wave(orgs[0], today() - timedelta(days=2), BAND3_SMALL)
    lead = token_client(app, make_user("org_lead"))
    neighbour = token_client(app, make_user("org_lead", email="b@example.nhs.uk", org=orgs[1]))
    listed = lead.get("/api/v1/staff-voice/releases").json["data"]
    mine = [r for r in listed if r["kind"] == "wave"]
    assert [r["waves"] for r in mine] == [[wave.id]]
    figures = lead.get(f"/api/v1/staff-voice/releases/{mine[0]['id']}/figures?per_page=1000"
                       ).json
    assert figures["total"] == len(figures["data"])
    by_key = {(f["band"], f["question"], f["value"]): f for f in figures["data"]}
    # Band 3 (3 people) is hidden: no number for it anywhere, whatever else the audit hid
    # to keep it from being worked out; the whole wave's figures are shown.
    assert all(f["n"] is None and f["hidden"] for k, f in by_key.items() if k[0] == "3")
    assert by_key[("*", MEASURED, "*")]["n"] == sum(sum(b.values()) for b in BAND3_SMALL.values())
    release = db.session.scalar(select(Release).where(Release.id == mine[0]["id"])
                                .options(selectinload(Release.figures)))
    assert {(f.band, f.question_id, f.value, f.n) for f in release.figures} == {
        (f["band"], f["question"], f["value"], f["n"]) for f in figures["data"]}

    assert neighbour.get("/api/v1/staff-voice/releases").json["data"] == []
    assert neighbour.get(f"/api/v1/staff-voice/releases/{mine[0]['id']}/figures"
                         ).status_code == 404
