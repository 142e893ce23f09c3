"""The band question's answers for staff not on Agenda for Change: role groups with new values
(the stored bands keep their meaning), named as groups in results, usable in an audience; the
Band 2-4 survey's audience takes the Band 2-4-equivalent group and not the other roles."""

from __future__ import annotations

import pytest

from app.models.staff_voice import BandCount
from app.surveys import BAND_CHOICES, BAND_LABELS, band_label, load_dir
from app.surveys.bands import AFC_BANDS, NOT_ON_AFC_BANDS_2_4, NOT_ON_AFC_OTHER, audience_words
from app.surveys.schema import BAND_VALUES, VALUE_RE
from tests.support.paths import SURVEY_DEFS
from tests.support.survey_yaml import load, messages, staff_voice

EQUIVALENT, OTHER = NOT_ON_AFC_BANDS_2_4.value, NOT_ON_AFC_OTHER.value



def test_the_band_question_offers_the_role_groups_after_the_bands_they_stand_beside():
    values = [c.value for c in BAND_CHOICES]
    assert values == [*AFC_BANDS, EQUIVALENT, OTHER, "prefer_not_to_say", "dont_know"]
    # the Agenda for Change answers are as they were: stored responses keep their meaning
    assert [(c.value, c.label) for c in BAND_CHOICES[:12]] == [
        (b, f"Band {b}") for b in ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d",
                                   "9")]
    labels = {c.value: c.label for c in BAND_CHOICES}
    assert labels[EQUIVALENT].startswith("My pay is not on Agenda for Change")
    for role in ("care worker", "healthcare assistant", "receptionist", "administrator"):
        assert role in labels[EQUIVALENT]
    assert "GP" in labels[OTHER] and "manager" in labels[OTHER]


def test_results_name_a_role_group_as_a_group_not_as_the_answer():
    assert band_label("3") == BAND_LABELS["3"] == "Band 3"
    assert band_label(EQUIVALENT) == "Band 2\u20134 equivalent (not on Agenda for Change)"
    assert band_label(OTHER) == "Other roles not on Agenda for Change"
    assert audience_words(("2", "3", "4", EQUIVALENT)) == (
        "Band 2, Band 3, Band 4 and Band 2\u20134 equivalent (not on Agenda for Change)")
    assert audience_words(("4",)) == "Band 4"


def test_role_group_values_fit_where_bands_are_stored():
    width = BandCount.__table__.c.band.type.length
    for value in (EQUIVALENT, OTHER):
        assert VALUE_RE.match(value) and len(value) <= width


@pytest.mark.parametrize("value", [EQUIVALENT, OTHER])
def test_an_audience_may_name_a_role_group(value):
    assert value in BAND_VALUES
    result = load(staff_voice(f'audience: {{bands: ["3", "{value}"]}}'))
    assert result.errors == [] and result.survey.audience_bands == ("3", value)


@pytest.mark.parametrize("value", ["prefer_not_to_say", "dont_know"])
def test_an_audience_may_not_name_an_answer_that_places_nobody(value):
    found = messages(staff_voice(f'audience: {{bands: ["{value}"]}}'))
    assert len(found) == 1 and "[bad-value]" in found[0]


def test_the_band_2_4_survey_hears_staff_off_agenda_for_change_in_similar_roles():
    survey = load_dir(SURVEY_DEFS).surveys["staff_voice_bands_2_4"]
    assert survey.audience_bands == ("2", "3", "4", EQUIVALENT)
    assert OTHER not in survey.audience_bands
    assert survey.version == 2  # the audience grew: waves launched before keep version 1
    assert "not on Agenda for Change" in survey.question("band").hint
    assert "not on Agenda for Change" in survey.outside_audience_message
