"""The staff-voice side of the ICS compilation: evidence gaps and suppressed respondent counts
per organisation, read from the organisation-level analysis so both views always agree."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.analysis.evidence import LEGEND, EvidenceStatus, element_evidence, gap_bands
from app.analysis.evidence_window import window_for
from app.analysis.ics import Compilation
from app.analysis.results import system_results, wave_results
from app.definitions import for_wave, surveys_of_kind
from app.extensions import db
from app.formatting import date_range
from app.models import Organisation
from app.staff_voice.closing import latest_closed_waves

EVIDENCE, NO_SURVEY, NOT_SHOWN = EvidenceStatus
WITHOUT = (NO_SURVEY, NOT_SHOWN)  # the reasons an organisation has no evidence, in order
WHOLE_SYSTEM = "Whole system"  # the scope of a system's figures, in every output
HIDDEN_NOTE = ("Groups under the minimum size are hidden, and so are some larger groups, so that "
               "a small one cannot be worked out by subtracting other figures. Every hidden "
               "figure reads \u201cNot shown\u201d.")
GAPS_NOTE = ("Evidence counts every staff survey that closed in the 12 months up to each "
             f"organisation's assessment (up to today for its latest). {LEGEND}")
NO_EVIDENCE_AT_ALL = "No staff survey in the window, for any element or band"


@dataclass
class EvidenceRow:
    org: Organisation
    status: dict[str, dict[str, EvidenceStatus]]  # element id -> band label -> status

    def summary(self, elements, band: str) -> str:
        """One band across every element, in a few words: "No survey", or "Evidence for 5 of
        7 elements; not shown: Environment, Relationships"."""
        found = {s: [e.title for e in elements if self.status[e.id][band] is s]
                 for s in EvidenceStatus}
        whole = [s for s, titles in found.items() if len(titles) == len(elements)]
        if whole:
            return str(whole[0])
        parts = [f"{s.headline if s is NOT_SHOWN else str(s).lower()}: {', '.join(titles)}"
                 for s, titles in found.items() if titles and s is not EVIDENCE]
        if found[EVIDENCE]:
            parts.insert(0, f"Evidence for {len(found[EVIDENCE])} of {len(elements)} elements")
        return "; ".join(parts)

    def without_any(self) -> bool:
        """No survey for any element or band: named once, not in every cell."""
        return all(s is NO_SURVEY for by_band in self.status.values() for s in by_band.values())


@dataclass(frozen=True)
class EvidenceCell:
    """One element and band across organisations: who has no evidence, and why."""

    total: int
    without: dict[EvidenceStatus, list[Organisation]]

    @property
    def count(self) -> int:
        return sum(len(orgs) for orgs in self.without.values())

    @property
    def short(self) -> str:
        """The same words for a table cell under its band: "8 of 10: 6 ran no survey, 2 not
        shown"."""
        if not self.count:
            return f"0 of {self.total}"
        return f"{self.count} of {self.total}: {self._reasons()}"

    def _reasons(self) -> str:
        return ", ".join(f"{len(self.without[s])} {s.headline}" for s in WITHOUT
                         if self.without[s])

    def headline(self, band: str) -> str:
        """"8 of 10 organisations have no Band 3 evidence: 6 ran no survey, 2 not shown"."""
        if not self.count:
            return f"All {self.total} organisations have {band} evidence"
        noun = "organisation has" if self.total == 1 else "organisations have"
        return f"{self.count} of {self.total} {noun} no {band} evidence: {self._reasons()}"


def evidence_table(bands: list[str], rows: list[EvidenceRow],
                   elements) -> dict[str, dict[str, EvidenceCell]]:
    """Element id -> band -> EvidenceCell, for the page, the PDF, the workbook and dataset."""
    return {e.id: {b: EvidenceCell(len(rows), {s: [r.org for r in rows
                                                   if r.status[e.id][b] is s] for s in WITHOUT})
                   for b in bands} for e in elements}


def evidence_gaps(comp: Compilation) -> tuple[list[str], list[EvidenceRow]]:
    """Per organisation, element and band: evidence, or why not. Read from
    app.analysis.evidence over each organisation's own window, so the ICS view says exactly
    what each organisation's diagnostic says."""
    bands = gap_bands()
    rows = []
    for r in comp.rows:
        window = window_for(r.org, r.assessment, comp.today)
        status = {}
        for element in comp.elements:
            found = element_evidence(r.org, element.id, window, comp.today, comp.memo)
            status[element.id] = {b: found.status(b) for b in bands}
        rows.append(EvidenceRow(r.org, status))
    return bands, rows


@dataclass
class VoiceCount:
    """How many staff in a band answered: `n` only when the group is shown."""

    survey_id: str
    survey_title: str
    org: Organisation | None  # None for the whole system
    wave: str  # "1 March 2026 to 31 March 2026", or "" for the system
    band: str
    n: int | None
    hidden_text: str
    note: str = ""  # for the system: why new figures are held, or more is hidden

    @property
    def shown(self) -> bool:
        return self.n is not None

    @property
    def text(self) -> str:
        return str(self.n) if self.shown else self.hidden_text

    @property
    def scope(self) -> str:
        return self.org.name if self.org else WHOLE_SYSTEM


def staff_voice_counts(comp: Compilation) -> list[VoiceCount]:
    """Respondents by organisation and band from each organisation's latest closed wave, and
    the whole system's figures: all from app.analysis.results, which protects the system's
    table as one (primary and secondary suppression). The system row always covers every
    organisation, whatever the filter, so no filtered total can be set against it."""
    all_ids = list(db.session.scalars(
        select(Organisation.id).where(Organisation.system_id == comp.system.id)))
    wanted = {r.org.id for r in comp.rows}
    out: list[VoiceCount] = []
    for survey in surveys_of_kind("staff_voice"):
        waves = latest_closed_waves(all_ids, survey.id, comp.today)
        if not waves:
            continue
        for wave in waves:
            if wave.organisation_id not in wanted:
                continue
            results = wave_results(wave, for_wave(wave), comp.today, comp.memo)
            dates = date_range(wave.opens_on, wave.last_day)
            out += [VoiceCount(survey.id, survey.title, wave.organisation, dates, c.label,
                               c.n if c.shown else None, results.hidden_text)
                    for c in results.respondents]
        results = system_results(all_ids, survey, comp.system.name, comp.today,
                                 memo=comp.memo)
        out += [VoiceCount(survey.id, survey.title, None, "", c.label,
                           c.n if c.shown else None, results.hidden_text, results.note)
                for c in results.respondents]
    return out
