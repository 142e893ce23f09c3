"""The ICS compilation as a workbook: one sheet per section, figures from app.analysis.

Any text a spreadsheet would run as a formula is written with a leading apostrophe
(app/exports/cells.py).
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.analysis import ics, ics_actions, ics_plan, ics_voice, themes
from app.analysis.theming import signed_off
from app.exports.cells import value as safe
from app.models import ORG_TYPES

FILLS = {"red": "F6D3D0", "amber": "FBE9C4", "green": "D5ECDC"}


def names(orgs) -> str:
    return ", ".join(o.name for o in orgs)


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], widths=None):
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe(v) for v in row])
    for n, width in enumerate(widths or [30] * len(header)):
        ws.column_dimensions[ws.cell(row=1, column=n + 1).column_letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    return ws


def _about(wb: Workbook, comp: ics.Compilation) -> None:
    ws = wb.active
    ws.title = "About"
    rows = [("System", comp.system.name), ("System code", comp.system.code),
            ("Cycle", comp.cycle or "Latest of each organisation"),
            ("Organisation type", ORG_TYPES.get(comp.org_type, "All types")),
            ("Definition", f"{comp.survey.id} version {comp.survey.version}"),
            ("Rating scale", "; ".join(f"{c.value} = {c.label}" for c in comp.scale)),
            ("Low ratings", ", ".join(c.label for c in comp.scale if c.value in comp.low)),
            ("Strong ratings", ", ".join(c.label for c in comp.scale if c.value in comp.strong)),
            ("Not compared (another framework version)",
             names(r.org for r in comp.other_definition) or "None"),
            ("Staff-voice counts", ics_voice.HIDDEN_NOTE),
            ("Evidence gaps", ics_voice.GAPS_NOTE)]
    for key, value in rows:
        ws.append([key, safe(value)])
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 90


def _heat_map(wb: Workbook, comp: ics.Compilation) -> None:
    header = ["Organisation code", "Organisation", "Type", "Cycle",
              *[e.title for e in comp.elements], "Items rated", "Items", "Completion %"]
    rows = []
    for r in comp.rows:
        base = [r.org.code, r.org.name, r.org.type_label, r.assessment.cycle if r.assessment
                else "No assessment"]
        words = [r.cells[e.id].word if r.assessment else "" for e in comp.elements]
        rows.append([*base, *words, r.rated, r.total, r.completion])
    ws = _sheet(wb, "Heat map", header, rows, [12, 30, 18, 14, *[18] * len(comp.elements),
                                               10, 10, 12])
    for y, r in enumerate(comp.rows, start=2):
        for x, element in enumerate(comp.elements, start=5):
            colour = FILLS.get(r.cells[element.id].colour) if r.assessment else None
            if colour:
                ws.cell(row=y, column=x).fill = PatternFill("solid", fgColor=colour)


def build(comp: ics.Compilation) -> Workbook:
    wb = Workbook()
    _about(wb, comp)
    _heat_map(wb, comp)
    labels = {c.value: c.label for c in comp.scale}
    _sheet(wb, "Shared gaps", ["Kind", "Element", "Item", "Organisations rating it low",
                               "Organisations rating it", "Which rate it low", "All ratings"],
           [["Element", g.title, "", g.low, g.rated, names(g.organisations),
             "; ".join(f"{labels.get(v, v)}: {n}" for v, n in g.counts.items())]
            for g in ics.shared_gaps(comp)]
           + [["Item", g.element_title, g.title, g.low, g.rated, names(g.organisations),
               "; ".join(f"{labels.get(v, v)}: {n}" for v, n in g.counts.items())]
              for g in ics.shared_item_gaps(comp)], [10, 34, 50, 14, 14, 40, 40])
    _sheet(wb, "Consistency", ["Element", "Organisations", "Lowest mean", "Highest mean",
                               "Mean", "Standard deviation", "Lowest", "Highest"],
           [[s.title, s.n, s.lowest, s.highest, s.mean, s.sd, names(s.lowest_orgs),
             names(s.highest_orgs)] for s in ics.consistency(comp)])
    bands, evidence = ics_voice.evidence_gaps(comp)
    cells = ics_voice.evidence_table(bands, evidence, comp.elements)
    _sheet(wb, "Evidence gap counts", ["Element", "Band", "Organisations", "Without evidence",
                                       *[s.headline.capitalize() for s in ics_voice.WITHOUT],
                                       "In words"],
           [[e.title, b, cell.total, cell.count,
             *[len(cell.without[s]) for s in ics_voice.WITHOUT], cell.headline(b)]
            for e in comp.elements for b in bands for cell in [cells[e.id][b]]],
           [34, 16, 14, 14, 14, 14, 60])
    _sheet(wb, "Evidence gaps", ["Organisation code", "Organisation", "Element", *bands],
           [[r.org.code, r.org.name, e.title, *[r.status[e.id][b] for b in bands]]
            for r in evidence for e in comp.elements])
    _sheet(wb, "Staff-voice counts", ["Survey", "Organisation", "Wave", "Band", "Responses"],
           [[c.survey_title, c.scope, c.wave, c.band, c.text]
            for c in ics_voice.staff_voice_counts(comp)])
    _sheet(wb, "Buddying", ["Element", "Rate themselves strong", "Rate themselves weak",
                            "Suggested pairs"],
           [[b.title, names(b.strong), names(b.weak),
             "; ".join(f"{w.name} with {s.name}" for w, s in b.pairs)]
            for b in ics.buddying(comp)])
    _sheet(wb, "Plan progress", ["Element", "Planned start", "Due", "Completed", "In progress",
                                 "Not started", "Overdue", "Completed ahead of plan"],
           [[r.title, r.starts_on, r.due_on, names(r.completed), names(r.in_progress),
             names(r.not_started), names(r.overdue), names(r.ahead)]
            for r in ics_plan.plan_progress(comp)])
    _sheet(wb, "Actions", ["Element", "Organisation", "Item", "Action", "Owner", "Due", "Status",
                           "Overdue"],
           [[g.title, t.org.name, t.item.prompt, t.action.what, t.action.owner, t.action.due,
             t.action.status_label, "Yes" if t.overdue else ""]
            for g in ics_actions.tracker(comp) for t in g.actions])
    texts = themes.texts_of(comp)
    found = signed_off.ics_themes(comp, texts) + themes.tag_themes(comp.system, texts)
    _sheet(wb, "Themes", ["Theme", "Kind", "Organisations", "Which"],
           [[t.name, t.kind_label, len(t.organisations), names(t.organisations)]
            for t in found])
    _sheet(wb, "Free text", ["Organisation", "Element", "Item", "Kind", "Text"],
           [[t.org.name, t.element.title, t.item.prompt, t.kind_label, t.text] for t in texts],
           [30, 30, 50, 10, 80])
    return wb


def to_bytes(comp: ics.Compilation) -> bytes:
    buffer = BytesIO()
    build(comp).save(buffer)
    return buffer.getvalue()
