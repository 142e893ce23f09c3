"""Your API tokens: make one (shown once), see when each was last used, revoke it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app import api_tokens, clock
from app.extensions import db
from app.forms.base import ButtonForm
from app.models import ApiToken, record
from app.views.account.blueprint import bp
from app.views.account.forms import TokenForm


def _page(form, secret: str | None = None, status: int = 200):
    today = clock.today()
    tokens = api_tokens.owned(current_user)
    return render_template("account/tokens.html", form=form, secret=secret, tokens=tokens,
                           today=today, status_of=api_tokens.status,
                           live={t.id for t in tokens if api_tokens.usable(t, today)},
                           button=ButtonForm(formdata=None)), status


@bp.route("/tokens", methods=["GET", "POST"])
def tokens():
    form = TokenForm()
    if form.validate_on_submit():
        token, secret = api_tokens.create(current_user, form.name.data.strip(),
                                          int(form.lifetime.data))
        db.session.flush()
        record("api_token_created", current_user.email, token=token.id, name=token.name,
               expires=token.expires_on.isoformat())
        db.session.commit()
        # Shown on this page only, never put in a flash message (the session cookie) or a link.
        return _page(TokenForm(formdata=None), secret)
    return _page(form, status=422 if form.errors else 200)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    api_tokens.revoke(token)
    record("api_token_revoked", current_user.email, token=token.id, name=token.name)
    db.session.commit()
    flash(f"Revoked \u201c{token.name}\u201d: it no longer works.")
    return redirect(url_for(".tokens"))
