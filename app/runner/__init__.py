"""Running a survey from its definition, for any blueprint (consultations, staff voice)."""

from app.runner.flow import SurveyRunner
from app.runner.store import answers_for, response_for_key, store_response

__all__ = ["SurveyRunner", "answers_for", "response_for_key", "store_response"]
