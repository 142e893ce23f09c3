"""Moderation (app/views/admin_consultations/moderation.py): redacting and publishing consented
responses, and "We asked, you said, we did" published after the close."""

from __future__ import annotations

import io
import re

from freezegun import freeze_time
from pypdf import PdfReader
from sqlalchemy import select

from app.definitions import get_survey
from app.extensions import db
from app.models import AuditEvent, Redaction
from tests.support.framework_review import BASE


def test_redact_then_publish_shows_the_redacted_text_after_close(responses, admin_client):
    one = responses[0]
    base = f"/admin/consultations/framework_review/responses/{one.response_id}"
    refused = admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "not in the answer", "reason": "x"})
    assert refused.status_code == 422
    done = admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "Dr Jones", "reason": "Names a member of staff"})
    assert done.status_code == 302
    admin_client.post(f"{base}/publish")
    with freeze_time("2026-11-25 12:00:00"):
        page = admin_client.get(f"{BASE}/").get_data(as_text=True)
    assert "Ask [redacted] at Trust A for help." in page and "Dr Jones" not in page
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"consultation_response_redacted", "consultation_response_published"} <= actions


def test_we_asked_you_said_we_did_is_published_after_close(admin_client):
    data = {"we_asked": "We asked about X.", "you_said": "You said Y.", "we_did": "We did Z.",
            "action": "publish"}
    from app import consultations as c

    survey = get_survey("framework_review")
    c.open_now(survey)
    db.session.commit()
    refused = admin_client.post("/admin/consultations/framework_review/summary", data=data)
    assert refused.status_code == 422, refused.headers.get("Location")
    assert "only after the consultation closes" in refused.get_data(as_text=True)
    # Drafted while it is open, in part: kept, and not shown to the public.
    draft = admin_client.post("/admin/consultations/framework_review/summary",
                              data={"we_asked": "We asked about X.", "action": "save"})
    assert draft.status_code == 302
    form = admin_client.get("/admin/consultations/framework_review/summary").text
    assert "We asked about X." in form and "Publish on the consultation page" not in form
    assert "We asked about X." not in admin_client.get(f"{BASE}/").get_data(as_text=True)
    c.close_now(survey, reason="done")
    db.session.commit()
    partial = admin_client.post("/admin/consultations/framework_review/summary",
                                data={"we_asked": "We asked about X.", "action": "publish"})
    assert partial.status_code == 422 and "Enter what we did" in partial.text
    db.session.commit()
    assert admin_client.post("/admin/consultations/framework_review/summary",
                             data=data).status_code == 302
    page = admin_client.get(f"{BASE}/").get_data(as_text=True)
    assert "We asked, you said, we did" in page and "We did Z." in page


def test_a_draft_saved_after_publishing_waits_for_publish_again(admin_client):
    """The public page, the API and the PDF show what was published; a later draft changes
    none of them until it is published in turn."""
    from app import consultations as c

    c.close_now(get_survey("framework_review"), reason="done")
    db.session.commit()
    url = "/admin/consultations/framework_review/summary"
    first = {"we_asked": "We asked about X.", "you_said": "You said Y.", "we_did": "We did Z."}
    assert admin_client.post(url, data={**first, "action": "publish"}).status_code == 302
    assert "saving a draft will not change it" in admin_client.get(url).text
    changed = {**first, "we_did": "We did Z and more."}
    assert admin_client.post(url, data={**changed, "action": "save"}).status_code == 302

    def public() -> str:
        pdf = admin_client.get("/admin/consultations/framework_review/report.pdf").data
        pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        return (admin_client.get(f"{BASE}/").text + " ".join(pdf_text.split())
                + admin_client.get("/api/v1/consultations/framework_review").text)

    assert "We did Z." in public() and "We did Z and more." not in public()
    form = admin_client.get(url).text
    assert "Your draft has changes that are not published" in form
    assert "We did Z and more." in form and "Publish changes" in form
    assert admin_client.post(url, data={**changed, "action": "publish"}).status_code == 302
    assert "We did Z and more." in public()
    assert "not published" not in admin_client.get(url).text


def test_a_redaction_needs_a_reason_which_is_kept_and_audited(responses, admin_client):
    one = responses[0]
    base = f"/admin/consultations/framework_review/responses/{one.response_id}"
    refused = admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "Dr Jones", "reason": "   "})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page and "Enter why this passage is redacted" in page
    assert "Dr Jones</textarea>" in page  # what was typed is kept
    assert db.session.scalars(select(Redaction)).all() == []
    assert admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "Dr Jones",
        "reason": "Names a member of staff"}).status_code == 302
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "consultation_response_redacted")).one()
    assert event.target == one.reference
    assert event.detail_dict == {"survey": "framework_review", "question": "what_helped",
                                 "reason": "Names a member of staff"}
    shown = admin_client.get(base).get_data(as_text=True)
    status = shown.split('id="response-status">', 1)[1].split("</p>", 1)[0]
    assert "Names a member of staff" in shown
    tags = re.findall(r"<strong[^>]*>(.*?)</strong>", status, re.S)
    assert [" ".join(t.split()) for t in tags] == ["Can be published", "Redacted"]
