"""Leads: launch a wave, get its link, QR code and a PDF of codes; see results; evidence feed."""

from __future__ import annotations

import io
import re
import secrets
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from app.analysis.evidence import Gap, element_evidence
from app.analysis.evidence_window import window_for
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models.staff_voice import AccessCode, Wave
from app.staff_voice import codes
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from tests.support.staff_voice import random_answers


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


def _closed_wave(org, per_band):
    closes = today() - timedelta(days=1)
    wave = launch(org, "staff_voice_bands_2_4", closes - timedelta(days=10), closes)
    survey = for_wave(wave)
    import random

    rng = random.Random(3)
    for band, n in per_band.items():
        for _ in range(n):
            record_submission(wave, survey, {**random_answers(survey, rng), "band": band},
                              secrets.token_hex(8), closes)
    db.session.commit()
    return wave


def test_results_and_evidence_show_big_groups_and_flag_gaps(client, make_user, sign_in, orgs):
    wave = _closed_wave(orgs[0], {"2": 4, "3": 25, "4": 30})
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert "Not shown" in page
    assert page.count("fewer than 11") == 1  # only in the explanation, never as a cell
    assert '<svg class="app-chart"' in page and "<table" in page
    found = element_evidence(orgs[0], "environment", window_for(orgs[0], None, today()),
                             today())
    assert any(isinstance(g, Gap) and "Band 2" in str(g) for g in found.gaps)
    assert not any(f.band == "Band 2" for f in found.findings)
    assert all(str(f).count("Source: Staff survey \u201c") == 1 for f in found.findings)


def test_a_secondary_hidden_group_reads_like_a_primary_one(client, make_user, sign_in, orgs):
    """Band 3 (12 people) is hidden only so that Band 2 (4) cannot be worked out from the
    total: it must not be called "fewer than 11", and must read exactly like Band 2."""
    from app.analysis.results import wave_results
    from app.exports.staff_voice_csv import to_csv

    wave = _closed_wave(orgs[0], {"2": 4, "3": 12, "4": 30})
    results = wave_results(wave, for_wave(wave), today())
    hidden = {c.label: c.shown for c in results.respondents}
    assert hidden == {"Band 2": False, "Band 3": False, "Band 4": True, "All bands": True}
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    table = re.search(r'id="respondents".*?</table>', page, re.S).group(0)
    cells = dict(re.findall(r"<td[^>]*>(Band \d)</td>\s*<td[^>]*>(.*?)</td>", table, re.S))
    assert cells == {"Band 2": "Not shown", "Band 3": "Not shown", "Band 4": "30"}
    assert "fewer than 11" not in table
    assert "Some larger groups are hidden too" in page
    lines = [r for r in to_csv(results).splitlines() if ",Responses," in r]
    assert [r.split(",")[-3] for r in lines] == ["Not shown", "Not shown", "30", "46"]


def test_ics_lead_sees_their_system_only(client, make_user, sign_in, orgs, system):
    _closed_wave(orgs[0], {"3": 12})
    sign_in(make_user("ics_lead"))
    ok = client.get(f"/staff-voice/systems/{system.id}/results?survey=staff_voice_bands_2_4")
    assert ok.status_code == 200 and "Responses by band" in ok.text
    assert client.get("/staff-voice/launch").status_code == 403


def test_cli_launch_prints_the_link_and_export_writes_suppressed_csv(runner, orgs, tmp_path):
    result = runner.invoke(args=["staff-voice", "launch", "--org", "RA1", "--survey",
                                 "staff_voice_bands_2_4", "--opens", "2026-01-01",
                                 "--closes", "2026-01-31"])
    assert result.exit_code == 0, result.output
    wave = db.session.scalar(select(Wave))
    assert f"/staff/{wave.token}/" in result.output
    _closed_wave(orgs[0], {"2": 3, "3": 20, "4": 15})
    out = tmp_path / "sv.csv"
    result = runner.invoke(args=["export", "staff-voice", "--org", "RA1", "--format", "csv",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Not shown" in text and ",3," not in text.split("\n")[1]
    assert "fewer than" not in text
    result = runner.invoke(args=["export", "staff-voice", "--system", "QZ9", "-o", str(out)])
    assert result.exit_code == 0, result.output
