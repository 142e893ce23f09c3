"""Closed means closed: every page and POST of a closed consultation stores nothing."""

from __future__ import annotations

import re
import threading

from freezegun import freeze_time

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from tests.support.dbutil import count
from tests.support.framework_review import BASE, answer_all


def test_hub_and_pages(client):
    with freeze_time("2026-11-25 12:00:00"):
        hub = client.get("/consultations/").get_data(as_text=True)
        assert "Health and Wellbeing Framework and Diagnostic review" in hub
        page = client.get(f"{BASE}/").get_data(as_text=True)
        assert "Opened 28 February 2020, closed 23 March 2020" in page
        assert "Give us your views" not in page
        assert "england.hwbreview@example.nhs.uk" in page
        offer = client.get("/consultations/ics_wellbeing_offer/").get_data(as_text=True)
        assert "Give us your views" in offer and "Closes 31 December 2026" in offer
        # How long it takes is said while it can be answered (the definition's intro), and
        # not on a closed consultation's page.
        assert "It takes about 5 minutes" in offer
        assert "It takes about" not in page and "whether we publish" not in page
        welsh = client.get("/consultations/ics_wellbeing_offer/?lang=cy").get_data(as_text=True)
        assert "Mae&#39;n cymryd tua 5 munud" in welsh
    assert client.get("/consultations/no_such_thing/").status_code == 404
    assert client.post("/consultations/no_such_thing/questions/about_you").status_code == 404


def test_a_post_to_a_closed_consultation_stores_nothing_and_shows_the_text(client):
    with freeze_time("2020-03-24 09:00:00"):
        response = client.post(f"{BASE}/questions/framework_use", data={
            "used_framework": "yes", "what_was_missing": "My carefully typed answer"})
        html = response.get_data(as_text=True)
        assert "This consultation is closed" in html and "My carefully typed answer" in html
        # A choice in the words it was shown in, not its stored value.
        assert re.search(r'__value">Yes</dd>', html) and '__value">yes<' not in html
        assert "what you sent has not been saved" in html
        assert count("survey_drafts") == 0 and count("responses") == 0
    with freeze_time("2020-02-27 09:00:00"):
        html = client.get(f"{BASE}/start").get_data(as_text=True)
        assert "not open yet" in html
        # Nothing was sent, so the page does not say that what was sent was lost.
        assert "not been saved" not in html and "You can give your views once it opens" in html


def test_submit_after_an_admin_close_stores_nothing(client):
    survey = get_survey("framework_review")
    with freeze_time("2020-03-10 12:00:00"):
        html = answer_all(client).get_data(as_text=True)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        c.close_now(survey, reason="Closed early")
        db.session.commit()
        response = client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
        assert "This consultation is closed" in response.get_data(as_text=True)
        assert "Examples =1+1" in response.get_data(as_text=True)
    assert count("responses") == 0


def test_close_race_either_stores_before_the_close_or_not_at_all(app, client):
    """A submission and a close run at once: the response exists only if it was stored while
    the consultation was still open (the check is inside the locked transaction)."""
    survey = get_survey("framework_review")
    with freeze_time("2020-03-10 12:00:00", tick=True):
        html = answer_all(client).get_data(as_text=True)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        results = {}
        barrier = threading.Barrier(2)

        def submit():
            barrier.wait()
            results["submit"] = client.post(f"{BASE}/check-your-answers",
                                            data={"submission_key": key})

        def close():
            with app.app_context():
                barrier.wait()
                c.close_now(survey, reason="race")
                db.session.commit()
                results["closed_at_version"] = c.get_state(survey.id).lock_version
                db.session.remove()

        threads = [threading.Thread(target=submit), threading.Thread(target=close)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    db.session.expire_all()
    stored = count("responses")
    page = results["submit"]
    if stored:
        assert page.status_code == 302  # it got in first, then the consultation closed
    else:
        assert "This consultation is closed" in page.get_data(as_text=True)
    assert c.status_of(survey).state == "closed"
