"""Words on pages that read wrongly when looked at (issue 24): two cards called "Consultations"
on an admin's home page, a framework named by its file's id, a closed wave's page asking for
posters, a response rate for all bands said to have no staff numbers when some were given, and
two header links marked current at once."""

from __future__ import annotations

from app.extensions import db
from tests.support.staff_voice import closed_wave, open_wave


def test_an_admins_home_page_tells_the_public_consultations_from_their_own(client_for):
    client, _ = client_for("admin")
    page = client.get("/").get_data(as_text=True)
    assert page.count(">Public consultations<") == 1 and page.count(">Consultations<") == 2
    # (the admin's card and the header's link); the public see one card, as before
    public = client.application.test_client().get("/").get_data(as_text=True)
    assert "Public consultations" not in public and ">Consultations<" in public


def test_an_organisations_cycles_name_their_framework_by_title(client_for, assessment, orgs):
    client, _ = client_for("org_lead")
    page = client.get(f"/diagnostic/org/{orgs[0].code}").get_data(as_text=True)
    assert "NHS Health and Wellbeing Framework diagnostic (2021)" in page
    assert "hwb_diagnostic version" not in page


def test_a_closed_waves_page_leads_to_results_not_posters(client_for, orgs):
    client, _ = client_for("org_lead")
    closed = closed_wave(orgs[0], {"3": 12})
    opened = open_wave(orgs[0])
    db.session.commit()
    page = client.get(f"/staff-voice/waves/{closed.id}").get_data(as_text=True)
    assert page.index("See the results") < page.index("Link for staff")
    assert "on posters" not in page and "now tell staff so" in page
    live = client.get(f"/staff-voice/waves/{opened.id}").get_data(as_text=True)
    assert "on posters" in live and "See the results" not in live


def test_the_all_bands_rate_says_which_staff_numbers_are_missing(client_for, orgs):
    client, _ = client_for("org_lead")
    wave = closed_wave(orgs[0], {"2": 12, "3": 12, "4": 12})
    wave.headcounts = '{"2": 60, "3": 140, "4": 90}'  # none for staff off Agenda for Change
    db.session.commit()
    page = client.get(f"/staff-voice/waves/{wave.id}/results").get_data(as_text=True)
    assert "Staff numbers not given for every band" in page
    assert "No staff numbers given" not in page


def test_one_header_link_is_current_the_closest_to_the_page(client_for):
    client, _ = client_for("admin")
    page = client.get("/admin/consultations/").get_data(as_text=True)
    assert page.count("nhsuk-header__navigation-item--current") == 1  # not "Admin" as well
    current = page.split("nhsuk-header__navigation-item--current", 1)[1][:300]
    assert ">Consultations<" in current
    dashboard = client.get("/admin/").get_data(as_text=True)
    assert dashboard.count("nhsuk-header__navigation-item--current") == 1
    assert ">Admin<" in dashboard.split("nhsuk-header__navigation-item--current", 1)[1][:300]
