"""The staff-voice side of the ICS compilation: evidence gaps and suppressed respondent counts
per organisation, read from the organisation-level analysis so both views always agree."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.definitions import for_wave, surveys_of_kind
from app.extensions import db
from app.formatting import date_range
from app.models import Organisation

if TYPE_CHECKING:  # ics imports this module at its end
    from app.analysis.ics import Compilation


class EvidenceStatus(StrEnum):
    """What the staff voice gives an organisation's element for one band; the value is the
    text every output shows."""

    EVIDENCE = "Evidence"  # a result above the minimum group size
    GAP = "Gap"  # a survey, but no result shown for this band
    NO_SURVEY = "No survey results"  # no closed wave of any staff-voice survey


EVIDENCE, GAP, NO_SURVEY = EvidenceStatus
WHOLE_SYSTEM = "Whole system"  # the scope of a system's figures, in every output
HIDDEN_NOTE = ("Groups under the minimum size are hidden, and so are some larger groups, so that "
               "a small one cannot be worked out by subtracting other figures. Every hidden "
               "figure reads \u201cNot shown\u201d.")


@dataclass
class EvidenceRow:
    org: Organisation
    status: dict[str, dict[str, EvidenceStatus]]  # element id -> band label -> status


@dataclass(frozen=True)
class EvidenceCell:
    """One element and band across organisations: who has a gap, who has no survey results."""

    gaps: list[Organisation]
    no_survey: list[Organisation]


def evidence_table(bands: list[str], rows: list[EvidenceRow],
                   elements) -> dict[str, dict[str, EvidenceCell]]:
    """Element id -> band -> EvidenceCell, for the page and the PDF."""
    return {e.id: {b: EvidenceCell([r.org for r in rows if r.status[e.id][b] is GAP],
                                   [r.org for r in rows if r.status[e.id][b] is NO_SURVEY])
                   for b in bands} for e in elements}


def voice_bands() -> list[str]:
    """Band labels of every staff-voice survey's audience, in order."""
    from app.analysis.results import BAND_LABELS

    out: list[str] = []
    for survey in surveys_of_kind("staff_voice"):
        out += [BAND_LABELS.get(b, b) for b in survey.audience_bands
                if BAND_LABELS.get(b, b) not in out]
    return out


def evidence_gaps(comp: Compilation) -> tuple[list[str], list[EvidenceRow]]:
    """Per organisation, element and band: is there a staff-voice result above the minimum
    group size? Read from app.analysis.evidence (the organisation's own evidence section), so
    the ICS view says exactly what each organisation's diagnostic says."""
    from app.analysis.evidence import Gap, findings_for

    bands = voice_bands()
    rows = []
    for r in comp.rows:
        status: dict[str, dict[str, str]] = {}
        for element in comp.elements:
            found = findings_for(r.org, element.id, comp.today, comp.memo)
            if not found:
                status[element.id] = dict.fromkeys(bands, NO_SURVEY)
                continue
            gaps = {f.band for f in found if isinstance(f, Gap)}
            shown = {f.band for f in found if not isinstance(f, Gap)}
            status[element.id] = {b: EVIDENCE if b in shown else GAP if b in gaps else NO_SURVEY
                                  for b in bands}
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
    from app.analysis.results import latest_closed_waves, system_results, wave_results

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
