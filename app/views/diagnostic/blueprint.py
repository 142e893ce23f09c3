"""The package's blueprint (its docstring says who may enter). The route modules import it
from here, not from the package, which imports them: so there is no import cycle."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from app.diagnostic.answers import CycleSubmitted
from app.extensions import csrf
from app.views.access import guard

bp = Blueprint("diagnostic", __name__, url_prefix="/diagnostic")

# Forms here check their own CSRF token, so a stale token re-shows the page with the text kept.
csrf.exempt(bp)

KEPT_FIELDS = ("rating", "offer", "evidence", "evidence_links", "gaps", "version")


@bp.before_request
def _keep_text_when_signed_out():
    """Registered before the guard: a session that ended while someone was typing an answer
    must not throw their text away. Show it back to them (refused, nothing saved)."""
    if (request.method == "POST" and request.endpoint == "diagnostic.item"
            and not current_user.is_authenticated):
        kept = {k: request.form.get(k, "")[:5000] for k in KEPT_FIELDS}
        return render_template("diagnostic/signed_out.html", kept=kept), 403
    return None


@bp.errorhandler(CycleSubmitted)
def _submitted_meanwhile(error: CycleSubmitted):
    """Signed off between opening a page and saving it: the same 409 page as require_open."""
    found = error.assessment
    return render_template("diagnostic/submitted.html", assessment=found,
                           org=found.organisation), 409


guard(bp, {"admin", "ics_lead", "org_lead", "contributor"})
