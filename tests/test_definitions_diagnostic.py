"""The framework as a definition: the 2021 diagnostic and the 2018 version both load."""


from app.surveys import load_dir
from tests.support.paths import SURVEY_DEFS


def test_2021_diagnostic_has_seven_elements_and_sixteen_sub_areas():
    catalogue = load_dir(SURVEY_DEFS)
    survey = catalogue.surveys["hwb_diagnostic"]
    assert survey.kind == "diagnostic"
    assert len(survey.elements) == 7
    assert sum(len(e.sub_areas) for e in survey.elements) == 16
    assert 55 <= len(survey.items()) <= 65
    assert [c.label for c in survey.rating_scale] == [
        "Not in place", "Partly in place", "In place", "Not applicable"]
    assert survey.element("managers_and_leaders").title == "Managers and leaders"


def test_another_framework_version_is_held_as_another_definition(app):
    from app import definitions

    assert set(definitions.diagnostics()) >= {"hwb_diagnostic", "hwb_diagnostic_2018"}
    assert definitions.diagnostic().id == "hwb_diagnostic"
