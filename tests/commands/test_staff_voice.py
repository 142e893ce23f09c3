"""`flask staff-voice launch`, `list [--org CODE]` and `close WAVE_ID [--reason TEXT]`, and
`flask export staff-voice` (app/commands/staff_voice.py)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.clock import today
from app.extensions import db
from app.models import AuditEvent
from app.models.staff_voice import BandCount, Wave
from app.staff_voice.closing import close_now
from app.staff_voice.short_links import shown
from app.staff_voice.waves import launch
from tests.support.staff_voice import closed_wave

SURVEY = "staff_voice_bands_2_4"


def _wave(org, opens_in: int, closes_in: int, **band_counts: int) -> Wave:
    wave = launch(org, SURVEY, today() + timedelta(days=opens_in),
                  today() + timedelta(days=closes_in))
    db.session.flush()
    for band, n in band_counts.items():
        db.session.add(BandCount(wave_id=wave.id, band=band.removeprefix("b"), n=n))
    db.session.commit()
    return wave


def _closed_events() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "staff_voice_wave_closed").order_by(AuditEvent.id)))


def _table(output: str) -> list[list[str]]:
    return [re.split(r" {2,}", line.strip()) for line in output.splitlines()]


def test_list_shows_every_wave_with_dates_state_and_responses_aligned(runner, orgs):
    d = today()
    open_ = _wave(orgs[0], -1, 10, b2=7, b3=6)  # 13 in all: shown as a total, never by band
    scheduled = _wave(orgs[1], 5, 20)
    ended = _wave(orgs[0], -30, -2, b3=4)
    early = _wave(orgs[1], -3, 10, b4=2)
    close_now(early, "someone@example.nhs.uk")

    result = runner.invoke(args=["staff-voice", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert _table(result.output) == [
        ["id", "org", "survey", "opens", "closes", "closed early", "state", "responses"],
        [str(open_.id), "RA1", SURVEY, str(d - timedelta(days=1)), str(d + timedelta(days=10)),
         "-", "open", "13 responses"],
        [str(scheduled.id), "RB2", SURVEY, str(d + timedelta(days=5)),
         str(d + timedelta(days=20)), "-", "scheduled", "fewer than 11 responses"],
        [str(ended.id), "RA1", SURVEY, str(d - timedelta(days=30)), str(d - timedelta(days=2)),
         "-", "closed", "fewer than 11 responses"],
        [str(early.id), "RB2", SURVEY, str(d - timedelta(days=3)), str(d + timedelta(days=10)),
         str(d), "closed", "fewer than 11 responses"],
    ]
    # Aligned for a terminal: every column starts at the same place on every line.
    for column in ("org", "survey", "opens", "closes", "closed early", "state", "responses"):
        start = lines[0].index(column)
        assert all(line[start - 2:start] == "  " and line[start] != " " for line in lines[1:])
    assert not re.search(r"\b[76]\b", result.output)  # no band's count leaks


def test_list_for_one_organisation(runner, orgs):
    mine = _wave(orgs[0], -1, 10)
    _wave(orgs[1], -1, 10)
    result = runner.invoke(args=["staff-voice", "list", "--org", "ra1"])
    assert result.exit_code == 0, result.output
    rows = _table(result.output)[1:]
    assert [(row[0], row[1]) for row in rows] == [(str(mine.id), "RA1")]


def test_list_with_no_waves(runner, orgs):
    assert runner.invoke(args=["staff-voice", "list"]).output == "There are no waves.\n"
    result = runner.invoke(args=["staff-voice", "list", "--org", "RB2"])
    assert result.exit_code == 0 and result.output == "RB2 has no waves.\n"


def test_list_refuses_an_unknown_organisation(runner, orgs):
    _wave(orgs[0], -1, 10)
    result = runner.invoke(args=["staff-voice", "list", "--org", "ZZ9"])
    assert result.exit_code == 1
    assert "no organisation has code ZZ9" in result.output and "RA1" not in result.output


def test_close_an_open_wave_with_a_reason(runner, orgs):
    wave = _wave(orgs[0], -1, 10)
    result = runner.invoke(args=["staff-voice", "close", str(wave.id),
                                 "--reason", "  Ward merged early  "])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Closed wave {wave.id} of {SURVEY} for RA1 on {today()} "
                             f"(it was planned to close on {today() + timedelta(days=10)}).\n")
    db.session.expire_all()
    wave = db.session.get(Wave, wave.id)
    assert wave.closed_early_on == today() and wave.state(today()) == "closed"
    assert wave.closes_on == today() + timedelta(days=10)  # the planned date is kept
    [event] = _closed_events()
    assert event.actor == "cli" and event.target == "RA1"
    assert event.detail_dict["wave"] == wave.id
    assert event.detail_dict["reason"] == "Ward merged early"
    assert event.detail_dict["closed"] == today().isoformat()


def test_close_without_a_reason_records_none(runner, orgs):
    wave = _wave(orgs[0], -1, 10)
    assert runner.invoke(args=["staff-voice", "close", str(wave.id)]).exit_code == 0
    assert runner.invoke(args=["staff-voice", "close", str(_wave(orgs[1], -1, 3).id),
                               "--reason", "   "]).exit_code == 0
    assert ["reason" in e.detail_dict for e in _closed_events()] == [False, False]


def test_close_refuses_a_closed_wave_and_changes_nothing(runner, orgs):
    ended = _wave(orgs[0], -30, -2)
    result = runner.invoke(args=["staff-voice", "close", str(ended.id), "--reason", "x"])
    assert result.exit_code == 1
    assert (f"wave {ended.id} was not closed: it is already closed (it closed at the end of "
            f"{today() - timedelta(days=2)})") in result.output

    early = _wave(orgs[0], -1, 10)
    assert runner.invoke(args=["staff-voice", "close", str(early.id)]).exit_code == 0
    again = runner.invoke(args=["staff-voice", "close", str(early.id), "--reason", "again"])
    assert again.exit_code == 1
    assert f"it was closed early on {today()}" in again.output
    db.session.expire_all()
    assert db.session.get(Wave, ended.id).closed_early_on is None
    assert len(_closed_events()) == 1  # only the first close of `early`


def test_close_refuses_a_scheduled_wave(runner, orgs):
    wave = _wave(orgs[0], 3, 10)
    result = runner.invoke(args=["staff-voice", "close", str(wave.id)])
    assert result.exit_code == 1
    assert (f"wave {wave.id} was not closed: it has not opened yet (it opens on "
            f"{today() + timedelta(days=3)})") in result.output
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "scheduled"
    assert _closed_events() == []


def test_close_refuses_an_unknown_wave(runner, orgs):
    result = runner.invoke(args=["staff-voice", "close", "999999"])
    assert result.exit_code == 1 and "no wave has id 999999" in result.output
    assert runner.invoke(args=["staff-voice", "close", "abc"]).exit_code == 2
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "staff_voice_wave_closed")) == 0


def test_cli_launch_prints_the_link_and_export_writes_suppressed_csv(runner, orgs, tmp_path):
    result = runner.invoke(args=["staff-voice", "launch", "--org", "RA1", "--survey",
                                 "staff_voice_bands_2_4", "--opens", "2026-01-01",
                                 "--closes", "2026-01-31"])
    assert result.exit_code == 0, result.output
    wave = db.session.scalar(select(Wave))
    assert f"/staff/{wave.token}/" in result.output
    assert f"/s/{shown(wave.short_code)}" in result.output  # the one to print or type
    closed_wave(orgs[0], {"2": 3, "3": 20, "4": 15})
    out = tmp_path / "sv.csv"
    result = runner.invoke(args=["export", "staff-voice", "--org", "RA1", "--format", "csv",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Not shown" in text and ",3," not in text.split("\n")[1]
    assert "fewer than" not in text
    result = runner.invoke(args=["export", "staff-voice", "--system", "QZ9", "-o", str(out)])
    assert result.exit_code == 0, result.output
