"""Each worker keeps a wave's row for WAVE_ROW_SECONDS (app/staff_voice/waves.py): respondents'
pages skip the lookup, a close by another worker shows within those seconds, and no answer is
ever stored after a close, because the send reads the row again under lock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, update

from app.extensions import db
from app.models.staff_voice import Wave
from app.staff_voice import waves
from tests.support.dbutil import count
from tests.support.staff_voice import fill_pages, open_wave, submit, today


def _queries(naming: str = ""):
    """(the statements run from now that name `naming`, a function that stops listening)."""
    seen = []

    def spy(_conn, _cursor, statement, *_):
        if naming in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", spy)


def _after_the_setting(app, monkeypatch) -> None:
    """This worker's clock moved past WAVE_ROW_SECONDS: what it keeps is read again."""
    later = waves.time.monotonic() + app.config["WAVE_ROW_SECONDS"] + 1
    monkeypatch.setattr(waves.time, "monotonic", lambda: later)


def test_pages_within_the_setting_read_the_kept_row(app, client, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    token = wave.token  # read now: after the commit, reading it is a query of the test's own
    seen, stop = _queries("FROM staff_voice_waves")
    try:
        client.get(f"/staff/{token}/begin")
        client.get(f"/staff/{token}/questions/your_band")
        client.get(f"/staff/{token}/questions/your_band")
    finally:
        stop()
    assert len(seen) == 1, seen


def _closed_by_another_worker(wave):
    """As another process's close looks from here: a changed row, no ORM event in this one."""
    db.session.execute(update(Wave).where(Wave.id == wave.id)
                       .values(closed_early_on=today()))
    db.session.commit()


def test_a_close_elsewhere_refuses_the_send_at_once_and_shows_within_the_setting(
        app, client, orgs, monkeypatch):
    wave = open_wave(orgs[0])
    db.session.commit()
    client.get(f"/staff/{wave.token}/begin")
    assert fill_pages(client, wave, band="3") is None
    _closed_by_another_worker(wave)

    # Within the setting the kept row still says open, so the check page shows; the send
    # reads the row under lock, sees the close, stores nothing and gives back what was typed.
    sent = submit(client, wave)
    assert sent.status_code == 200 and "This survey has closed" in sent.text
    assert "More rest space" in sent.text
    assert count("responses") == 0

    _after_the_setting(app, monkeypatch)
    assert "This survey has closed" in client.get(f"/staff/{wave.token}/begin").text


def test_a_close_in_this_process_shows_on_the_next_page(app, client, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    assert "This survey has closed" not in client.get(f"/staff/{wave.token}/").text
    wave.opens_on, wave.closes_on = today() - timedelta(days=9), today() - timedelta(days=1)
    db.session.commit()
    assert "This survey has closed" in client.get(f"/staff/{wave.token}/").text


def test_the_start_page_keeps_the_organisation_name_and_shows_a_rename_within_the_setting(
        app, client, orgs, monkeypatch):
    wave = open_wave(orgs[0])
    db.session.commit()
    token, old = wave.token, orgs[0].name
    assert old in client.get(f"/staff/{token}/").text
    seen, stop = _queries("FROM organisations")
    try:
        assert old in client.get(f"/staff/{token}/").text
    finally:
        stop()
    assert seen == []

    orgs[0].name = "Renamed Community Trust"
    db.session.commit()
    _after_the_setting(app, monkeypatch)
    assert "Renamed Community Trust" in client.get(f"/staff/{token}/").text


def test_a_question_page_with_the_kept_row_asks_the_database_nothing(app, client, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    token = wave.token
    client.get(f"/staff/{token}/begin")
    seen, stop = _queries()
    try:
        page = client.get(f"/staff/{token}/questions/your_band")
        sent = client.post(f"/staff/{token}/questions/your_band", data={"band": "3"})
    finally:
        stop()
    assert page.status_code == 200 and sent.status_code == 302
    assert seen == []
