"""Issue 16: the mutation fuzzer over the ways in that carry most risk: sign-in (with hostile
`next` addresses), the diagnostic workbook upload (mutated and hostile files) and the admin and
lead forms that change who can do what. At least 2,000 posts per run, no server error, a
rejection is a 4xx page, a refused upload stores nothing and every redirect stays on this site.

FUZZ_POSTS sets the posts per form target; FUZZ_SEED replays a run.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from app import consultations, definitions
from app.clock import today
from app.definitions import get_survey
from app.diagnostic import cycles
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import ItemAnswer
from app.staff_voice.waves import launch
from tests.security import fuzz
from tests.support.clients import PASSWORD

POSTS_PER_FORM = 150
UPLOADS = 400
NEXT_TRIES = 200
ALLOWED = fuzz.SUCCESS | fuzz.REJECTIONS

FORMS = ["admin:user_edit", "admin:consultation_open", "admin:consultation_close",
         "admin:consultation_schedule", "staff_voice:codes", "staff_voice:close",
         "diagnostic:new_cycle", "diagnostic:assignments", "diagnostic:plan",
         "diagnostic:discussion", "ics:tag_edit", "sign_in:known_user"]


def _date(prefix: str, day) -> dict:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month),
            f"{prefix}-year": str(day.year)}


def build(name: str, app, make_user, orgs, system):
    """A client and the form `name` with whatever it needs to exist."""
    survey_id = "framework_review"
    if name == "admin:user_edit":
        client = fuzz.signed_in(app, make_user, "admin")
        person = make_user("org_lead", email="fuzz-edited@example.nhs.uk")
        data = {"email": person.email, "name": "Keep Person Tau", "role": "contributor",
                "organisation_id": str(orgs[1].id), "system_id": "", "password": "",
                "status": "active"}
        return client, fuzz.Target(name, f"/admin/users/{person.id}", fuzz.fixed(data),
                                   {"name": data["name"]})
    if name.startswith("admin:consultation"):
        client = fuzz.signed_in(app, make_user, "admin")
        action = name.rpartition("_")[2]
        if action == "close":
            consultations.open_now(get_survey(survey_id))
            db.session.commit()
        data = {"open": _date("until", today() + timedelta(days=30)),
                "close": {"reason": "Keep reason upsilon"},
                "schedule": {**_date("opens", today() + timedelta(days=3)),
                             **_date("closes", today() + timedelta(days=40))}}[action]
        return client, fuzz.Target(name, f"/admin/consultations/{survey_id}/{action}",
                                   fuzz.fixed(data), reshows=False)
    if name.startswith("staff_voice:"):
        wave = launch(orgs[0], "staff_voice_bands_2_4", today() - timedelta(days=1),
                      today() + timedelta(days=10), uses_codes=True)
        db.session.commit()
        client = fuzz.signed_in(app, make_user, "org_lead", org=orgs[0])
        if name.endswith("codes"):
            return client, fuzz.Target(name, f"/staff-voice/waves/{wave.id}/codes",
                                       fuzz.fixed({"number": "3"}), reshows=False)
        return client, fuzz.Target(name, f"/staff-voice/waves/{wave.id}/close",
                                   fuzz.fixed({"confirm": "yes"}), reshows=False)
    if name.startswith("diagnostic:"):
        survey = definitions.diagnostic()
        element = survey.elements[0]
        if name.endswith("plan"):
            client = fuzz.signed_in(app, make_user, "ics_lead")
            data = {}
            for i, el in enumerate(survey.elements):
                data.update(_date(f"el_{el.id}", today().replace(day=1) + timedelta(days=31 * i)))
            data["out_of_order"] = "refuse"
            return client, fuzz.Target(name, f"/diagnostic/plan/{system.code}", fuzz.fixed(data))
        client = fuzz.signed_in(app, make_user, "org_lead", org=orgs[0])
        if name.endswith("new_cycle"):
            serial = iter(range(1_000_000))
            return client, fuzz.Target(
                name, f"/diagnostic/org/{orgs[0].code}/new",
                lambda: [("cycle", f"Fuzz {next(serial)}"), ("mode", "quick"), ("copy", "no")])
        if name.endswith("assignments"):
            helper = make_user("contributor", email="fuzz-contributor@example.nhs.uk")
            cycles.start(orgs[0], "2026 Q2", "full")
            db.session.commit()
            return client, fuzz.Target(name, f"/diagnostic/org/{orgs[0].code}/assignments",
                                       fuzz.fixed({f"el_{element.id}": str(helper.id)}))
        assessment = cycles.start(orgs[0], "2026 Q3", "full")
        db.session.commit()
        data = {**_date("held_on", today()), "notes": "Keep notes phi",
                "decisions": "Keep decisions chi", "complete": "no"}
        return client, fuzz.Target(
            name, f"/diagnostic/a/{assessment.id}/element/{element.id}/discussion",
            fuzz.fixed(data), {"notes": data["notes"], "decisions": data["decisions"]})
    if name == "ics:tag_edit":
        from app.analysis import themes

        client = fuzz.signed_in(app, make_user, "ics_lead")
        tag = themes.create_tag(system, "Fuzz tag")
        db.session.commit()
        return client, fuzz.Target(name, f"/ics/{system.code}/tags/{tag.id}",
                                   fuzz.fixed({"name": "Keep tag psi"}), {"name": "Keep tag psi"})
    # Sign-in as the account's owner, correct password: mutations must not lock them out.
    user = make_user("org_lead", email="fuzz-owner@example.nhs.uk")
    return app.test_client(), fuzz.Target(
        name, "/sign-in", fuzz.fixed({"email": user.email, "password": PASSWORD}),
        {"email": user.email})


def _seed(name: str) -> random.Random:
    seed = int(os.environ.get("FUZZ_SEED", random.randrange(1 << 30)))
    return seed, random.Random(f"{seed}:{name}")


@pytest.mark.parametrize("name", FORMS)
def test_mutated_admin_and_sign_in_posts(app, make_user, orgs, system, name):
    posts = int(os.environ.get("FUZZ_POSTS", POSTS_PER_FORM))
    seed, rng = _seed(name)
    client, target = build(name, app, make_user, orgs, system)
    problems, statuses = [], {}
    for _ in range(posts):
        mutation = fuzz.mutate(rng, target.base())
        response = fuzz.send(client, target.url, mutation)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        problem = fuzz.judge(target, mutation, response)
        if problem:
            problems.append(problem)
        if response.status_code in (302, 303):
            problems += fuzz.offsite(response, target.name)
        if len(problems) >= 5:
            break
    assert not problems, f"FUZZ_SEED={seed} {statuses}\n" + "\n".join(problems)


# --- hostile `next` addresses -------------------------------------------------------------

HOSTILE_NEXT = ["//evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example",
                "https:evil.example", "http:/evil.example", "/%0d%0aSet-Cookie:%20x=1",
                "/ok\r\nSet-Cookie: x=1", "/ok\nLocation: //evil", "\t//evil.example",
                " //evil.example", "/\t/evil.example", "javascript:alert(1)", "/%2F%2Fevil",
                "/ok\x7f", "/ok\x85", "/ok\u2028x", "//evil.example%2F", "/" + "a" * 5000,
                "data:text/html,x", "/./\\/evil.example", "%2F%2Fevil.example", "/ok?x=1#y",
                "/diagnostic/", ""]


def test_hostile_next_never_fails_or_leaves_the_site(app, make_user):
    seed, rng = _seed("next")
    user = make_user("org_lead", email="fuzz-next@example.nhs.uk")
    problems = []
    signed_in = app.test_client()
    for i in range(NEXT_TRIES):
        target = rng.choice(HOSTILE_NEXT) + rng.choice(["", "/x", "%00", "%0a", "\r"])
        query = "next=" + (quote(target, safe="") if rng.random() < 0.5 else
                           quote(target, safe="/:%\\"))
        client = app.test_client() if i % 3 else signed_in
        if i % 2:
            response = client.post(f"/sign-in?{query}",
                                   data={"email": user.email, "password": PASSWORD})
        else:
            response = client.get(f"/sign-in?{query}")
        if response.status_code >= 500 or response.status_code not in ALLOWED:
            problems.append(f"next={target!r} -> {response.status_code}")
        elif response.status_code in (302, 303):
            problems += fuzz.offsite(response, f"next={target!r}")
        if len(problems) >= 5:
            break
    assert not problems, f"FUZZ_SEED={seed}\n" + "\n".join(problems)


# --- the workbook upload ------------------------------------------------------------------

ENTITY = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>'
          '</sheetData></worksheet>')
EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
            '</sheetData></worksheet>')
FAR = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
       '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
MEMBER_SWAPS = [b"<worksheet><sheetData><row>", b"\xff\xfe<\x00w\x00", b"", ENTITY.encode(),
                EXTERNAL.encode(), FAR.encode(), b"<a>" * 5000 + b"</a>" * 5000,
                b"PK\x03\x04 not xml", "<worksheet>\u00e9</worksheet>".encode("latin-1")]


def _swap(body: bytes, rng: random.Random) -> bytes:
    """The workbook with one member replaced by hostile XML, or dropped."""
    source = zipfile.ZipFile(io.BytesIO(body))
    names = source.namelist()
    victim = rng.choice([n for n in names if n.endswith(".xml")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in names:
            if member != victim:
                target.writestr(member, source.read(member))
            elif rng.random() < 0.9:
                target.writestr(member, rng.choice(MEMBER_SWAPS))
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", b"<" + b" " * 60_000_000 + b"/>")
    return out.getvalue()


def mutate_file(rng: random.Random, body: bytes) -> tuple[str, bytes]:
    kind = rng.choices(["flip", "truncate", "swap", "junk", "empty", "bomb", "append"],
                       weights=[35, 15, 35, 5, 3, 2, 5])[0]
    if kind == "flip":
        data = bytearray(body)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "truncate":
        return kind, body[:rng.randrange(len(body))]
    if kind == "swap":
        return kind, _swap(body, rng)
    if kind == "junk":
        return kind, rng.choice([b"%PDF-1.7\n", b"a,b,c\n1,2,3\n", os.urandom(2000)])
    if kind == "empty":
        return kind, b""
    if kind == "bomb":
        return kind, _bomb()
    return kind, body + os.urandom(rng.randint(1, 500))


def _answers(assessment_id: int) -> list[tuple]:
    db.session.expire_all()
    return list(db.session.execute(select(
        ItemAnswer.item_id, ItemAnswer.version, ItemAnswer.rating, ItemAnswer.offer)
        .where(ItemAnswer.assessment_id == assessment_id).order_by(ItemAnswer.item_id)))


def test_mutated_workbooks_never_fail_and_refusals_store_nothing(app, make_user, orgs):
    uploads = int(os.environ.get("FUZZ_UPLOADS", UPLOADS))
    seed, rng = _seed("import")
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    client = fuzz.signed_in(app, make_user, "org_lead", org=orgs[0])
    # A workbook with answers in it, so a mutated file has something to change.
    client.post(f"/diagnostic/a/{assessment.id}/item/ph_mental_health_offer",
                data={"version": "0", "rating": "2", "offer": "Keep offer omega"})
    body = diagnostic_xlsx.to_bytes(assessment)
    url = f"/diagnostic/a/{assessment.id}/import"
    problems, statuses = [], {}
    for _ in range(uploads):
        kind, data = mutate_file(rng, body)
        before = _answers(assessment.id)
        name = rng.choice(["workbook.xlsx", "w.XLSX", "w.csv", "", "../../w.xlsx", "w\r\n.xlsx"])
        response = client.post(url, data={"workbook": (io.BytesIO(data), name)},
                               content_type="multipart/form-data")
        status = response.status_code
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 500 or status not in ALLOWED:
            problems.append(f"{kind} {name!r} -> {status}")
        elif status not in (302, 303) and _answers(assessment.id) != before:
            problems.append(f"{kind} {name!r} -> {status} but answers changed")
        if len(problems) >= 5:
            break
    assert not problems, f"FUZZ_SEED={seed} {statuses}\n" + "\n".join(problems)
    assert db.session.scalar(select(func.count()).select_from(ItemAnswer)) >= 1


def test_enough_posts_per_run():
    assert POSTS_PER_FORM * len(FORMS) + UPLOADS + NEXT_TRIES >= 2_000
