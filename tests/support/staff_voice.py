"""Staff-voice helpers: launch waves, answer them through the real pages, make random answers,
and read the true group sizes for the attackers (tests/support/attacks.py)."""

from __future__ import annotations

import random
import re
import secrets
from datetime import timedelta

from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch

LIKERT = {
    "knows_where_to_get_support": "agree", "support_on_my_shift": "disagree",
    "look_after_my_health": "neither", "break_space": "agree", "hot_food_at_night": "disagree",
    "manager_wellbeing_conversations": "strongly_agree", "team_supports_each_other": "agree",
    "feel_recognised": "disagree", "surveys_confidential": "agree", "views_acted_on": "neither",
}


def open_wave(org, uses_codes=False, days_left=10):
    wave = launch(org, "staff_voice_bands_2_4", today() - timedelta(days=1),
                  today() + timedelta(days=days_left), uses_codes=uses_codes)
    return wave


def page_answers(band="3", shift="nights", comment="More rest space"):
    return [
        ("your_band", {"band": band}),
        ("about_you", {"staff_group": "admin_and_clerical", "shift_pattern": shift}),
        ("support_and_breaks", {k: v for k, v in LIKERT.items() if k in (
            "knows_where_to_get_support", "support_on_my_shift", "look_after_my_health",
            "break_space", "hot_food_at_night")}),
        ("team_and_voice", {**{k: v for k, v in LIKERT.items() if k in (
            "manager_wellbeing_conversations", "team_supports_each_other", "feel_recognised",
            "surveys_confidential", "views_acted_on")}, "what_would_help": comment}),
    ]


def fill_pages(client, wave, band="3", **kw):
    for page_id, data in page_answers(band, **kw):
        response = client.post(f"/staff/{wave.token}/questions/{page_id}",
                               data={**data, "action": "continue"})
        if response.status_code != 302:
            return response
    return None


def submit(client, wave):
    page = client.get(f"/staff/{wave.token}/check-your-answers")
    assert page.status_code == 200, page.status_code
    key = re.search(r'name="submission_key" value="([^"]+)"', page.text).group(1)
    return client.post(f"/staff/{wave.token}/check-your-answers",
                       data={"submission_key": key})


def respond(client, wave, band="3", code=None, **kw):
    client.get(f"/staff/{wave.token}/")
    if code is not None:
        r = client.post(f"/staff/{wave.token}/code", data={"code": code})
        assert r.status_code == 302, r.text
    client.get(f"/staff/{wave.token}/begin")
    stopped = fill_pages(client, wave, band, **kw)
    assert stopped is None, stopped.text[:500]
    return submit(client, wave)


__all__ = ["open_wave", "respond", "submit", "fill_pages", "for_wave", "today", "random_answers",
           "closed_wave"]


def truth_table(waves, question_id=None) -> dict:
    """The true group sizes of these waves as a table (rows: wave ids, columns: bands, with
    totals): respondents, or how many answered `question_id`. Read from the kept counts."""
    from app.analysis.staff_voice import ANSWERED, kept_counts
    from tests.support.attacks import grid

    bands = list(for_wave(waves[0]).audience_bands)
    inner = {}
    for wave in waves:
        answers, respondents = kept_counts(wave.id)
        for band in bands:
            inner[(str(wave.id), band)] = (respondents[band] if question_id is None
                                           else answers[(band, question_id, ANSWERED)])
    return grid([str(w.id) for w in waves], bands, inner)


def random_answers(survey, rng):
    """Answers a respondent might give: a band, most questions answered, some text that a
    spreadsheet would take for a formula."""
    answers = {"band": rng.choice(["2", "3", "4"])}
    for q in survey.questions():
        if q.id == "band" or (q.optional and rng.random() < 0.3):
            continue
        if q.choices:
            answers[q.id] = rng.choice(q.values())
        elif q.type == "textarea":
            answers[q.id] = "=cmd|' /C calc'!A0" if rng.random() < 0.1 else "more breaks"
    return answers


def closed_wave(org, per_band: dict[str, int]):
    """A wave closed yesterday with this many random responses per band."""
    closes = today() - timedelta(days=1)
    wave = launch(org, "staff_voice_bands_2_4", closes - timedelta(days=10), closes)
    survey = for_wave(wave)
    rng = random.Random(3)
    for band, n in per_band.items():
        for _ in range(n):
            record_submission(wave, survey, {**random_answers(survey, rng), "band": band},
                              secrets.token_hex(8), closes)
    db.session.commit()
    return wave
