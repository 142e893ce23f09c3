"""An organisation's diagnostic as a PDF: summary chart, each element's items and what staff told
us (the element page's findings and provenance, app/analysis/evidence.py), the evidence gaps
(staff-survey evidence by element and band, then the organisation's own gap text) and the action
plan, with a bookmark per section (headings from app/reports/pdf.py). All text from people is
escaped, so markup typed into an answer prints as typed."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, TableStyle

from app import clock, definitions
from app.analysis.evidence import LEGEND, ElementEvidence, for_assessment, gap_bands
from app.charts import element_ratings, to_drawing
from app.diagnostic import cycles, progress
from app.formatting import short_date
from app.national_survey.scores import NATIONAL_NOTE, ThemeScore, scores_for
from app.reports.pdf import Heading, Table, header_row, kept_with_next
from app.reports.pdf import build as build_pdf

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=STYLES["BodyText"], fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)
BULLET = ParagraphStyle("bullet", parent=SMALL, leftIndent=10, bulletIndent=2, spaceAfter=2)


def text(value) -> str:
    """Escaped for reportlab's mini-markup, line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _table(data, widths, header=True) -> Table:
    """A table in SMALL type; its header's words each fit their column (never broken)."""
    if header:
        data = [header_row([str(c) for c in data[0]], widths, [SMALL] * len(widths)),
                *data[1:]]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONT", (0, 0), (-1, -1), SMALL.fontName, SMALL.fontSize, SMALL.leading),
             ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edee")))
    table.setStyle(TableStyle(style))
    return table


def staff_voice(evidence: ElementEvidence, national: list[ThemeScore]) -> list:
    """What staff told us about one element, as its page says it: the staff surveys, then the
    organisation's NHS Staff Survey theme scores that inform it."""
    out = [Heading("What staff told us", 1),
           kept_with_next(Paragraph(text(evidence.window.text), SMALL))]
    for finding in evidence.findings:
        out.append(Paragraph(f"{text(finding.statement)}.<br/><i>Source: "
                             f"{text(finding.provenance)}.</i>", BULLET, bulletText="\u2022"))
    if not evidence.any_wave:
        out.append(Paragraph("No staff survey closed in this time.", SMALL))
    if evidence.gaps:
        out.append(kept_with_next(Paragraph("<b>Bands with no evidence</b>", SMALL)))
        out += [Paragraph(text(gap), BULLET, bulletText="\u2022") for gap in evidence.gaps]
    if national:
        out.append(kept_with_next(Paragraph(f"<b>NHS Staff Survey</b> ({text(NATIONAL_NOTE)})",
                                            SMALL)))
        out += [Paragraph(text(score), BULLET, bulletText="\u2022") for score in national]
    return out


FIRST_ELEMENT_ROOM = 120 * mm  # less left than this after the summary: a new page


def trend_section(org) -> list:
    """Each element's score (the mean of its rated items) in every cycle, with the change on
    the cycle before, as the trend page shows it; nothing for an organisation's first cycle."""
    found, rows = cycles.trend(org)
    if len(found) < 2:
        return []
    cells = [["Element", *[f"{a.cycle} (started {short_date(a.created_at.date())})"
                           for a in found]]]
    for row in rows:
        cells.append([Paragraph(text(row.title), SMALL), *[
            Paragraph(text(f"{score:.1f} ({rated} rated)" if score is not None else "Not rated")
                      + (f"<br/>{text(change)}" if change else ""), SMALL)
            for (score, rated), change in zip(row.scores, row.changes, strict=True)]])
    width = 110 * mm / len(found)
    return [Spacer(1, 6), Heading("Trend across cycles", 1),
            kept_with_next(Paragraph("An element's score is the mean of its rated items' "
                                     "ratings; items not applicable or not rated do not count.",
                                     SMALL)),
            _table(cells, [60 * mm, *[width] * len(found)])]


def band_gaps(rows, evidence: dict[str, ElementEvidence]) -> list:
    """Staff-survey evidence per element and band: one status word per cell."""
    bands = gap_bands()
    window = next(iter(evidence.values())).window if evidence else None
    out = [Heading("Staff-survey evidence by element and band", 1),
           kept_with_next(Paragraph(text(f"{window.text if window else ''} {LEGEND}"), SMALL))]
    width = 110 * mm / max(len(bands), 1)
    out.append(_table([["Element", *bands]] + [
        [Paragraph(text(r.element.title), SMALL),
         *[Paragraph(str(evidence[r.element.id].status(b)), SMALL) for b in bands]] for r in rows],
        [60 * mm, *[width] * len(bands)]))
    return out


