from flask import redirect, render_template, request, url_for
from flask_login import current_user

from app import kept_forms, sessions
from app.auth import authenticate, clear_failures, is_throttled, record_failure
from app.extensions import db
from app.forms.auth import SignInForm
from app.models import record
from app.security import safe_next as _safe_next
from app.views.auth import bp

WRONG = "Enter a correct email address and password"
THROTTLED = ("There have been too many attempts to sign in. "
             "Wait 15 minutes and try again, or ask an administrator to reset your password.")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = SignInForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "unknown"
        if is_throttled(email, address):
            form.form_errors.append(THROTTLED)
            record("sign_in_throttled", email, actor=email)
            db.session.commit()
        else:
            user = authenticate(email, form.password.data)
            if user is None:
                record_failure(email, address)
                # Same message whether the account is missing, deactivated or the password wrong.
                form.form_errors.append(WRONG)
                record("sign_in_failed", email, actor=email)
                db.session.commit()
            else:
                clear_failures(email)
                sessions.start(user)
                record("sign_in", user.email, actor=user)
                kept = kept_forms.waiting(user.id)
                db.session.commit()
                if kept is not None:  # what they sent as their session ended: offer it back
                    return redirect(url_for("kept.show", token=kept.token))
                return redirect(_safe_next(request.args.get("next")))
    status = 200 if not form.errors and not form.form_errors else 422
    return render_template("auth/sign_in.html", form=form), status
