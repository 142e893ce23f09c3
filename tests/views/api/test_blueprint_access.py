"""The API's route × role table: each role's token, on an organisation (RA1) and system (QZ9) it
belongs to, reaches exactly the addresses its pages would show it; refused means 403, or 404
where even saying a thing exists would tell too much. Every API route must be in the table."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import today
from app.diagnostic import cycles
from app.extensions import db
from app.models import Release
from tests.support.clients import token_client
from tests.support.voice_evidence import SHOWN, closed_wave

EVERYONE = {"admin", "ics_lead", "org_lead", "contributor"}
READERS = {"admin", "ics_lead", "org_lead"}
ACCESS = {
    "api.me": EVERYONE, "api.consultations": EVERYONE, "api.consultation": EVERYONE,
    "api.consultation_responses": EVERYONE, "api.consultation_themes": EVERYONE,
    "api.organisation_cycles": EVERYONE, "api.cycle_ratings": EVERYONE,
    "api.cycle_actions": EVERYONE,
    "api.ics_heat_map": {"admin", "ics_lead"}, "api.ics_shared_gaps": {"admin", "ics_lead"},
    "api.ics_plan_progress": {"admin", "ics_lead"},
    "api.ics_evidence_gaps": {"admin", "ics_lead"}, "api.ics_buddying": {"admin", "ics_lead"},
    "api.releases": EVERYONE, "api.release_figures": READERS,
    "api.openapi": EVERYONE, "api.reference": EVERYONE,
}


def test_each_roles_token_reaches_exactly_its_addresses(app, make_user, orgs, system):
    assessment = cycles.start(orgs[0], "2026 Q1")
    db.session.commit()
    closed_wave(orgs[0], today() - timedelta(days=2), SHOWN)
    release = db.session.scalar(select(Release).where(Release.kind == "wave"))
    values = {"survey_id": "framework_review", "code": "RA1", "assessment_id": assessment.id,
              "release_id": release.id}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    assert {r.endpoint for r in rules} == set(ACCESS), "an API route is missing from ACCESS"
    wrong = []
    for role in sorted(EVERYONE):
        client = token_client(app, make_user(role, email=f"api-{role}@example.nhs.uk"))
        for rule in rules:
            url = rule.build({a: values[a] if a != "code" or "/ics/" not in rule.rule
                              else "QZ9" for a in rule.arguments})[1]
            status = client.get(url).status_code
            refused = status in (403, 404)
            if refused == (role in ACCESS[rule.endpoint]) or status >= 500:
                wrong.append(f"{role} GET {url}: {status}")
    assert not wrong, "\n".join(wrong)
