"""The ICS compilation as a PDF: heat map, shared gaps, consistency, evidence gaps (with the
suppressed staff-voice counts), buddying, plan progress and themes, each a bookmarked heading
(app/reports/pdf.py). Every figure comes from app.analysis; all text from people is escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, TableStyle

from app import charts, formatting
from app.analysis import ics, ics_plan, ics_voice, themes
from app.analysis.ics_voice import GAPS_NOTE, NO_EVIDENCE_AT_ALL, evidence_table
from app.analysis.theming import signed_off
from app.analysis.theming.signed_off import THEMES_NOTE
from app.diagnostic import buddying
from app.models import ORG_TYPES
from app.reports.pdf import Heading, Table, header_row, kept_with_next
from app.reports.pdf import build as build_pdf

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("ics-body", parent=STYLES["BodyText"], fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("ics-small", parent=BODY, fontSize=7.5, leading=9.5)
HEAT = ParagraphStyle("ics-heat", parent=BODY, fontSize=6.5, leading=8)
FILL = {"red": colors.HexColor("#f6d3d0"), "amber": colors.HexColor("#fbe9c4"),
        "green": colors.HexColor("#d5ecdc"), "none": colors.HexColor("#f0f4f5"),
        "grey": colors.HexColor("#f0f4f5")}
WIDTH = 174 * mm
SECTION_TITLES = ["Heat map", "Shared gaps", "Consistency", "Evidence gaps", "Buddying",
                  "Plan progress", "Themes"]


PAD = 6  # reportlab's default left and right cell padding
BASE = [("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#aeb7bd")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edee")),
        # Text that fits its cell is drawn as a plain string in SMALL's font (see fit).
        ("FONT", (0, 0), (-1, -1), SMALL.fontName, SMALL.fontSize, SMALL.leading)]


def p(value, style=SMALL) -> Paragraph:
    return Paragraph(escape(str(value if value is not None else "")).replace("\n", "<br/>"),
                     style)


def fit(value, width: float, style=SMALL):
    """The cell as a plain string when every line fits its column, else a wrapping Paragraph.
    A Paragraph costs far more to build and lay out, and most cells (counts, ratings, short
    names) never wrap; plain strings are drawn literally, so need no escaping."""
    if isinstance(value, Paragraph):
        return value
    text = str(value if value is not None else "")
    room = width - 2 * PAD
    if all(stringWidth(line, style.fontName, style.fontSize) <= room
           for line in text.split("\n")):
        return text
    return p(text, style)


def grid(rows: list[list], widths: list[float], fills: list[tuple] = (),
         extra: list[tuple] = (), styles: dict[int, ParagraphStyle] | None = None) -> Table:
    """A table with a header row; `styles` gives a column a style other than SMALL (its
    plain-string cells need a matching FONT command in `extra`)."""
    styles = styles or {}
    data = [[fit(c, widths[x], styles.get(x, SMALL)) for x, c in enumerate(row)]
            for row in rows[1:]]
    # The header breaks only between words, its type shrinking together where one is too wide.
    data.insert(0, header_row([str(c) for c in rows[0]], widths,
                              [styles.get(x, SMALL) for x in range(len(widths))]))
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([*BASE, *extra,
                           *[("BACKGROUND", cell, cell, colour) for cell, colour in fills]]))
    return t


def names(orgs) -> str:
    return ", ".join(o.name for o in orgs) or "None"


def describe(comp: ics.Compilation) -> str:
    cycle = f"cycle \u201c{comp.cycle}\u201d" if comp.cycle else "each organisation's latest cycle"
    kind = ORG_TYPES.get(comp.org_type, "all types") if comp.org_type else "all types"
    text = (f"{comp.system.name} ({comp.system.code}): {len(comp.assessed)} of {len(comp.rows)} "
            f"organisations ({kind}) assessed, {cycle}, against {comp.survey.title} "
            f"(version {comp.survey.version}). An element's rating is the mean of its rated "
            "items, rounded to the scale.")
    if comp.other_definition:
        text += (f" Not compared: {names(r.org for r in comp.other_definition)}, which used "
                 "another framework version.")
    return text


def heat_map(comp: ics.Compilation) -> list:
    n = len(comp.elements)
    org_w, done_w = 34 * mm, 16 * mm
    cell_w = (WIDTH - org_w - done_w) / max(n, 1)
    rows = [["Organisation", *[e.title for e in comp.elements], "Items rated"]]
    fills = []
    for y, r in enumerate(comp.rows, start=1):
        if r.assessment is None:
            rows.append([f"{r.org.name} ({r.org.code})", *["No assessment"] * n, ""])
            continue
        row = [f"{r.org.name} ({r.org.code}), {r.assessment.cycle}"]
        for x, element in enumerate(comp.elements, start=1):
            cell = r.cells[element.id]
            row.append(cell.word + ("\ndiscussed" if cell.completed else ""))
            fills.append(((x, y), FILL.get(cell.colour, FILL["none"])))
        rows.append([*row, f"{r.rated} of {r.total} ({r.completion}%)"])
    heat = [("FONT", (1, 0), (n, -1), HEAT.fontName, HEAT.fontSize, HEAT.leading)]
    return [grid(rows, [org_w, *[cell_w] * n, done_w], fills, heat,
                 dict.fromkeys(range(1, n + 1), HEAT))]


def gaps_section(comp: ics.Compilation) -> list:
    low = " or ".join(c.label for c in comp.scale if c.value in comp.low)
    out = [kept_with_next(p(f"Elements and items rated \u201c{low}\u201d by the most "
                            "organisations.", BODY))]
    rows = [["Element", "Organisations rating it low", "Which"]]
    rows += [[g.title, f"{g.low} of {g.rated}", names(g.organisations)]
             for g in ics.shared_gaps(comp)]
    out += [grid(rows, [60 * mm, 30 * mm, 84 * mm]), Spacer(1, 6)]
    items = ics.shared_item_gaps(comp)
    if items:
        rows = [["Item", "Element", "Organisations rating it low"]]
        rows += [[g.title, g.element_title, f"{g.low} of {g.rated}: {names(g.organisations)}"]
                 for g in items]
        out.append(grid(rows, [80 * mm, 40 * mm, 54 * mm]))
    return out


def consistency_section(comp: ics.Compilation) -> list:
    spreads = ics.consistency(comp)
    rows = [["Element", "Organisations", "Lowest", "Highest", "Spread (SD)"]]
    for s in spreads:
        if not s.n:
            rows.append([s.title, "0", "", "", ""])
            continue
        rows.append([s.title, str(s.n), f"{formatting.decimal(s.lowest)}: {names(s.lowest_orgs)}",
                     f"{formatting.decimal(s.highest)}: {names(s.highest_orgs)}",
                     formatting.decimal(s.sd, 2)])
    # The page's chart, as the page draws it: each line from the lowest organisation's mean
    # rating to the highest, the circle the mean across them (the table below has the words).
    chart = charts.spread(spreads, comp.scale)
    drawn = [charts.to_drawing(chart), Spacer(1, 4)] if chart and chart.rows else []
    return [kept_with_next(p("Where organisations differ most comes first (standard deviation "
                             "of their mean ratings). Each line runs from the lowest "
                             "organisation's mean rating to the highest; the circle is the mean "
                             "across organisations.", BODY)),
            *drawn, grid(rows, [50 * mm, 20 * mm, 42 * mm, 42 * mm, 20 * mm])]


def evidence_section(comp: ics.Compilation) -> list:
    bands, rows = ics_voice.evidence_gaps(comp)
    cells = evidence_table(bands, rows, comp.elements)
    out = [kept_with_next(p(
        f"How many of the {len(rows)} organisations have no staff-survey evidence, by element "
        f"and band, and why. {GAPS_NOTE} The tool compiles evidence; it does not replace "
        "talking with staff.", BODY))]
    table = [["Element", *bands]] + [
        [element.title, *[cells[element.id][band].short for band in bands]]
        for element in comp.elements]
    width = (WIDTH - 44 * mm) / max(len(bands), 1)
    out += [grid(table, [44 * mm, *[width] * len(bands)]), Spacer(1, 6)]
    # Each organisation is named once: in one line if it ran no survey at all, else in one row.
    silent = [r.org for r in rows if r.without_any()]
    if silent:
        out.append(p(f"{NO_EVIDENCE_AT_ALL}: {names(silent)}.", BODY))
    rest = [r for r in rows if not r.without_any()]
    if rest:
        out.append(grid([["Organisation", *bands]] + [
            [r.org.name, *[r.summary(comp.elements, band) for band in bands]] for r in rest],
            [44 * mm, *[width] * len(bands)]))
    out.append(Spacer(1, 6))
    counts = ics_voice.staff_voice_counts(comp)
    for survey_id in dict.fromkeys(c.survey_id for c in counts):
        mine = [c for c in counts if c.survey_id == survey_id]
        labels = list(dict.fromkeys(c.band for c in mine))
        out.append(kept_with_next(p(
            f"Staff-voice respondents: {mine[0].survey_title}. {ics_voice.HIDDEN_NOTE}", BODY)))
        table = [["Organisation", *labels]]
        for who in dict.fromkeys(c.scope for c in mine):
            shown = {c.band: c.text for c in mine if c.scope == who}
            table.append([who, *[shown.get(b, "") for b in labels]])
        width = (WIDTH - 50 * mm) / max(len(labels), 1)
        out.append(grid(table, [50 * mm, *[width] * len(labels)]))
    return out


def buddying_section(comp: ics.Compilation) -> list:
    rows = [["Element", "Rate themselves strong", "Rate themselves weak", "Suggested pairs"]]
    for b in ics.buddying(comp):
        pairs = "; ".join(f"{w.name} with {s.name}" for w, s in b.pairs) or "None"
        rows.append([b.title, names(b.strong), names(b.weak), pairs])
    out = [grid(rows, [40 * mm, 40 * mm, 40 * mm, 54 * mm])]
    agreed = buddying.agreements(comp.system)
    if agreed:
        titles = {e.id: e.title for e in comp.elements}
        table = [["Element", "Learns", "From", "Agreed", "Follow up"]] + [
            [titles.get(a.element_id, a.element_id), a.learner.name,
             a.buddy.name + (f": {a.note}" if a.note else ""),
             formatting.long_date(a.agreed_at.date()),
             formatting.long_date(a.follow_up_on) if a.follow_up_on else "Not set"]
            for a in agreed]
        out += [Spacer(1, 6), kept_with_next(Paragraph("<b>Agreed pairs</b>", SMALL)),
                grid(table, [36 * mm, 32 * mm, 54 * mm, 26 * mm, 26 * mm])]
    return out


def plan_section(comp: ics.Compilation) -> list:
    rows = [["Element", "Planned", "Completed", "In progress", "Not started"]]
    found = ics_plan.plan_progress(comp)
    for r in found:
        when = (f"{formatting.long_date(r.starts_on)} to {formatting.long_date(r.due_on)}"
                if r.starts_on and r.due_on else formatting.long_date(r.starts_on)
                if r.starts_on else "Not planned")
        rows.append([r.title, when, names(r.completed), names(r.in_progress),
                     names(r.not_started)])
    out = [grid(rows, [40 * mm, 24 * mm, 37 * mm, 37 * mm, 36 * mm])]
    late = ics_plan.overdue(comp, found)
    if late:
        table = [["Organisation", "Element", "Due", "Days overdue"]] + [
            [o.org.name, o.title, formatting.long_date(o.due_on), str(o.days_late)]
            for o in late]
        out += [Spacer(1, 6), kept_with_next(Paragraph("<b>Overdue</b>", SMALL)),
                grid(table, [60 * mm, 50 * mm, 36 * mm, 28 * mm])]
    return out


def themes_section(comp: ics.Compilation) -> list:
    texts = themes.texts_of(comp)
    found = signed_off.ics_themes(comp, texts)
    out = [kept_with_next(p(THEMES_NOTE, BODY))]
    if found:
        rows = [["Theme", "Texts", "Organisations", "Which"]]
        rows += [[t.name, str(len(t.texts)), str(len(t.organisations)), names(t.organisations)]
                 for t in found]
        out.append(grid(rows, [48 * mm, 16 * mm, 24 * mm, 86 * mm]))
    else:
        out.append(p("No themes have been signed off for this ICS yet.", BODY))
    tagged = themes.tag_themes(comp.system, texts)
    if tagged:
        rows = [["Tag", "Texts", "Organisations"]]
        rows += [[t.name, str(len(t.texts)), names(t.organisations)] for t in tagged]
        out += [Spacer(1, 6), grid(rows, [50 * mm, 24 * mm, 100 * mm])]
    return out


def build(comp: ics.Compilation) -> bytes:
    ics.load_texts(comp)  # the themes section reads every organisation's texts
    title = f"{comp.system.name}: ICS health and wellbeing compilation"
    if comp.cycle:
        title += f", {comp.cycle}"
    story = [Heading(title, 0), p(describe(comp), BODY), Spacer(1, 6)]
    sections = [heat_map, gaps_section, consistency_section, evidence_section,
                buddying_section, plan_section, themes_section]
    for heading, section in zip(SECTION_TITLES, sections, strict=True):
        story += [Heading(heading, 1), *section(comp), Spacer(1, 8)]
    return build_pdf(title, story, author=comp.system.name,
                     subject="NHS Health and Wellbeing Framework diagnostic: ICS compilation")