def build(assessment) -> bytes:
    survey = definitions.for_assessment(assessment)
    org = assessment.organisation
    labels = {c.value: c.label for c in survey.rating_scale}
    rows = progress.element_progress(assessment, survey)
    answers = assessment.answer_map()
    evidence = for_assessment(assessment, survey.elements, clock.today())
    title = f"{org.name}: health and wellbeing diagnostic, {assessment.cycle}"

    story = [Heading(title, 0),
             Paragraph(text(f"{survey.title} (version {survey.version}). "
                            f"Organisation code {org.code}. Mode: {assessment.mode}."), BODY),
             Spacer(1, 6), Heading("Ratings by element", 1),
             to_drawing(element_ratings(rows, survey.rating_scale))]
    summary = [["Element", "Rated", "Overall", "Status"]] + [
        [Paragraph(text(r.element.title), SMALL), f"{r.rated} of {r.total}",
         r.summary.label if r.summary else "Not yet rated", r.status] for r in rows]
    story += [Spacer(1, 6), _table(summary, [80 * mm, 25 * mm, 35 * mm, 30 * mm])]
    story += trend_section(org)

    for number, row in enumerate(rows):
        element = row.element
        # Each element on a page of its own; the first follows the summary where there is
        # room, so a summary that runs a few rows over does not leave a page nearly empty.
        story += [CondPageBreak(FIRST_ELEMENT_ROOM), Spacer(1, 8)] if number == 0 \
            else [PageBreak()]
        story.append(Heading(element.title, 0))
        for sub_area in element.sub_areas:
            story.append(Heading(sub_area.title, 1))
            for item in sub_area.items:
                answer = answers.get(item.id)
                rating = labels.get(answer.rating, "Not yet rated") if answer and answer.rating \
                    else "Not yet rated"
                block = [Paragraph(f"<b>{text(item.prompt)}</b>", BODY),
                         Paragraph(f"Rating: {text(rating)}", BODY)]
                if answer and not assessment.quick:
                    for label, value in (("In place now", answer.offer),
                                         ("Evidence", answer.evidence),
                                         ("Evidence links", answer.evidence_links),
                                         ("Gaps", answer.gaps)):
                        if value:
                            block.append(Paragraph(f"<i>{label}:</i> {text(value)}", SMALL))
                # An item's prompt, rating and notes stay together (the last may run over).
                story += [*map(kept_with_next, block[:-1]), block[-1], Spacer(1, 4)]
        story += staff_voice(evidence[element.id], scores_for(org, element.id))

    gaps = [(survey_item, answers[survey_item.id].gaps) for survey_item in survey.items()
            if survey_item.id in answers and answers[survey_item.id].gaps]
    story += [PageBreak(), Heading("Evidence gaps", 0), *band_gaps(rows, evidence),
              Spacer(1, 6), Heading("Gaps your organisation recorded", 1)]
    if gaps:
        story.append(_table([["Item", "Gaps"]] + [
            [Paragraph(text(i.prompt), SMALL), Paragraph(text(g), SMALL)] for i, g in gaps],
            [80 * mm, 90 * mm]))
    else:
        story.append(Paragraph("No gaps recorded.", BODY))

    prompts = {i.id: i.prompt for i in survey.items()}
    story += [Spacer(1, 10), Heading("Action plan", 0)]
    if assessment.actions:
        story.append(_table([["Action", "For item", "Owner", "Due", "Status"]] + [
            [Paragraph(text(a.what), SMALL), Paragraph(text(prompts.get(a.item_id, a.item_id)),
                                                       SMALL),
             Paragraph(text(a.owner), SMALL), short_date(a.due),
             a.status_label] for a in assessment.actions],
            [55 * mm, 50 * mm, 28 * mm, 20 * mm, 20 * mm]))
    else:
        story.append(Paragraph("No actions recorded.", BODY))

    return build_pdf(title, story, author=org.name, subject=survey.title)
