"""/admin/outbox: every email the platform has queued, newest first, with whether it was sent,
waits, is being retried, or failed (app/mail/)."""

from __future__ import annotations

from flask import current_app, render_template, request
from sqlalchemy import select

from app.extensions import db
from app.mail import MailSettings
from app.models.mail import OutboxMessage
from app.views.admin.blueprint import bp

PAGE = 50
STATUSES = {"waiting": OutboxMessage.sent_at.is_(None) & OutboxMessage.gave_up.is_(False),
            "sent": OutboxMessage.sent_at.is_not(None), "failed": OutboxMessage.gave_up}


@bp.get("/outbox")
def outbox():
    status = request.args.get("status", "")
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status in STATUSES:
        query = query.where(STATUSES[status])
    else:
        status = ""
    rows = list(db.session.scalars(query.offset((page - 1) * PAGE).limit(PAGE + 1)))
    return render_template("admin/outbox.html", messages=rows[:PAGE], more=len(rows) > PAGE,
                           page=page, status=status,
                           server=MailSettings.from_config(current_app.config).server)
