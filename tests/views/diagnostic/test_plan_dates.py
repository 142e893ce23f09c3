"""The staged plan's dates through the pages: due dates set by the ICS lead, overdue elements
flagged to the organisation and on the ICS's plan progress page, and completing an element
ahead of an earlier one warned about or refused, as the ICS chose."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app import clock, definitions
from app.diagnostic import plan
from app.extensions import db
from app.models import AuditEvent, ElementDiscussion, StagedPlan


def _dates(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month),
            f"{prefix}-year": str(day.year)}


def _plan(system, out_of_order="warn", first_due_days_ago=5):
    """Element 1 started 40 days ago and was due `first_due_days_ago` days ago; the rest
    follow a month apart."""
    survey = definitions.diagnostic()
    today = clock.today()
    starts = {e.id: today - timedelta(days=40) + timedelta(days=31 * i)
              for i, e in enumerate(survey.elements)}
    dues = {survey.elements[0].id: today - timedelta(days=first_due_days_ago)}
    plan.save_plan(system, survey.id, starts, dues, out_of_order)
    db.session.commit()
    return survey


def test_the_ics_lead_sets_due_dates_and_a_due_date_before_the_start_is_refused(
        client_for, system):
    client, _ = client_for("ics_lead")
    survey = definitions.diagnostic()
    data = {"out_of_order": "refuse"}
    for n, element in enumerate(survey.elements):
        data |= _dates(f"el_{element.id}", date(2027, n + 1, 1))
        data |= _dates(f"due_{element.id}", date(2027, n + 1, 20))
    first = survey.elements[0]
    wrong = data | _dates(f"due_{first.id}", date(2026, 12, 1))
    refused = client.post(f"/diagnostic/plan/{system.code}", data=wrong)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f"The due date for {first.title} must be on or after its start date" in page
    assert 'value="2027"' in page  # what was typed is still there
    assert db.session.scalar(select(StagedPlan)) is None

    assert client.post(f"/diagnostic/plan/{system.code}", data=data).status_code == 302
    saved = db.session.scalar(select(StagedPlan))
    assert saved.out_of_order == "refuse"
    assert saved.dues()[first.id] == date(2027, 1, 20)
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_plan_saved")).one()
    assert event.detail_dict["dues"][first.id] == "2027-01-20"
    again = client.get(f"/diagnostic/plan/{system.code}").get_data(as_text=True)
    assert 'value="refuse" checked' in again


def test_an_overdue_element_is_flagged_to_the_organisation_and_the_ics(
        client_for, system, assessment):
    survey = _plan(system)
    first = survey.elements[0]
    lead, _ = client_for("org_lead")
    page = lead.get(f"/diagnostic/a/{assessment.id}").get_data(as_text=True)
    overdue = page.split('id="overdue"')[1].split("</div>")[0]
    assert first.title in overdue and survey.elements[1].title not in overdue
    assert "Overdue</strong>" in page

    ics, _ = client_for("ics_lead")
    progress = ics.get(f"/ics/{system.code}/plan-progress").get_data(as_text=True)
    table = progress.split('id="overdue-table"')[1].split("</table>")[0]
    # both organisations, the one without a cycle too, 5 days late
    assert "Trust A" in table and "Practice B" in table and first.title in table
    assert "<td>5</td>" in table

    db.session.add(ElementDiscussion(assessment=assessment, element_id=first.id,
                                     notes="Discussed", held_on=clock.today(), completed=True))
    db.session.commit()
    page = lead.get(f"/diagnostic/a/{assessment.id}").get_data(as_text=True)
    assert 'id="overdue"' not in page
    table = ics.get(f"/ics/{system.code}/plan-progress").get_data(
        as_text=True).split('id="overdue-table"')[1].split("</table>")[0]
    assert "Trust A" not in table and "Practice B" in table


def _complete(client, assessment, element_id):
    return client.post(f"/diagnostic/a/{assessment.id}/element/{element_id}/discussion",
                       data=_dates("held_on", clock.today()) | {
                           "notes": "We talked it through", "decisions": "",
                           "complete": "yes"})


def test_completing_out_of_order_warns_and_is_recorded(client_for, system, assessment):
    survey = _plan(system, "warn")
    first, second = survey.elements[0], survey.elements[1]
    lead, _ = client_for("org_lead")
    form = lead.get(f"/diagnostic/a/{assessment.id}/element/{second.id}/discussion")
    warning = form.get_data(as_text=True).split('id="out-of-order"')[1].split("</div>")[0]
    assert first.title in warning and "You can still mark this element complete" in warning

    saved = _complete(lead, assessment, second.id)
    assert saved.status_code == 302
    followed = lead.get(saved.headers["Location"]).get_data(as_text=True)
    assert f"puts {first.title} before {second.title}" in followed
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_discussion_saved")).one()
    assert event.detail_dict["ahead_of"] == [first.id]

    ics, _ = client_for("ics_lead")
    progress = ics.get(f"/ics/{system.code}/plan-progress").get_data(as_text=True)
    assert "Ahead of an earlier element: Trust A" in progress


def test_completing_out_of_order_is_refused_when_the_ics_says_so(client_for, system,
                                                                   assessment):
    survey = _plan(system, "refuse")
    first, second = survey.elements[0], survey.elements[1]
    lead, _ = client_for("org_lead")
    refused = _complete(lead, assessment, second.id)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f"Complete {first.title} first" in page and "We talked it through" in page
    assert db.session.scalar(select(ElementDiscussion)) is None
    # the record can still be saved, without completing
    kept = lead.post(f"/diagnostic/a/{assessment.id}/element/{second.id}/discussion",
                     data=_dates("held_on", clock.today()) | {
                         "notes": "Started", "decisions": "", "complete": "no"})
    assert kept.status_code == 302
    assert db.session.scalar(select(ElementDiscussion)).completed is False
    # in order, it completes
    assert _complete(lead, assessment, first.id).status_code == 302
    assert _complete(lead, assessment, second.id).status_code == 302
