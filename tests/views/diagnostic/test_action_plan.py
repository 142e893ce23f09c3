"""The organisation's action plan (every action of a cycle, overdue first, filtered, as CSV and
XLSX) and the ICS-wide action tracker set against shared gaps."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from openpyxl import load_workbook

from app import clock
from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, ItemAnswer


def _actions(assessment):
    today = clock.today()
    assessment.actions += [
        Action(item_id="ph_mental_health_offer", what="Later clinic", owner="Head of OH",
               due=today + timedelta(days=30), status="in_progress"),
        Action(item_id="ph_trauma_support", what="=Trauma pathway", owner="OH nurse",
               due=today - timedelta(days=3), status="not_started"),
        Action(item_id="ph_trauma_support", what="Long overdue", owner="Head of OH",
               due=today - timedelta(days=40), status="in_progress"),
        Action(item_id="ph_trauma_support", what="Finished", owner="",
               due=today - timedelta(days=90), status="done"),
        Action(item_id="ph_mental_health_offer", what="No date yet", owner="", due=None,
               status="not_started"),
    ]
    db.session.commit()


def _whats(page: str) -> list[str]:
    table = page.split('id="actions-table"')[1].split("</table>")[0]
    order = ["Long overdue", "=Trauma pathway", "Finished", "Later clinic", "No date yet"]
    return sorted((w for w in order if w in table), key=table.index)


def test_overdue_first_then_by_due_date_with_filters(client_for, assessment):
    _actions(assessment)
    client, _ = client_for("contributor")
    base = f"/diagnostic/a/{assessment.id}/actions"
    page = client.get(base).get_data(as_text=True)
    assert _whats(page) == ["Long overdue", "=Trauma pathway", "Finished", "Later clinic",
                            "No date yet"]
    assert "5 actions, 2 overdue" in page
    assert _whats(client.get(f"{base}?overdue=yes").get_data(as_text=True)) == [
        "Long overdue", "=Trauma pathway"]
    owned = client.get(f"{base}?owner=head+of").get_data(as_text=True)
    assert _whats(owned) == ["Long overdue", "Later clinic"] and "2 of 5 actions match" in owned
    assert _whats(client.get(f"{base}?status=done").get_data(as_text=True)) == ["Finished"]
    nothing = client.get(f"{base}?status=done&owner=nobody").get_data(as_text=True)
    assert "No action matches these filters" in nothing
    # an unknown filter value is ignored, not an error
    assert client.get(f"{base}?status=bogus&element=nope").status_code == 200


def test_downloads_keep_the_filters_and_are_safe_to_open(client_for, assessment):
    _actions(assessment)
    client, _ = client_for("org_lead")
    base = f"/diagnostic/a/{assessment.id}/actions"
    page = client.get(f"{base}?overdue=yes").get_data(as_text=True)
    assert f'href="{base}.csv?overdue=yes"' in page

    response = client.get(f"{base}.csv?overdue=yes")
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Element", "Item", "Action"]
    assert [r[2] for r in rows[1:]] == ["Long overdue", "'=Trauma pathway"]
    assert rows[1][6] == "Yes"

    book = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").data))
    sheet = book["Action plan"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [v[2] for v in values] == ["Long overdue", "'=Trauma pathway", "Finished",
                                      "Later clinic", "No date yet"]
    assert values[0][4].date() == clock.today() - timedelta(days=40)  # a real date cell


def test_the_ics_tracker_sets_actions_against_shared_gaps(client_for, assessment, orgs):
    _actions(assessment)
    # Practice B rates an item low and has no cycle actions; Trust A rates the same element low
    other = cycles.start(orgs[1], "2026 Q1", "full")
    other.answers.append(ItemAnswer(item_id="ph_trauma_support", rating="1", version=1))
    assessment.answers.append(ItemAnswer(item_id="ph_trauma_support", rating="1", version=1))
    db.session.commit()
    ics, _ = client_for("ics_lead")
    page = ics.get("/ics/QZ9/actions").get_data(as_text=True)
    assert "5 actions in all" in page and "2 overdue" in page
    overdue = page.split('id="overdue-actions-table"')[1].split("</table>")[0]
    assert overdue.index("Long overdue") < overdue.index("=Trauma pathway")
    assert "Rated low with no action yet:</strong> Practice B" in page
    assert "&lt;" not in overdue and "=Trauma pathway" in overdue  # text shown as written
