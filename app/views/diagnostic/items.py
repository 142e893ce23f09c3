"""An element, its items, their actions, and the discussion that closes the element."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock, definitions, national_survey, permissions
from app.analysis.evidence import element_evidence
from app.analysis.evidence_window import window_for
from app.diagnostic import answers, plan, progress
from app.extensions import db
from app.models import Action, ElementDiscussion, record
from app.models.base import utcnow
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import ActionForm, DiscussionForm, item_form


@bp.get("/a/<int:assessment_id>/element/<element_id>")
def element(assessment_id: int, element_id: str):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    el = helpers.element(survey, element_id)
    org = found.organisation
    rows = {r.element.id: r for r in progress.element_progress(found, survey)}
    item_ids = {i.id for i in el.items()}
    return render_template(
        "diagnostic/element.html", assessment=found, survey=survey, element=el, org=org,
        row=rows[el.id], answers=found.answer_map(),
        labels={c.value: c for c in survey.rating_scale},
        actions=[a for a in found.actions if a.item_id in item_ids],
        prompts={i.id: i.prompt for i in el.items()},
        discussion=found.discussion_map().get(el.id),
        can_edit=permissions.may_edit_element(current_user, org, el.id),
        can_manage=permissions.may_edit_organisation(current_user, org),
        staff_voice=element_evidence(org, el.id, window_for(org, found, clock.today()),
                                     clock.today()),
        national_scores=national_survey.scores_for(org, el.id))


ACTION_FIELDS = ("what", "owner", "due", "status")


def _conflict_values(form, stored) -> list[tuple[str, str, str]]:
    """(label, saved text, your text) for each field that differs."""
    rows = []
    for field in form:
        if field.type in ("CSRFTokenField", "HiddenField"):
            continue
        saved = getattr(stored, field.name, "") or ""
        mine = field.data or ""
        if field.name == "rating":
            labels = dict(field.choices)
            saved, mine = labels.get(saved, saved), labels.get(mine, mine)
        if saved != mine:
            rows.append((str(field.label.text), saved, mine))
    return rows


@bp.route("/a/<int:assessment_id>/item/<item_id>", methods=["GET", "POST"])
def item(assessment_id: int, item_id: str):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    it, el = helpers.item_and_element(survey, item_id)
    org = found.organisation
    helpers.require_edit(org, el.id)
    helpers.require_open(found)
    stored = answers.find(found.id, it.id)
    data = {"version": str(stored.version if stored else 0)}
    if stored is not None:
        data.update({f: getattr(stored, f) for f in answers.FIELDS})
    form = item_form(survey.rating_scale, found.quick, data=data)
    conflict = None
    code = 200
    if request.method == "POST":
        if form.validate():
            values = {f.name: f.data for f in form if f.name in answers.FIELDS}
            result = answers.save(found, it.id, int(form.version.data), values, current_user)
            if result.saved:
                flash(f"Saved your answer to: {it.prompt}")
                return redirect(url_for("diagnostic.element", assessment_id=found.id,
                                        element_id=el.id) + f"#{it.id}")
            # Someone saved first: show both versions; the form keeps this person's text and
            # now carries the newer version, so saving again is a deliberate overwrite.
            conflict = {"stored": result.answer, "rows": _conflict_values(form, result.answer)}
            form.version.data = str(result.answer.version)
            code = 409
        else:
            code = 422
            if form.expired:
                # The token was stale: keep the version the person started from.
                form.version.data = request.form.get("version", data["version"])
    return render_template("diagnostic/item.html", assessment=found, survey=survey, element=el,
                           item=it, org=org, form=form, conflict=conflict,
                           actions=[a for a in found.actions if a.item_id == it.id]), code


def _action_or_404(found, action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None or action.assessment_id != found.id:
        abort(404)
    return action


@bp.route("/a/<int:assessment_id>/item/<item_id>/actions/new", methods=["GET", "POST"],
          endpoint="action_new")
@bp.route("/a/<int:assessment_id>/actions/<int:action_id>", methods=["GET", "POST"])
def action(assessment_id: int, item_id: str | None = None, action_id: int | None = None):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    existing = _action_or_404(found, action_id) if action_id else None
    it, el = helpers.item_and_element(survey, existing.item_id if existing else item_id)
    helpers.require_edit(found.organisation, el.id)
    if found.quick:
        abort(404)  # quick mode records ratings only
    form = ActionForm(obj=existing)
    if form.validate_on_submit():
        target = existing or Action(assessment=found, item_id=it.id)
        before = {k: getattr(target, k) for k in ACTION_FIELDS} if existing else {}
        target.what, target.owner = form.what.data.strip(), (form.owner.data or "").strip()
        target.due, target.status = form.due.data, form.status.data
        db.session.add(target)
        db.session.flush()
        # Which fields changed, and the status and due date from and to (the texts stay in
        # the action, not the log).
        changed = [k for k in ACTION_FIELDS if before.get(k) != getattr(target, k)]
        record("diagnostic_action_saved", found.organisation.code, cycle=found.cycle,
               item=it.id, action_id=target.id, status=target.status, changed=changed,
               moved={k: f"{before.get(k) or 'none'} -> {getattr(target, k) or 'none'}"
                      for k in ("status", "due") if existing and k in changed})
        db.session.commit()
        flash("Saved the action.")
        return redirect(url_for("diagnostic.element", assessment_id=found.id, element_id=el.id)
                        + "#actions")
    return render_template("diagnostic/action.html", form=form, assessment=found, item=it,
                           element=el, org=found.organisation,
                           existing=existing), helpers.status(form)


@bp.route("/a/<int:assessment_id>/element/<element_id>/discussion", methods=["GET", "POST"])
def discussion(assessment_id: int, element_id: str):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    el = helpers.element(survey, element_id)
    helpers.require_manage(found.organisation)
    helpers.require_open(found)
    record_ = found.discussion_map().get(el.id)
    staged = plan.plan_for(found.organisation.system_id, found.definition_id)
    earlier = plan.unfinished_before(progress.element_progress(found, survey, staged=staged),
                                     el.id)
    refuse = bool(earlier) and staged.out_of_order == "refuse"
    form = DiscussionForm(obj=record_)
    # Refused only when this save would complete it: a completed element's record stays editable.
    blocked = refuse and form.complete.data == "yes" and not (record_ and record_.completed)
    if form.validate_on_submit() and blocked:
        form.form_errors.append(
            f"Complete {earlier[0].element.title} first: your ICS's staged plan puts it before "
            f"this element. You can save this record without completing the element.")
    elif form.is_submitted() and not form.errors:
        if record_ is None:
            record_ = ElementDiscussion(assessment=found, element_id=el.id)
            db.session.add(record_)
        record_.held_on = form.held_on.data
        record_.notes, record_.decisions = form.notes.data or "", form.decisions.data or ""
        completing = form.complete.data == "yes"
        if completing and not record_.completed:
            record_.completed, record_.completed_at = True, utcnow()
        elif form.complete.data == "reopen":
            record_.completed, record_.completed_at = False, None
        ahead = completing and bool(earlier)
        record("diagnostic_discussion_saved", found.organisation.code, cycle=found.cycle,
               element=el.id, completed=record_.completed,
               **({"ahead_of": [r.element.id for r in earlier]} if ahead else {}))
        db.session.commit()
        flash(f"{el.title} is marked complete." if record_.completed
              else f"Saved the discussion record for {el.title}.")
        if ahead:
            flash(f"Your ICS's staged plan puts {_titles(earlier)} before {el.title}, and "
                  f"{'it is' if len(earlier) == 1 else 'they are'} not complete yet.")
        return redirect(url_for("diagnostic.assessment", assessment_id=found.id))
    return render_template("diagnostic/discussion.html", form=form, assessment=found,
                           element=el, org=found.organisation, existing=record_,
                           earlier=earlier, refuse=refuse), helpers.status(form)


def _titles(rows) -> str:
    titles = [r.element.title for r in rows]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
