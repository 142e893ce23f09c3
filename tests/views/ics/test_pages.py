"""The ICS pages: who may see which system, the heat map as a table with words and colour
classes, filters, every section, and the empty state."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import AuditEvent, System


def test_roles_and_own_system_only(hand_built, client_for, make_user):
    other = System(code="QX1", name="Other ICS")
    db.session.add(other)
    db.session.commit()
    lead = client_for("ics_lead")[0]
    assert lead.get("/ics/").headers["Location"].endswith("/ics/QZ9/")
    assert lead.get("/ics/QZ9/").status_code == 200
    assert lead.get("/ics/QX1/").status_code == 403
    assert lead.get("/ics/QX1/report.pdf").status_code == 403
    assert lead.get("/ics/NOPE/").status_code == 404
    admin = client_for("admin")[0]
    assert admin.get("/ics/QX1/").status_code == 200  # nothing to compile, said plainly
    assert "has started the diagnostic yet" in admin.get("/ics/QX1/").text
    assert client_for("org_lead")[0].get("/ics/QZ9/").status_code == 403


def test_heat_map_is_a_table_with_words_and_colour_classes(hand_built, client_for):
    page = client_for("ics_lead")[0].get("/ics/QZ9/").text
    table = re.search(r'<table class="nhsuk-table app-heat-table" id="heat-map">.*?</table>',
                      page, re.S).group(0)
    alpha = re.search(r"<th scope=\"row\">Alpha Trust.*?</tr>", table, re.S).group(0)
    assert re.search(r'class="app-heat app-heat--green"><a href="[^"]+">In place', alpha)
    assert re.search(r'class="app-heat app-heat--red"><a href="[^"]+">Not in place', alpha)
    assert "100%" in alpha
    # each rating opens that organisation's element, and says which, to a screen reader
    link = re.search(r'<a href="(/diagnostic/a/\d+/element/[a-z_]+)">In place<span '
                     r'class="nhsuk-u-visually-hidden">: Alpha Trust, ', alpha)
    client = client_for("ics_lead", email="second.ics@example.nhs.uk")[0]
    assert link and client.get(link.group(1)).status_code == 200
    assert "scrolls sideways" in page
    delta = re.search(r"<th scope=\"row\">Delta Care.*?</tr>", table, re.S).group(0)
    assert "No assessment" in delta
    assert "style=" not in page


def test_filters_narrow_the_heat_map(hand_built, client_for):
    client = client_for("admin")[0]
    trusts = client.get("/ics/QZ9/?type=trust").text
    assert "Alpha Trust" in trusts and "Gamma Practice" not in trusts
    assert 'href="/ics/QZ9/report.pdf?type=trust"' in trusts
    # unknown filter values mean "all", never an error or a query on raw input
    odd = client.get("/ics/QZ9/?type=x'%20OR%201=1--&cycle=nope")
    assert odd.status_code == 200 and "Gamma Practice" in odd.text


@pytest.mark.parametrize("path,expected", [
    ("shared-gaps", "Relationships"), ("consistency", "<svg class=\"app-chart app-spread\""),
    ("evidence-gaps", "Organisations with no staff-survey evidence"),
    ("buddying", "Beta Trust with Alpha Trust"),
    ("plan-progress", "Progress through the elements"), ("themes", "night staff"),
    ("themes/texts", "Gaps and actions"),
])
def test_every_section_shows(hand_built, client_for, path, expected):
    response = client_for("ics_lead")[0].get(f"/ics/QZ9/{path}")
    assert response.status_code == 200
    assert expected in response.text
    assert "style=" not in response.text


def test_consistency_chart_has_a_text_alternative_and_a_table(hand_built, client_for):
    page = client_for("ics_lead")[0].get("/ics/QZ9/consistency").text
    assert re.search(r"<title id=\"consistency-chart-title\">", page)
    assert "<desc id=\"consistency-chart-desc\">Relationships: lowest 1.0, highest 3.0" in page
    assert 'id="consistency-table"' in page


def test_free_text_is_escaped(hand_built, client_for):
    from app.models import ItemAnswer

    answer = db.session.query(ItemAnswer).filter(ItemAnswer.gaps != "").first()
    answer.gaps = "<script>alert(1)</script> night staff"
    db.session.commit()
    page = client_for("ics_lead")[0].get("/ics/QZ9/themes/texts").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_downloads_and_nothing_to_compile(hand_built, client_for):
    client = client_for("ics_lead")[0]
    pdf = client.get("/ics/QZ9/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.mimetype == "application/pdf"
    xlsx = client.get("/ics/QZ9/compilation.xlsx?type=trust")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    dataset = client.get("/ics/QZ9/dataset.db")
    assert dataset.data.startswith(b"SQLite format 3")
    audited = {e.action for e in db.session.query(AuditEvent).filter_by(target="QZ9")}
    assert {"ics_report_downloaded", "ics_xlsx_downloaded", "ics_dataset_downloaded"} <= audited
    db.session.query(System).filter_by(code="QZ9").one()
    empty = System(code="QE1", name="Empty ICS")
    db.session.add(empty)
    db.session.commit()
    admin = client_for("admin")[0]
    response = admin.get("/ics/QE1/report.pdf")
    assert response.status_code == 404 and "No file was made" in response.text
    assert not response.data.startswith(b"%PDF")
