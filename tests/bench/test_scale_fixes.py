"""What the performance fixes must not change: shared work gives the same figures, the parsed
definition cache gives each wave its own definition, and the index the rebuild relies on exists.
Plus the wrk output parser the benchmarks read their figures with."""

from __future__ import annotations

import sys
from dataclasses import asdict

from sqlalchemy import inspect, select

from app.analysis.evidence import element_evidence
from app.analysis.evidence_window import window_for
from app.analysis.results import wave_results
from app.clock import today
from app.definitions import for_wave, get_survey
from app.extensions import db
from app.models import DefinitionSnapshot, Organisation
from app.models.staff_voice import Wave
from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))


def _dataset(runner, responses: int = 1500):
    result = runner.invoke(args=["bench-data", "--responses", str(responses), "--orgs", "6",
                                 "--system", "BQ3"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    return list(db.session.scalars(select(Wave).order_by(Wave.id)))


def _figures(results):
    return ([asdict(c) for c in results.respondents],
            [[asdict(c) for c in q.cells] for q in results.questions])


def test_shared_memo_gives_the_same_results_and_findings(app, runner):
    waves = _dataset(runner)
    memo: dict = {}
    for wave in waves:
        survey = for_wave(wave)
        alone = wave_results(wave, survey, today())
        shared = wave_results(wave, survey, today(), memo)
        assert _figures(alone) == _figures(shared)
        assert sorted(map(sorted, [q.comments or [] for q in alone.questions])) == \
            sorted(map(sorted, [q.comments or [] for q in shared.questions]))
    findings_memo: dict = {}
    for org in db.session.scalars(select(Organisation).where(Organisation.code.like("BQ3%"))):
        for element in ("environment", "relationships", "data_insights"):
            window = window_for(org, None, today())
            assert element_evidence(org, element, window, today()) == \
                element_evidence(org, element, window, today(), findings_memo)


def test_each_wave_gets_the_definition_it_was_launched_with(app, runner):
    waves = _dataset(runner, responses=0)  # the waves alone: no responses, so no releases
    first = for_wave(waves[0])
    assert for_wave(waves[1]) is first  # one parse shared by waves of the same snapshot
    # A wave on another snapshot (a changed definition) is never served the cached one.
    snapshot = db.session.get(DefinitionSnapshot, waves[0].snapshot_id)
    changed = snapshot.definition.replace('"min_group_size":11', '"min_group_size":12')
    assert changed != snapshot.definition
    other = DefinitionSnapshot(survey_id=snapshot.survey_id, version=snapshot.version + 1,
                               kind=snapshot.kind, content_hash="x" * 64, definition=changed)
    db.session.add(other)
    db.session.flush()
    waves[1].snapshot_id = other.id
    db.session.flush()
    assert for_wave(waves[1]).min_group_size == 12
    assert for_wave(waves[0]).min_group_size == 11
    assert get_survey(first.id) is not None


def test_responses_and_answers_are_indexed_for_sampling(app):
    """A wave's response ids come from an index alone, and one response's answer to a question
    is found without reading its others (migration 0009; since 0012 the answers' own key); no
    index on question alone (0007)."""
    def columns(table):
        return [ix["column_names"] for ix in inspect(db.engine).get_indexes(table)]

    assert ["wave_id", "id"] in columns("responses")
    key = inspect(db.engine).get_pk_constraint("response_answers")["constrained_columns"]
    assert key[:2] == ["response_id", "question_id"]
    assert ["question_id"] not in columns("response_answers")


WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:5000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.32ms   12.40ms 250.00ms   75.50%
    Req/Sec   308.12     45.23   400.00     62.99%
  Latency Distribution
     50%   12.50ms
     75%   20.00ms
     90%   40.00ms
     99%    1.20s
  1234 requests in 2.01s, 1.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 5
Requests/sec:    613.93
ACKNOWLEDGED 1229
REFUSED 5
"""


def test_wrk_output_is_read_right(monkeypatch):
    import subprocess

    import common

    monkeypatch.setattr(common, "require_wrk", lambda: "wrk")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 0, WRK_OUTPUT, ""))
    result = common.run_wrk("http://127.0.0.1:5000/", 2, 8)
    assert result.requests == 1234
    assert result.p50_ms == 12.5 and result.p99_ms == 1200.0
    assert result.errors == 3 and result.non_2xx == 5
    assert result.counters == {"ACKNOWLEDGED": 1229, "REFUSED": 5}


def test_remembered_components_still_escape_plain_text(app):
    from markupsafe import Markup

    from app.components import render_component

    with app.test_request_context():
        plain = {"id": "q", "name": "q", "label": {"text": "<b>x</b>"}}
        marked = {"id": "q", "name": "q", "label": {"html": Markup("<b>x</b>")}}
        first = render_component("input", plain)
        assert render_component("input", plain) == first
        assert "&lt;b&gt;x&lt;/b&gt;" in first and "<b>x</b>" not in first
        assert "<b>x</b>" in render_component("input", marked)
        other = render_component("input", {**plain, "value": "typed"})
        assert 'value="typed"' in other and other != first


def test_remembered_page_furniture_follows_who_is_signed_in_and_where(client, make_user, sign_in):
    """The header, footer and skip link come from the component cache: a signed-in lead's header
    differs from a visitor's, marks the section they are in, and never leaks to the next."""
    import re

    def header(html: str) -> str:
        return re.search(r"<header.*?</header>", html, re.S).group(0)

    visitor = client.get("/").get_data(as_text=True)
    assert "Sign in" in header(visitor) and "Sign out" not in header(visitor)
    assert 'href="#maincontent"' in visitor and "Accessibility statement" in visitor
    sign_in(make_user("admin"))
    pages = {path: client.get(path).get_data(as_text=True) for path in ("/admin/", "/")}
    assert "Sign out" in header(pages["/admin/"])
    assert header(pages["/admin/"]) != header(pages["/"])  # the current section is marked
    assert "aria-current" in header(pages["/admin/"])
    client.post("/sign-out")
    after = client.get("/").get_data(as_text=True)
    assert header(after) == header(visitor)
