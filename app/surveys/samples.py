"""Made-up answers to any survey, for demo data and benchmark data.

Each question type says what a plausible answer looks like (QuestionKind.sample); this module
holds the choices that are about the data set rather than the type: which answers lean more
common, the words of free-text comments, and how often an optional question is left blank.
Hidden questions lose their answers as the runner drops them, so the data is what people could
have sent.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from .logic import drop_hidden
from .schema import Survey

# Agreement leaning positive, so results have a shape worth reading; any other value weighs 1.
LEANING = {"strongly_agree": 2, "agree": 4, "neither": 3, "disagree": 3, "strongly_disagree": 1}
COMMENTS = (
    "Somewhere to heat food on nights would make a real difference.",
    "I did not know we had a staff support line until a colleague told me.",
    "Breaks get cut short when the ward is busy, so I eat at the nurses' station.",
    "Occupational health is only open in office hours, which I never work.",
    "More time with my manager to talk about how I am doing.",
    "Water fountains that work on every floor.",
    "I do not have a computer at work, so I miss most of the emails about wellbeing.",
)
WORDS_GIVEN = 0.4  # an optional free-text question is answered by 4 in 10
OTHERS_GIVEN = 0.8  # any other optional question by 8 in 10


class Sampler:
    """What a type's `sample` draws from: a seeded random source, the leaning and the words."""

    def __init__(self, rng: random.Random, *, lean: Mapping[str, float] = LEANING,
                 comments: Sequence[str] = COMMENTS):
        self.rng, self.lean, self.comments = rng, lean, comments

    def leaning(self, values: Sequence[str]) -> str:
        return self.rng.choices(values, [self.lean.get(v, 1) for v in values])[0]

    def some(self, values: Sequence[str], most: int = 3) -> list[str]:
        return self.rng.sample(list(values), self.rng.randint(1, min(most, len(values))))

    def words(self, longest: int | None) -> str:
        return self.rng.choice(self.comments)[:longest]


class AnswerMaker:
    """Answers to one survey, question by question through the types, blanks as people leave
    them; `fixed` answers (a band the data set plans) are used as given."""

    def __init__(self, survey: Survey, rng: random.Random, **sampler: Any):
        self.survey, self.rng = survey, rng
        self.sampler = Sampler(rng, **sampler)

    def answers(self, fixed: Mapping[str, Any] | None = None) -> dict:
        fixed = fixed or {}
        answers: dict = {}
        for question in self.survey.questions():
            if question.id in fixed:
                answers[question.id] = fixed[question.id]
            elif not question.optional or self.rng.random() < self._given(question):
                answers.update(question.kind.sample(question, self.sampler))
        return drop_hidden(self.survey, answers)

    @staticmethod
    def _given(question) -> float:
        return WORDS_GIVEN if question.kind.is_free_text else OTHERS_GIVEN
