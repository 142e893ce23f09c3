"""An ICS's signed-off themes as the compilation's outputs use them (page, PDF, workbook,
dataset): each with the texts that carry it (the analyst's tags, else the model's) and the
organisations they came from, over the texts of the compilation being shown."""

from __future__ import annotations

from app.analysis import themes
from app.analysis.theming import corpora, results, store

THEMES_NOTE = ("Themes in the gaps and actions organisations wrote, signed off by an analyst: "
               "found by the computer, then accepted, renamed, merged or added by the analyst, "
               "who tagged texts; a model learned from those tags and mapped the rest. Each "
               "theme counts its texts and the organisations they came from. Then the ICS's "
               "own tags, applied by hand.")


def ics_themes(comp, texts: list[themes.Text]) -> list[themes.Theme]:
    analysis = store.find("ics", comp.system.code)
    if analysis is None or not analysis.signed_off:
        return []
    final = store.final_codes(analysis)
    out = []
    for theme in store.accepted(analysis):
        carrying = [t for t in texts if theme.key in final.get(t.key, ())]
        out.append(themes.Theme(theme.name, "theme", themes.organisations_of(carrying),
                                carrying))
    return sorted(out, key=lambda t: (-len(t.organisations), -len(t.texts), t.name))


def ics_analysis(system):
    """The ICS's theme analysis (signed off or not), or None."""
    return store.find("ics", system.code)


def consultation_themes(survey) -> list[tuple[object, results.Results]]:
    """(question, its signed-off theme results) for each free-text question that has them."""
    out = []
    for question in corpora.free_text_questions(survey):
        analysis = store.find("consultation", f"{survey.id}/{question.id}")
        if analysis is not None and analysis.signed_off:
            out.append((question, results.results(analysis, corpora.consultation(survey,
                                                                                 question))))
    return out
