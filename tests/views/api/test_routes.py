"""The read API (app/views/api/): the same access as the pages for each role's token, tables
that page and come as CSV, ETags, and JSON errors with the right status for bad input."""

from __future__ import annotations

import csv
import io

from sqlalchemy import delete

from app.definitions import get_survey
from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, System, answers_table
from tests.support.clients import token_client
from tests.support.consultation_responses import add_response
from tests.support.themes import seed_consultation


def test_each_role_reads_what_its_pages_show_and_no_more(app, make_user, orgs, system):
    found = cycles.start(orgs[0], "2026 Q1")
    found.actions.append(Action(item_id="ph_mental_health_offer", what="=Clinic", owner="OH",
                                status="not_started"))
    other = System(code="QY8", name="Other ICS")
    db.session.add(other)
    db.session.commit()
    lead = token_client(app, make_user("org_lead"))
    neighbour = token_client(app, make_user("org_lead", email="b@example.nhs.uk",
                                             org=orgs[1]))
    ics_lead = token_client(app, make_user("ics_lead"))
    far = make_user("ics_lead", email="far@example.nhs.uk")
    far.system = other
    db.session.commit()
    far_lead = token_client(app, far)

    assert lead.get("/api/v1/organisations/RA1/cycles").json["data"][0]["cycle"] == "2026 Q1"
    assert neighbour.get("/api/v1/organisations/RA1/cycles").status_code == 403
    assert neighbour.get(f"/api/v1/cycles/{found.id}/actions").status_code == 403
    assert ics_lead.get(f"/api/v1/cycles/{found.id}/actions").json["data"][0]["what"] == \
        "=Clinic"
    assert ics_lead.get("/api/v1/ics/QZ9/heat-map").status_code == 200
    assert far_lead.get("/api/v1/ics/QZ9/heat-map").status_code == 403
    assert lead.get("/api/v1/ics/QZ9/heat-map").status_code == 403  # an org lead: no ICS
    assert lead.get("/api/v1/staff-voice/releases").json["data"] == []


