"""The admin page that imports NHS Staff Survey theme scores: an upload is stored and listed; a
file with problems is refused with each problem in the NHS.UK error summary and nothing stored;
only admins may see the page or post to it."""

from __future__ import annotations

import io

import pytest

from tests.support.dbutil import count

URL = "/admin/staff-survey/"
HEADER = "Organisation code,Year,Theme,Score,Benchmark-group median\n"


def upload(client, text: str | bytes, name: str = "scores.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(URL, data={"scores": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.fixture
def admin(client_for):
    client, _user = client_for("admin")
    return client


def test_an_admin_imports_a_file_and_sees_it_listed(admin, orgs):
    response = upload(admin, HEADER + "RA1,2025,We are safe and healthy,5.9,6.1\n"
                                      "RA1,2025,Morale,6.2,6.0\n")
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    page = admin.get(URL).get_data(as_text=True)
    assert "Imported 2 theme scores for RA1." in page
    assert "<td class=\"nhsuk-table__cell\">Trust A (RA1)</td>" in page
    assert count("staff_survey_scores") == 2


def test_a_file_with_problems_lists_them_in_the_error_summary_and_stores_nothing(admin, orgs):
    response = upload(admin, HEADER + "RA1,2025,We are safe and healthy,5.9,6.1\n"
                                      "XX9,2025,Morale,=1+1,6.0\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Error: " in page and "nhsuk-error-summary" in page
    assert "Line 3: no organisation has the code &#39;XX9&#39;" in page
    assert "Line 3: the score &#39;=1+1&#39; is not a score from 0 to 10" in page
    assert "The file was not imported: nothing was saved." in page
    assert count("staff_survey_scores") == 0


@pytest.mark.parametrize("name, data, message", [
    ("", b"", "Select a CSV file of theme scores"),
    ("scores.xlsx", b"PK\x03\x04", "The file must be a CSV file (.csv)"),
])
def test_the_file_must_be_chosen_and_be_csv(admin, orgs, name, data, message):
    response = admin.post(URL, data={"scores": (io.BytesIO(data), name)},
                          content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page.split('class="nhsuk-error-summary"')[1].split("</ul>")[0]
    assert 'href="#scores"' in summary and message in summary
    assert 'id="scores-error"' in page


def test_a_post_without_the_file_field_is_a_clear_error(admin, orgs):
    response = admin.post(URL, data={})
    assert response.status_code == 422
    assert "Select a CSV file of theme scores" in response.get_data(as_text=True)


def test_a_file_over_the_upload_limit_gets_the_413_page(admin, app, orgs):
    big = HEADER.encode() + b"x" * app.config["MAX_CONTENT_LENGTH"]
    response = upload(admin, big)
    assert response.status_code == 413
    assert count("staff_survey_scores") == 0


def test_a_file_over_the_import_limit_is_refused_on_the_page(admin, orgs):
    response = upload(admin, HEADER.encode() + b"x" * (1024 * 1024 + 1))
    assert response.status_code == 422
    assert "The file is larger than 1 MB" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["ics_lead", "org_lead", "contributor"])
def test_only_admins_may_import(client_for, orgs, role):
    client, _user = client_for(role)
    assert client.get(URL).status_code == 403
    response = upload(client, HEADER + "RA1,2025,Morale,6.2,6.0\n")
    assert response.status_code == 403
    assert count("staff_survey_scores") == 0


def test_signed_out_visitors_are_sent_to_sign_in(client, orgs):
    response = upload(client, HEADER + "RA1,2025,Morale,6.2,6.0\n")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert count("staff_survey_scores") == 0


def test_the_admin_dashboard_links_to_the_page(admin):
    assert f'href="{URL}"' in admin.get("/admin/").get_data(as_text=True)
