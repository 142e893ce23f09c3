"""R3: one organisation's results, diagnostic and downloads are refused to another organisation's
leads, and one ICS's pages to another ICS's lead. Routes are enumerated from the URL map, so a new
route with an organisation, system, wave or assessment in its address is covered (or the test
says what value to try for its new argument)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app import definitions
from app.clock import today
from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, AuditEvent, Organisation, System
from app.models.ics import AnalystTag
from app.staff_voice.waves import launch
from tests.support.clients import signed_in_client

ITEM = "ph_mental_health_offer"
# Blueprints whose pages belong to one organisation or one system. Admin-only and public
# blueprints are covered by the role table in tests/views/test_access.py.
SCOPED = ("staff_voice", "diagnostic", "ics", "ics_themes")


@pytest.fixture
def world(app, orgs, system, make_user):
    """Organisation RA1 (in QZ9) with a wave, an assessment with an action, a QZ9 tag; and the
    people who must not see them: RB2's leads (same ICS) and the lead of another ICS."""
    other = System(code="QY8", name="Other ICS")
    far = Organisation(code="RC3", name="Far Trust", type="trust", system=other)
    db.session.add_all([other, far])
    wave = launch(orgs[0], "staff_voice_bands_2_4", today() - timedelta(days=20),
                  today() - timedelta(days=1))
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.flush()
    action = Action(assessment_id=assessment.id, item_id=ITEM, what="Clinic", owner="",
                    due=date(2027, 1, 1), status="not_started")
    tag = AnalystTag(system_id=system.id, name="Rest")
    db.session.add_all([action, tag])
    db.session.commit()
    element = next(iter(cycles_survey_elements(assessment)))
    values = {
        ("staff_voice", "wave_id"): wave.id, ("staff_voice", "system_id"): system.id,
        ("staff_voice", "question_id"): "what_would_help",
        ("diagnostic", "assessment_id"): assessment.id, ("diagnostic", "element_id"): element,
        ("diagnostic", "item_id"): ITEM, ("diagnostic", "action_id"): action.id,
        ("diagnostic", "code"): orgs[0].code, ("diagnostic", "system_code"): system.code,
        ("ics", "code"): system.code, ("ics", "tag_id"): tag.id,
        ("diagnostic", "kind"): "csv", ("ics_themes", "code"): system.code,
        ("ics_themes", "theme_id"): 1,
    }
    outsiders = {
        "org_lead of RB2": ("org_lead", "lead-b@example.nhs.uk", orgs[1]),
        "contributor of RB2": ("contributor", "contrib-b@example.nhs.uk", orgs[1]),
        "org_lead of RC3": ("org_lead", "lead-c@example.nhs.uk", far),
        "ics_lead of QY8": ("ics_lead", "ics-y@example.nhs.uk", None),
    }
    people = {}
    for label, (role, email, org) in outsiders.items():
        user = make_user(role, email=email, org=org)
        if role == "ics_lead":
            user.system = other
            db.session.commit()
        people[label] = user
    return values, people


def cycles_survey_elements(assessment):
    return [e.id for e in definitions.for_assessment(assessment).elements]


def scoped_rules(app):
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        if blueprint in SCOPED and rule.arguments:
            yield blueprint, rule


def fill(blueprint, rule, values) -> str:
    missing = [a for a in rule.arguments if (blueprint, a) not in values]
    assert not missing, (f"{rule.rule}: new argument(s) {missing}; add a value for them to "
                         "tests/security/test_cross_org.py so the route is checked")
    return rule.build({a: values[(blueprint, a)] for a in rule.arguments})[1]


def test_every_scoped_route_refuses_other_organisations_and_systems(app, world):
    values, people = world
    rules = list(scoped_rules(app))
    assert len(rules) >= 25  # waves, systems, assessments, organisations, ICS pages
    wrong = []
    for label, user in people.items():
        client = signed_in_client(app, user.email)
        for blueprint, rule in rules:
            url = fill(blueprint, rule, values)
            if blueprint == "staff_voice" and rule.endpoint.startswith("staff_voice.system_"):
                url += "?survey=staff_voice_bands_2_4"
            for method in sorted(rule.methods & {"GET", "POST"}):
                response = client.open(url, method=method)
                if response.status_code not in (403, 404):
                    wrong.append(f"{label}: {method} {url} -> {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_the_owners_can_see_them_and_the_look_is_audited(app, world, client_for, orgs, system):
    """The same addresses answer the organisation's own lead and its ICS lead (so the refusals
    above are about who is asking), and each look at results is in the audit log."""
    values, _ = world
    lead, _ = client_for("org_lead", "lead-a@example.nhs.uk", orgs[0])
    ics_lead, _ = client_for("ics_lead", "ics-z@example.nhs.uk")
    wave, assessment = values[("staff_voice", "wave_id")], values[("diagnostic", "assessment_id")]
    for client in (lead, ics_lead):
        assert client.get(f"/staff-voice/waves/{wave}/results").status_code == 200
        assert client.get(f"/diagnostic/a/{assessment}").status_code == 200
        assert client.get(f"/diagnostic/a/{assessment}/report.pdf").status_code == 200
    assert ics_lead.get(f"/ics/{system.code}/").status_code == 200
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    seen = {(e.actor, e.action, e.target) for e in events}
    assert ("lead-a@example.nhs.uk", "staff_voice_results_viewed", "RA1") in seen
    assert ("ics-z@example.nhs.uk", "staff_voice_results_viewed", "RA1") in seen
    assert ("ics-z@example.nhs.uk", "ics_page_viewed", "QZ9") in seen
    assert ("ics-z@example.nhs.uk", "diagnostic_report_downloaded", "RA1") in seen
