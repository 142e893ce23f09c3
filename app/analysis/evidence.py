"""Staff-survey findings as diagnostic evidence: per element and band, pooled over every wave in
the assessment's window (app/analysis/evidence_window.py), with plain-English provenance, and an
evidence gap, with its reason, for each band with no result shown.

Only released figures are used: each wave's own release, read as wave_results reads it. A band's
cell counts only where its release shows it with its answers; pooled figures are sums of shown
figures, so nothing is disclosed that the releases did not already show, a later small wave
adds to the evidence and never wipes it, and one organisation's wave never changes another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.analysis.evidence_window import Window, waves_in, window_for
from app.analysis.results import ALL_BANDS, BAND_LABELS, Cell, wave_results
from app.definitions import for_wave, surveys_of_kind
from app.formatting import percent, period
from app.models import Assessment, Organisation
from app.surveys import Question
from app.surveys.bands import BANDS_2_4_OR_EQUIVALENT, BANDS_2_4_OR_EQUIVALENT_LABEL, band_label

# The choices counted as a positive answer, so a likert result reads "72% agree".
# (The NHS Staff Survey's "Yes, definitely" and "Yes, to some extent" are its positive score.)
POSITIVE = {"strongly_agree", "agree", "always", "often", "yes", "yes_definitely",
            "yes_to_some_extent"}


class EvidenceStatus(StrEnum):
    """What the staff surveys give one organisation's element for one band; the value is the
    word every table shows, `reason` the sentence, `headline` the words of a count."""

    EVIDENCE = "Evidence"
    NO_SURVEY = "No survey"
    # One reason, not two: telling "too few answered" from "hidden to protect another group"
    # would publish that the second kind has at least the minimum (docs/security.md).
    NOT_SHOWN = "Not shown"

    @property
    def reason(self) -> str:
        return {"Evidence": "a result shown for this band",
                "No survey": "no staff survey asking this band about this element closed in "
                             "the window",
                "Not shown": "too few answered, or hidden to protect a small group",
                }[self.value]

    @property
    def headline(self) -> str:
        return {"Evidence": "have evidence", "No survey": "ran no survey",
                "Not shown": "not shown"}[self.value]


# What the two reasons mean, in the words of every output.
LEGEND = " ".join(f"\u201c{s}\u201d: {s.reason}." for s in EvidenceStatus
                  if s is not EvidenceStatus.EVIDENCE)


@dataclass(frozen=True)
class Source:
    """One wave's part of a finding: its survey, its dates and how many of the band answered."""

    survey: str
    first: date
    last: date
    n: int

    @property
    def dates(self) -> str:
        return period(self.first, self.last)


def people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


@dataclass(frozen=True)
class Finding:
    survey: str
    band: str  # "Band 3" or "All bands"
    question: str
    n: int
    result: str  # "72% agree or strongly agree"
    sources: tuple[Source, ...]

    @property
    def said(self) -> str:
        """72% strongly agree or agree that “…”: for a table with its own band column."""
        return f"{self.result} that \u201c{self.question.rstrip('.')}\u201d"

    @property
    def statement(self) -> str:
        return f"{self.band}: {self.said}"

    @property
    def provenance(self) -> str:
        """Staff survey “Title”, Band 3, 27 people, 22 October to 18 November 2026."""
        titles = list(dict.fromkeys(s.survey for s in self.sources))
        named = ", ".join(f"\u201c{t}\u201d" for t in titles)
        head = f"Staff survey{'s' if len(titles) > 1 else ''} {named}, {self.band}"
        if len(self.sources) == 1:
            return f"{head}, {people(self.n)}, {self.sources[0].dates}"
        each = [f"{s.dates} ({people(s.n)})" for s in self.sources]
        return (f"{head}, {people(self.n)} in {len(self.sources)} surveys: "
                f"{', '.join(each[:-1])} and {each[-1]}")

    def __str__(self) -> str:
        return f"{self.statement}. Source: {self.provenance}."


@dataclass(frozen=True)
class Gap:
    """A band with no result shown for the element (told from a Finding by type)."""

    band: str
    element: str
    status: EvidenceStatus

    def __str__(self) -> str:
        return f"{self.band}: {self.status.lower()} ({self.status.reason})."


@dataclass(frozen=True)
class WaveUsed:
    """A wave that fed an element's findings."""

    survey: str
    first: date
    last: date

    def __str__(self) -> str:
        return f"Staff survey \u201c{self.survey}\u201d, {period(self.first, self.last)}"


@dataclass(frozen=True)
class ElementEvidence:
    element: str
    window: Window
    findings: tuple[Finding, ...]
    gaps: tuple[Gap, ...]
    waves: tuple[WaveUsed, ...]
    any_wave: bool  # some wave closed in the window, whatever it asked
    # Bands 2-4 or equivalent as one group (see gap_bands): its status, worked out with the rest
    combined: EvidenceStatus = EvidenceStatus.NO_SURVEY

    def status(self, band: str) -> EvidenceStatus:
        """The status of one band label (a band with neither finding nor gap: no survey)."""
        if band == BANDS_2_4_OR_EQUIVALENT_LABEL:
            return self.combined
        if any(f.band == band for f in self.findings):
            return EvidenceStatus.EVIDENCE
        return next((g.status for g in self.gaps if g.band == band), EvidenceStatus.NO_SURVEY)


def voice_bands() -> list[str]:
    """Band labels of every staff-voice survey's audience, in order: the bands evidence is
    counted for, the same for every organisation."""
    out: list[str] = []
    for survey in surveys_of_kind("staff_voice"):
        out += [BAND_LABELS.get(b, b) for b in survey.audience_bands
                if BAND_LABELS.get(b, b) not in out]
    return out


