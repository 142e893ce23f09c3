"""The survey definition engine: YAML definitions in, typed and checked surveys out.

Pure Python (no Flask), so it can be tested and used from the CLI, forms and reports alike.
Of the dataclasses a Survey is built from, those the rest of the app names are exported here;
the others (Element, Schedule, Retention, ...) are reached through a Survey, or app.surveys.schema.
"""

from .answers import answer_lines, answer_text
from .bands import BAND_LABELS, ROLE_GROUPS, band_label
from .changes import breaking_changes
from .checks import CODES, DefinitionError
from .loader import (
    CHOICES_FILE,
    Catalogue,
    ChoicesResult,
    LoadResult,
    load_choices,
    load_dir,
    load_file,
    load_paths,
    load_text,
)
from .logic import (
    drop_hidden,
    evaluate,
    first_page_id,
    is_visible,
    next_page_id,
    previous_page_id,
    visible_pages,
    visible_questions,
)
from .messages import error_message
from .outline import condition_words, outline
from .schema import (
    BAND_CHOICES,
    DEFAULT_RATING_SCALE,
    QUESTION_TYPES,
    Choice,
    Page,
    Question,
    ShowIf,
    Survey,
)
from .serial import canonical_json, content_hash, survey_from_data, to_data
from .types import Counting, FieldSpec, QuestionKind

__all__ = [
    "BAND_CHOICES", "BAND_LABELS", "CHOICES_FILE", "CODES", "DEFAULT_RATING_SCALE",
    "QUESTION_TYPES", "ROLE_GROUPS", "Catalogue", "Choice", "ChoicesResult", "Counting",
    "DefinitionError", "FieldSpec", "LoadResult", "Page", "Question", "QuestionKind", "ShowIf",
    "Survey", "answer_lines", "answer_text", "band_label", "breaking_changes", "canonical_json",
    "condition_words",
    "content_hash", "drop_hidden", "error_message", "evaluate", "first_page_id", "is_visible",
    "load_choices", "load_dir", "load_file", "load_paths", "load_text", "next_page_id",
    "outline", "previous_page_id", "survey_from_data", "to_data", "visible_pages",
    "visible_questions",
]
