"""The ICS evidence-gaps page (app/views/ics/pages.py): the hand-counted headline per element
and band, and each organisation named once."""

from __future__ import annotations

import re
from html import unescape

from tests.support.voice_evidence import five_organisations


def test_the_page_counts_every_organisation_and_names_each_once(client_for, orgs, system):
    # the fixture's Trust A and Practice B ran no survey either: 7 organisations in all
    orgs = [*orgs, *five_organisations(system).values()]
    client, _user = client_for("ics_lead")
    page = client.get(f"/ics/{system.code}/evidence-gaps").get_data(as_text=True)
    grid = re.search(r'id="evidence-by-element".*?</table>', page, re.S).group(0)
    assert ("6 of 7 organisations have no Band 3 evidence: 5 ran no survey, 1 not shown"
            in grid)
    assert "6 of 7: 5 ran no survey, 1 not shown" in grid
    which = unescape(page.split("<h2>Which organisations</h2>")[1].split("<h2>")[0])
    for org in orgs:
        assert which.count(org.name) == 1, org.name
    assert re.search(r"No staff survey in the window, for any element or band: "
                     r"Delta Care, Epsilon Care, Gamma Practice, Practice B, Trust A\.", which)