def gap_bands() -> list[str]:
    """The groups evidence gaps are counted for: Band 2-4 or equivalent first (an organisation
    with no staff off Agenda for Change has no gap there for want of them), then each band."""
    return [BANDS_2_4_OR_EQUIVALENT_LABEL, *voice_bands()]


COMBINED_MEMBERS = {band_label(b) for b in BANDS_2_4_OR_EQUIVALENT}


def counts_of(question: Question, cell: Cell) -> dict[str, int]:
    """A shown cell's answer counts by choice value (its values follow the choices' order)."""
    return {c.value: k or 0 for c, (_, k, _) in zip(question.choices, cell.values, strict=True)}


def positive_share(question: Question, counts: dict[str, int], n: int) -> int | None:
    """The percentage giving a positive answer, or None for a question with none."""
    if not any(c.value in POSITIVE for c in question.choices):
        return None
    return percent(sum(counts.get(v, 0) for v in POSITIVE), n)


def result_text(question: Question, counts: dict[str, int], n: int) -> str:
    positive = [c for c in question.choices if c.value in POSITIVE]
    if positive:
        labels = " or ".join(c.label.lower() for c in positive)
        return f"{positive_share(question, counts, n)}% {labels}"
    top = max(question.choices, key=lambda c: counts.get(c.value, 0))
    return f"most often \u201c{top.label}\u201d ({percent(counts.get(top.value, 0), n)}%)"


@dataclass
class _Pool:
    """One survey question and band, summed over the waves that show it."""

    question: Question  # as the latest wave asked it
    survey: str
    n: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def add(self, question: Question, survey: str, cell: Cell, source: Source) -> None:
        self.question, self.survey = question, survey
        self.n += cell.n or 0
        for value, k in counts_of(question, cell).items():
            self.counts[value] = self.counts.get(value, 0) + k
        self.sources.append(source)

    def finding(self, band: str) -> Finding:
        return Finding(self.survey, band, self.question.label, self.n,
                       result_text(self.question, self.counts, self.n), tuple(self.sources))


def usable(cell: Cell) -> bool:
    """A cell counts as evidence only when shown with every answer count."""
    return cell.shown and bool(cell.n) and not cell.answers_hidden


def element_evidence(org: Organisation, element_id: str, window: Window, today: date,
                     memo: dict | None = None) -> ElementEvidence:
    """The element's findings from every wave in the window, then a Gap per band of
    voice_bands() without one. `memo` (see wave_results) lets a caller asking for many
    organisations and elements share the work."""
    memo = {} if memo is None else memo
    if ("waves", org.id, window) not in memo:
        memo[("waves", org.id, window)] = waves_in(org.id, window, today)
    waves = memo[("waves", org.id, window)]
    pools: dict[tuple[str, str, str], _Pool] = {}
    asked: set[str] = set()  # bands some wave in the window asked about this element
    combined_found = False  # a result for Band 2-4 or equivalent staff (see gap_bands)
    used: dict[int, WaveUsed] = {}
    for wave in waves:  # oldest first, so the latest wave's wording is kept
        survey = for_wave(wave)
        results = wave_results(wave, survey, today, memo)
        for qr in results.questions:
            question = qr.question
            if element_id not in question.evidence_for or not question.kind.has_values:
                continue
            asked.update(BAND_LABELS.get(b, b) for b in survey.audience_bands)
            only_combined = set(survey.audience_bands) <= set(BANDS_2_4_OR_EQUIVALENT)
            for cell in qr.cells:
                if not usable(cell):
                    continue
                pool = pools.setdefault((survey.id, question.id, cell.label),
                                        _Pool(question, survey.title))
                pool.add(question, survey.title,
                         cell, Source(survey.title, wave.opens_on, wave.last_day, cell.n or 0))
                used.setdefault(wave.id, WaveUsed(survey.title, wave.opens_on, wave.last_day))
                combined_found |= cell.label in COMBINED_MEMBERS or (
                    cell.label == ALL_BANDS and only_combined)
    findings = tuple(_findings(pools))
    shown = {f.band for f in findings}
    gaps = tuple(Gap(band, element_id, EvidenceStatus.NOT_SHOWN if band in asked
                     else EvidenceStatus.NO_SURVEY)
                 for band in voice_bands() if band not in shown)
    combined = (EvidenceStatus.EVIDENCE if combined_found
                else EvidenceStatus.NOT_SHOWN if asked & COMBINED_MEMBERS
                else EvidenceStatus.NO_SURVEY)
    return ElementEvidence(element_id, window, findings, gaps, tuple(used.values()), bool(waves),
                           combined)


def _findings(pools: dict[tuple[str, str, str], _Pool]) -> list[Finding]:
    """In the order the surveys ask: by question, then band as the audience lists them (a band
    no current survey asks after them, All bands last)."""
    questions = list(dict.fromkeys(key[:2] for key in pools))
    bands = voice_bands()

    def place(key: tuple[str, str, str]) -> tuple:
        band = key[2]
        return (questions.index(key[:2]), band == ALL_BANDS,
                bands.index(band) if band in bands else len(bands), band)

    return [pools[key].finding(key[2]) for key in sorted(pools, key=place)]


def for_assessment(assessment: Assessment, elements: Sequence, today: date,
                   memo: dict | None = None) -> dict[str, ElementEvidence]:
    """Element id -> its evidence, over the assessment's window: what the element pages, the
    board PDF and the workbook all show."""
    org = assessment.organisation
    window = window_for(org, assessment, today)
    memo = {} if memo is None else memo
    return {e.id: element_evidence(org, e.id, window, today, memo) for e in elements}
