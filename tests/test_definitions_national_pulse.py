"""survey_defs/national_pulse.yaml, as the app gets it (app/definitions.py): the nine engagement
questions of NHS England's National Quarterly Pulse Survey and the NHS Staff Survey's health and
wellbeing items, worded as published, each evidence for framework elements; `flask surveys load`
stores it, and a member of staff can answer it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import today
from app.definitions import get_survey
from app.extensions import db
from app.models import DefinitionSnapshot
from app.staff_voice.waves import launch
from tests.support.dbutil import count
from tests.support.staff_voice import submit

PULSE = "national_pulse"
ENGAGEMENT = [
    "I look forward to going to work.",
    "I am enthusiastic about my job.",
    "Time passes quickly when I am working.",
    "There are frequent opportunities for me to show initiative in my role.",
    "I am able to make suggestions to improve the work of my team / department.",
    "I am able to make improvements happen in my area of work.",
    "Care of patients / service users is my organisation's top priority.",
    "I would recommend my organisation as a place to work.",
    "If a friend or relative needed treatment I would be happy with the standard of care "
    "provided by this organisation.",
]
WELLBEING = [
    "Does your organisation take positive action on health and well-being?",
    "My immediate manager takes a positive interest in my health and well-being.",
    "In the last 12 months have you experienced musculoskeletal problems (MSK) as a result of "
    "work activities?",
    "During the last 12 months have you felt unwell as a result of work related stress?",
    "In the last three months have you ever come to work despite not feeling well enough to "
    "perform your duties?",
    "How often, if at all, do you find your work emotionally exhausting?",
    "How often, if at all, do you feel burnt out because of your work?",
    "How often, if at all, are you exhausted at the thought of another day/shift at work?",
]
FREQUENCY = ["Never", "Rarely", "Sometimes", "Often", "Always"]
AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"]


def test_the_pulse_asks_the_national_questions_as_published(app):
    survey = get_survey(PULSE, kind="staff_voice")
    asked = [q for q in survey.questions() if not q.kind.groups_respondents]
    assert [q.label for q in asked] == ENGAGEMENT + WELLBEING
    scales = {q.label: [c.label for c in q.choices] for q in asked}
    assert all(scales[label] == FREQUENCY for label in ENGAGEMENT[:3] + WELLBEING[5:])
    assert all(scales[label] == AGREEMENT for label in ENGAGEMENT[3:] + WELLBEING[1:2])
    assert scales[WELLBEING[0]] == ["Yes, definitely", "Yes, to some extent", "No", "Don't know"]
    assert all(scales[label] == ["Yes", "No"] for label in WELLBEING[2:5])


def test_each_question_is_evidence_for_an_element(app):
    survey = get_survey(PULSE, kind="staff_voice")
    asked = [q for q in survey.questions() if not q.kind.groups_respondents]
    assert len(asked) == 17 and all(q.evidence_for for q in asked)


def test_it_keeps_the_anonymity_promise_and_threshold_of_the_band_survey(app):
    survey = get_survey(PULSE, kind="staff_voice")
    band_survey = get_survey("staff_voice_bands_2_4", kind="staff_voice")
    assert survey.min_group_size == 11 and survey.retention.free_text_days == 365
    assert "results are only shown for groups of 11 or more people" in survey.intro
    assert survey.audience_bands == band_survey.audience_bands


def test_surveys_load_stores_it(runner):
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(DefinitionSnapshot).where(
        DefinitionSnapshot.survey_id == PULSE)) is not None


def test_a_member_of_staff_answers_it(app, client, orgs):
    survey = get_survey(PULSE, kind="staff_voice")
    wave = launch(orgs[0], PULSE, today() - timedelta(days=1), today() + timedelta(days=7))
    db.session.commit()
    client.get(f"/staff/{wave.token}/begin")
    for page in survey.pages:
        answers = {q.id: "3" if q.kind.groups_respondents else q.values()[-1]
                   for q in page.questions}
        response = client.post(f"/staff/{wave.token}/questions/{page.id}",
                               data={**answers, "action": "continue"})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert submit(client, wave).status_code == 302
    assert count("responses") == 1
