"""Retention: free text goes N days after its survey closed (frozen clock); choice answers,
counts and results stay, and the audit log says what was removed."""

from __future__ import annotations

import re
from datetime import date, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from app import retention
from app.extensions import db
from app.models import AuditEvent, ConsultationResponse, Redaction, answers_table
from app.models.staff_voice import AnswerCount
from tests.support.dbutil import count
from tests.support.framework_review import BASE, answer_all
from tests.support.staff_voice import open_wave, respond

REVIEW_CLOSES = date(2020, 3, 23)  # framework_review: closes 2020-03-23, keeps free text 730 days
FREE_TEXT = {"organisation_name", "role", "what_helped", "what_was_missing",
             "suggested_additions", "respondent_name"}


def stored_questions() -> set[str]:
    return set(db.session.scalars(select(answers_table.c.question_id)))


def retention_events() -> int:
    return len(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "retention_applied")).all())


def submit_review(client) -> None:
    with freeze_time("2020-03-10 12:00:00"):
        html = answer_all(client).get_data(as_text=True)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        assert client.post(f"{BASE}/check-your-answers",
                           data={"submission_key": key}).status_code == 302


def test_consultation_free_text_is_kept_until_due_then_removed_and_audited(client, runner):
    submit_review(client)
    response_id = db.session.scalar(select(ConsultationResponse.response_id))
    db.session.add(Redaction(response_id=response_id, question_id="what_helped",
                             passage="checklist", reason="test", created_by="a@example.nhs.uk"))
    db.session.commit()
    before = stored_questions()
    assert {"what_helped", "respondent_name", "used_framework", "how_used"} <= before

    last_kept_day = REVIEW_CLOSES + timedelta(days=730)
    with freeze_time(f"{last_kept_day} 23:00:00"):
        result = runner.invoke(args=["retention", "apply"])
        assert "No free text is due" in result.output
    assert stored_questions() == before

    with freeze_time(f"{last_kept_day + timedelta(days=1)} 09:00:00"):
        dry = runner.invoke(args=["retention", "apply", "--dry-run"])
        assert "Would remove 5 free-text answers, 1 redactions, 1 names" in dry.output, dry.output
        assert stored_questions() == before and retention_events() == 0
        result = runner.invoke(args=["retention", "apply"])
        assert "Removed 5 free-text answers" in result.output, result.output

    db.session.expire_all()
    left = stored_questions()
    assert not left & FREE_TEXT
    assert left == before - FREE_TEXT  # every choice answer is still there
    assert count("responses") == 1 and count("consultation_redactions") == 0
    assert db.session.scalar(select(ConsultationResponse.respondent_name)) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retention_applied"))
    assert event.target == "framework_review"
    assert event.detail_dict["answers_removed"] == 5
    assert event.detail_dict["redactions_removed"] == 1
    assert set(event.detail_dict["questions"]) == FREE_TEXT

    # A second run finds nothing and records nothing more.
    with freeze_time(f"{last_kept_day + timedelta(days=2)} 09:00:00"):
        runner.invoke(args=["retention", "apply"])
    assert retention_events() == 1


def test_staff_voice_wave_comments_go_counts_stay(app, client, orgs):
    with freeze_time("2026-05-01 12:00:00"):
        wave = open_wave(orgs[0], days_left=10)
        db.session.commit()
        for _ in range(3):
            assert respond(app.test_client(), wave, comment="Quiet room please").status_code == 302
        other = open_wave(orgs[1], days_left=400)
        db.session.commit()
        respond(app.test_client(), other, comment="Still open")
    counts_before = {(c.question_id, c.value, c.n) for c in db.session.scalars(
        select(AnswerCount).where(AnswerCount.wave_id == wave.id))}
    closes = wave.closes_on
    with freeze_time(f"{closes + timedelta(days=365)} 12:00:00"):
        assert retention.apply(date.today()) == []
    with freeze_time(f"{closes + timedelta(days=366)} 12:00:00"):
        plans = retention.apply(date.today())
    assert [(p.wave_id, p.answers) for p in plans] == [(wave.id, 3)]
    values = set(db.session.scalars(select(answers_table.c.value)))
    assert "Quiet room please" not in values and "Still open" in values  # other wave still open
    counts_after = {(c.question_id, c.value, c.n) for c in db.session.scalars(
        select(AnswerCount).where(AnswerCount.wave_id == wave.id))}
    assert counts_after == counts_before
    assert count("responses") == 4
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retention_applied"))
    assert event.target == f"staff_voice_bands_2_4 wave {wave.id}"


