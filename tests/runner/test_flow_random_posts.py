"""Random answer posts never cause a server error."""

from __future__ import annotations

from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.definitions import get_survey

NAMES = ["respondent_type", "organisation_name", "role", "used_framework", "how_used",
         "what_helped", "priority_reach_all_staff", "publish_consent", "action", "csrf_token",
         "x", ""]
VALUES = st.one_of(st.text(max_size=300), st.sampled_from(
    ["yes", "no", "staff", "planning", "save", "agree", "", "\x00", "=1+1"]))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(["about_you", "framework_use", "refresh_priorities", "publishing",
                             "nope"]),
       fields=st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=12))
def test_random_posts_never_500(client, page, fields):
    survey = get_survey("framework_review")
    assert survey
    with freeze_time("2020-03-10 12:00:00"):
        data = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        response = client.post(f"/consultations/framework_review/questions/{page}", data=data)
        assert response.status_code < 500
        check = client.post("/consultations/framework_review/check-your-answers",
                            data={"submission_key": fields[0][1] if fields else ""})
        assert check.status_code < 500
