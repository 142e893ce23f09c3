"""The tag page's buttons (remove a text, delete the tag) find the tag only in the ICS in the
address, and act only on a form with its CSRF token (without one: back, nothing changed)."""

from __future__ import annotations

from app.analysis import themes
from app.extensions import db
from app.models import System
from tests.support.clients import csrf_token
from tests.support.dbutil import count


def test_the_buttons_act_only_on_a_tag_of_this_ics_and_only_with_its_token(system,
                                                                          csrf_client_for):
    elsewhere = System(code="QX1", name="Other ICS")
    db.session.add(elsewhere)
    db.session.flush()
    ours, theirs = themes.create_tag(system, "Ours"), themes.create_tag(elsewhere, "Theirs")
    db.session.commit()
    client = csrf_client_for("ics_lead")[0]
    page = f"/ics/QZ9/tags/{ours.id}"
    token = csrf_token(client.get(page).text)
    for button in ("remove", "delete"):
        for tag_id in (theirs.id, 999):
            assert client.post(f"/ics/QZ9/tags/{tag_id}/{button}",
                               data={"csrf_token": token, "text": "gaps-1"}).status_code == 404
        refused = client.post(f"{page}/{button}", headers={"Referer": f"http://localhost{page}"})
        assert refused.status_code == 302 and refused.location == page
    assert count("ics_tags") == 2
    deleted = client.post(f"{page}/delete", data={"csrf_token": token})
    assert deleted.status_code == 302 and count("ics_tags") == 1
