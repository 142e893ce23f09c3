"""The admin dashboard, systems and organisations."""

from __future__ import annotations

from flask import render_template, request, url_for
from sqlalchemy import func, select

from app import retention
from app.extensions import db
from app.models import AuditEvent, Organisation, System, User
from app.models.base import utcnow
from app.read_replica import may_use_replica
from app.views.admin.blueprint import bp
from app.views.admin.editing import edit_page, found_or_new, is_unique, save
from app.views.admin.forms import OrganisationForm, SystemForm


@bp.get("/")
@may_use_replica
def dashboard():
    counts = {
        "systems": db.session.scalar(select(func.count()).select_from(System)),
        "organisations": db.session.scalar(select(func.count()).select_from(Organisation)),
        "users": db.session.scalar(select(func.count()).select_from(User)),
    }
    recent = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(10)).all()
    return render_template("admin/dashboard.html", counts=counts, recent=recent,
                           retention_last=retention.last_run(),
                           retention_overdue=retention.overdue(utcnow()))


def system_choices() -> list[tuple[str, str]]:
    return [(str(s.id), f"{s.name} ({s.code})")
            for s in db.session.scalars(select(System).order_by(System.name))]


@bp.get("/systems")
def systems():
    rows = db.session.scalars(select(System).order_by(System.name)).all()
    return render_template("admin/systems.html", systems=rows)


@bp.route("/systems/new", methods=["GET", "POST"], endpoint="system_new")
@bp.route("/systems/<int:system_id>", methods=["GET", "POST"])
def system_edit(system_id: int | None = None):
    system = found_or_new(System, system_id)
    form = SystemForm(obj=system)
    back = url_for("admin.systems")
    if form.validate_on_submit():
        if not is_unique(System, "code", form.code.data, system.id):
            form.code.errors.append("Another ICS already has this code")
        else:
            form.populate_obj(system)
            return save(system, "system_saved", system.code, system.name, back,
                        name=system.name)
    return edit_page(form, "ICS", system, back)


@bp.get("/organisations")
def organisations():
    rows = db.session.scalars(
        select(Organisation).join(System).order_by(System.name, Organisation.name)).all()
    return render_template("admin/organisations.html", organisations=rows)


@bp.route("/organisations/new", methods=["GET", "POST"], endpoint="organisation_new")
@bp.route("/organisations/<int:org_id>", methods=["GET", "POST"])
def organisation_edit(org_id: int | None = None):
    org = found_or_new(Organisation, org_id)
    form = OrganisationForm(obj=org, data={"system_id": str(org.system_id or "")})
    form.system_id.choices = system_choices()
    back = url_for("admin.organisations")
    if form.validate_on_submit():
        if not is_unique(Organisation, "code", form.code.data, org.id):
            form.code.errors.append("Another organisation already has this code")
        else:
            org.code, org.name, org.type = form.code.data, form.name.data, form.type.data
            org.system_id = int(form.system_id.data)
            return save(org, "organisation_saved", org.code, org.name, back, name=org.name,
                        type=org.type)
    return edit_page(form, "organisation", org, back)


@bp.get("/audit")
@may_use_replica
def audit():
    """The audit log, newest first, filtered by action, person and words in the target."""
    action = request.args.get("action", "").strip()[:80]
    actor = request.args.get("actor", "").strip()[:254]
    target = request.args.get("target", "").strip()[:200]
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor.contains(actor, autoescape=True))
    if target:
        query = query.where(AuditEvent.target.contains(target, autoescape=True))
    per_page = 100
    events = db.session.scalars(query.order_by(AuditEvent.id.desc())
                                .offset((page - 1) * per_page).limit(per_page + 1)).all()
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    return render_template("admin/audit.html", events=events[:per_page], page=page,
                           more=len(events) > per_page, actions=list(actions),
                           filters={"action": action, "actor": actor, "target": target})
