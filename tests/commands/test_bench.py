"""`flask bench-data` builds a data set the benchmarks can trust: the sizes asked for, groups
under the minimum size, a diagnostic for every organisation, and kept counts that equal a
rebuild from the raw answers."""

from __future__ import annotations

from sqlalchemy import func, select

from app.analysis.releases import find
from app.analysis.staff_voice import counts_from_raw, kept_counts
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Assessment, ConsultationResponse, Organisation, Response, System
from app.models.release import PUBLISHED
from app.models.staff_voice import BandCount, Wave


def test_bench_data_makes_what_it_says(app, runner):
    result = runner.invoke(args=["bench-data", "--responses", "2000", "--orgs", "5",
                                 "--system", "BQ1", "--consultation-responses", "30"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    system = db.session.scalar(select(System).where(System.code == "BQ1"))
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.system_id == system.id)))
    assert len(orgs) == 5
    waves = list(db.session.scalars(select(Wave)))
    assert sorted(w.organisation_id for w in waves) == sorted(o.id for o in orgs)
    staff = select(func.count()).select_from(Response).where(Response.kind == "staff_voice")
    assert db.session.scalar(staff) == 2000
    assert db.session.scalar(select(func.count()).select_from(ConsultationResponse)) == 30
    assert db.session.scalar(select(func.sum(BandCount.n))) == 2000

    under = 0
    for wave in waves:
        survey = for_wave(wave)
        assert wave.state(today()) == "closed"  # so the results pages show
        raw_answers, raw_bands = counts_from_raw(wave, survey)
        kept_answers, kept_bands = kept_counts(wave.id)
        assert kept_answers == raw_answers and kept_bands == raw_bands
        under += sum(1 for n in raw_bands.values() if n < survey.min_group_size)
    assert under >= 1  # some groups are deliberately too small to show
    # Published as closing publishes them: the results pages read releases, not make them.
    system_scope = f"system:{system.id}"
    for wave in waves:
        assert find("wave", system_scope, wave.survey_id, [wave.id]).status == PUBLISHED
    assert find("system", system_scope, waves[0].survey_id, [w.id for w in waves]) is not None

    assessed = db.session.scalar(select(func.count(func.distinct(Assessment.organisation_id))))
    assert assessed == 5


def test_bench_data_refuses_an_existing_system(app, runner):
    first = runner.invoke(args=["bench-data", "--responses", "100", "--orgs", "2",
                                "--system", "BQ2"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["bench-data", "--responses", "100", "--orgs", "2",
                                "--system", "BQ2"])
    assert again.exit_code != 0
    assert "exists already" in again.output
