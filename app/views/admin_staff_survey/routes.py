"""The theme scores stored, and the upload that replaces an organisation's year of them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import CombinedMultiDict

from app import clock, national_survey
from app.extensions import db
from app.views.admin_staff_survey.blueprint import bp
from app.views.admin_staff_survey.forms import ScoresUploadForm


@bp.route("/", methods=["GET", "POST"])
def index():
    form = ScoresUploadForm(formdata=CombinedMultiDict((request.files, request.form))
                            if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        data = form.scores.data.read(national_survey.MAX_BYTES + 1)
        try:
            parsed = national_survey.parse(data, clock.today().year)
        except national_survey.ScoresRefused as refused:
            form.form_errors.extend(refused.errors)
        else:
            count = national_survey.store(parsed, current_user)
            db.session.commit()
            flash(f"Imported {count} theme scores for {', '.join(parsed.organisations)}.")
            return redirect(url_for(".index"))
    return render_template("admin_staff_survey/index.html", form=form,
                           imported=national_survey.imported_years(),
                           themes=national_survey.THEMES,
                           max_mb=national_survey.MAX_BYTES // 1024 // 1024,
                           ), 422 if form.errors else 200
