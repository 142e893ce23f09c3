"""Where to start: organisations, their cycles, an assessment's elements, progress and trend."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app import charts, clock, definitions, permissions
from app.diagnostic import cycles, invitations, progress, signoff
from app.extensions import db
from app.models import ElementAssignment, Organisation, System, User, record
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import StartCycleForm, assignment_form


@bp.get("/")
def index():
    if current_user.role in ("org_lead", "contributor"):
        if current_user.organisation is None:
            abort(403)
        return redirect(url_for("diagnostic.organisation", code=current_user.organisation.code))
    query = select(Organisation).where(
        permissions.organisation_scope(current_user)).order_by(Organisation.name)
    rows = []
    for org in db.session.scalars(query):
        latest = cycles.latest(org)
        summary = None
        if latest is not None:
            summary = progress.overall(progress.element_progress(latest))
        rows.append((org, latest, summary))
    systems = (db.session.scalars(select(System).order_by(System.name)).all()
               if current_user.role == "admin" else [])
    return render_template("diagnostic/index.html", rows=rows, systems=systems,
                           sign_off_of=signoff.sign_off_of)


@bp.get("/org/<code>")
def organisation(code: str):
    org = helpers.organisation(code)
    found = cycles.assessments_for(org)
    # Each cycle's framework by its title, not the id of its definition file.
    frameworks = {a.id: definitions.for_assessment(a).title for a in found}
    return render_template("diagnostic/organisation.html", org=org, assessments=found[::-1],
                           frameworks=frameworks,
                           can_manage=permissions.may_edit_organisation(current_user, org))


@bp.route("/org/<code>/new", methods=["GET", "POST"])
def new_cycle(code: str):
    org = helpers.organisation(code)
    helpers.require_manage(org)
    last = cycles.latest(org)
    form = StartCycleForm()
    if form.validate_on_submit():
        if cycles.find_cycle(org, form.cycle.data):
            form.cycle.errors.append(f"{org.name} already has a cycle called {form.cycle.data}")
        else:
            copy_from = last if last is not None and form.copy.data == "yes" else None
            created = cycles.start(org, form.cycle.data, form.mode.data, copy_from)
            db.session.flush()
            record("diagnostic_cycle_started", org.code, cycle=created.cycle, mode=created.mode,
                   copied_from=copy_from.cycle if copy_from else None)
            db.session.commit()
            flash(f"Started {created.cycle}.")
            return redirect(url_for("diagnostic.assessment", assessment_id=created.id))
    return render_template("diagnostic/new_cycle.html", form=form, org=org,
                           last=last), helpers.status(form)


@bp.get("/a/<int:assessment_id>")
def assessment(assessment_id: int):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    rows = progress.element_progress(found, survey)
    org = found.organisation
    editable = {r.element.id for r in rows
                if permissions.may_edit_element(current_user, org, r.element.id)}
    return render_template("diagnostic/assessment.html", assessment=found, survey=survey,
                           org=org, rows=rows, current=progress.current_element(rows),
                           overall=progress.overall(rows), editable=editable,
                           sign_off=signoff.sign_off_of(found),
                           can_manage=permissions.may_edit_organisation(current_user, org))


@bp.get("/a/<int:assessment_id>/progress")
def progress_page(assessment_id: int):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    rows = progress.element_progress(found, survey)
    return render_template("diagnostic/progress.html", assessment=found, org=found.organisation,
                           survey=survey, rows=rows, current=progress.current_element(rows),
                           overall=progress.overall(rows), discussions=found.discussion_map(),
                           today=clock.today())


@bp.get("/org/<code>/trend")
def trend(code: str):
    org = helpers.organisation(code)
    found, rows = cycles.trend(org)
    top = max((int(c.value) for c in definitions.for_assessment(found[-1]).rating_scale
               if c.value.isdigit()), default=3) if found else 3
    chart = charts.scores(
        "Each element's score by cycle, as a bar chart: the mean of its rated items, from 1 "
        f"to {top}. The table below has the same figures.",
        [(f"{a.cycle}, {row.title}", score) for row in rows
         for a, (score, _rated) in zip(found, row.scores, strict=True)],
        top, "Not rated", key="trend-chart") if found else None
    return render_template("diagnostic/trend.html", org=org, assessments=found, rows=rows,
                           chart=chart, top=top)


@bp.route("/org/<code>/assignments", methods=["GET", "POST"])
def assignments(code: str):
    org = helpers.organisation(code)
    helpers.require_manage(org)
    survey = definitions.diagnostic(cycles.latest(org).definition_id if cycles.latest(org)
                                    else None)
    contributors = list(db.session.scalars(select(User).where(
        User.organisation_id == org.id, User.role == "contributor", User.active.is_(True))
        .order_by(User.name)))
    current = list(db.session.scalars(select(ElementAssignment).where(
        ElementAssignment.organisation_id == org.id)))
    data = {f"el_{e.id}": [str(a.user_id) for a in current if a.element_id == e.id]
            for e in survey.elements}
    form = assignment_form(survey.elements, contributors, data=data)
    if form.validate_on_submit():
        allowed = {str(u.id) for u in contributors}
        before = {(a.user_id, a.element_id) for a in current}
        for row in current:
            db.session.delete(row)
        db.session.flush()
        for element in survey.elements:
            for user_id in set(getattr(form, f"el_{element.id}").data or []) & allowed:
                db.session.add(ElementAssignment(organisation_id=org.id, element_id=element.id,
                                                 user_id=int(user_id)))
        for user in contributors:  # tell each contributor about elements new to them
            invitations.assigned(org, user, [
                e.title for e in survey.elements if (user.id, e.id) not in before
                and str(user.id) in (getattr(form, f"el_{e.id}").data or [])])
        record("diagnostic_assignments_saved", org.code,
               elements={e.id: sorted(getattr(form, f"el_{e.id}").data or [])
                         for e in survey.elements})
        db.session.commit()
        flash("Saved who can edit each element.")
        return redirect(url_for("diagnostic.organisation", code=org.code))
    return render_template("diagnostic/assignments.html", form=form, org=org, survey=survey,
                           contributors=contributors), helpers.status(form)
