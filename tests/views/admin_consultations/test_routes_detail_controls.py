"""A consultation's admin page offers only the state changes that make sense now, and its date
hints give examples ahead of today (a fixed "For example, 28 2 2020" was years in the past)."""

from __future__ import annotations

from datetime import date

from freezegun import freeze_time

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db

BASE = "/admin/consultations/framework_review/"


def forms_on(page: str) -> set[str]:
    return {name for name in ("open", "close", "schedule") if f'/{name}" novalidate' in page}


@freeze_time("2027-05-10 09:00:00")
def test_a_closed_consultation_can_be_reopened_or_rescheduled_not_closed(client_for):
    client, _ = client_for("admin")
    page = client.get(BASE).get_data(as_text=True)  # its schedule ended in 2020
    assert forms_on(page) == {"open", "schedule"}
    assert "Reopen now" in page and "Close now" not in page
    # Nothing to keep: it says so, and every example date lies ahead of today
    assert "Leave it empty to keep it open until you close it. For example, 7 6 2027" in page
    assert "Open from the start of this day (UK time). For example, 17 5 2027" in page
    assert "Open until the end of this day (UK time). For example, 14 6 2027" in page


@freeze_time("2027-05-10 09:00:00")
def test_an_open_consultation_can_be_closed_or_rescheduled_not_opened(client_for):
    client, _ = client_for("admin")
    c.open_now(get_survey("framework_review"))
    db.session.commit()
    page = client.get(BASE).get_data(as_text=True)
    assert forms_on(page) == {"close", "schedule"}
    assert "Open now" not in page and "Reopen now" not in page


@freeze_time("2027-05-10 09:00:00")
def test_a_forthcoming_consultation_offers_all_three(client_for):
    client, _ = client_for("admin")
    c.reschedule(get_survey("framework_review"), date(2027, 6, 1), date(2027, 6, 30))
    db.session.commit()
    page = client.get(BASE).get_data(as_text=True)
    assert forms_on(page) == {"open", "close", "schedule"}
    assert "Open now" in page and "It keeps the close date it has, shown here" in page


@freeze_time("2027-05-10 09:00:00")
def test_a_change_sent_back_with_an_error_is_shown_whatever_the_state(client_for):
    client, _ = client_for("admin")
    page = client.post(f"{BASE}close", data={"reason": " "})  # closing a closed one, no reason
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "Enter why you are closing it now" in html
    assert "close" in forms_on(html)


@freeze_time("2027-05-10 09:00:00")
def test_the_launch_page_gives_an_opening_date_ahead_of_today(client_for):
    client, _ = client_for("org_lead")
    page = client.get("/staff-voice/launch").get_data(as_text=True)
    assert "For example, 17 5 2027" in page
