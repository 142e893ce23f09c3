"""NHS Staff Survey theme scores: the CSV an admin imports (csv_import), the themes and the
framework elements each informs (themes), and the stored scores read back as evidence (scores)."""

from app.national_survey.csv_import import MAX_BYTES, Parsed, ScoresRefused, parse, store
from app.national_survey.scores import ImportedYear, ThemeScore, imported_years, scores_for
from app.national_survey.themes import BY_KEY, THEMES, Theme, theme_named, themes_for

__all__ = ["BY_KEY", "MAX_BYTES", "THEMES", "ImportedYear", "Parsed", "ScoresRefused", "Theme",
           "ThemeScore", "imported_years", "parse", "scores_for", "store", "theme_named",
           "themes_for"]
