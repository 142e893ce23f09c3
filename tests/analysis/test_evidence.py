"""Evidence from every closed wave in the window (app/analysis/evidence.py), pooled from each
wave's own release: a hand-built organisation whose true answers are known."""

from __future__ import annotations

from datetime import timedelta

from app import definitions
from app.analysis.evidence import (
    EvidenceStatus,
    Finding,
    Gap,
    element_evidence,
    gap_bands,
    voice_bands,
)
from app.analysis.evidence_window import window_for
from app.analysis.releases import release_wave
from app.analysis.results import figures_of, wave_results
from app.clock import today
from app.definitions import for_wave
from app.formatting import period
from app.staff_voice.waves import launch
from app.surveys.bands import BANDS_2_4_OR_EQUIVALENT_LABEL, NOT_ON_AFC_BANDS_2_4
from tests.support.voice_evidence import ELEMENT, MEASURED, closed_wave, organisation

QUESTION = "I know where to go for health and wellbeing support at work"


def measured(evidence, band: str) -> Finding | None:
    return next((f for f in evidence.findings
                 if f.band == band and f.question.startswith(QUESTION)), None)


def evidence_of(org, element=ELEMENT):
    return element_evidence(org, element, window_for(org, None, today()), today())


def test_a_later_small_wave_whose_band_is_hidden_never_wipes_the_evidence(app, system):
    trust = organisation(system, "RA1", "Trust A")
    first = closed_wave(trust, today() - timedelta(days=100), {
        "2": {"agree": 6, "disagree": 6}, "3": {"agree": 14, "disagree": 6},
        "4": {"agree": 8, "disagree": 7}})
    before = measured(evidence_of(trust), "Band 3")
    assert (before.n, before.result) == (20, "70% strongly agree or agree")
    # Five Band 3 staff answer a new wave: too few, so its release hides Band 3 (and Band 2,
    # so that Band 3 is not "All bands minus the rest").
    second = closed_wave(trust, today() - timedelta(days=5), {
        "2": {"agree": 6, "disagree": 6}, "3": {"agree": 3, "disagree": 2},
        "4": {"agree": 7, "disagree": 6}})
    shown = {c.label: c.shown for c in wave_results(second, for_wave(second), today())
             .respondents}
    assert {b: shown[b] for b in ("Band 2", "Band 3", "Band 4", "All bands")} == {
        "Band 2": False, "Band 3": False, "Band 4": True, "All bands": True}

    evidence = evidence_of(trust)
    assert measured(evidence, "Band 3") == before  # the 20 from the first wave stay
    band4 = measured(evidence, "Band 4")  # 15 + 13 people, 8 + 7 agreeing
    assert (band4.n, band4.result) == (28, "54% strongly agree or agree")
    assert [s.n for s in band4.sources] == [15, 13]
    assert band4.provenance == (
        "Staff survey \u201cYour health and wellbeing at work\u201d, Band 4, 28 people in 2 "
        f"surveys: {period(first.opens_on, first.last_day)} (15 people) and "
        f"{period(second.opens_on, second.last_day)} (13 people)")
    assert [str(w) for w in evidence.waves] == [
        f"Staff survey \u201cYour health and wellbeing at work\u201d, "
        f"{period(w.opens_on, w.last_day)}" for w in (first, second)]
    assert evidence.status("Band 3") is EvidenceStatus.EVIDENCE
    assert {g.band for g in evidence.gaps} == set(voice_bands()) - {"Band 2", "Band 3", "Band 4"}


def test_a_later_small_wave_shown_adds_its_people(app, system):
    trust = organisation(system, "RA1", "Trust A")
    first = closed_wave(trust, today() - timedelta(days=100), {
        "2": {"agree": 6, "disagree": 6}, "3": {"agree": 14, "disagree": 6},
        "4": {"agree": 8, "disagree": 7}})
    second = closed_wave(trust, today() - timedelta(days=5), {
        "2": {"agree": 6, "disagree": 5}, "3": {"agree": 9, "disagree": 3},
        "4": {"agree": 6, "disagree": 5}})
    band3 = measured(evidence_of(trust), "Band 3")
    assert (band3.n, band3.result) == (32, "72% strongly agree or agree")  # 23 of 32
    assert band3.sources[0].dates == period(first.opens_on, first.last_day)
    assert band3.sources[1].dates == period(second.opens_on, second.last_day)
    assert "app/analysis" not in str(band3) and MEASURED not in str(band3)


def test_one_wave_reads_as_one_survey_in_plain_english(app, system):
    trust = organisation(system, "RA1", "Trust A")
    wave = closed_wave(trust, today() - timedelta(days=3), {
        "2": {"agree": 6, "disagree": 6}, "3": {"agree": 20, "disagree": 7},
        "4": {"agree": 8, "disagree": 7}})
    band3 = measured(evidence_of(trust), "Band 3")
    assert band3.provenance == (
        "Staff survey \u201cYour health and wellbeing at work\u201d, Band 3, 27 people, "
        f"{period(wave.opens_on, wave.last_day)}")
    assert str(band3).startswith(f"Band 3: 74% strongly agree or agree that \u201c{QUESTION}\u201d")


