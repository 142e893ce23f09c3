"""R4 and R8 under real concurrency (threads, each request in its own context and session).

R4: many respondents press "Send" while an admin closes the consultation: every response stored
was stored before the close, every other respondent sees the closed page with their own words.
R8: several leads save the same diagnostic item from the same version: one save wins, every
other is refused with both texts shown, and nothing is overwritten.
"""

from __future__ import annotations

import re
import threading

from sqlalchemy import select

from app import consultations as c
from app.definitions import get_survey
from app.diagnostic import cycles
from app.extensions import db
from app.models import ConsultationResponse, ConsultationState, ItemAnswer
from tests.support.clients import PASSWORD
from tests.support.dbutil import count
from tests.support.framework_review import BASE, FIRST_PAGES

THREADS = 8
ITEM = "ph_mental_health_offer"


def run_together(jobs) -> None:
    barrier = threading.Barrier(len(jobs))

    def wrap(job):
        barrier.wait()
        job()

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)


def test_many_submissions_racing_a_close(app):
    survey = get_survey("framework_review")
    c.open_now(survey)
    db.session.commit()
    ready = []
    for n in range(THREADS):
        client = app.test_client()
        pages = [*FIRST_PAGES]
        pages[1] = ("framework_use", {**FIRST_PAGES[1][1], "what_helped": f"Words of person {n}"})
        for page_id, data in pages:
            assert client.post(f"{BASE}/questions/{page_id}", data=data).status_code == 302
        html = client.get(f"{BASE}/check-your-answers").get_data(as_text=True)
        ready.append((n, client, re.search(r'name="submission_key" value="([^"]+)"',
                                           html).group(1)))
    results = {}

    def submitter(n, client, key):
        def job():
            results[n] = client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
        return job

    def close():
        with app.app_context():
            c.close_now(survey, reason="race")
            db.session.commit()
            db.session.remove()

    run_together([submitter(*r) for r in ready] + [close])
    db.session.expire_all()
    accepted = [n for n, r in results.items() if r.status_code == 302]
    assert count("responses") == len(accepted)
    for n, response in results.items():
        if n not in accepted:
            html = response.get_data(as_text=True)
            assert "This consultation is closed" in html and f"Words of person {n}" in html
    closed_at = db.session.get(ConsultationState, survey.id).forced_at
    stored = db.session.scalars(select(ConsultationResponse.submitted_at)).all()
    assert all(at <= closed_at for at in stored), "a response was stored after the close"
    assert c.status_of(survey).state == "closed"


def test_concurrent_saves_of_one_item_lose_nothing(app, orgs, make_user):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
    clients = []
    for n in range(THREADS // 2):
        user = make_user("org_lead", email=f"lead{n}@example.nhs.uk", org=orgs[0])
        client = app.test_client()
        client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
        clients.append(client)
    results = {}

    def saver(n, client):
        def job():
            results[n] = client.post(url, data={"version": "0", "rating": "2",
                                                "gaps": f"Gaps written by lead {n}"})
        return job

    run_together([saver(n, cl) for n, cl in enumerate(clients)])
    statuses = sorted(r.status_code for r in results.values())
    assert statuses.count(302) == 1, statuses
    assert set(statuses) <= {302, 409}
    db.session.expire_all()
    stored = db.session.scalar(select(ItemAnswer).where(ItemAnswer.item_id == ITEM))
    winner = next(n for n, r in results.items() if r.status_code == 302)
    assert stored.gaps == f"Gaps written by lead {winner}" and stored.version == 1
    for n, response in results.items():
        if n != winner:
            html = response.get_data(as_text=True)
            assert f"Gaps written by lead {n}" in html  # their own text kept in the form
            assert f"Gaps written by lead {winner}" in html  # and the saved one shown
