"""Every item of an element rated on one page (quick mode's main page; any cycle may use it):
one set of radios per item, saved together. Each item keeps its own version, so a rating
someone else changed meanwhile is not overwritten: the others are saved, and that one is shown
again with both ratings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import definitions
from app.diagnostic import answers
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import ratings_form


@bp.route("/a/<int:assessment_id>/element/<element_id>/ratings", methods=["GET", "POST"])
def ratings(assessment_id: int, element_id: str):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    el = helpers.element(survey, element_id)
    helpers.require_edit(found.organisation, el.id)
    helpers.require_open(found)
    items = el.items()
    stored = found.answer_map()
    data = {}
    for item in items:
        data[f"version_{item.id}"] = str(stored[item.id].version if item.id in stored else 0)
        data[f"rating_{item.id}"] = stored[item.id].rating if item.id in stored else None
    form = ratings_form(items, survey.rating_scale, data=data)
    conflicts: list[tuple] = []
    if request.method == "POST" and form.validate():
        labels = {c.value: c.label for c in survey.rating_scale}
        saved = 0
        for item in items:
            mine = form[f"rating_{item.id}"].data
            before = stored.get(item.id)
            if not mine or (before is not None and before.rating == mine):
                continue
            result = answers.save(found, item.id, int(form[f"version_{item.id}"].data),
                                  {"rating": mine}, current_user)
            if result.saved:
                saved += 1
                continue
            # Someone saved it first: show theirs, keep this person's choice, and take the
            # new version, so saving again is a deliberate overwrite.
            conflicts.append((item, labels.get(result.answer.rating, "Not rated"),
                              labels.get(mine, mine)))
            form[f"version_{item.id}"].data = str(result.answer.version)
        if not conflicts:
            flash(f"Saved {saved} rating{'s' if saved != 1 else ''} for {el.title}.")
            return redirect(url_for(".element", assessment_id=found.id, element_id=el.id))
    code = 409 if conflicts else 422 if form.errors else 200
    return render_template("diagnostic/ratings.html", assessment=found, element=el,
                           org=found.organisation, form=form, items=items,
                           conflicts=conflicts), code