def test_another_trusts_evidence_is_untouched_by_a_new_wave(app, system):
    trust_a = organisation(system, "RA1", "Trust A")
    trust_b = organisation(system, "RB2", "Trust B")
    theirs = closed_wave(trust_b, today() - timedelta(days=30), {
        "2": {"agree": 6, "disagree": 6}, "3": {"agree": 10, "disagree": 5},
        "4": {"agree": 6, "disagree": 6}})
    elements = [e.id for e in definitions.diagnostic().elements]
    before = {e: evidence_of(trust_b, e) for e in elements}
    figures = dict(figures_of(release_wave(theirs, for_wave(theirs), today())))
    # Trust A's wave closes with small groups: a new system release, hidden cells
    closed_wave(trust_a, today() - timedelta(days=2), {
        "2": {"agree": 8, "disagree": 8}, "3": {"agree": 2, "disagree": 2},
        "4": {"agree": 8, "disagree": 7}})
    assert {e: evidence_of(trust_b, e) for e in elements} == before
    assert figures_of(release_wave(theirs, for_wave(theirs), today())) == figures
    assert measured(before[ELEMENT], "Band 3").n == 15


def test_gap_reasons_tell_no_survey_from_not_shown_and_nothing_more(app, system):
    trust = organisation(system, "RA1", "Trust A")
    nothing = evidence_of(trust)
    assert not nothing.any_wave and not nothing.findings
    assert [(g.band, g.status) for g in nothing.gaps] == [
        (b, EvidenceStatus.NO_SURVEY) for b in voice_bands()]
    assert {"Band 2", "Band 3", "Band 4"} <= set(voice_bands())
    closed_wave(trust, today() - timedelta(days=3), {
        "2": {"agree": 2, "disagree": 1}, "3": {"agree": 10, "disagree": 5},
        "4": {"agree": 8, "disagree": 7}})
    evidence = evidence_of(trust)
    # Band 2 (3 people) is too few; Band 3 (15) is hidden to protect it: both read the same
    gaps = {g.band: g for g in evidence.gaps}
    assert set(gaps) == set(voice_bands()) - {"Band 4"}
    assert {g.status for g in gaps.values()} == {EvidenceStatus.NOT_SHOWN}
    assert str(gaps["Band 2"]).replace("Band 2", "Band 3") == str(gaps["Band 3"])
    assert "too few answered, or hidden to protect a small group" in str(gaps["Band 3"])
    assert all(isinstance(g, Gap) for g in evidence.gaps)
    assert evidence.status("Band 4") is EvidenceStatus.EVIDENCE


def test_an_open_wave_is_no_evidence_yet(app, system):
    trust = organisation(system, "RA1", "Trust A")
    launch(trust, "staff_voice_bands_2_4", today() - timedelta(days=3),
           today() + timedelta(days=3))
    assert {g.status for g in evidence_of(trust).gaps} == {EvidenceStatus.NO_SURVEY}


def test_band_2_4_or_equivalent_has_evidence_from_any_of_its_groups(app, system):
    """The headline group: a trust with no staff off Agenda for Change still has it from its
    bands; a practice whose groups are each too small has it from its All bands result, as
    its survey asked no one else."""
    combined = BANDS_2_4_OR_EQUIVALENT_LABEL
    trust = organisation(system, "RA1", "Trust A")
    practice = organisation(system, "GP1", "Practice B", "gp_practice")
    assert evidence_of(trust).status(combined) is EvidenceStatus.NO_SURVEY
    closed_wave(trust, today() - timedelta(days=9), {
        "2": {"agree": 2, "disagree": 1}, "3": {"agree": 10, "disagree": 5},
        "4": {"agree": 8, "disagree": 7}})
    trusts = evidence_of(trust)
    assert trusts.status(NOT_ON_AFC_BANDS_2_4.label) is EvidenceStatus.NOT_SHOWN
    assert trusts.status(combined) is EvidenceStatus.EVIDENCE  # Band 4 is shown
    closed_wave(practice, today() - timedelta(days=8), {
        "not_afc_2_4": {"agree": 4, "disagree": 3}, "3": {"agree": 3, "disagree": 3}})
    practices = evidence_of(practice)
    assert {f.band for f in practices.findings} == {"All bands"}
    assert practices.status(combined) is EvidenceStatus.EVIDENCE
    assert gap_bands() == [combined, *voice_bands()]


def test_band_2_4_or_equivalent_is_not_shown_when_no_group_is(app, system):
    practice = organisation(system, "GP1", "Practice B", "gp_practice")
    closed_wave(practice, today() - timedelta(days=8), {
        "not_afc_2_4": {"agree": 4, "disagree": 3}, "3": {"agree": 1, "disagree": 1}})
    evidence = evidence_of(practice)
    assert not evidence.findings
    assert evidence.status(BANDS_2_4_OR_EQUIVALENT_LABEL) is EvidenceStatus.NOT_SHOWN
