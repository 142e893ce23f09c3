"""Answering a consultation: the survey runner, wired to the consultation's schedule.

Runner POST routes are exempt from the global CSRF check because the page form checks the token
itself: a stale token then re-shows the page with every answer kept, instead of a bare error.
"""

from __future__ import annotations

from flask import redirect, render_template, session, url_for

from app import consultations as c
from app.extensions import csrf
from app.runner import SurveyRunner
from app.runner.organisations import organisations_for
from app.views.consultations.blueprint import bp
from app.views.consultations.hub import public_consultation

ENDPOINTS = {"page": "page", "check": "check", "resume": "resume", "resume_form": "resume_form",
             "intro": "consultation", "start": "start"}


def runner_for(survey) -> SurveyRunner:
    def url(name: str, **values) -> str:
        return url_for(f"public_consultations.{ENDPOINTS[name]}", survey_id=survey.id, **values)

    def done(reference):
        session[f"reference:{survey.id}"] = reference
        return redirect(url_for("public_consultations.confirmation", survey_id=survey.id))

    def closed(typed):
        return render_template("consultations/closed.html", survey=survey,
                               status=c.status_of(survey), typed=typed)

    return SurveyRunner(
        survey=survey, url=url,
        is_open=lambda lock=False: c.is_open(survey, lock_row=lock),
        on_submit=lambda answers, key: c.store_consultation_response(survey, answers, key),
        lookup=c.reference_for_key, done=done, closed=closed,
        organisations=organisations_for(survey))


@bp.get("/<survey_id>/start")
def start(survey_id: str):
    return runner_for(public_consultation(survey_id)).start()


@bp.route("/<survey_id>/questions/<page_id>", methods=["GET", "POST"])
@csrf.exempt
def page(survey_id: str, page_id: str):
    return runner_for(public_consultation(survey_id)).page(page_id)


@bp.route("/<survey_id>/check-your-answers", methods=["GET", "POST"])
@csrf.exempt
def check(survey_id: str):
    return runner_for(public_consultation(survey_id)).check()


@bp.route("/<survey_id>/resume", methods=["GET", "POST"])
@csrf.exempt
def resume_form(survey_id: str):
    return runner_for(public_consultation(survey_id)).resume()


@bp.get("/<survey_id>/resume/<code>")
def resume(survey_id: str, code: str):
    return runner_for(public_consultation(survey_id)).resume(code)


@bp.get("/<survey_id>/confirmation")
def confirmation(survey_id: str):
    survey = public_consultation(survey_id)
    reference = session.get(f"reference:{survey.id}")
    if not reference:
        return redirect(url_for("public_consultations.consultation", survey_id=survey.id))
    return render_template("consultations/confirmation.html", survey=survey, reference=reference,
                           status=c.status_of(survey))
