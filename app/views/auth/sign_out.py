"""Signing out: a POST carrying the CSRF token (a button in the header, or on the GET page),
which ends every session of that person on the server. A GET, from an old bookmark or link,
only offers the button: a link cannot sign anyone out."""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app import sessions
from app.extensions import db
from app.models import record
from app.views.auth.blueprint import bp

# The NHS.UK header renders its account form with no place for hidden fields.
_ACCOUNT_FORM = re.compile(r'<form class="nhsuk-header__account-form"[^>]*>')


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    if request.method == "GET":
        return render_template("auth/sign_out.html")
    if current_user.is_authenticated:
        record("sign_out", current_user.email)
        sessions.end_everywhere(current_user._get_current_object())
        db.session.commit()
    sessions.end()
    flash("You have signed out.")
    return redirect(url_for("public.home"))


@bp.app_template_filter("with_csrf_token")
def with_csrf_token(header: Markup) -> Markup:
    """The header's sign-out form with this session's CSRF token in it. Only a signed-in
    header has the form: a signed-out visitor's page makes no token (and so no cookie)."""
    found = _ACCOUNT_FORM.search(str(header))
    if found is None:
        return header
    hidden = Markup('<input name="csrf_token" type="hidden" value="{}">').format(generate_csrf())
    # The header is the NHS.UK macro's HTML already; the token above is escaped.
    html = str(header)
    return Markup(html[:found.end()] + str(hidden) + html[found.end():])  # noqa: S704
