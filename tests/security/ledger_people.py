"""How the attacker's made-up staff answer, and what the survey tells the attacker about its
questions: helpers for tests/security/ledger_world.py."""

from __future__ import annotations

import random

from app.surveys.logic import is_visible
from tests.security.ledger_attacker import (
    ALL,
    ANSWERED,
    COUNT,
    RESPONDENTS,
    QuestionModel,
)

# The attacker's knowledge of conditional questions. Off: only "a required question shown to
# everyone is answered by everyone" (the relations issue 15 and docs/staff_voice.md list). On:
# also "a required question shown only after some answers to an earlier single-choice question
# is answered by exactly those who gave them" (e.g. hot_food_at_night and shift_pattern), which
# the definition tells anyone; it pins a conditional question's "answered" from shown counts.
SHOW_IF_KNOWN = True


def model_of(survey) -> list[QuestionModel]:
    questions = {q.id: q for q in survey.questions()}
    out = []
    for q in survey.questions():
        if q.type == "band":
            continue
        assert q.type != "matrix", "matrix questions are not modelled"
        kind = "text" if not q.kind.has_values else "multiple" if q.kind.multiple else "single"
        shown_when = None
        cond = q.show_if
        if (SHOW_IF_KNOWN and not q.optional and cond is not None and cond.op == "in"
                and cond.question in questions
                and questions[cond.question].kind.has_values
                and not questions[cond.question].kind.multiple):
            shown_when = (cond.question, tuple(cond.values))
        out.append(QuestionModel(q.id, kind, tuple(q.values()) if kind != "text" else (),
                                 always_answered=not q.optional and q.show_if is None,
                                 shown_when=shown_when))
    return out


def band_labels(survey) -> dict[str, str]:
    from app.surveys import band_label

    out = {band_label(b): b for b in survey.audience_bands}
    out[ALL] = ALL
    return out


# ---------------------------------------------------------------------------------------------
# Building the data


def person(survey, band: str, rng: random.Random, skip: float) -> dict:
    answers: dict = {"band": band}
    for q in survey.questions():
        if q.type == "band" or not is_visible(q, answers):
            continue
        if q.optional and rng.random() < skip:
            continue
        if not q.kind.has_values:
            answers[q.id] = rng.choice(["More breaks", "Hot food at night", "Time to talk"])
        elif q.kind.multiple:
            values = list(q.values())
            answers[q.id] = sorted(rng.sample(values, rng.randint(1, min(3, len(values)))))
        else:
            answers[q.id] = rng.choice(q.values())
    return answers


def add_truth(truth: dict, wave_id: int, band: str, answers: dict, model) -> None:
    key = (RESPONDENTS, wave_id, band, "", "")
    truth[key] = truth.get(key, 0) + 1
    for q in model:
        value = answers.get(q.id)
        if value in (None, "", []):
            continue
        k = (ANSWERED, wave_id, band, q.id, "")
        truth[k] = truth.get(k, 0) + 1
        for v in (value if isinstance(value, list) else [value]):
            if v in q.values:
                k = (COUNT, wave_id, band, q.id, v)
                truth[k] = truth.get(k, 0) + 1
