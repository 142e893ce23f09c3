"""Per-object rules: own organisation only, contributors only their elements, ICS leads read."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import ElementAssignment, Organisation, PlanStep, System


def test_contributor_edits_only_assigned_elements(client_for, assessment, orgs):
    client, contributor = client_for("contributor")
    db.session.add(ElementAssignment(organisation_id=orgs[0].id, element_id="relationships",
                                     user_id=contributor.id))
    db.session.commit()
    base = f"/diagnostic/a/{assessment.id}"
    assigned_item = _first_item("relationships")
    other_item = _first_item("environment")
    assert client.get(f"{base}/item/{assigned_item}").status_code == 200
    assert client.post(f"{base}/item/{assigned_item}",
                       data={"version": "0", "rating": "3"}).status_code == 302
    assert client.get(f"{base}/item/{other_item}").status_code == 403
    assert client.post(f"{base}/item/{other_item}",
                       data={"version": "0", "rating": "3"}).status_code == 403
    assert client.get(f"{base}/element/environment").status_code == 200  # may read
    assert client.get(f"{base}/element/environment/discussion").status_code == 403
    assert client.get("/diagnostic/org/RA1/new").status_code == 403
    assert client.get("/diagnostic/org/RA1/assignments").status_code == 403
    assert client.get(f"{base}/import").status_code == 403


def test_org_lead_assigns_elements_to_a_contributor(client_for, orgs, make_user):
    client, _ = client_for("org_lead")
    contributor = make_user("contributor", email="c2@example.nhs.uk")
    page = client.get("/diagnostic/org/RA1/assignments").get_data(as_text=True)
    assert "c2@example.nhs.uk" in page
    response = client.post("/diagnostic/org/RA1/assignments",
                           data={"el_environment": [str(contributor.id)]})
    assert response.status_code == 302
    rows = db.session.scalars(select(ElementAssignment)).all()
    assert [(r.element_id, r.user_id) for r in rows] == [("environment", contributor.id)]


def test_another_organisations_lead_is_refused(client_for, assessment, orgs):
    client, _ = client_for("org_lead", email="other.lead@example.nhs.uk", org=orgs[1])
    base = f"/diagnostic/a/{assessment.id}"
    for url in (base, f"{base}/element/environment", f"{base}/item/{_first_item('environment')}",
                f"{base}/report.pdf", f"{base}/workbook.xlsx", "/diagnostic/org/RA1"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{base}/item/{_first_item('environment')}",
                       data={"version": "0", "rating": "1"}).status_code == 403


def test_ics_lead_reads_their_system_and_sets_the_plan(client_for, assessment, system):
    client, _ = client_for("ics_lead")
    base = f"/diagnostic/a/{assessment.id}"
    index = client.get("/diagnostic/").get_data(as_text=True)
    assert "Trust A" in index and "Practice B" in index
    assert client.get(f"{base}/element/environment").status_code == 200
    assert client.get(f"{base}/item/{_first_item('environment')}").status_code == 403
    assert client.get(f"{base}/report.pdf").status_code == 200

    form = client.get("/diagnostic/plan/QZ9").get_data(as_text=True)
    assert "Staged plan" in form
    data = {}
    for n, element in enumerate(["environment", "data_insights", "relationships",
                                 "improving_personal_health", "fulfilment_at_work",
                                 "managers_and_leaders", "professional_wellbeing_support"]):
        data.update({f"el_{element}-day": "1", f"el_{element}-month": str(n + 1),
                     f"el_{element}-year": "2026"})
        data.update({f"due_{element}-{part}": "" for part in ("day", "month", "year")})
    data["out_of_order"] = "warn"
    assert client.post("/diagnostic/plan/QZ9", data=data).status_code == 302
    steps = db.session.scalars(select(PlanStep).order_by(PlanStep.starts_on)).all()
    assert steps[0].element_id == "environment" and steps[0].starts_on == date(2026, 1, 1)
    # Left empty, each due date is the day before the next element starts.
    assert steps[0].due_on == date(2026, 1, 31) and steps[-1].due_on == date(2026, 7, 31)

    # Org leads now see the plan's order, the environment first.
    lead, _ = client_for("org_lead")
    page = lead.get(base).get_data(as_text=True)
    elements = page.split("<h2>Elements</h2>")[1]
    assert elements.index("Environment") < elements.index("Improving personal health")


def test_plan_is_refused_outside_the_ics_leads_system(client_for, system):
    other = System(code="QY1", name="Other ICS")
    db.session.add(other)
    db.session.add(Organisation(code="RY1", name="Elsewhere", type="trust", system=other))
    db.session.commit()
    ics, _ = client_for("ics_lead")
    assert ics.get("/diagnostic/plan/QY1").status_code == 403
    assert ics.get("/diagnostic/org/RY1").status_code == 403
    lead, _ = client_for("org_lead")
    assert lead.get("/diagnostic/plan/QZ9").status_code == 403


def _first_item(element_id: str) -> str:
    from app import definitions

    return definitions.diagnostic().element(element_id).items()[0].id
