"""The wave results page's trend (app/views/staff_voice/results.py): a band's share across the
organisation's surveys, as a chart and a table, a hidden figure written and never drawn."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from app.clock import today
from app.formatting import period
from tests.support.voice_evidence import MEASURED, closed_wave

FIRST = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 14, "disagree": 6},
         "4": {"agree": 8, "disagree": 7}}
SMALL_BAND3 = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 3, "disagree": 2},
               "4": {"agree": 7, "disagree": 6}}


def test_the_results_page_shows_the_trend_as_a_chart_and_a_table(client, make_user, sign_in,
                                                                  orgs):
    first = closed_wave(orgs[0], today() - timedelta(days=100), FIRST)
    second = closed_wave(orgs[0], today() - timedelta(days=5), SMALL_BAND3)
    sign_in(make_user("org_lead"))
    assert "Over time" not in client.get(f"/staff-voice/waves/{first.id}/results").text

    page = client.get(f"/staff-voice/waves/{second.id}/results").text
    table = re.search(rf'id="trend-table-{MEASURED}".*?</table>', page, re.S).group(0)
    rows = {unescape(th): re.findall(r"<td>(.*?)</td>", cells) for th, cells in re.findall(
        r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)}
    old, new = period(first.opens_on, first.last_day), period(second.opens_on, second.last_day)
    header = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert dict(zip(header[1:], rows[old], strict=True))["Band 3"] == "70% (20 people)"
    assert dict(zip(header[1:], rows[new], strict=True))["Band 3"] == "Not shown"
    assert dict(zip(header[1:], rows[new], strict=True))["Band 4"] == "54% (13 people)"

    svg = re.search(rf'<svg[^>]*aria-labelledby="trend-{MEASURED}-title.*?</svg>', page,
                    re.S).group(0)
    words = [unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    hidden = words.index(f"Band 3: {new}")
    assert words[hidden + 1] == "Not shown"
    assert f"Band 3: {new}" not in " ".join(re.findall(r"<title>(.*?)</title>", svg))
    assert "70%" in words and "54%" in words
