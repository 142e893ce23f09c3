"""The respondent's journey: start page, access code, the survey (helper runner), thank you."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext
from flask_login import current_user

from app import i18n
from app.clock import today
from app.definitions import for_wave
from app.extensions import csrf, db
from app.runner import SurveyRunner, response_for_key
from app.runner.organisations import organisations_for
from app.runner.session_drafts import SessionDrafts
from app.staff_voice import codes, waves
from app.staff_voice.responses import OutsideAudience, band_question, record_submission
from app.staff_voice.waves import by_token
from app.throttle import client_address, wait_message
from app.views.staff_respond.blueprint import bp
from app.views.staff_respond.forms import AccessCodeForm

SESSION_KEY = "staff_voice"
# The answers between pages: in the session only, never in the database (see session_drafts).
ANSWERS_KEY = "staff_voice_answers"
BAD_CODE = lazy_gettext(
    "That code cannot be used. Check you have typed it exactly as it is on your card. "
    "Each code works once only: if yours has been used, ask for a new one.")
TOO_MANY = lazy_gettext(
    "Too many codes entered here have not worked. %(wait)s, then enter your code again. "
    "If it still does not work, ask for a new one.")
ENDPOINTS = {"page": "page", "check": "check", "intro": "start", "start": "begin",
             "resume": "start", "resume_form": "start"}


def _wave_or_404(token: str):
    wave = by_token(token)
    if wave is None:
        abort(404)
    return wave


def _survey(wave):
    """The wave's survey in the page's language, if the survey has it: the languages offered
    on these pages are those its definition translates (app/i18n.py asks g)."""
    return i18n.worded(for_wave(wave))


def _state(wave) -> dict:
    """This browser's place in the wave: which wave, and the access code's hash once entered."""
    state = session.get(SESSION_KEY)
    if not isinstance(state, dict) or state.get("wave") != wave.id:
        _forget_all()
        state = {"wave": wave.id}
        session[SESSION_KEY] = state
    return state


def _drafts(wave) -> SessionDrafts:
    return SessionDrafts(ANSWERS_KEY, wave.id)


def _forget_all() -> None:
    """Leave nothing behind: the answers, the code, the whole session if no one is signed in.
    (All of it is in the session: the database holds nothing until answers are sent.)"""
    if current_user.is_authenticated:
        session.pop(SESSION_KEY, None)
        session.pop(ANSWERS_KEY, None)
    else:
        session.clear()


def _closed(wave, survey, typed=()):
    """The closed (or not yet open) page; with what the respondent had typed when a send was
    refused, shown once and then forgotten, so a shared device keeps nothing of it."""
    if typed:
        _forget_all()
    return render_template("staff_respond/closed.html", wave=wave, survey=survey,
                           organisation=waves.organisation_name(wave),
                           state=wave.state(today()), typed=typed)


def runner_for(wave, survey) -> SurveyRunner:
    # Read now: after the send commits, wave.token would be loaded again with a query.
    token = wave.token

    def url(name: str, **values) -> str:
        return url_for(f"staff_respond.{ENDPOINTS[name]}", token=token, **values)

    def on_submit(answers: dict, key: str):
        # The response first: a resend of answers already stored (a double click, or the old
        # session cookie sent again) meets its key's unique index and is thanked, before its
        # code, spent by the first send, could be refused. Either failing stores nothing.
        result = record_submission(wave, survey, answers, key, today())
        if wave.uses_codes:
            codes.spend(wave, session.get(SESSION_KEY, {}).get("code") or "")
        return result

    def done(_result):
        _forget_all()
        return redirect(url_for("staff_respond.thank_you", token=token))

    return SurveyRunner(
        survey=survey, url=url, is_open=lambda lock=False: waves.is_open(wave, lock),
        on_submit=on_submit, lookup=response_for_key, done=done,
        closed=lambda typed: _closed(wave, survey, typed), templates="staff_respond",
        drafts=_drafts(wave), organisations=organisations_for(survey))


def _gate(wave, survey):
    """None if this browser may answer now, else the page to show instead."""
    if not waves.is_open(wave):
        # Answers sent to a closed wave: the runner shows the closed page with what they typed.
        return None if request.method == "POST" else _closed(wave, survey)
    state = _state(wave)
    if wave.uses_codes and not state.get("code"):
        return redirect(url_for("staff_respond.code", token=wave.token))
    return None


@bp.get("/<token>/")
def start(token: str):
    wave = _wave_or_404(token)
    survey = _survey(wave)
    if not waves.is_open(wave):
        return _closed(wave, survey)
    # "Start now" goes straight to the first question (or the access code): no redirect on
    # the way, one request fewer for every respondent (bench/README.md, J1).
    first = (url_for("staff_respond.code", token=token) if wave.uses_codes
             else runner_for(wave, survey).first_url())
    return render_template("staff_respond/start.html", wave=wave, survey=survey, first=first,
                           organisation=waves.organisation_name(wave))


@bp.route("/<token>/code", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so a stale page says so kindly
def code(token: str):
    wave = _wave_or_404(token)
    survey = _survey(wave)
    if not waves.is_open(wave):
        return _closed(wave, survey)
    if not wave.uses_codes:
        return redirect(url_for("staff_respond.begin", token=token))
    form = AccessCodeForm()
    headers: dict[str, str] = {}
    if request.method == "POST":
        address = client_address()
        wait = codes.wait(wave, address)
        if wait:  # nothing typed is checked during the wait, this client's alone
            form.validate()
            form.code.errors = [TOO_MANY % {"wait": wait_message(wait.seconds)}]
            headers["Retry-After"] = str(wait.seconds)
        elif form.validate():
            hashed = codes.is_usable(wave, form.code.data)
            if hashed:
                _state(wave)["code"] = hashed
                session.modified = True
                return redirect(url_for("staff_respond.begin", token=token))
            codes.record_failure(wave, address)
            form.code.errors = [BAD_CODE]
        elif "csrf_token" in form.errors:
            form.csrf_token.errors = []
            form.form_errors.append("This page was open for a long time. Enter your code again.")
        form.code.data = ""  # never echo a code back into the page
    status = 429 if headers else 422 if form.errors or form.form_errors else 200
    return render_template("staff_respond/code.html", wave=wave, survey=survey,
                           form=form), status, headers


@bp.get("/<token>/begin")
def begin(token: str):
    wave = _wave_or_404(token)
    survey = _survey(wave)
    return _gate(wave, survey) or runner_for(wave, survey).start()


@bp.route("/<token>/questions/<page_id>", methods=["GET", "POST"])
@csrf.exempt  # SurveyPageForm checks its own token and keeps the answers when it is stale
def page(token: str, page_id: str):
    wave = _wave_or_404(token)
    survey = _survey(wave)
    blocked = _gate(wave, survey)
    if blocked is not None:
        return blocked
    if request.method == "POST":
        if request.form.get("action") == "save":
            abort(400)  # no resume codes on a shared device
        band = band_question(survey)
        chosen = request.form.get(band.id)
        if band in survey.page(page_id).questions and chosen in band.values() \
                and chosen not in survey.audience_bands:
            _forget_all()
            return render_template("staff_respond/outside.html", wave=wave, survey=survey)
    return runner_for(wave, survey).page(page_id)


@bp.route("/<token>/check-your-answers", methods=["GET", "POST"])
@csrf.exempt
def check(token: str):
    wave = _wave_or_404(token)
    survey = _survey(wave)
    blocked = _gate(wave, survey)
    if blocked is not None:
        return blocked
    try:
        return runner_for(wave, survey).check()
    except codes.CodeSpent:
        db.session.rollback()  # nothing stored
        _state(wave).pop("code", None)
        session.modified = True
        form = AccessCodeForm(formdata=None)
        form.code.errors = [BAD_CODE]
        return render_template("staff_respond/code.html", wave=wave, survey=survey,
                               form=form), 422
    except OutsideAudience:
        db.session.rollback()
        _forget_all()
        return render_template("staff_respond/outside.html", wave=wave, survey=survey)


@bp.get("/<token>/thank-you")
def thank_you(token: str):
    wave = _wave_or_404(token)
    return render_template("staff_respond/done.html", wave=wave, survey=_survey(wave))
