"""Anonymity by construction in storage (R5, issue 15): a staff-voice respondent leaves nothing
in the database file or its WAL that joins an answer to a time finer than the day, to a draft,
or to a submission key once the retry window has passed; response ids carry no order.

The byte-level tests read SQLite's files, so they run on SQLite only (marked sqlite_only:
deselected, not skipped, on PostgreSQL; see tests/conftest.py). The rest run on both.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app import write_queue
from app.extensions import db, empty_wal
from app.models import AuditEvent, Response
from app.retention import FORGOTTEN, KEY_DAYS, forget_submission_keys
from app.runner.store import ANONYMOUS_HIGH, ANONYMOUS_LOW, store_response
from app.staff_voice.responses import record_submission
from tests.support.dbutil import count
from tests.support.paths import ROOT
from tests.support.staff_voice import fill_pages, for_wave, open_wave, page_answers, today

# A date with a time of day, as SQLite stores DateTime columns (and ISO with a T).
TIMESTAMP = re.compile(rb"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
KEY = re.compile(r'name="submission_key" value="([^"]+)"')


def _files() -> tuple[Path, Path]:
    path = Path(db.engine.url.database)
    return path, Path(f"{path}-wal")


def _read() -> tuple[bytes, bytes]:
    main, wal = _files()
    return main.read_bytes(), wal.read_bytes() if wal.exists() else b""


def _journey(client, wave, first: str, final: str) -> str:
    """Answer page by page with `first` as a comment, change it to `final` on check your
    answers, and send; returns the submission key."""
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    assert fill_pages(client, wave, comment=first) is None
    assert first in client.get(f"/staff/{wave.token}/check-your-answers").text
    last_id, last = page_answers(comment=final)[-1]
    changed = client.post(f"/staff/{wave.token}/questions/{last_id}?change=1",
                          data={**last, "action": "continue"})
    assert changed.status_code == 302 and changed.location.endswith("/check-your-answers")
    check = client.get(f"/staff/{wave.token}/check-your-answers").text
    assert final in check and first not in check
    return KEY.search(check).group(1)


@pytest.mark.sqlite_only
def test_the_files_hold_the_answer_once_and_no_draft_time_or_key(app, client, orgs, runner,
                                                                 monkeypatch):
    # The write queue checkpoints after every so many writes (app/write_queue.py): not here,
    # where the test reads the WAL as one send left it.
    monkeypatch.setattr(write_queue, "CHECKPOINT_EVERY", 10**9)
    wave = open_wave(orgs[0])
    db.session.commit()
    assert empty_wal()  # from here on, the WAL holds only what the journey writes
    first, final = f"draft-{uuid.uuid4().hex}", f"sent-{uuid.uuid4().hex}"
    key = _journey(client, wave, first, final)
    # Pages, back, change and check your answers wrote nothing at all: no draft row, no time.
    assert _files()[1].stat().st_size == 0
    assert count("survey_drafts") == 0

    sent = client.post(f"/staff/{wave.token}/check-your-answers", data={"submission_key": key})
    assert sent.status_code == 302 and "thank-you" in sent.location
    # The session (answers, key) is gone from the browser.
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None

    main, wal = _read()  # before any checkpoint: the response's one transaction is in the WAL
    both = main + wal
    assert both.count(first.encode()) == 0  # the answer before it was changed: nowhere
    assert wal.count(final.encode()) == 1 and main.count(final.encode()) == 0  # its answer row
    assert not TIMESTAMP.search(wal), TIMESTAMP.search(wal).group()
    assert today().isoformat().encode() in wal  # the row's day is there, so the scan sees rows
    # Within the retry window the key is on the response (its row and its unique index) only.
    assert 1 <= wal.count(key.encode()) <= 2 and main.count(key.encode()) == 0

    assert empty_wal()
    main, wal = _read()
    assert wal == b"" and main.count(final.encode()) == 1 and main.count(first.encode()) == 0

    # After the retry window `flask retention apply` overwrites the key and empties the WAL.
    with freeze_time(datetime.now() + timedelta(days=2)):
        result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 0, result.output
    assert "Forgot 1 submission keys" in result.output
    main, wal = _read()
    assert wal == b"" and key.encode() not in main
    assert main.count(final.encode()) == 1  # the answer stays (until its own retention)


@pytest.mark.sqlite_only
def test_every_connection_zeroes_what_it_frees_and_bounds_the_wal(app):
    conn = db.session.connection()
    assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    assert conn.exec_driver_sql("PRAGMA journal_size_limit").scalar() == 4 * 1024 * 1024
    with db.engine.connect() as other:  # a second pooled connection has them too
        assert other.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_answers_between_pages_are_kept_in_the_session_not_the_database(app, client, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    key = _journey(client, wave, "first thoughts", "second thoughts")
    assert count("survey_drafts") == 0 and count("responses") == 0
    assert client.post(f"/staff/{wave.token}/check-your-answers",
                       data={"submission_key": key}).status_code == 302
    assert count("responses") == 1 and count("survey_drafts") == 0


def test_staff_voice_ids_are_random_and_consultation_ids_count_on_their_own(app, orgs):
    wave = open_wave(orgs[0])
    survey = for_wave(wave)
    db.session.commit()

    def consultation(n: int) -> int:
        return store_response(survey_id="framework_review", kind="consultation",
                              snapshot_id=wave.snapshot_id, answers={"q": "a"},
                              key=f"consultation-{n}", today=date.today())

    before = consultation(1)
    answers = dict(page_answers(band="3")[0][1])
    for _, more in page_answers(band="3")[1:]:
        answers.update(more)
    ids = [record_submission(wave, survey, answers, secrets.token_hex(8), today())
           for _ in range(30)]
    after = consultation(2)
    db.session.commit()

    assert all(ANONYMOUS_LOW <= i < ANONYMOUS_HIGH for i in ids)
    assert len(set(ids)) == 30
    # In insertion order, 30 random ids rise at about half the steps (14.5 on average, standard
    # deviation 1.6); a counter rises at every one. Outside 5..24 is vanishingly unlikely.
    rises = sum(b > a for a, b in zip(ids, ids[1:], strict=False))
    assert 5 <= rises <= 24, ids
    assert ids != sorted(ids)
    # A consultation response stored after them counts on from the last consultation one: not
    # max(id) + 1, which would show which staff-voice response came last.
    assert after == before + 1 and after < ANONYMOUS_LOW
    assert after != max(ids) + 1 and after != ids[-1] + 1


def _respond(client, wave) -> str:
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    assert fill_pages(client, wave) is None
    return KEY.search(client.get(f"/staff/{wave.token}/check-your-answers").text).group(1)


def test_retries_inside_the_window_store_once_and_keys_are_forgotten_after_it(app, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    client = app.test_client()
    key = _respond(client, wave)
    cookie = app.config["SESSION_COOKIE_NAME"]
    stale = client.get_cookie(cookie).value  # the session as it was before sending
    url = f"/staff/{wave.token}/check-your-answers"
    assert client.post(url, data={"submission_key": key}).status_code == 302
    # A double click (no session now) and a browser replaying the old session cookie (answers
    # and key still in it) both find the stored response: one response, thanked twice.
    assert "thank-you" in client.post(url, data={"submission_key": key}).location
    replay = app.test_client()
    replay.set_cookie(cookie, stale)
    assert "thank-you" in replay.post(url, data={"submission_key": key}).location
    assert count("responses") == 1

    # The window outlasts the oldest session cookie the app accepts, which a replay could use.
    assert app.config["SESSION_MAX_HOURS"] < KEY_DAYS * 24
    sent_on = today()
    assert forget_submission_keys(sent_on + timedelta(days=1)) == 0  # still inside the window
    assert forget_submission_keys(sent_on + timedelta(days=2)) == 1
    response = db.session.scalar(select(Response))
    assert response.idempotency_key == f"{FORGOTTEN}{response.id}"
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "submission_keys_forgotten"))
    assert event is not None and event.detail_dict["keys_forgotten"] == 1
    assert forget_submission_keys(sent_on + timedelta(days=3)) == 0  # done once
    # A retry after the window finds nothing to match, and stores nothing either.
    late = client.post(url, data={"submission_key": key})
    assert late.status_code == 302 and "thank-you" not in late.location
    assert count("responses") == 1


def test_a_resend_with_the_old_session_on_a_wave_with_codes_is_thanked_not_refused(app, orgs):
    """The old session still holds the answers and the (now spent) code: the key's unique index
    answers first, so the respondent is thanked, and nothing is stored twice."""
    from app.staff_voice import codes

    wave = open_wave(orgs[0], uses_codes=True)
    plain = codes.make_batch(wave, 1)
    db.session.commit()
    client = app.test_client()
    client.get(f"/staff/{wave.token}/")
    assert client.post(f"/staff/{wave.token}/code", data={"code": plain[0]}).status_code == 302
    assert fill_pages(client, wave) is None
    check = client.get(f"/staff/{wave.token}/check-your-answers").text
    key = KEY.search(check).group(1)
    cookie = app.config["SESSION_COOKIE_NAME"]
    stale = client.get_cookie(cookie).value
    url = f"/staff/{wave.token}/check-your-answers"
    assert "thank-you" in client.post(url, data={"submission_key": key}).location
    replay = app.test_client()
    replay.set_cookie(cookie, stale)
    again = replay.post(url, data={"submission_key": key})
    assert again.status_code == 302 and "thank-you" in again.location
    assert count("responses") == 1


def test_consultation_keys_are_not_forgotten(app, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    store_response(survey_id="framework_review", kind="consultation",
                   snapshot_id=wave.snapshot_id, answers={}, key="kept-key",
                   today=today() - timedelta(days=30))
    db.session.commit()
    assert forget_submission_keys(today()) == 0
    assert db.session.scalar(select(Response.idempotency_key)) == "kept-key"


CJK = [chr(c) for c in range(0x4E00, 0x9FFF)]


def test_answers_too_long_for_the_session_are_refused_and_kept_with_a_clear_message(
        app, client, orgs):
    """Text that compresses badly (here random Chinese characters, 1,000 in each box) would make
    the cookie larger than browsers keep: the page says how short to make it, keeps every word
    sent, and the session keeps the earlier pages."""
    wave = open_wave(orgs[0])
    db.session.commit()
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    pages = page_answers()
    for page_id, data in pages[:-1]:
        assert client.post(f"/staff/{wave.token}/questions/{page_id}",
                           data={**data, "action": "continue"}).status_code == 302
    rng = secrets.SystemRandom()
    long_text = "".join(rng.choice(CJK) for _ in range(1000))
    other = "".join(rng.choice(CJK) for _ in range(1000))
    last_id, last = pages[-1]
    url = f"/staff/{wave.token}/questions/{last_id}"
    refused = client.post(url, data={**last, "what_would_help": long_text,
                                     "what_gets_in_the_way": other, "action": "continue"})
    assert refused.status_code == 422
    assert refused.text.count("There is a problem") == 1 and "Error: " in refused.text
    limits = [int(n) for n in re.findall(r"Shorten your answer to (\d+) characters", refused.text)]
    assert len(limits) == 4  # each of the two boxes, in the summary and by the box
    assert long_text in refused.text and other in refused.text  # nothing lost
    assert all(10 <= n < 1000 for n in limits)
    # The earlier pages are still in the session: check your answers sends back to this page.
    assert client.get(f"/staff/{wave.token}/check-your-answers").location.endswith(last_id)
    # With one long answer and one short, only the long one is asked to be shorter.
    one = client.post(url, data={**last, "what_would_help": long_text,
                                 "what_gets_in_the_way": "Not enough staff", "action": "continue"})
    assert one.status_code == 422
    assert len(re.findall(r"Shorten your answer to (\d+) characters", one.text)) == 2
    assert 'id="what_would_help-error"' in one.text
    assert 'id="what_gets_in_the_way-error"' not in one.text
    n = limits[0]
    shortened = client.post(url, data={**last, "what_would_help": long_text[:n],
                                       "what_gets_in_the_way": other[:n], "action": "continue"})
    assert shortened.status_code == 302, shortened.text[:500]
    cookie = shortened.headers["Set-Cookie"]
    assert len(cookie) <= 4093
    check = client.get(f"/staff/{wave.token}/check-your-answers")
    assert check.status_code == 200 and long_text[:n] in check.text


def test_the_longest_answers_in_latin_script_fit(app, client, orgs):
    """Both boxes full (1,000 characters each) of text that compresses worst among Latin
    scripts, random printable characters: still well inside the cookie."""
    wave = open_wave(orgs[0])
    db.session.commit()
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    rng = secrets.SystemRandom()
    printable = [chr(c) for c in range(0x21, 0x7F)] + list("éèàçœžąęłśćńźż ")

    def text() -> str:
        return "".join(rng.choice(printable) for _ in range(1000))

    pages = page_answers()
    pages[-1][1].update(what_would_help=text(), what_gets_in_the_way=text())
    for page_id, data in pages:
        sent = client.post(f"/staff/{wave.token}/questions/{page_id}",
                           data={**data, "action": "continue"})
        assert sent.status_code == 302, sent.text[:500]
    assert len(sent.headers["Set-Cookie"]) <= 4093


def test_the_gunicorn_access_log_format_has_no_client_address():
    """`gunicorn wsgi:app` reads ./gunicorn.conf.py; its format names no address, device or
    query string."""
    namespace: dict = {}
    root = ROOT
    exec((root / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own file
    fmt = namespace["access_log_format"]
    for field in ("%(h)s", "%(a)s", "%(f)s", "%(r)s", "%(q)s", "%(u)s", "{"):
        assert field not in fmt, field
    assert "forwarded" not in fmt.lower()
    assert "%(U)s" in fmt and "%(s)s" in fmt
