"""Running a survey: pages, show_if on the server, check answers, save and resume, idempotency."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Response, answers_table
from tests.support.clients import csrf_token
from tests.support.dbutil import count
from tests.support.framework_review import BASE, FIRST_PAGES, answer_all


def submission_key(html: str) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)


def stored_answers() -> dict:
    rows = db.session.execute(select(answers_table.c.question_id, answers_table.c.value)).all()
    out: dict = {}
    for qid, value in rows:
        out.setdefault(qid, []).append(value)
    return out


def test_pages_lead_to_check_answers_with_change_links_and_submit(client, open_clock):
    first = client.get(f"{BASE}/start")
    assert first.headers["Location"].endswith("/questions/about_you")
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Which best describes you?" in page and 'href="/consultations/framework_review/"' in page
    html = answer_all(client).get_data(as_text=True)
    assert "Check your answers before sending them" in html
    assert "NHS provider organisation" in html  # labels, not stored values
    assert f"{BASE}/questions/framework_use?change=1#used_framework" in html
    done = client.post(f"{BASE}/check-your-answers", data={"submission_key": submission_key(html)})
    assert done.status_code == 302
    assert count("responses") == 1
    response = db.session.scalar(select(Response))
    assert response.snapshot_id and response.kind == "consultation"
    assert stored_answers()["how_used"] == ["planning", "board_reporting"]


def test_hidden_answers_are_dropped_and_not_required(client, open_clock):
    # A member of staff is not asked for an organisation: the posted one is dropped, and
    # leaving it out is no error.
    response = client.post(f"{BASE}/questions/about_you",
                           data={"respondent_type": "staff", "organisation_name": "Secret Org"})
    assert response.status_code == 302
    pages = [("framework_use", {"used_framework": "no", "used_diagnostic": "no",
                                "what_helped": "hidden text", "how_used": ["planning"]}),
             *FIRST_PAGES[2:]]
    html = answer_all(client, pages).get_data(as_text=True)
    assert "Secret Org" not in html and "hidden text" not in html
    client.post(f"{BASE}/check-your-answers", data={"submission_key": submission_key(html)})
    stored = stored_answers()
    assert "organisation_name" not in stored and "what_helped" not in stored
    assert "how_used" not in stored


def test_required_visible_question_gives_the_error_summary_and_keeps_answers(client, open_clock):
    response = client.post(f"{BASE}/questions/about_you",
                           data={"respondent_type": "nhs_provider", "role": "Nurse lead"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is a problem" in html and "<title>Error: " in html
    assert "Enter the name of the organisation you represent" in html
    assert 'value="Nurse lead"' in html


def test_bad_input_comes_back_with_errors_never_a_server_error(client, open_clock):
    for data in ({"respondent_type": "not_a_choice"},
                 {"respondent_type": ["staff", "other"]},
                 {"respondent_type": "staff", "role": "x" * 201},
                 {"respondent_type": "staff", "unexpected": "field"}):
        response = client.post(f"{BASE}/questions/about_you", data=data)
        assert response.status_code in (302, 422), data
    response = client.post(f"{BASE}/questions/about_you", data={"respondent_type": "zzz"})
    assert "Select an answer from the list" in response.get_data(as_text=True)
    response = client.post(f"{BASE}/questions/about_you",
                           data={"respondent_type": "staff", "role": "x" * 201})
    assert "200 characters or fewer" in response.get_data(as_text=True)


def test_double_submit_stores_one_response(client, open_clock):
    key = submission_key(answer_all(client).get_data(as_text=True))
    first = client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    second = client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count("responses") == 1


def test_save_and_resume_with_a_code_on_another_device(app, client, open_clock):
    client.post(f"{BASE}/questions/about_you", data={"respondent_type": "staff"})
    saved = client.post(f"{BASE}/questions/framework_use",
                        data={"used_framework": "yes", "what_was_missing": "More examples",
                              "action": "save"})
    html = saved.get_data(as_text=True)
    assert saved.status_code == 200 and "Your answers have been saved" in html
    code = re.search(r'id="resume-code">([A-Z0-9-]+)<', html).group(1)
    other = app.test_client()
    resumed = other.post(f"{BASE}/resume", data={"code": code.lower().replace("-", " ")})
    assert resumed.headers["Location"].endswith("/questions/framework_use")
    page = other.get(resumed.headers["Location"]).get_data(as_text=True)
    assert "More examples" in page
    wrong = other.post(f"{BASE}/resume", data={"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 422


def test_a_stale_csrf_token_reshows_the_page_with_every_answer(csrf_app, open_clock):
    client = csrf_app.test_client()
    page = client.get(f"{BASE}/questions/about_you").get_data(as_text=True)
    assert csrf_token(page)
    response = client.post(f"{BASE}/questions/about_you", data={
        "csrf_token": "stale-token", "respondent_type": "nhs_provider",
        "organisation_name": "Trust A", "role": "Typed eight hours ago"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "open for a long time" in html
    assert 'value="Trust A"' in html and 'value="Typed eight hours ago"' in html
    assert re.search(r'value="nhs_provider"[^>]*checked', html)
    # The page now carries a fresh token, so continuing works.
    again = client.post(f"{BASE}/questions/about_you", data={
        "csrf_token": csrf_token(html), "respondent_type": "nhs_provider",
        "organisation_name": "Trust A"})
    assert again.status_code == 302


def test_questions_whose_condition_reads_the_same_page_carry_it_for_the_script(client, open_clock):
    """app.js reveals such a question as the answer changes; the page says which condition,
    and brings the answers from other pages that a condition also reads."""
    import json

    html = client.get(f"{BASE}/questions/about_you").get_data(as_text=True)
    found = re.findall(r"data-show-if='([^']+)'>\s*(.{0,400})", html, re.S)
    conditions = {json.loads(raw)["question"]: rest for raw, rest in found}
    assert set(conditions) == {"respondent_type"}
    assert 'name="organisation_name"' in conditions["respondent_type"]
    assert json.loads(found[0][0])["values"] == ["partner_org", "nhs_provider", "trade_union"]
    assert "data-known" not in html  # nothing on other pages is read here
    # A question whose condition reads another page is decided by the server alone.
    client.post(f"{BASE}/questions/about_you", data=FIRST_PAGES[0][1])
    use = client.get(f"{BASE}/questions/framework_use").get_data(as_text=True)
    assert "data-show-if" in use  # how_used reads used_framework / used_diagnostic, same page


def test_a_same_page_condition_that_also_reads_another_page_brings_that_answer():
    from app.runner import SurveyRunner
    from tests.support.survey_yaml import load

    survey = load("""\
        schema: 1
        id: reveal_test
        version: 1
        kind: consultation
        title: Reveal
        pages:
          - id: one
            questions:
              - {id: used, type: single_choice, label: Used it, choices: yes_no}
          - id: two
            questions:
              - {id: liked, type: single_choice, label: Liked it, choices: yes_no}
              - id: why
                type: text
                label: Why?
                show_if: {all: [{question: used, in: ["yes"]}, {question: liked, in: ["yes"]}]}
        """).survey
    runner = SurveyRunner(survey=survey, url=None, is_open=None, on_submit=None, lookup=None,
                          done=None, closed=None)
    conditions, known = runner._conditions(survey.page("two"), {"used": "yes", "other": "x"})
    assert list(conditions) == ["why"] and conditions["why"]["op"] == "all"
    assert known == {"used": ["yes"]}  # the other page's answer; not this page's, nor others
    assert runner._conditions(survey.page("one"), {"used": "yes"}) == ({}, {})
