"""Audit of who looked at whose results: every successful GET of a results page or export
records the person, the page and the organisation or system it was about."""

from __future__ import annotations

from flask import Flask, request
from flask_login import current_user

from app.extensions import db
from app.models import Assessment, Organisation, System, record
from app.models.staff_voice import Wave

# endpoint -> audit action. ICS pages are matched by blueprint (see _action); downloads that
# already audit themselves (diagnostic and ICS files) are left out so nothing is counted twice.
VIEWS = {
    "staff_voice.wave": "staff_voice_wave_viewed",
    "staff_voice.wave_results_page": "staff_voice_results_viewed",
    "staff_voice.system_results_page": "staff_voice_system_results_viewed",
    "staff_voice.wave_comments_page": "staff_voice_comments_viewed",
    "staff_voice.system_comments_page": "staff_voice_system_comments_viewed",
    "admin_consultations.responses": "consultation_responses_viewed",
    "admin_consultations.response": "consultation_response_viewed",
    "admin_consultations.export_csv": "consultation_exported",
    "admin_consultations.export_xlsx": "consultation_exported",
    "admin_consultations.report_pdf": "consultation_report_downloaded",
    "diagnostic.assessment": "diagnostic_viewed",
    "diagnostic.organisation": "diagnostic_viewed",
}
SELF_AUDITED = {"ics.export_xlsx", "ics.export_dataset", "ics.report_pdf"}


def _action(endpoint: str | None) -> str | None:
    if endpoint in VIEWS:
        return VIEWS[endpoint]
    if endpoint and endpoint.startswith("ics.") and endpoint not in SELF_AUDITED:
        return "ics_page_viewed"
    return None


def _target(args: dict) -> str:
    """The organisation or system code the page is about."""
    if "wave_id" in args:
        wave = db.session.get(Wave, args["wave_id"])
        return wave.organisation.code if wave else ""
    if "assessment_id" in args:
        found = db.session.get(Assessment, args["assessment_id"])
        return found.organisation.code if found else ""
    if "system_id" in args:
        system = db.session.get(System, args["system_id"])
        return system.code if system else ""
    if "org_id" in args:
        org = db.session.get(Organisation, args["org_id"])
        return org.code if org else ""
    return str(args.get("code") or args.get("survey_id") or "")


def init_app(app: Flask) -> None:
    @app.after_request
    def audit_result_views(response):
        action = _action(request.endpoint)
        if (action is None or request.method != "GET" or response.status_code != 200
                or not current_user.is_authenticated):
            return response
        args = dict(request.view_args or {})
        try:
            record(action, _target(args), page=request.endpoint,
                   **{k: v for k, v in args.items() if k != "code"},
                   **({"query": request.query_string.decode()[:200]}
                      if request.query_string else {}))
            db.session.commit()
        except Exception:  # an audit failure must not lose the page; it is logged
            db.session.rollback()
            app.logger.exception("could not audit %s", request.path)
        return response
