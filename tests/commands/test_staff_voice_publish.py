"""`flask staff-voice publish` (app/analysis/due.py): the releases a wave closing by its date
makes due, made by the nightly run instead of by the first page that needs them."""

from __future__ import annotations

from sqlalchemy import func, select

from app.analysis import releases
from app.analysis.audit import Violation
from app.analysis.results import system_results, wave_results
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Organisation
from app.models.release import HELD, Release
from app.staff_voice.closing import close_now
from tests.support.staff_voice import closed_wave, open_wave


def _releases() -> set[tuple[str, str]]:
    return set(db.session.execute(select(Release.kind, Release.waves_key)))


def test_waves_closed_by_date_get_their_releases_and_their_systems(app, runner, orgs, system):
    first = closed_wave(orgs[0], {"2": 14, "3": 12, "4": 4})
    second = closed_wave(orgs[1], {"2": 3, "3": 20, "4": 15})
    still_open = open_wave(orgs[0])
    db.session.commit()
    assert not _releases()  # closing by date sends nothing: no release yet

    done = runner.invoke(args=["staff-voice", "publish"])
    assert done.exit_code == 0, done.output
    assert "Published 2 wave release(s) and 1 system release(s)." in done.output
    pair = ",".join(str(w) for w in sorted((first.id, second.id)))
    assert _releases() == {("wave", str(first.id)), ("wave", str(second.id)), ("system", pair)}
    assert str(still_open.id) not in {key for _, key in _releases()}

    # The pages now only read them: nothing more is made by looking.
    wave_results(first, for_wave(first), today())
    system_results([o.id for o in orgs], for_wave(first), system.name, today())
    assert db.session.scalar(select(func.count(Release.id))) == 3

    again = runner.invoke(args=["staff-voice", "publish"])
    assert again.exit_code == 0, again.output
    assert "Nothing was due" in again.output
    assert db.session.scalar(select(func.count(Release.id))) == 3


def test_a_new_close_makes_the_systems_next_release_due(app, runner, orgs, system):
    closed_wave(orgs[0], {"2": 14, "3": 12, "4": 4})
    assert runner.invoke(args=["staff-voice", "publish"]).exit_code == 0
    third = Organisation(code="RC3", name="Care C", type="social_care", system=system)
    db.session.add(third)
    db.session.commit()
    closed_wave(third, {"2": 30, "3": 2})

    done = runner.invoke(args=["staff-voice", "publish"])
    assert "Published 1 wave release(s) and 1 system release(s)." in done.output, done.output
    assert sum(kind == "system" for kind, _ in _releases()) == 2


def test_a_wave_closed_now_was_published_at_its_close(app, runner, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    close_now(wave, "test")
    done = runner.invoke(args=["staff-voice", "publish"])
    assert "Nothing was due" in done.output, done.output


def test_a_held_release_is_counted_and_said(app, runner, orgs, monkeypatch):
    real = releases.audit

    def always_unsafe(figures, specs, truth, **options):  # as if nothing could be made safe
        return real(figures, specs, truth, **options) or [Violation(figures[-1], "test", 0, 0)]

    monkeypatch.setattr(releases, "audit", always_unsafe)
    closed_wave(orgs[0], {"2": 20, "3": 15, "4": 15})
    done = runner.invoke(args=["staff-voice", "publish"])
    assert ("Published 1 wave release(s) and 1 system release(s); 2 held: their pages keep the "
            "last published figures") in done.output, \
        done.output
    assert db.session.scalar(select(func.count(Release.id)).where(Release.status == HELD)) == 2
