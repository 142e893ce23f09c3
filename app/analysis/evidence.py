"""Staff-voice findings as diagnostic evidence: per element, per audience band, with where each
number came from, and an evidence gap for each band with no result above the threshold.

Findings reuse the suppressed results (app.analysis.results), so the evidence section can never
show more than the results pages do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.analysis.results import ALL_BANDS, BAND_LABELS, Cell, latest_closed_waves, wave_results
from app.definitions import for_wave, surveys_of_kind
from app.formatting import date_range, percent
from app.surveys import Question

# The choices counted as a positive answer, so a likert result reads "72% agree".
POSITIVE = {"strongly_agree", "agree", "always", "often", "yes"}


@dataclass(frozen=True)
class Finding:
    survey: str
    wave: str  # "1 March 2026 to 31 March 2026"
    band: str
    question: str
    n: int
    result: str  # "72% agree or strongly agree"
    source: str

    def __str__(self) -> str:
        return (f"{self.band}: {self.result} that \u201c{self.question}\u201d "
                f"({self.n} responses). Source: {self.source}")


@dataclass(frozen=True)
class Gap:
    """An evidence gap: an audience band with no result shown (told from a Finding by type)."""

    band: str
    element: str
    message: str

    def __str__(self) -> str:
        return self.message


def _result_text(question: Question, cell: Cell) -> str:
    positive = [c for c in question.choices if c.value in POSITIVE]
    if positive:
        count = sum(k for label, k, _ in cell.values if label in {c.label for c in positive})
        labels = " or ".join(c.label.lower() for c in positive)
        return f"{percent(count, cell.n)}% {labels}"
    label, _, pct = max(cell.values, key=lambda v: v[1])
    return f"most often \u201c{label}\u201d ({pct}%)"


NO_FINDINGS_MESSAGE = "No staff-voice survey results yet"


def findings_for(org, element_id: str, today: date,
                 memo: dict | None = None) -> list[Finding | Gap]:
    """Findings mapped to the element from the organisation's latest closed wave of each
    staff-voice survey, then one Gap per audience band with no result shown. `memo` (see
    wave_results) lets a caller asking for many organisations and elements share the work."""

    out: list[Finding | Gap] = []
    covered: set[str] = set()
    audience: list[str] = []
    any_wave = False
    for current in surveys_of_kind("staff_voice"):
        key = ("latest", org.id, current.id)
        if memo is None or key not in memo:
            waves = latest_closed_waves([org.id], current.id, today)
            if memo is not None:
                memo[key] = waves
        waves = memo[key] if memo is not None else waves
        if not waves:
            audience.extend(b for b in current.audience_bands if b not in audience)
            continue
        wave = waves[0]
        any_wave = True
        survey = for_wave(wave)
        audience.extend(b for b in survey.audience_bands if b not in audience)
        results = wave_results(wave, survey, today, memo)
        dates = date_range(wave.opens_on, wave.last_day)
        source = (f"staff-voice survey \u201c{survey.title}\u201d (version {survey.version}), "
                  f"wave {dates}, question \u2018{{q}}\u2019; counts from app/analysis, "
                  f"groups under {survey.min_group_size} responses not shown.")
        for qr in results.questions:
            question = qr.question
            if element_id not in question.evidence_for or not question.kind.has_values:
                continue
            for cell in qr.cells:
                if not cell.shown or not cell.n or cell.answers_hidden:
                    continue
                if cell.label != ALL_BANDS:
                    covered.add(cell.label)
                out.append(Finding(survey.title, dates, cell.label, question.label, cell.n,
                                   _result_text(question, cell),
                                   source.format(q=question.id)))
    if not any_wave:
        return []  # nothing run yet: the page says there are no results, rather than list gaps
    for band in audience:
        label = BAND_LABELS.get(band, band)
        if label not in covered:
            out.append(Gap(label, element_id,
                           f"Evidence gap: no staff-voice result for {label} staff above the "
                           "minimum group size for this element."))
    return out
