"""What a respondent sees: show_if evaluation, hidden answers, and page routing.

Answers map an answer key (a question id, or `question_id.row_id` for a matrix row) to a value,
or to a list of values for multiple_choice.
"""

from __future__ import annotations

from collections.abc import Mapping

from .schema import Page, Question, ShowIf, Survey

Answers = Mapping[str, "str | list[str]"]


def evaluate(condition: ShowIf, answers: Answers) -> bool:
    if condition.op == "in":
        answer = answers.get(condition.question or "")
        if answer is None:
            return False
        chosen = [answer] if isinstance(answer, str) else list(answer)
        return any(value in condition.values for value in chosen)
    if condition.op == "all":
        return all(evaluate(t, answers) for t in condition.terms)
    if condition.op == "any":
        return any(evaluate(t, answers) for t in condition.terms)
    if condition.op == "not":
        return not evaluate(condition.terms[0], answers)
    raise ValueError(f"unknown show_if operator {condition.op!r}")


def is_visible(question: Question, answers: Answers) -> bool:
    """Whether the question is shown, given the answers as they stand (see drop_hidden)."""
    return question.show_if is None or evaluate(question.show_if, answers)


def drop_hidden(survey: Survey, answers: Answers) -> dict:
    """The answers without those to hidden questions.

    Questions are visited in order with the answers kept so far, so a question hidden because an
    earlier one is hidden loses its answer too; passes repeat until nothing changes, which also
    covers definitions built by hand whose conditions look forward.
    """
    kept = dict(answers)
    while True:
        before = dict(kept)
        for question in survey.questions():
            if not is_visible(question, kept):
                for key in question.answer_keys():
                    kept.pop(key, None)
        if kept == before:
            return kept


def visible_questions(page: Page, answers: Answers) -> list[Question]:
    return [q for q in page.questions if is_visible(q, answers)]


def visible_pages(survey: Survey, answers: Answers) -> list[Page]:
    """Pages with a question to show: a page whose questions are all hidden is skipped."""
    clean = drop_hidden(survey, answers)
    return [page for page in survey.pages if visible_questions(page, clean)]


def _neighbour(survey: Survey, page_id: str, answers: Answers, step: int) -> str | None:
    ids = [page.id for page in survey.pages]
    index = ids.index(page_id)  # ValueError for an unknown page, as for list.index
    shown = {page.id for page in visible_pages(survey, answers)}
    index += step
    while 0 <= index < len(ids):
        if ids[index] in shown:
            return ids[index]
        index += step
    return None


def next_page_id(survey: Survey, page_id: str, answers: Answers) -> str | None:
    """The next page to show after `page_id`, or None when the respondent has reached the end."""
    return _neighbour(survey, page_id, answers, 1)


def previous_page_id(survey: Survey, page_id: str, answers: Answers) -> str | None:
    """The page "Back" leads to, or None on the first page."""
    return _neighbour(survey, page_id, answers, -1)


def first_page_id(survey: Survey, answers: Answers | None = None) -> str | None:
    pages = visible_pages(survey, answers or {})
    return pages[0].id if pages else None
