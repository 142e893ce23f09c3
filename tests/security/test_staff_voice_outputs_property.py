"""R5: for random responses and random choices of organisations, no results page, chart, CSV or
API answer shows a group under the minimum size, or one that subtraction can recover (checked by the
independent attacker in tests/support/attacks.py, across org and system pages together)."""

from __future__ import annotations

import csv
import io
import random
import re
import secrets
from datetime import timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Organisation, System, User
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4
from tests.support.attacks import T as TOTAL
from tests.support.attacks import disclosures
from tests.support.clients import token_client
from tests.support.staff_voice import random_answers, truth_table

BANDS = ["2", "3", "4", NOT_ON_AFC_BANDS_2_4.value]  # with staff off Agenda for Change
COLS = ["Band 2", "Band 3", "Band 4", NOT_ON_AFC_BANDS_2_4.label, "All bands"]
HIDDEN = "Not shown"


def _cells(html: str, table_id: str, row_label: str) -> list[str]:
    table = re.search(rf'id="{table_id}".*?</table>', html, re.S).group(0)
    if row_label == "respondents":
        rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", table, re.S)
        return [value.strip() for _, value in rows]
    row = re.search(rf"<th scope=\"row\">{row_label}</th>(.*?)</tr>", table, re.S).group(1)
    return [c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]


def _number(text: str):
    if text == HIDDEN:
        return None
    assert re.fullmatch(r"\d+", text), text
    return int(text)


@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 100_000), sizes=st.lists(
    st.tuples(*[st.integers(0, 16)] * len(BANDS)), min_size=1, max_size=3))
def test_no_output_gives_away_a_small_group(app, make_user, seed, sizes):
    rng = random.Random(seed)
    system = System(code=f"S{secrets.token_hex(3).upper()}", name="A new system")
    orgs = []
    for i, _ in enumerate(sizes):
        org = Organisation(code=f"P{secrets.token_hex(4).upper()}", name=f"Org {i}",
                           type="trust", system=system)
        db.session.add(org)
        orgs.append(org)
    db.session.flush()
    closes = today() - timedelta(days=1)
    waves = []
    for org, per_band in zip(orgs, sizes, strict=True):
        wave = launch(org, "staff_voice_bands_2_4", closes - timedelta(days=20), closes)
        survey = for_wave(wave)
        for band, n in zip(BANDS, per_band, strict=True):
            for _ in range(n):
                answers = {**random_answers(survey, rng), "band": band}
                record_submission(wave, survey, answers, secrets.token_hex(8), closes)
        waves.append(wave)
    db.session.commit()

    web = app.test_client()

    if not db.session.query(User).filter_by(email="admin@example.nhs.uk").first():
        make_user("admin")
    web.post("/sign-in", data={"email": "admin@example.nhs.uk",
                               "password": "correct-horse-battery"})
    rows = [str(w.id) for w in waves]
    pages = {str(w.id): web.get(f"/staff-voice/waves/{w.id}/results").text for w in waves}
    pages[TOTAL] = web.get(f"/staff-voice/systems/{system.id}/results"
                           f"?survey=staff_voice_bands_2_4").text
    survey = for_wave(waves[0])
    tables = [("respondents", "respondents", None)] + [
        (f"table-{q.id}", "Answered this question", q.id)
        for q in survey.questions() if q.kind.has_values and q.id != "band"]
    page_shown = {}
    for table_id, row_label, qid in tables:
        shown, truth = {}, {}
        page_shown[table_id] = shown
        for row, html in pages.items():
            values = _cells(html, table_id, row_label)
            assert len(values) == len(COLS), (table_id, values)
            for band, text in zip([*BANDS, TOTAL], values, strict=True):
                shown[(row, band)] = _number(text)
        truth = truth_table(waves, qid)
        problems = disclosures(rows, BANDS, shown, truth, 11)
        assert not problems, (table_id, problems)
        for key, value in shown.items():
            if value is not None:
                assert value == truth[key]  # shown figures are true ones
    # the chart hides exactly what the tables hide, and never draws a bar for a hidden band
    for html in pages.values():
        for svg in re.findall(r"<svg class=\"app-chart\".*?</svg>", html, re.S):
            for label_and_rest in re.split(r'<text class="app-chart__label"', svg)[1:]:
                if "app-chart__hidden" in label_and_rest:
                    assert "<rect" not in label_and_rest
    # the CSV export for each organisation and for the system shows the same protected figures
    from app.analysis.results import system_results, wave_results
    from app.exports.staff_voice_csv import to_csv

    outputs = [to_csv(wave_results(w, for_wave(w), today())) for w in waves]
    outputs.append(to_csv(system_results([o.id for o in orgs], survey, "S", today())))
    for text in outputs:
        for record in csv.DictReader(io.StringIO(text)):
            for field in ("count", "answered"):
                value = record[field]
                if value and value != HIDDEN and not record["answer"]:
                    assert int(value) >= 11
            if record["answered"] and record["answered"] != HIDDEN:
                assert int(record["answered"]) >= 11
    # The API, with a token of the same admin, gives the same protected figures, release by
    # release, and the attacker finds nothing in them either.
    api = token_client(app, db.session.query(User).filter_by(email="admin@example.nhs.uk").one())
    api_shown = {}
    ids = {w.id for w in waves}
    for release in api.get("/api/v1/staff-voice/releases?per_page=1000").json["data"]:
        if not set(release["waves"]) <= ids:
            continue  # another example's system
        row = str(release["waves"][0]) if release["kind"] == "wave" else TOTAL
        if row == TOTAL and set(release["waves"]) != ids:
            continue
        figures = api.get(f"/api/v1/staff-voice/releases/{release['id']}/figures"
                          "?per_page=1000").json
        assert figures["total"] == len(figures["data"])
        for f in figures["data"]:
            api_shown[(row, f["band"], f["question"], f["value"])] = f["n"]
    for table_id, _, qid in tables:
        layer = ("", "") if qid is None else (qid, "*")
        # A held release is not listed: nothing of it is shown, as on its page.
        shown = {(row, band): api_shown.get((row, "*" if band == TOTAL else band, *layer))
                 for row in [*rows, TOTAL] for band in [*BANDS, TOTAL]}
        assert not disclosures(rows, BANDS, shown, truth_table(waves, qid), 11), table_id
        assert shown == page_shown[table_id], table_id
