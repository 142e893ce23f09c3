"""/admin/outbox lists every queued email with its status, for admins only."""

from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.mail import queue
from app.models.base import utcnow


def test_admins_see_each_message_and_its_status(app, client_for):
    sent = queue("sent@example.nhs.uk", "Went", "B", "test")
    sent.sent_at = datetime(2026, 12, 1, 9, 0)
    failed = queue("failed@example.nhs.uk", "Did not go", "B", "test")
    failed.attempts, failed.gave_up, failed.last_error = 8, True, "451 Try again later"
    queue("waiting@example.nhs.uk", "Waits", "B", "test", now=utcnow())
    db.session.commit()
    client, _ = client_for("admin")
    page = client.get("/admin/outbox").get_data(as_text=True)
    for text in ("sent@example.nhs.uk", "Sent", "Did not go", "Failed", "451 Try again later",
                 "Waits", "Waiting", "no mail server is set"):
        assert text in page
    only_failed = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "Did not go" in only_failed and "Waits" not in only_failed


def test_nobody_else_reads_the_outbox(app, client_for):
    for role in ("org_lead", "ics_lead", "contributor"):
        client, _ = client_for(role, email=f"{role}@example.nhs.uk")
        assert client.get("/admin/outbox").status_code == 403