def test_drafts_untouched_past_their_keeping_time_are_removed_and_audited(app, runner):
    """Unfinished answers nobody can resume any more (KEEP_DAYS) go, whatever the survey; a
    draft touched within the time stays."""
    from app.models import SurveyDraft
    from app.models.base import utcnow
    from app.runner.drafts import KEEP_DAYS

    now = utcnow()
    for code, age in (("OLD1", KEEP_DAYS + 1), ("OLD2", KEEP_DAYS + 30), ("NEW1", KEEP_DAYS - 1)):
        db.session.add(SurveyDraft(code=code, survey_id="framework_review", answers="{}",
                                   submission_key=code, updated_at=now - timedelta(days=age)))
    db.session.commit()

    dry = runner.invoke(args=["retention", "apply", "--dry-run"])
    assert f"Would remove 2 unfinished drafts left untouched for {KEEP_DAYS} days" in dry.output
    assert count("survey_drafts") == 3
    result = runner.invoke(args=["retention", "apply"])
    assert f"Removed 2 unfinished drafts left untouched for {KEEP_DAYS} days" in result.output
    db.session.expire_all()
    assert db.session.scalars(select(SurveyDraft.code)).all() == ["NEW1"]
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "expired_drafts_removed"))
    assert event.detail_dict["drafts_removed"] == 2
    assert "Removed 0 unfinished drafts" in runner.invoke(args=["retention", "apply"]).output


def test_kept_forms_past_their_keeping_time_are_removed_and_audited(app, runner, make_user):
    """A form kept when a session ended is offered for KEEP_HOURS; after that it is removed
    even if its owner never signs in again."""
    import json

    from app.kept_forms import KEEP_HOURS
    from app.models.base import utcnow
    from app.models.kept import KeptForm

    user, now = make_user("org_lead"), utcnow()
    for token, hours in (("old", KEEP_HOURS + 1), ("new", KEEP_HOURS - 1)):
        db.session.add(KeptForm(token=token, user_id=user.id, path="/diagnostic/",
                                fields=json.dumps([["gaps", "Typed"]]),
                                created_at=now - timedelta(hours=hours)))
    db.session.commit()
    dry = runner.invoke(args=["retention", "apply", "--dry-run"])
    assert f"Would remove 1 forms kept when a session ended, over {KEEP_HOURS}" in dry.output
    assert count("kept_forms") == 2
    result = runner.invoke(args=["retention", "apply"])
    assert "Removed 1 forms kept when a session ended" in result.output
    db.session.expire_all()
    assert db.session.scalars(select(KeptForm.token)).all() == ["new"]
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "expired_kept_forms_removed"))
    assert event.detail_dict["kept_forms_removed"] == 1


def test_a_published_response_left_without_words_shows_no_empty_card(client, runner):
    submit_review(client)
    row = db.session.scalar(select(ConsultationResponse))
    row.published_at = row.submitted_at
    db.session.commit()
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "Published responses" in page and page.count("nhsuk-card__heading") == 1
    with freeze_time(f"{REVIEW_CLOSES + timedelta(days=731)} 09:00:00"):
        assert runner.invoke(args=["retention", "apply"]).exit_code == 0
    db.session.expire_all()
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert page.count("nhsuk-card__heading") == 0 and "Published responses" not in page


def test_admins_are_warned_when_retention_has_not_run_for_two_days(client, runner, make_user,
                                                                   sign_in):
    sign_in(make_user("admin"))
    page = client.get("/admin/").text
    assert "Retention has not run for over 2 days" in page and "It has never run here." in page
    assert runner.invoke(args=["retention", "apply", "--dry-run"]).exit_code == 0
    assert "Retention has not run" in client.get("/admin/").text  # a dry run removes nothing
    assert runner.invoke(args=["retention", "apply"]).exit_code == 0
    assert "Retention has not run" not in client.get("/admin/").text
    ran = retention.last_run()
    assert not retention.overdue(ran + timedelta(days=2))
    assert retention.overdue(ran + timedelta(days=2, minutes=1))
