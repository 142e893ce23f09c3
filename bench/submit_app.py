"""The real app plus one bench-only route that posts a complete staff-voice response at once.

In the product a respondent's answers arrive page by page into the signed session (never the
database), and the "Check your answers" POST stores them. A load generator cannot sensibly walk
that journey for every submission, so this route does in one request what the pages and the
final POST do between them, through the same code: the CSRF check (once: it is one submission;
the forms' own check, app.forms.csrf, as the respondents' pages make it), each page's generated
form with validation of the visible questions, drop_hidden, the runner's missing-page check,
the queued, locked store of SurveyRunner._submit (app.write_queue) and the staff-voice runner's
on_submit (response row, answers in one executemany, counts upserted in the same transaction).
Not registered in production: gunicorn serves `bench.submit_app:app` only in the benchmarks.
"""

from __future__ import annotations

from flask import Blueprint, abort, request
from sqlalchemy.exc import IntegrityError
from wtforms import ValidationError

from app import create_app
from app.definitions import for_wave
from app.extensions import csrf, db
from app.forms import csrf as csrf_tokens
from app.forms.survey import page_answers, page_form_class
from app.staff_voice.responses import OutsideAudience
from app.staff_voice.waves import by_token
from app.surveys import drop_hidden, visible_pages, visible_questions
from app.views.staff_respond.routes import runner_for
from app.write_queue import queued_write

bench = Blueprint("bench_submit", __name__)


@bench.post("/bench/staff/<token>/submit")
@csrf.exempt  # as the respondents' pages are: their forms check the token themselves
def submit(token: str):
    try:
        csrf_tokens.check(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
    wave = by_token(token)
    if wave is None:
        abort(404)
    survey = for_wave(wave)
    runner = runner_for(wave, survey)
    if not runner.is_open():
        return "closed", 409
    key = (request.form.get("submission_key") or "")[:64]
    if not key:
        abort(400)
    answers: dict = {}
    for page in visible_pages(survey, answers):  # recomputed as answers arrive
        form = page_form_class(page)(meta={"csrf": False})
        preview = drop_hidden(survey, {**answers, **page_answers(form, page)})
        if not form.validate_page(visible_questions(page, preview)):
            return {"page": page.id, "errors": form.errors | {"form": form.form_errors}}, 422
        answers = drop_hidden(survey, {**answers, **page_answers(form, page)})
    if runner.missing_page(answers):
        return {"missing": runner.missing_page(answers)}, 422
    try:
        with queued_write():
            if not runner.is_open(lock=True):
                db.session.rollback()
                return "closed", 409
            runner.on_submit(answers, key)
            db.session.commit()
    except OutsideAudience:
        return "outside the audience", 422
    except IntegrityError:
        db.session.rollback()  # the key was stored already: a retry, acknowledged once more
        if runner.lookup(key) is None:
            raise
    return "", 303, {"Location": f"/staff/{token}/thank-you"}


app = create_app()
app.register_blueprint(bench)
