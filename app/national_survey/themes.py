"""The NHS Staff Survey's themes, and the framework elements each one informs: the one map from
theme to element (README, "NHS Staff Survey theme scores").

The themes are the seven People Promise elements, plus staff engagement and morale, named as the
NHS Staff Survey reports them (a score out of 10 each). The elements are those of the 2021
framework (survey_defs/hwb_diagnostic_2021.yaml); tests check that each one exists there. A
diagnostic of another framework version shows no theme scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str  # stored with each score
    name: str  # as the NHS Staff Survey publishes it
    elements: tuple[str, ...]  # the framework elements its score is evidence for


THEMES: tuple[Theme, ...] = (
    # Compassionate culture and leadership, diversity and equality, inclusion.
    Theme("compassionate_and_inclusive", "We are compassionate and inclusive",
          ("relationships", "managers_and_leaders", "fulfilment_at_work")),
    # Being valued and recognised for the work done.
    Theme("recognised_and_rewarded", "We are recognised and rewarded", ("fulfilment_at_work",)),
    # Autonomy and control; raising concerns and being heard.
    Theme("voice_that_counts", "We each have a voice that counts",
          ("data_insights", "relationships")),
    # Health and safety climate, burnout, negative experiences (violence, harassment, stress).
    Theme("safe_and_healthy", "We are safe and healthy",
          ("improving_personal_health", "professional_wellbeing_support", "environment")),
    # Development, appraisals.
    Theme("always_learning", "We are always learning", ("fulfilment_at_work",)),
    # Support for work-life balance, flexible working.
    Theme("work_flexibly", "We work flexibly", ("fulfilment_at_work",)),
    # Team working, line management.
    Theme("we_are_a_team", "We are a team", ("relationships", "managers_and_leaders")),
    # Motivation, involvement, advocacy: the nine questions of the national pulse too.
    Theme("staff_engagement", "Staff engagement", ("fulfilment_at_work", "managers_and_leaders")),
    # Thinking about leaving, work pressure, stressors.
    Theme("morale", "Morale", ("fulfilment_at_work", "improving_personal_health")),
)
BY_KEY = {theme.key: theme for theme in THEMES}


def comparable(text: str) -> str:
    """Text as compared when reading a file: any case, any run of spaces."""
    return re.sub(r"\s+", " ", text).strip().casefold()


_BY_NAME = {comparable(theme.name): theme for theme in THEMES}


def theme_named(text: str) -> Theme | None:
    """The theme a file names, in any case and spacing; None for anything else."""
    return _BY_NAME.get(comparable(text))


def themes_for(element_id: str) -> tuple[Theme, ...]:
    return tuple(theme for theme in THEMES if element_id in theme.elements)
