from flask import redirect, render_template, request, url_for
from flask_login import current_user

from app import device_cookies, kept_forms, sessions
from app.auth import authenticate, sign_in_throttle
from app.extensions import db
from app.models import record
from app.security import safe_next as _safe_next
from app.throttle import client_address, wait_message
from app.views.auth.blueprint import bp
from app.views.auth.forms import SignInForm

WRONG = "Enter a correct email address and password"
THROTTLED = ("{wait}, then try again: too many attempts to sign in have not worked. If you have "
             "forgotten your password, ask an administrator to reset it.")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = SignInForm()
    if not form.validate_on_submit():
        return _sign_in_page(form)
    email = form.email.data.strip().lower()
    throttle = sign_in_throttle(email, client_address(), device_cookies.nonce_for(email))
    wait = throttle.wait()
    if wait:
        # Nothing is checked during a wait, so a guess sent now learns nothing; the wait is
        # this client's alone (app/throttle.py).
        form.form_errors.append(THROTTLED.format(wait=wait_message(wait.seconds)))
        record("sign_in_throttled", email, actor=email, because=wait.because,
               seconds=wait.seconds)
        db.session.commit()
        return _sign_in_page(form, 429, {"Retry-After": str(wait.seconds)})
    user = authenticate(email, form.password.data)
    if user is None:
        throttle.record_failure()
        # Same message whether the account is missing, deactivated or the password wrong.
        form.form_errors.append(WRONG)
        record("sign_in_failed", email, actor=email)
        db.session.commit()
        return _sign_in_page(form)
    throttle.forget_own_failures()
    sessions.start(user)
    record("sign_in", user.email, actor=user)
    kept = kept_forms.waiting(user.id)
    db.session.commit()
    if kept is not None:  # what they sent as their session ended: offer it back
        response = redirect(url_for("kept.show", token=kept.token))
    else:
        response = redirect(_safe_next(request.args.get("next")))
    device_cookies.give(response, user.email)
    return response


def _sign_in_page(form: SignInForm, status: int | None = None, headers: dict | None = None):
    if status is None:
        status = 200 if not form.errors and not form.form_errors else 422
    return render_template("auth/sign_in.html", form=form), status, headers or {}
