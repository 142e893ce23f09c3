from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app import kept_forms
from app.extensions import db
from app.forms.base import Form
from app.views.kept.blueprint import bp

# Hidden bookkeeping fields of the app's forms: sent again, not worth showing.
NOT_SHOWN = {"version", "submission_key"}


def _kept_or_404(token: str):
    kept = kept_forms.for_user(token, current_user.id)
    if kept is None:
        abort(404)
    return kept


@bp.get("/<token>")
def show(token: str):
    kept = _kept_or_404(token)
    fields = kept_forms.fields(kept)
    shown = [(name.replace("_", " ").replace("-", " ").capitalize(), value)
             for name, value in fields if value.strip() and name not in NOT_SHOWN]
    return render_template("kept/show.html", kept=kept, fields=fields, shown=shown,
                           field_name=kept_forms.FIELD, form=Form(),
                           hours=kept_forms.KEEP_HOURS)


@bp.post("/<token>/discard")
def discard(token: str):
    db.session.delete(_kept_or_404(token))
    db.session.commit()
    flash("What you had sent has been deleted.")
    return redirect(url_for("public.home"))
