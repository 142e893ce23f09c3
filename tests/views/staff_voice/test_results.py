"""Results pages for leads (app/views/staff_voice/results.py): big groups shown and gaps flagged
for the evidence feed, a hidden secondary group read like a primary one, an ICS lead's own
system only."""

from __future__ import annotations

import re

from app.analysis.evidence import Gap, element_evidence
from app.analysis.evidence_window import window_for
from app.clock import today
from app.definitions import for_wave
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4
from tests.support.staff_voice import closed_wave


def test_results_and_evidence_show_big_groups_and_flag_gaps(client, make_user, sign_in, orgs):
    wave = closed_wave(orgs[0], {"2": 4, "3": 25, "4": 30})
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert "Not shown" in page
    assert page.count("fewer than 11") == 1  # only in the explanation, never as a cell
    assert '<svg class="app-chart"' in page and "<table" in page
    found = element_evidence(orgs[0], "environment", window_for(orgs[0], None, today()),
                             today())
    assert any(isinstance(g, Gap) and "Band 2" in str(g) for g in found.gaps)
    assert not any(f.band == "Band 2" for f in found.findings)
    assert all(str(f).count("Source: Staff survey \u201c") == 1 for f in found.findings)


def test_a_secondary_hidden_group_reads_like_a_primary_one(client, make_user, sign_in, orgs):
    """Band 3 (12 people) is hidden only so that Band 2 (4) cannot be worked out from the
    total: it must not be called "fewer than 11", and must read exactly like Band 2."""
    from app.analysis.results import wave_results
    from app.exports.staff_voice_csv import to_csv

    wave = closed_wave(orgs[0], {"2": 4, "3": 12, "4": 30})
    results = wave_results(wave, for_wave(wave), today())
    hidden = {c.label: c.shown for c in results.respondents}
    assert hidden == {"Band 2": False, "Band 3": False, "Band 4": True,
                      NOT_ON_AFC_BANDS_2_4.label: False, "All bands": True}  # nobody off AfC
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    table = re.search(r'id="respondents".*?</table>', page, re.S).group(0)
    cells = dict(re.findall(r"<td[^>]*>(Band \d)</td>\s*<td[^>]*>(.*?)</td>", table, re.S))
    assert cells == {"Band 2": "Not shown", "Band 3": "Not shown", "Band 4": "30"}
    assert "fewer than 11" not in table
    assert "Some larger groups are hidden too" in page
    lines = [r for r in to_csv(results).splitlines() if ",Responses," in r]
    assert [r.split(",")[-3] for r in lines] == ["Not shown", "Not shown", "30", "Not shown",
                                                  "46"]


def test_ics_lead_sees_their_system_only(client, make_user, sign_in, orgs, system):
    closed_wave(orgs[0], {"3": 12})
    sign_in(make_user("ics_lead"))
    ok = client.get(f"/staff-voice/systems/{system.id}/results?survey=staff_voice_bands_2_4")
    assert ok.status_code == 200 and "Responses by band" in ok.text
    assert client.get("/staff-voice/launch").status_code == 403
