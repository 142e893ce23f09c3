"""NHS-styled error pages. No traceback is ever shown to a user."""

from __future__ import annotations

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.definitions import DefinitionMissing
from app.security import back_path

MESSAGES = {
    400: (_l("Sorry, there is a problem with your request"),
          _l("Go back and try again. If it keeps happening, contact the service team.")),
    403: (_l("You do not have permission to see this page"),
          _l("If you think you should have access, ask your organisation's lead or an "
             "administrator.")),
    404: (_l("Page not found"),
          _l("If you typed the web address, check it is correct. "
             "If you pasted it, check you copied the whole address.")),
    405: (_l("Sorry, that cannot be done here"),
          _l("Go back and try again.")),
    413: (_l("What you sent is too large"),
          _l("Go back, make your answer or file smaller, and try again.")),
    422: (_l("Sorry, there is a problem with what you sent"),
          _l("Go back, check your answers and try again.")),
    500: (_l("Sorry, there is a problem with the service"),
          _l("Try again later. What you entered has not been saved.")),
}
# A definition the page needs is missing or broken: nothing the visitor can fix, so say so.
DEFINITION_MISSING = (
    _l("Sorry, this part of the service is not available"),
    _l("The framework definition it works from could not be loaded, so what you entered on "
       "this page has not been saved. Try again later; an administrator can see why with "
       "flask surveys check."))


API = "/api/"


def render_error(code: int, message: tuple[str, str] | None = None):
    title, body = (str(text) for text in message or MESSAGES.get(code, MESSAGES[500]))
    if request.path.startswith(API):  # a program is asking: JSON, never a page
        return {"error": {"status": code, "title": title}}, code
    return render_template("errors/error.html", code=code, title=title, body=body), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        # Usually a session that expired while the page was open: send the user back kindly.
        if not current_user.is_authenticated:
            flash(_("Your session timed out, so nothing was saved. Sign in again to carry on."))
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        flash(_("This page had expired, so nothing was saved. Please try again."))
        return redirect(back_path())

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in (301, 302, 303, 307, 308):
            return error
        if request.path.startswith(API):  # the API says what was wrong, for the program
            code = error.code or 500
            title = str(MESSAGES.get(code, MESSAGES[500])[0])
            return {"error": {"status": code, "title": title,
                              "detail": error.description}}, code, error.get_headers()[1:]
        return render_error(error.code or 500)

    @app.errorhandler(DefinitionMissing)
    def definition_missing(error: DefinitionMissing):
        # A missing or broken definition file: the service cannot run until it is fixed.
        app.logger.error("definition %s is missing or broken (on %s)", error.definition_id,
                         request.path)
        return render_error(503, DEFINITION_MISSING)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return render_error(500)
