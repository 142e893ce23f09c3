"""The reusable survey runner: pages with back links, show_if on the server, "Check your
answers", save and resume, and one stored response per submission key.

A blueprint builds a SurveyRunner per request and routes to its methods. What differs between
consultations and staff voice is passed in: urls, whether the survey is open (checked again,
locked, inside the storing transaction), how a response is stored, and where answers wait
between pages (a draft store: server rows with resume codes by default, the session for
anonymous surveys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.forms.survey import (
    Organisations,
    ResumeForm,
    SurveyPageForm,
    initial_data,
    page_answers,
    page_form_class,
)
from app.forms.survey import posted_text as page_posted_text
from app.i18n import word
from app.runner.drafts import Draft, DraftStore, DraftTooLarge, ServerDrafts, normalise_code
from app.runner.session_drafts import room
from app.surveys import (
    Page,
    Question,
    Survey,
    answer_lines,
    drop_hidden,
    first_page_id,
    is_visible,
    next_page_id,
    previous_page_id,
    to_data,
    visible_pages,
    visible_questions,
)
from app.write_queue import queued_write

# A session-held draft has a size limit (app/runner/session_drafts.py). Some scripts take far
# more room than others, so the page gives the figure that fits these answers.
TOO_LONG = _l("Shorten your answer to %(n)s characters or fewer. Together, your answers are "
              "too long for us to keep until you send them")
TOO_LONG_EARLIER = _l("Your answers are too long to keep until you send them. Go back and "
                      "shorten your written answers on earlier pages.")


@dataclass
class SurveyRunner:
    survey: Survey
    # url("page", page_id=...), url("check"), url("resume", code=...), url("intro")
    url: Callable[..., str]
    # is_open(lock=False); with lock=True it is called inside the storing transaction and must
    # lock whatever a close writes to, so a racing close waits or wins.
    is_open: Callable[..., bool]
    # on_submit(answers, key) stores the response in the current transaction, returns a result.
    on_submit: Callable[[dict, str], object]
    # lookup(key) -> the result of an earlier submission with this key, or None.
    lookup: Callable[[str], object]
    done: Callable[[object], object]  # the response to a successful submission
    closed: Callable[[list[tuple[str, str]]], object]  # the closed page, given typed answers
    # What organisation questions offer: (code, name, system code), app/runner/organisations.py
    organisations: Organisations = ()
    templates: str = "runner"
    drafts: DraftStore | None = None  # ServerDrafts for the survey unless given

    def __post_init__(self):
        if self.drafts is None:
            self.drafts = ServerDrafts(self.survey.id)

    # ---- helpers -------------------------------------------------------------------------

    def _page(self, page_id: str) -> Page:
        try:
            return self.survey.page(page_id)
        except KeyError:
            abort(404)

    def _answers(self) -> dict:
        draft = self.drafts.current()
        return draft.answers if draft else {}

    def _shown(self, page: Page, answers: dict) -> list[Question]:
        """Questions to display: those whose condition reads a question on this same page are
        always shown (without scripts the server cannot know yet); others follow the answers."""
        here = {q.id for q in page.questions}
        clean = drop_hidden(self.survey, answers)
        return [q for q in page.questions
                if q.show_if is None or is_visible(q, clean)
                or {k.split(".")[0] for k in q.show_if.questions()} & here]

    def _render(self, name: str, status: int = 200, **context):
        context.setdefault("survey", self.survey)
        context.setdefault("url", self.url)
        return render_template(f"{self.templates}/{name}.html", **context), status

    def typed_text(self, page: Page | None = None) -> list[tuple[str, str]]:
        """Everything the respondent has given so far, as (question, text) for the closed page."""
        answers = self._answers()
        shown = [(q.label, "\n".join(self._lines(q, answers))) for q in self.survey.questions()]
        shown = [(label, text) for label, text in shown if text]
        if page is not None and request.method == "POST":
            posted = page_posted_text(page, self.organisations)
            labels = {label for label, _ in posted}
            shown = [(label, text) for label, text in shown if label not in labels] + posted
        return shown

    def _lines(self, question: Question, answers: dict) -> list[str]:
        """An answer in words, in the page's language (a type's own words, like "My
        organisation is not listed", are translated; a definition's are already)."""
        names = ({code: name for code, name, _system in self.organisations}
                 if question.kind.needs_organisations else {})
        return [word(line) for line in answer_lines(question, answers, names)]

    def missing_page(self, answers: dict) -> str | None:
        """The first page with a required, visible question left unanswered."""
        clean = drop_hidden(self.survey, answers)
        for page in visible_pages(self.survey, clean):
            for q in visible_questions(page, clean):
                if not q.optional and any(key not in clean for key in q.answer_keys()):
                    return page.id
        return None

    # ---- routes ----------------------------------------------------------------------------

    def first_url(self) -> str:
        """Where "Start now" goes: the first page with an answer still to give."""
        return self.url("page", page_id=first_page_id(self.survey, self._answers()))

    def start(self):
        if not self.is_open():
            return self.closed([])
        return redirect(self.first_url())

    def page(self, page_id: str):
        page = self._page(page_id)
        if not self.is_open():
            return self.closed(self.typed_text(page))
        stored = self._answers()
        changing = request.args.get("change") == "1"
        form_class = page_form_class(page, self.organisations)
        if request.method == "GET":
            if page.id not in {p.id for p in visible_pages(self.survey, stored)}:
                return redirect(self.url("page", page_id=first_page_id(self.survey, stored)))
            form = form_class(data=initial_data(page, stored))
            return self._page_view(page, form, stored, changing)
        form: SurveyPageForm = form_class()
        mine = {key for q in page.questions for key in q.answer_keys()}
        others = {k: val for k, val in stored.items() if k not in mine}
        preview = drop_hidden(self.survey, {**others, **page_answers(form, page)})
        ok = form.validate_page(visible_questions(page, preview))
        if request.form.get("action") == "save" and not form.form_errors:
            if not self.drafts.resumable:
                abort(400)
            answers = drop_hidden(self.survey, {**others, **page_answers(form, page, True)})
            draft = self.drafts.save(answers)
            return self._render("saved", code=draft.code, page=page,
                                link=self.url("resume", code=draft.code, _external=True))
        if not ok:
            return self._page_view(page, form, preview, changing, status=422)
        answers = drop_hidden(self.survey, {**others, **page_answers(form, page)})
        try:
            self.drafts.save(answers)
        except DraftTooLarge:
            self._too_long(page, form, answers)
            return self._page_view(page, form, preview, changing, status=422)
        following = None if changing else next_page_id(self.survey, page.id, answers)
        if following is None:
            return redirect(self.url("check"))
        return redirect(self.url("page", page_id=following))

    def _too_long(self, page: Page, form: SurveyPageForm, answers: dict) -> None:
        """The store cannot keep this much writing: say how short this page's written answers
        must be. Nothing is lost: the page comes back with everything as it was sent."""
        written = [q for q in page.questions if q.kind.is_free_text and q.id in form]
        fits = getattr(self.drafts, "fits", None)
        most = room(fits, answers, [q.id for q in written]) if fits else None
        if most is None:
            form.form_errors.append(str(TOO_LONG_EARLIER))
            return
        for q in written:
            if len(answers.get(q.id) or "") > most:
                form[q.id].errors = [str(TOO_LONG) % {"n": most}]

    def _page_view(self, page, form, answers, changing, status=200):
        back = (self.url("check") if changing else
                self._back_url(page, answers))
        shown = self._shown(page, answers)
        conditions, known = self._conditions(page, answers)
        return self._render("page", status, page=page, form=form, questions=shown, back=back,
                            conditions=conditions, known=known,
                            action=self.url("page", page_id=page.id, **(
                                {"change": "1"} if changing else {})))

    def _conditions(self, page: Page, answers: dict) -> tuple[dict, dict]:
        """For the page's script (app.js) to reveal questions as the respondent answers: the
        show_if of each question whose condition reads this page, and the answers given on
        other pages that those conditions also read. Without scripts all of them show."""
        here = {q.id for q in page.questions}
        revealed = [q for q in page.questions if q.show_if is not None
                    and {k.split(".")[0] for k in q.show_if.questions()} & here]
        clean = drop_hidden(self.survey, answers)
        known = {}
        for question in revealed:
            for key in question.show_if.questions():
                if key.split(".")[0] not in here and key in clean:
                    value = clean[key]
                    known[key] = value if isinstance(value, list) else [value]
        return {q.id: to_data(q.show_if) for q in revealed}, known

    def _back_url(self, page: Page, answers: dict) -> str:
        previous = previous_page_id(self.survey, page.id, answers)
        return self.url("page", page_id=previous) if previous else self.url("intro")

    def check(self):
        if not self.is_open():
            return self.closed(self.typed_text())
        draft = self.drafts.current()
        if request.method == "POST":
            return self._submit(draft)
        if draft is None:
            return redirect(self.url("start"))
        answers = drop_hidden(self.survey, draft.answers)
        missing = self.missing_page(answers)
        if missing:
            return redirect(self.url("page", page_id=missing))
        return self._check_view(draft, answers)

    def _check_view(self, draft, answers, status=200, form=None):
        sections = []
        for page in visible_pages(self.survey, answers):
            rows = [(q, self._lines(q, answers)) for q in visible_questions(page, answers)]
            sections.append((page, rows))
        last = visible_pages(self.survey, answers)[-1].id
        form = form or SurveyPageForm()
        return self._render("check", status, sections=sections, key=draft.submission_key,
                            form=form, back=self.url("page", page_id=last))

    def _submit(self, draft: Draft | None):
        key = (request.form.get("submission_key") or "")[:64]
        if draft is None or key != draft.submission_key:
            # Storing ends the draft, so only then can this be a double click or a retry. (A
            # retry carrying the old session still has it: the key's unique index catches it.)
            earlier = self.lookup(key) if key else None
            if earlier is not None:
                return self.done(earlier)
            return redirect(self.url("check") if draft else self.url("start"))
        form = SurveyPageForm()
        answers = drop_hidden(self.survey, draft.answers)
        if not form.validate_page([]):
            return self._check_view(draft, answers, status=422, form=form)
        if self.missing_page(answers):
            return redirect(self.url("check"))
        try:
            with queued_write():  # the only writer: the open check and the writes are atomic
                if not self.is_open(lock=True):
                    db.session.rollback()
                    return self.closed(self.typed_text())
                result = self.on_submit(answers, key)
                self.drafts.discard(draft)
                db.session.commit()
        except IntegrityError:
            db.session.rollback()  # the same key stored by a racing request
            result = self.lookup(key)
            if result is None:
                raise
        self.drafts.forget()
        return self.done(result)

    def resume(self, code: str | None = None):
        """A resume link (code in the URL) or the form to type a code into."""
        if not self.drafts.resumable:
            abort(404)
        form = ResumeForm()
        if code is None and request.method == "POST" and form.validate():
            code = form.code.data
        if code is not None:
            draft = self.drafts.find(normalise_code(code))
            if draft is not None:
                self.drafts.adopt(draft)
                if not self.is_open():
                    return self.closed(self.typed_text())
                answers = draft.answers
                target = self.missing_page(answers)
                return redirect(self.url("page", page_id=target) if target else self.url("check"))
            form.code.data = code
            form.code.errors = [_("Enter the code exactly as it was shown to you, "
                                  "like 7K3M-9Q2D-XH4P")]
        status = 422 if form.errors else 200
        return self._render("resume", status, form=form, back=self.url("intro"))

