"""Honest gap figures across a system (app/analysis/ics_voice.py): counts that match a hand
count, each reason told apart, one wording."""

from __future__ import annotations

from app.analysis import ics, ics_voice
from app.analysis.evidence import EvidenceStatus
from app.analysis.ics_voice import NO_SURVEY, NOT_SHOWN
from app.surveys.bands import BANDS_2_4_OR_EQUIVALENT_LABEL, NOT_ON_AFC_BANDS_2_4
from tests.support.voice_evidence import ELEMENT, five_organisations


def compiled(system):
    comp = ics.compile_system(system)
    bands, rows = ics_voice.evidence_gaps(comp)
    return comp, bands, rows, ics_voice.evidence_table(bands, rows, comp.elements)


def test_gap_counts_match_a_hand_count_of_each_reason(app, system):
    five_organisations(system)
    comp, bands, rows, cells = compiled(system)
    status = {r.org.code: r.status[ELEMENT] for r in rows}
    assert {code: status[code]["Band 3"] for code in status} == {
        "AL1": EvidenceStatus.EVIDENCE, "BE2": NOT_SHOWN, "GA3": NO_SURVEY,
        "DE4": NO_SURVEY, "EP5": NO_SURVEY}
    band3 = cells[ELEMENT]["Band 3"]
    assert {o.code for o in band3.without[NO_SURVEY]} == {"GA3", "DE4", "EP5"}
    assert {o.code for o in band3.without[NOT_SHOWN]} == {"BE2"}
    assert band3.headline("Band 3") == (
        "4 of 5 organisations have no Band 3 evidence: 3 ran no survey, 1 not shown")
    assert cells[ELEMENT]["Band 4"].headline("Band 4") == (
        "3 of 5 organisations have no Band 4 evidence: 3 ran no survey")
    # the headline group: Beta has no staff off Agenda for Change, but its Band 4 is shown
    assert {code: status[code][BANDS_2_4_OR_EQUIVALENT_LABEL] for code in status} == {
        "AL1": EvidenceStatus.EVIDENCE, "BE2": EvidenceStatus.EVIDENCE, "GA3": NO_SURVEY,
        "DE4": NO_SURVEY, "EP5": NO_SURVEY}
    assert status["BE2"][NOT_ON_AFC_BANDS_2_4.label] is NOT_SHOWN
    assert bands[0] == BANDS_2_4_OR_EQUIVALENT_LABEL
    assert cells[ELEMENT][bands[0]].headline(bands[0]) == (
        "3 of 5 organisations have no Band 2\u20134 or equivalent evidence: 3 ran no survey")
    # every organisation without evidence is counted, whatever the reason
    assert all(c.count + sum(r.status[e][b] is EvidenceStatus.EVIDENCE for r in rows) == 5
               for e, by_band in cells.items() for b, c in by_band.items())


def test_an_organisation_is_summed_up_once_per_band(app, system):
    five_organisations(system)
    comp, bands, rows, _ = compiled(system)
    by_code = {r.org.code: r for r in rows}
    assert {r.org.code for r in rows if r.without_any()} == {"GA3", "DE4", "EP5"}
    assert by_code["BE2"].summary(comp.elements, "Band 3") == "Not shown"
    assert by_code["AL1"].summary(comp.elements, "Band 3") == "Evidence"
    # a band with evidence for some elements only names the others
    by_code["AL1"].status["relationships"]["Band 3"] = NOT_SHOWN
    assert by_code["AL1"].summary(comp.elements, "Band 3") == (
        f"Evidence for {len(comp.elements) - 1} of {len(comp.elements)} elements; "
        "not shown: Relationships")


def test_statuses_say_one_wording_everywhere():
    assert [str(s) for s in EvidenceStatus] == ["Evidence", "No survey", "Not shown"]
    assert NOT_SHOWN.reason == "too few answered, or hidden to protect a small group"
    assert [s.headline for s in ics_voice.WITHOUT] == ["ran no survey", "not shown"]
