"""States that templates and outputs compare against are enums or constants, and the words
shown for them come from one place: no template compares a value with display text, and
"Whole system" is written once."""

from __future__ import annotations

import re
from types import SimpleNamespace as NS

from app.analysis import ics_voice
from app.analysis.ics_voice import EvidenceStatus
from app.consultations import Phase
from app.models.staff_voice import WaveState
from tests.support.paths import APP


def test_evidence_statuses_are_one_enum_whose_values_are_the_words_shown():
    assert [s.value for s in EvidenceStatus] == ["Evidence", "No survey", "Not shown"]
    assert str(EvidenceStatus.NOT_SHOWN) == "Not shown"


def test_the_evidence_table_lists_who_has_no_evidence_by_reason():
    a, b, c = NS(name="Alpha"), NS(name="Beta"), NS(name="Gamma")
    rows = [ics_voice.EvidenceRow(a, {"e1": {"Band 2": EvidenceStatus.NOT_SHOWN}}),
            ics_voice.EvidenceRow(b, {"e1": {"Band 2": EvidenceStatus.NO_SURVEY}}),
            ics_voice.EvidenceRow(c, {"e1": {"Band 2": EvidenceStatus.EVIDENCE}})]
    table = ics_voice.evidence_table(["Band 2"], rows, [NS(id="e1")])
    cell = table["e1"]["Band 2"]
    assert cell.without == {EvidenceStatus.NO_SURVEY: [b], EvidenceStatus.NOT_SHOWN: [a]}
    assert cell.headline("Band 2") == (
        "2 of 3 organisations have no Band 2 evidence: 1 ran no survey, 1 not shown")


def template_matches(pattern: str) -> list[tuple[str, str]]:
    return [(path.name, found) for path in (APP / "templates").rglob("*.html")
            for found in re.findall(pattern, path.read_text(encoding="utf-8"))]


def test_no_template_compares_a_value_with_display_text():
    assert template_matches(r"[=!]=\s*[\"'][A-Z][^\"']*[\"']") == []


def test_no_template_compares_a_state_with_a_string():
    """Consultation and wave states are enums (Phase, WaveState) that say their own label."""
    assert template_matches(r"state\s*[=!]=\s*[\"'][^\"']*[\"']") == []


def test_states_say_their_own_words():
    assert [(p.value, p.label, p.colour) for p in Phase] == [
        ("forthcoming", "Forthcoming", "blue"), ("open", "Open", "green"),
        ("closed", "Closed", "grey")]
    assert [(s.value, s.label, s.colour) for s in WaveState] == [
        ("scheduled", "Scheduled", "blue"), ("open", "Open", "green"),
        ("closed", "Closed", "grey")]


def test_a_stored_override_reads_back_as_a_phase(app):
    from app import consultations
    from app.definitions import surveys_of_kind

    survey = surveys_of_kind("consultation")[0]
    consultations.close_now(survey, "done")
    app.extensions["sqlalchemy"].session.commit()
    app.extensions["sqlalchemy"].session.expire_all()
    status = consultations.status_of(survey)
    assert status.state is Phase.CLOSED and status.is_closed and not status.is_forthcoming


def test_whole_system_is_written_in_one_place():
    found = [str(p.relative_to(APP)) for p in APP.rglob("*")
             if p.suffix in (".py", ".html") and "Whole system" in p.read_text(encoding="utf-8")]
    assert found == ["analysis/ics_voice.py"]


def test_gaps_are_told_from_findings_by_their_type():
    for path in APP.rglob("*.py"):
        assert 'getattr(f, "gap"' not in path.read_text(encoding="utf-8"), path