def test_tables_page_come_as_csv_and_answer_304_when_unchanged(app, make_user, orgs):
    found = cycles.start(orgs[0], "2026 Q1")
    found.actions += [Action(item_id="ph_mental_health_offer", what=w, owner="", status="done")
                      for w in ("=SUM(A1)", "Second", "Third")]
    db.session.commit()
    client = token_client(app, make_user("org_lead"))
    url = f"/api/v1/cycles/{found.id}/actions"
    first = client.get(f"{url}?per_page=2")
    assert first.json["total"] == 3 and len(first.json["data"]) == 2
    second = client.get(first.json["next"])
    assert [r["what"] for r in second.json["data"]] == ["Third"] and second.json["next"] is None
    rows = list(csv.reader(io.StringIO(client.get(f"{url}?format=csv").get_data(
        as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["item", "what", "owner", "due", "status"] and rows[1][1] == "'=SUM(A1)"
    tag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304


def test_bad_input_gets_json_errors_never_a_page_or_a_500(app, make_user, orgs):
    client = token_client(app, make_user("admin"))
    for url, status in [("/api/v1/nothing-here", 404), ("/api/v1/cycles/999999/ratings", 404),
                        ("/api/v1/organisations/NOPE/cycles", 404),
                        ("/api/v1/consultations/nope", 404),
                        ("/api/v1/consultations?per_page=100000", 422),
                        ("/api/v1/consultations?page=0", 422),
                        ("/api/v1/consultations?format=xml", 422),
                        ("/api/v1/consultations/framework_review/responses?since=31/12/2026",
                         422),
                        ("/api/v1/staff-voice/releases/999/figures", 404)]:
        answer = client.get(url)
        assert answer.status_code == status and answer.is_json, url
        assert answer.json["error"]["status"] == status
    assert client.post("/api/v1/me").status_code == 405


def test_the_openapi_document_describes_every_route(app):
    client = app.test_client()
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"] == "3.1.0"
    api_rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")
                 and r.endpoint not in ("api.openapi", "api.reference")}
    described = {p.replace("{", "<").replace("}", ">") for p in doc["paths"]}
    assert {r.replace("<int:", "<") for r in api_rules} == described
    heat = doc["paths"]["/api/v1/ics/{code}/heat-map"]["get"]
    names = {p.get("name") or p["$ref"].rsplit("/", 1)[1] for p in heat["parameters"]}
    assert {"code", "cycle", "page", "per_page", "format"} <= names
    assert "API reference" in client.get("/api/v1/").get_data(as_text=True)


def test_admins_read_every_response_others_the_published_only(app, make_user):
    seed_consultation(6)
    admin = token_client(app, make_user("admin"))
    lead = token_client(app, make_user("org_lead"))
    url = "/api/v1/consultations/framework_review/responses"
    assert admin.get(f"{url}?all=yes").json["total"] == 6
    assert admin.get(url).json["total"] == 0  # none published yet
    refused = lead.get(f"{url}?all=yes")
    assert refused.status_code == 403 and "Only admins" in refused.json["error"]["detail"]


def test_evidence_gaps_and_buddying_tables(app, make_user, hand_built, system):
    client = token_client(app, make_user("ics_lead"))
    gaps = client.get("/api/v1/ics/QZ9/evidence-gaps?per_page=1000").json
    assert gaps["total"] == len(gaps["data"]) > 0
    assert {"organisation", "element", "band", "status"} <= set(gaps["data"][0])
    buddies = client.get("/api/v1/ics/QZ9/buddying").json["data"]
    relationships = next(b for b in buddies if b["element"] == "relationships")
    assert relationships["strong"] == ["GA3"] and "AL1" in relationships["weak"]


def test_responses_say_whether_they_were_redacted_and_admins_read_why(app, make_user):
    survey = get_survey("framework_review", kind="consultation")
    plain = add_response(survey, 0, "Nothing to hide", consent="publish_anonymously",
                         published=True)
    twice = add_response(survey, 1, "Jones and Patel again", consent="publish_anonymously",
                         published=True, redactions=2)
    wordless = add_response(survey, 2, "gone", consent="publish_anonymously", published=True)
    db.session.execute(delete(answers_table).where(  # as retention leaves it: no words
        answers_table.c.response_id == wordless.response_id,
        answers_table.c.question_id == "what_was_missing"))
    db.session.commit()
    url = "/api/v1/consultations/framework_review/responses"
    rows = {r["reference"]: r for r in token_client(app, make_user("org_lead")).get(url).json[
        "data"]}
    assert set(rows) == {plain.reference, twice.reference}
    assert (rows[plain.reference]["redacted"], rows[plain.reference]["redactions"]) == (False, 0)
    assert (rows[twice.reference]["redacted"], rows[twice.reference]["redactions"]) == (True, 2)
    assert rows[twice.reference]["answers"] == [
        "What was missing or hard to use?: [redacted] [redacted] Patel again"]
    assert "redaction_reasons" not in rows[twice.reference]  # a reason may name someone
    admin = token_client(app, make_user("admin"))
    rows = {r["reference"]: r for r in admin.get(url).json["data"]}
    assert rows[twice.reference]["redaction_reasons"] == [
        "what_was_missing: Names someone", "what_was_missing: Reason 2"]
    every = {r["reference"]: r for r in admin.get(f"{url}?all=yes").json["data"]}
    assert set(every) == {plain.reference, twice.reference, wordless.reference}
    assert every[wordless.reference]["answers"] == []
    table = list(csv.DictReader(io.StringIO(admin.get(f"{url}?format=csv").text.lstrip("\ufeff"))))
    assert {r["reference"]: (r["redacted"], r["redactions"]) for r in table} == {
        plain.reference: ("False", "0"), twice.reference: ("True", "2")}
