"""R2: at least 10,000 mutated form posts per run across every kind of form (consultation and
staff-voice survey pages, access codes, the diagnostic, admin forms, sign-in): no server error,
and every rejection is a 400/409/413/422 page that keeps the user's other answers.

FUZZ_POSTS sets the posts per form (default: enough for 10,000 in all); FUZZ_SEED replays a run.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import consultations
from app.clock import today
from app.definitions import get_survey
from app.diagnostic import cycles
from app.extensions import db
from app.models import ItemAnswer
from app.staff_voice.waves import launch
from tests.security import fuzz

ITEM = "ph_mental_health_offer"
TOTAL_POSTS = 10_000
CONSULT = "/consultations/framework_review"


REVIEW_PAGES = {
    "about_you": ({"respondent_type": "nhs_provider", "organisation_name": "Keep Trust Alpha",
                   "role": "Keep Lead Beta"}, ("organisation_name", "role")),
    "framework_use": ({"used_framework": "yes", "used_diagnostic": "no",
                       "how_used": ["planning", "board_reporting"],
                       "what_helped": "Keep helped gamma", "what_was_missing": "Keep missing"},
                      ("what_helped", "what_was_missing")),
    "refresh_priorities": ({"priority_reach_all_staff": "agree",
                            "priority_system_working": "strongly_agree",
                            "priority_measuring_impact": "neither",
                            "suggested_additions": "Keep additions delta"},
                           ("suggested_additions",)),
    "publishing": ({"publish_consent": "publish_with_name", "respondent_name": "Keep Name Eps"},
                   ("respondent_name",)),
}
STAFF_PAGES = {
    "your_band": {"band": "3"},
    "about_you": {"staff_group": "admin_and_clerical", "shift_pattern": "nights"},
    "support_and_breaks": {"knows_where_to_get_support": "agree",
                           "support_on_my_shift": "disagree", "look_after_my_health": "neither",
                           "break_space": "agree", "hot_food_at_night": "disagree"},
    "team_and_voice": {"manager_wellbeing_conversations": "strongly_agree",
                       "team_supports_each_other": "agree", "feel_recognised": "disagree",
                       "surveys_confidential": "agree", "views_acted_on": "neither",
                       "what_would_help": "Keep comment zeta"},
}
TARGETS = ([f"consultation:{p}" for p in REVIEW_PAGES] + ["consultation:check"]
           + [f"staff:{p}" for p in STAFF_PAGES]
           + ["staff:code", "diagnostic:item", "diagnostic:action", "admin:user",
              "admin:organisation", "admin:system", "sign_in", "consultation:summary",
              "ics:themes", "staff_voice:launch"])


def build(name: str, app, make_user, orgs, system) -> tuple[object, fuzz.Target]:
    """A client and the target form `name`, with whatever the form needs to exist."""
    kind, _, part = name.partition(":")
    if kind == "consultation" and part in REVIEW_PAGES:
        consultations.open_now(get_survey("framework_review"))
        db.session.commit()
        data, keep = REVIEW_PAGES[part]
        return app.test_client(), fuzz.Target(
            name, f"{CONSULT}/questions/{part}", fuzz.fixed({**data, "action": "continue"}),
            {k: data[k] for k in keep})
    if name == "consultation:check":
        consultations.open_now(get_survey("framework_review"))
        db.session.commit()
        client = app.test_client()
        for page, (data, _) in REVIEW_PAGES.items():
            assert client.post(f"{CONSULT}/questions/{page}", data=data).status_code == 302
        html = client.get(f"{CONSULT}/check-your-answers").get_data(as_text=True)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        return client, fuzz.Target(name, f"{CONSULT}/check-your-answers",
                                   fuzz.fixed({"submission_key": key}), reshows=False)
    if kind == "staff":
        wave = launch(orgs[0], "staff_voice_bands_2_4", today() - timedelta(days=1),
                      today() + timedelta(days=10), uses_codes=part == "code")
        db.session.commit()
        client = app.test_client()
        client.get(f"/staff/{wave.token}/")
        if part == "code":
            return client, fuzz.Target(name, f"/staff/{wave.token}/code",
                                       fuzz.fixed({"code": "ABCD-EFGH-JKMN"}), reshows=False)
        data = STAFF_PAGES[part]
        keep = {"what_would_help": data["what_would_help"]} if "what_would_help" in data else {}
        return client, fuzz.Target(name, f"/staff/{wave.token}/questions/{part}",
                                   fuzz.fixed({**data, "action": "continue"}), keep)
    if kind == "diagnostic":
        assessment = cycles.start(orgs[0], "2026 Q1", "full")
        db.session.commit()
        client = fuzz.signed_in(app, make_user, "org_lead", org=orgs[0])
        base = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
        if part == "item":
            texts = {"offer": "Keep offer eta", "evidence": "Keep evidence theta",
                     "evidence_links": "https://example.org/keep", "gaps": "Keep gaps iota"}

            def item_post():
                db.session.expire_all()
                stored = db.session.scalar(select(ItemAnswer).where(
                    ItemAnswer.assessment_id == assessment.id, ItemAnswer.item_id == ITEM))
                return fuzz.pairs({"version": str(stored.version if stored else 0), "rating": "2",
                               **texts})
            return client, fuzz.Target(name, base, item_post, texts)
        data = {"what": "Keep action kappa", "owner": "Keep owner lambda", "due-day": "31",
                "due-month": "3", "due-year": "2027", "status": "not_started"}
        return client, fuzz.Target(name, f"{base}/actions/new", fuzz.fixed(data),
                                   {"what": data["what"], "owner": data["owner"]})
    if kind == "admin":
        client = fuzz.signed_in(app, make_user, "admin")
        serial = itertools.count()
        if part == "user":
            def user_post():
                return fuzz.pairs({"email": f"fuzz{next(serial)}@example.nhs.uk",
                               "name": "Keep Person Mu", "role": "org_lead",
                               "organisation_id": str(orgs[0].id), "system_id": "",
                               "password": "a-long-password-123", "status": "active"})
            return client, fuzz.Target(name, "/admin/users/new", user_post,
                                       {"name": "Keep Person Mu"})
        if part == "organisation":
            def org_post():
                return fuzz.pairs({"code": f"F{next(serial) % 1000:03d}", "name": "Keep Org Nu",
                               "type": "trust", "system_id": str(system.id)})
            return client, fuzz.Target(name, "/admin/organisations/new", org_post,
                                       {"name": "Keep Org Nu"})

        def system_post():
            return fuzz.pairs({"code": f"Q{next(serial) % 100:02d}", "name": "Keep System Xi"})
        return client, fuzz.Target(name, "/admin/systems/new", system_post,
                                   {"name": "Keep System Xi"})
    if name == "sign_in":
        user = make_user("org_lead", email="fuzz-sign-in@example.nhs.uk")
        return app.test_client(), fuzz.Target(
            name, "/sign-in", fuzz.fixed({"email": user.email, "password": "wrong-password-xx"}),
            {"email": user.email})
    if name == "consultation:summary":
        client = fuzz.signed_in(app, make_user, "admin")
        data = {"we_asked": "Keep asked omicron", "you_said": "Keep said pi",
                "we_did": "Keep did rho"}
        return client, fuzz.Target(name, "/admin/consultations/framework_review/summary",
                                   fuzz.fixed(data), data)
    if name == "ics:themes":
        client = fuzz.signed_in(app, make_user, "ics_lead")
        return client, fuzz.Target(name, f"/ics/{system.code}/themes",
                                   fuzz.fixed({"name": "Keep tag sigma"}),
                                   {"name": "Keep tag sigma"})
    client = fuzz.signed_in(app, make_user, "admin")
    start, end = today() + timedelta(days=1), today() + timedelta(days=20)
    data = {"organisation_id": str(orgs[0].id), "survey_id": "staff_voice_bands_2_4",
            "opens-day": str(start.day), "opens-month": str(start.month),
            "opens-year": str(start.year), "closes-day": str(end.day),
            "closes-month": str(end.month), "closes-year": str(end.year), "access": "link",
            "headcount_2": "120", "headcount_3": "80"}
    return client, fuzz.Target(name, "/staff-voice/launch", fuzz.fixed(data), {})


@pytest.mark.parametrize("name", TARGETS)
def test_mutated_posts_never_fail_and_keep_answers(app, make_user, orgs, system, name):
    posts = int(os.environ.get("FUZZ_POSTS", -(-TOTAL_POSTS // len(TARGETS))))
    seed = int(os.environ.get("FUZZ_SEED", random.randrange(1 << 30)))
    client, target = build(name, app, make_user, orgs, system)
    problems, statuses = fuzz.run(client, target, posts, random.Random(f"{seed}:{name}"))
    assert not problems, f"FUZZ_SEED={seed} {statuses}\n" + "\n".join(problems)
    assert sum(statuses.values()) == posts


def test_enough_posts_per_run():
    assert -(-TOTAL_POSTS // len(TARGETS)) * len(TARGETS) >= 10_000
