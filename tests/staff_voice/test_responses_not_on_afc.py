"""Staff not on Agenda for Change (issue 18): a care worker at a GP practice answers the Band 2-4
survey through its pages and is counted in the Band 2-4-equivalent group, shown once the group
reaches the minimum size and hidden below it; someone in another role off Agenda for Change is
outside the audience, as Band 5 and above are."""

from __future__ import annotations

import secrets
from dataclasses import replace

import pytest
from flask import render_template
from sqlalchemy import select

from app.analysis.results import wave_results
from app.extensions import db
from app.models.staff_voice import BandCount, Wave
from app.staff_voice.closing import close_now
from app.staff_voice.responses import OutsideAudience, record_submission
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4, NOT_ON_AFC_OTHER
from tests.support.dbutil import count
from tests.support.staff_voice import for_wave, open_wave, page_answers, respond, today

EQUIVALENT, OTHER = NOT_ON_AFC_BANDS_2_4, NOT_ON_AFC_OTHER


def _counted(wave) -> dict[str, int]:
    return dict(db.session.execute(select(BandCount.band, BandCount.n)
                                   .where(BandCount.wave_id == wave.id)).all())


def _add(wave, band: str, n: int) -> None:
    """n more responses in `band`, with the answers the pages send (day shifts)."""
    survey = for_wave(wave)
    answers = {k: v for _, page in page_answers(band, shift="days") for k, v in page.items()}
    for _ in range(n):
        record_submission(wave, survey, answers, secrets.token_hex(8), today())
    db.session.commit()


def _respondents(wave) -> dict[str, int | None]:
    results = wave_results(wave, for_wave(wave), today())
    return {cell.label: cell.n for cell in results.respondents}


def test_a_care_worker_off_agenda_for_change_answers_and_is_counted_in_their_group(
        client, orgs, make_user, sign_in):
    practice = orgs[1]
    wave = open_wave(practice)
    wave.headcounts = '{"not_afc_2_4": 44}'
    db.session.commit()
    client.get(f"/staff/{wave.token}/begin")
    band_page = client.get(f"/staff/{wave.token}/questions/your_band")
    assert EQUIVALENT.choice in band_page.text and OTHER.choice in band_page.text

    done = respond(client, wave, band=EQUIVALENT.value, shift="days")
    assert done.status_code == 302 and done.location.endswith("/thank-you")
    assert _counted(wave) == {EQUIVALENT.value: 1}

    _add(wave, EQUIVALENT.value, 10)  # eleven in all: the minimum group size
    close_now(wave, "test")
    shown = _respondents(wave)
    assert shown[EQUIVALENT.label] == 11 and shown["All bands"] == 11
    results = wave_results(wave, for_wave(wave), today())
    group = next(c for c in results.respondents if c.label == EQUIVALENT.label)
    assert group.rate == 25  # 11 of the 44 staff the lead gave
    # what they said is counted in their group, for every question
    break_space = next(q for q in results.questions if q.question.id == "break_space")
    assert next(c for c in break_space.cells if c.label == EQUIVALENT.label).n == 11

    sign_in(make_user("org_lead", org=practice))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert EQUIVALENT.label in page


def test_a_group_under_the_minimum_is_hidden_and_not_left_to_subtraction(orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    _add(wave, "2", 15)
    _add(wave, "3", 20)
    _add(wave, "4", 13)
    _add(wave, EQUIVALENT.value, 10)
    close_now(wave, "test")
    shown = _respondents(wave)
    assert shown[EQUIVALENT.label] is None
    bands = ["Band 2", "Band 3", "Band 4"]
    # "All bands" minus the bands shown must not be the hidden group alone
    assert shown["All bands"] is None or any(shown[b] is None for b in bands)


def test_someone_in_another_role_off_agenda_for_change_is_outside_the_audience(client, orgs):
    wave = open_wave(orgs[1])
    db.session.commit()
    client.get(f"/staff/{wave.token}/begin")
    page = client.post(f"/staff/{wave.token}/questions/your_band",
                       data={"band": OTHER.value, "action": "continue"})
    assert page.status_code == 200 and "This survey is for other staff" in page.text
    assert "similar roles" in page.text and "not on Agenda for Change" in page.text
    assert count("responses") == 0 and count("survey_drafts") == 0
    with pytest.raises(OutsideAudience):
        record_submission(wave, for_wave(wave), {"band": OTHER.value, "shift_pattern": "days"},
                          secrets.token_hex(8), today())
    db.session.rollback()
    assert count("responses") == 0 and count("staff_voice_respondents") == 0


def test_without_its_own_message_the_outside_page_names_each_group_in_words(app, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    survey = replace(for_wave(wave), outside_audience_message=None)
    with app.test_request_context():
        html = render_template("staff_respond/outside.html", wave=wave, survey=survey)
    assert ("for staff in Band 2, Band 3, Band 4 and Band 2\u20134 equivalent (not on Agenda "
            "for Change).") in html
    assert "Band not_afc" not in html


def test_a_lead_can_give_how_many_staff_are_off_agenda_for_change(client, make_user, sign_in,
                                                                 orgs):
    sign_in(make_user("org_lead", org=orgs[1]))
    start = today()
    launched = client.post("/staff-voice/launch", data={
        "organisation_id": str(orgs[1].id), "survey_id": "staff_voice_bands_2_4",
        "opens-day": start.day, "opens-month": start.month, "opens-year": start.year,
        "closes-day": start.day, "closes-month": start.month, "closes-year": start.year,
        "access": "link", "headcount_3": "12", "headcount_not_afc_2_4": "30"})
    assert launched.status_code == 302, launched.text
    wave = db.session.scalar(select(Wave))
    assert wave.headcounts == '{"3": 12, "not_afc_2_4": 30}'
    bad = client.post("/staff-voice/launch", data={
        "organisation_id": str(orgs[1].id), "survey_id": "staff_voice_bands_2_4",
        "opens-day": start.day, "opens-month": start.month, "opens-year": start.year,
        "closes-day": start.day, "closes-month": start.month, "closes-year": start.year,
        "access": "link", "headcount_not_afc_2_4": "thirty"})
    assert bad.status_code == 422 and "nhsuk-error-summary" in bad.text
