"""Retention of free text: a definition may say `retention: {free_text_days: N}`; N whole days
after the survey closed, its free-text answers (text and textarea questions) are removed.

Choice answers, the response rows and the staff-voice counts stay, so results and aggregates do
not change; redactions (which quote passages of free text) and unfinished drafts of the survey go
too. Every removal is written to the audit log with what was removed. Drafts of any survey left
untouched past their keeping time (60 days) go as well, whatever the survey's retention.

A staff-voice response's submission key is kept only for the retry window (KEY_DAYS): once
that has passed it is overwritten, so nothing a respondent's browser held (its session, the
check page) matches anything stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, delete, func, or_, select, update

from app import definitions
from app.consultations import CLOSED, status_of
from app.extensions import db
from app.kept_forms import KEEP_HOURS
from app.models import (
    AuditEvent,
    ConsultationResponse,
    Redaction,
    Response,
    SurveyDraft,
    answers_table,
    record,
)
from app.models.kept import KeptForm
from app.models.staff_voice import Wave, WaveState
from app.runner.drafts import KEEP_DAYS
from app.surveys import Survey

# A retry of a send (a double click, a browser resending, a stale session cookie played back)
# must meet the stored key. The session holding the answers and the key is accepted for at
# most SESSION_MAX_HOURS (12) after it was written, so keys are kept until the response is
# at least a whole day old: sent on a day before yesterday (London).
KEY_DAYS = 1
FORGOTTEN = "forgotten:"  # + the response's id: unique, and it says what happened


@dataclass
class Plan:
    """Free text due for removal in one closed survey (a consultation, or one staff-voice wave)."""

    survey_id: str
    wave_id: int | None
    closed_on: date
    days: int
    keys: tuple[str, ...]
    answers: int = 0
    redactions: int = 0
    names: int = 0
    drafts: int = 0

    @property
    def target(self) -> str:
        return f"{self.survey_id} wave {self.wave_id}" if self.wave_id else self.survey_id

    @property
    def removes_anything(self) -> bool:
        return bool(self.answers or self.redactions or self.names or self.drafts)


def free_text_keys(survey: Survey) -> tuple[str, ...]:
    return tuple(key for q in survey.questions() if q.kind.is_free_text
                 for key in q.answer_keys())


def is_due(closed_on: date, days: int, today: date) -> bool:
    """Kept for `days` whole days after the close day, removed on the day after that."""
    return today > closed_on + timedelta(days=days)


def _consultation_plans(today: date) -> list[Plan]:
    plans = []
    survey_ids = db.session.scalars(select(Response.survey_id).distinct()
                                    .where(Response.wave_id.is_(None))).all()
    for survey_id in sorted(survey_ids):
        survey = definitions.latest(survey_id)
        if survey is None or survey.kind != "consultation" or not survey.retention.free_text_days:
            continue
        status = status_of(survey)
        if status.state != CLOSED or status.closes is None:
            continue
        days = survey.retention.free_text_days
        if is_due(status.closes, days, today):
            plans.append(Plan(survey_id, None, status.closes, days, free_text_keys(survey)))
    return plans


def _wave_plans(today: date) -> list[Plan]:
    plans = []
    # Counted from the day the wave stopped taking responses, which a lead may bring forward.
    for wave in db.session.scalars(select(Wave).where(or_(
            Wave.closes_on < today, Wave.closed_early_on < today)).order_by(Wave.id)):
        survey = definitions.for_wave(wave)
        days = survey.retention.free_text_days
        if days and wave.state(today) is WaveState.CLOSED and is_due(wave.last_day, days, today):
            plans.append(Plan(survey.id, wave.id, wave.last_day, days, free_text_keys(survey)))
    return plans


def _response_ids(plan: Plan):
    query = select(Response.id).where(Response.survey_id == plan.survey_id)
    if plan.wave_id is None:
        return query.where(Response.wave_id.is_(None))
    return query.where(Response.wave_id == plan.wave_id)


def _measure(plan: Plan) -> None:
    ids = _response_ids(plan)
    answers = answers_table.c
    plan.answers = db.session.scalar(select(func.count()).select_from(answers_table).where(
        answers.response_id.in_(ids), answers.question_id.in_(plan.keys))) if plan.keys else 0
    if plan.wave_id is None:
        plan.redactions = db.session.scalar(select(func.count(Redaction.id)).where(
            Redaction.response_id.in_(ids)))
        plan.names = db.session.scalar(select(func.count()).where(
            ConsultationResponse.survey_id == plan.survey_id,
            ConsultationResponse.respondent_name.is_not(None))) if "respondent_name" in \
            plan.keys else 0
        # Unfinished answers can never be sent now; they are free text like any other.
        plan.drafts = db.session.scalar(select(func.count(SurveyDraft.id)).where(
            SurveyDraft.survey_id == plan.survey_id))


def _remove(plan: Plan) -> None:
    ids = _response_ids(plan)
    if plan.keys:
        db.session.execute(delete(answers_table).where(
            answers_table.c.response_id.in_(ids), answers_table.c.question_id.in_(plan.keys)))
    if plan.wave_id is None:
        db.session.execute(delete(Redaction).where(Redaction.response_id.in_(ids)))
        if plan.names:
            db.session.execute(update(ConsultationResponse)
                               .where(ConsultationResponse.survey_id == plan.survey_id)
                               .values(respondent_name=None))
        db.session.execute(delete(SurveyDraft).where(SurveyDraft.survey_id == plan.survey_id))


def plans_due(today: date) -> list[Plan]:
    """Every closed survey whose free text is due for removal, measured (nothing removed)."""
    plans = _consultation_plans(today) + _wave_plans(today)
    for plan in plans:
        _measure(plan)
    return plans


def _expiring():
    """What expires by age alone: (column dated, how long it is kept, audit action, detail)."""
    return {
        # Unfinished answers nobody has touched for KEEP_DAYS: their resume code no longer
        # works (app.runner.drafts.find), so they can never be sent and only hold free text.
        "drafts": (SurveyDraft.updated_at, timedelta(days=KEEP_DAYS), "expired_drafts_removed",
                   {"kept_days": KEEP_DAYS}),
        # Forms kept when a session ended (app.kept_forms): no longer offered after KEEP_HOURS.
        "kept_forms": (KeptForm.created_at, timedelta(hours=KEEP_HOURS),
                       "expired_kept_forms_removed", {"kept_hours": KEEP_HOURS}),
    }


def expired(kind: str, now: datetime) -> int:
    column, kept_for, _action, _detail = _expiring()[kind]
    return db.session.scalar(select(func.count()).where(column < now - kept_for))


def remove_expired(kind: str, now: datetime, actor="system") -> int:
    """Delete what has expired of this kind and audit how many went; commits."""
    column, kept_for, action, detail = _expiring()[kind]
    removed = expired(kind, now)
    if removed:
        db.session.execute(delete(column.table).where(column < now - kept_for))
        record(action, kind, actor=actor, **{f"{kind}_removed": removed}, **detail)
        db.session.commit()
    return removed


RUN = "retention_run"  # audited at every run, so admins can see when it last ran
OVERDUE = timedelta(days=2)  # the admin dashboard warns when retention has not run for this long


def last_run() -> datetime | None:
    return db.session.scalar(select(func.max(AuditEvent.at)).where(AuditEvent.action == RUN))


def overdue(now: datetime) -> bool:
    """Whether retention has not run for OVERDUE (or ever)."""
    ran = last_run()
    return ran is None or now - ran > OVERDUE


def apply(today: date, dry_run: bool = False, actor="system") -> list[Plan]:
    """Remove the free text that is due and audit each removal; commits unless dry_run."""
    plans = plans_due(today)
    if dry_run:
        return plans
    record(RUN, "retention", actor=actor, due=sum(p.removes_anything for p in plans))
    for plan in plans:
        if not plan.removes_anything:
            continue
        _remove(plan)
        record("retention_applied", plan.target, actor=actor, survey=plan.survey_id,
               wave=plan.wave_id, closed_on=plan.closed_on.isoformat(),
               free_text_days=plan.days, questions=list(plan.keys),
               answers_removed=plan.answers, redactions_removed=plan.redactions,
               names_removed=plan.names, drafts_removed=plan.drafts)
    db.session.commit()
    return plans


def _keys_due(today: date):
    """Staff-voice responses (the ones with a wave) whose key has outlived the retry window."""
    return (Response.wave_id.is_not(None),
            Response.submitted_on < today - timedelta(days=KEY_DAYS),
            ~Response.idempotency_key.startswith(FORGOTTEN))


def forget_submission_keys(today: date, dry_run: bool = False, actor="system") -> int:
    """Overwrite the submission keys of staff-voice responses sent before the retry window,
    and audit how many; commits unless dry_run. Returns how many (would be) forgotten."""
    due = db.session.scalar(select(func.count()).select_from(Response).where(*_keys_due(today)))
    if due and not dry_run:
        db.session.execute(update(Response).where(*_keys_due(today)).values(
            idempotency_key=FORGOTTEN + cast(Response.id, String)))
        record("submission_keys_forgotten", "staff_voice", actor=actor, keys_forgotten=due,
               kept_days=KEY_DAYS)
        db.session.commit()
    return due
