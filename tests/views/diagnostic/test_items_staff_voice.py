"""The element page's "What staff told us" (app/views/diagnostic/items.py): the window in one
line, each finding with plain-English provenance, the surveys that fed it, and each band
without evidence with its reason."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from app.clock import today
from app.formatting import period
from tests.support.voice_evidence import ELEMENT, MEASURED, closed_wave

GROUPS = {"2": {"agree": 2, "disagree": 1}, "3": {"agree": 14, "disagree": 6},
          "4": {"agree": 8, "disagree": 7}}


def section(page: str) -> str:
    found = page.split('id="staff-voice"')[1].split("<h2")[0]
    return unescape(re.sub(r"<[^>]+>", " ", found))


def test_the_element_page_says_what_staff_told_us_and_where_it_came_from(client_for,
                                                                         assessment):
    first = closed_wave(assessment.organisation, today() - timedelta(days=100), GROUPS)
    second = closed_wave(assessment.organisation, today() - timedelta(days=9), GROUPS)
    client, _user = client_for("org_lead", org=assessment.organisation)
    page = client.get(f"/diagnostic/a/{assessment.id}/element/{ELEMENT}").get_data(as_text=True)
    text = " ".join(section(page).split())
    assert "Evidence from every staff survey that closed between" in text
    assert ("Band 3: 70% strongly agree or agree that \u201cI know where to go for health and "
            "wellbeing support at work\u201d.") in text
    assert ("Source: Staff survey \u201cYour health and wellbeing at work\u201d, Band 3, 40 "
            f"people in 2 surveys: {period(first.opens_on, first.last_day)} (20 people) and "
            f"{period(second.opens_on, second.last_day)} (20 people).") in text
    assert (f"From 2 surveys: Staff survey \u201cYour health and wellbeing at work\u201d, "
            f"{period(first.opens_on, first.last_day)};") in text
    assert "Band 2: not shown (too few answered, or hidden to protect a small group)." in text
    assert "app/analysis" not in text and MEASURED not in text
