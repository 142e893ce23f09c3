"""Real ids, codes and tokens from the demo data, for the browser tests that visit every page
(test_every_page_axe.py, test_reflow.py)."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from app import definitions, webhooks
from app.analysis import themes
from app.analysis.theming import corpora, store
from app.diagnostic import cycles, invitations, signoff
from app.extensions import db
from app.models import Action, ConsultationResponse, ElementAssignment, Organisation, System, User
from app.models.base import utcnow
from app.models.kept import KeptForm
from app.models.mail import OutboxMessage
from app.models.staff_voice import Wave
from app.models.webhooks import WebhookEndpoint
from app.staff_voice import codes
from tests.support.staff_voice import open_wave

EMAILS = {"admin": "admin@example.nhs.uk", "ics_lead": "ics.lead@example.nhs.uk",
          "org_lead": "org.lead@example.nhs.uk", "contributor": "contributor@example.nhs.uk"}


def sample_data() -> dict:
    """Real ids, codes and tokens from the demo data, plus an open wave with access codes."""
    rz1 = db.session.scalar(select(Organisation).where(Organisation.code == "RZ1"))
    system = db.session.scalar(select(System).where(System.code == "QZ9"))
    assessment = cycles.latest(rz1)
    contributor = db.session.scalar(select(User).where(User.email == EMAILS["contributor"]))
    assigned = db.session.scalar(select(ElementAssignment).where(
        ElementAssignment.user_id == contributor.id))
    survey = definitions.for_assessment(assessment)
    element = next(e for e in survey.elements if assigned is None or e.id == assigned.element_id)
    item_ids = [i.id for i in element.items()]
    action = db.session.scalar(select(Action).where(
        Action.assessment_id == assessment.id, Action.item_id.in_(item_ids))) or db.session.scalar(
        select(Action).where(Action.assessment_id == assessment.id))
    closed_wave = db.session.scalar(select(Wave).where(Wave.organisation_id == rz1.id))
    tag = themes.create_tag(system, "Night staff")
    wave = open_wave(rz1, uses_codes=True)
    db.session.flush()
    code = codes.make_batch(wave, 1)[0]
    response = db.session.scalar(select(ConsultationResponse.response_id).where(
        ConsultationResponse.survey_id == "framework_review"))
    # A form each signed-in role sent as its session ended: only its owner may see it.
    kept = {}
    for role, email in EMAILS.items():
        user = db.session.scalar(select(User).where(User.email == email))
        kept[role] = KeptForm(token=f"kept-{role}", user_id=user.id, path="/diagnostic/",
                              fields=json.dumps([["gaps", f"Typed by the {role}"]]))
    db.session.add_all(kept.values())
    # An invitation to accept, and another organisation's cycle submitted (to reopen)
    lead = db.session.scalar(select(User).where(User.email == EMAILS["org_lead"]))
    invitations.invite(rz1, "invited@example.nhs.uk", "Invited Person", [element.id], lead,
                       {element.id: element.title})
    link = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.kind == "invitation"))
    invite_token = re.search(r"/invitation/(\S+)", link).group(1)
    submitted = next(a for a in (cycles.latest(o) for o in db.session.scalars(
        select(Organisation).where(Organisation.code != "RZ1"))) if a is not None)
    signoff.submit(submitted, lead)
    # The ICS's themes found, so the workbench, tagging and second-coding pages have content.
    corpus = corpora.ics_texts(system)
    analysis = store.run_discovery(corpus, EMAILS["ics_lead"])
    db.session.flush()
    store.remap(analysis, corpus)
    # A webhook endpoint with one delivery, for its page.
    endpoint = WebhookEndpoint(url="https://example.org/hooks", events="consultation.closed",
                               secret=webhooks.new_secret(), created_by=EMAILS["admin"])
    db.session.add(endpoint)
    db.session.flush()
    webhooks.emit("consultation.closed", {"consultation": "framework_review"}, utcnow())
    db.session.commit()
    return {
        "args": {"survey_id": "framework_review", "response_id": response, "code": "RZ1",
                 "assessment_id": assessment.id, "element_id": element.id,
                 "item_id": item_ids[0], "action_id": action.id, "system_code": "QZ9",
                 "tag_id": tag.id, "wave_id": closed_wave.id, "system_id": system.id,
                 "token": closed_wave.token, "short": closed_wave.short_code,
                 "org_id": rz1.id, "user_id": contributor.id,
                 "question_id": "what_would_help", "endpoint_id": endpoint.id},
        # Per endpoint: arguments that differ from the defaults above.
        "special": {"ics": {"code": "QZ9"}, "ics_themes": {"code": "QZ9"},
                    "consultation_themes": {"question_id": "what_was_missing"},
                    "public_consultations.resume": {"code": "ABCD-EFGH"},
                    # only an open wave has a confirmation page to close it
                    "staff_voice.close_wave": {"wave_id": wave.id},
                    "auth.accept_invitation": {"token": invite_token},
                    "diagnostic.reopen": {"assessment_id": submitted.id}},
        "query": {"staff_voice.system_results_page": "?survey=staff_voice_bands_2_4",
                  "staff_voice.system_comments_page": "?survey=staff_voice_bands_2_4"},
        "open_token": wave.token, "access_code": code,
        "by_role": {("kept.show", role): {"token": k.token} for role, k in kept.items()},
    }
