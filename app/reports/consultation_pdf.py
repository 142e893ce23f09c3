"""The consultation summary PDF: counts by respondent type, a chart per closed question, and
published free-text excerpts. Every number comes from app.analysis."""

from __future__ import annotations

from reportlab.lib.units import mm
from sqlalchemy import select

from app import charts, formatting
from app.analysis import consultation as analysis
from app.analysis.theming.signed_off import consultation_themes
from app.consultations import status_of
from app.extensions import db
from app.models import ConsultationResponse, ConsultationState
from app.publishing import published_excerpts
from app.reports import pdf


def _dates(status) -> str:
    """Both dates, as the consultation's page gives them (consultations/_dates.html)."""
    day = formatting.long_date
    if status.is_open:
        return (f"Opened {day(status.opens)}. " + (f"Closes {day(status.closes)} at 11:59pm"
                if status.closes else "Open until further notice"))
    if status.is_forthcoming:
        opens = f"Opens {day(status.opens)}" if status.opens else "Not scheduled yet"
        return opens + (f", closes {day(status.closes)}" if status.closes else "")
    opened = f"Opened {day(status.opens)}, closed" if status.opens else "Closed"
    return f"{opened} {day(status.closes)}" if status.closes else opened


def consultation_pdf(survey) -> bytes:
    status = status_of(survey)
    total = analysis.total_responses(survey.id)
    story = [pdf.Heading(survey.title, 0),
             pdf.para(f"Consultation summary. Status: {status.state}. {_dates(status)}."),
             pdf.para(f"Total responses: {total}"), pdf.spacer()]
    story.append(pdf.Heading("Responses by respondent type", 1))
    by_type = analysis.by_respondent_type(survey)
    story.append(pdf.table([["Respondent type", "Responses", "Per cent"]] + [
        [c.label, str(c.count), formatting.percent_text(c.count, total)] for c in by_type]))
    story.append(pdf.Heading("Answers to each question", 1))
    for qc in analysis.question_counts(survey):
        story.append(pdf.Heading(qc.title, 2))
        story.append(pdf.kept_with_next(pdf.para(
            f"{qc.answered} of {total} respondents answered.")))
        if qc.answered:  # a chart of noughts says nothing the line above does not
            story.append(charts.to_drawing(charts.counts(
                qc.title, [c.label for c in qc.counts], [c.count for c in qc.counts])))
        story.append(pdf.spacer(2))
    story += themes_section(survey, total)
    state = db.session.get(ConsultationState, survey.id)
    published = state.published_summary if state is not None else None
    if published:
        story.append(pdf.Heading("We asked, you said, we did", 1))
        for heading, text in (("We asked", published.we_asked), ("You said", published.you_said),
                              ("We did", published.we_did)):
            story += [pdf.Heading(heading, 2), pdf.para(text or "")]
    rows = db.session.scalars(select(ConsultationResponse).where(
        ConsultationResponse.survey_id == survey.id,
        ConsultationResponse.published_at.is_not(None))
        .order_by(ConsultationResponse.submitted_at)).all()
    story.append(pdf.Heading("Published responses", 1))
    excerpts = published_excerpts(survey, rows)
    if not excerpts:
        story.append(pdf.para("No responses have been published."))
    for excerpt in excerpts:
        story.append(pdf.Heading(f"{excerpt.name} ({excerpt.respondent_type})", 2))
        for label, text in excerpt.answers:
            story += [pdf.kept_with_next(pdf.para(label, "Heading4")), pdf.para(text)]
    return pdf.build(f"{survey.title}: consultation summary", story, subject=survey.id)


def themes_section(survey, total: int) -> list:
    """The signed-off themes of each free-text question: counts by respondent type, and quotes
    only from responses whose people consented and an admin published."""
    found = consultation_themes(survey)
    if not found:
        return []
    story = [pdf.Heading("Themes in what people wrote", 1),
             pdf.kept_with_next(pdf.para(
                 "Themes found by the computer and signed off by an analyst, who tagged "
                 "answers; a model learned from those tags and mapped the rest. An answer can "
                 "carry more than one theme."))]
    for question, result in found:
        story.append(pdf.Heading(question.label, 2))
        story.append(pdf.kept_with_next(pdf.para(
            f"{result.total} of {total} respondents answered.")))
        groups = (pdf.WIDTH - 70 * mm) / max(len(result.groups), 1)
        story.append(pdf.table([["Theme", "Answers", *result.groups]] + [
            [c.theme.name, f"{c.texts} ({formatting.percent_text(c.texts, result.total)})",
             *[str(c.by_group.get(g, 0)) for g in result.groups]] for c in result.themes],
            [50 * mm, 20 * mm, *[groups] * len(result.groups)]))
        for count in result.themes:
            # Two quotes at most, each said once however many people wrote the same words.
            for text in list(dict.fromkeys(entry.text for entry in count.quotes))[:2]:
                story.append(pdf.para(f"{count.theme.name}: \u201c{text}\u201d"))
        story.append(pdf.spacer(2))
    return story
