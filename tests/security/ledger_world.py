"""The attacker's world for tests/security/test_attack_ledger.py: random systems of staff-voice
waves (hypothesis), waves closed in random orders, and every output an organisation lead or ICS
lead can see read back into the ledger after every close (see that test's docstring)."""

from __future__ import annotations

import os
import random
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from freezegun import freeze_time
from hypothesis import strategies as st

from app.analysis.results import system_results, wave_results
from app.clock import today
from app.definitions import for_wave, get_survey
from app.exports.staff_voice_csv import rows as csv_rows
from app.extensions import db
from app.models import Organisation, System
from app.staff_voice import closing
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from tests.security.ledger_attacker import (
    ALL,
    ANSWERED,
    COUNT,
    RESPONDENTS,
    Figure,
    Ledger,
    Output,
)
from tests.security.ledger_people import add_truth, band_labels, model_of, person
from tests.security.ledger_verdicts import attack, report

SURVEY_ID = "staff_voice_bands_2_4"
START = date(2026, 3, 2)  # every response is stored on this day; waves close after it
STEP = 2  # days between closes, so a wave closed by its date and one closed early never tie
# ATTACKER_REPORT=path appends every failing attack report to that file as well
REPORT_FILE = os.environ.get("ATTACKER_REPORT")


# ---------------------------------------------------------------------------------------------
# What the attacker reads off the definition


@dataclass
class Scenario:
    """(per organisation, per wave, respondents per band), the order waves close in (an
    organisation index per close: its next wave closes), and how each close happens."""

    sizes: list[list[tuple[int, ...]]]
    order: list[int]
    early: list[bool]
    concentrated: float  # chance a group all give the same answers
    skip: float  # chance an optional question is skipped
    seed: int


@st.composite
def scenarios(draw) -> Scenario:
    n_orgs = draw(st.integers(2, 4))
    size = st.integers(0, 25)
    # Bands 2, 3, 4 and staff off Agenda for Change in Band 2-4-equivalent roles (issue 18)
    sizes = draw(st.lists(st.lists(st.tuples(size, size, size, size), min_size=1, max_size=2),
                          min_size=n_orgs, max_size=n_orgs))
    tokens = [i for i, waves in enumerate(sizes) for _ in waves]
    order = draw(st.permutations(tokens))
    early = draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    return Scenario(sizes, list(order), early,
                    concentrated=draw(st.sampled_from([0.0, 0.5, 0.9, 1.0])),
                    skip=draw(st.sampled_from([0.0, 0.3, 0.9])),
                    seed=draw(st.integers(0, 2**31)))


def at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0))  # noon UTC: the same London day all year


@dataclass
class World:
    system: System
    orgs: list
    waves: list[list]  # per organisation, in closing order
    survey: object
    truth: dict
    ledger: Ledger
    closed: list = field(default_factory=list)  # waves, in the order they closed
    with_ics: bool = True
    viewer: int | None = None  # an organisation's index: only what its lead sees; None: all

    def seen(self, wave) -> bool:
        return self.viewer is None or wave in self.waves[self.viewer]

    def latest(self) -> dict[int, object]:
        """Each organisation's latest closed wave (its dates are public)."""
        out = {}
        for w in self.closed:
            out[w.organisation_id] = w
        return out


def build(scenario: Scenario, *, answers_by_group=None, with_ics: bool = True,
          viewer: int | None = None) -> World:
    """The system, its waves (every response stored on START), and the truth.

    answers_by_group: optional {(org index, wave index, band): [answers, ...]} instead of
    random answers.
    """
    rng = random.Random(scenario.seed)
    survey = get_survey(SURVEY_ID, kind="staff_voice")
    model = model_of(survey)
    system = System(code=f"S{secrets.token_hex(3).upper()}", name="Attacked system")
    db.session.add(system)
    db.session.flush()
    n_closes = len(scenario.order)
    close_day: dict[tuple[int, int], tuple[date, bool]] = {}
    seen: dict[int, int] = {}
    for k, (i, early) in enumerate(zip(scenario.order, scenario.early, strict=True)):
        j = seen.get(i, 0)
        seen[i] = j + 1
        close_day[(i, j)] = (START + timedelta(days=STEP * (k + 1)), early)
    ledger = Ledger(list(survey.audience_bands), model, survey.min_group_size)
    truth: dict = {}
    orgs, waves = [], []
    with freeze_time(at(START)):
        for i, per_wave in enumerate(scenario.sizes):
            org = Organisation(code=f"P{secrets.token_hex(4).upper()}", name=f"Org {i + 1}",
                               type="trust", system_id=system.id)
            db.session.add(org)
            db.session.flush()
            if with_ics:
                from tests.support.ics_system import assess

                assess(org, "2026 Q1", {"*": "2"})
            orgs.append(org)
            mine = []
            for j, per_band in enumerate(per_wave):
                day, early = close_day[(i, j)]
                planned = START + timedelta(days=STEP * (n_closes + 30)) if early else (
                    day - timedelta(days=1))
                wave = launch(org, SURVEY_ID, START - timedelta(days=30 - j), planned)
                ws = for_wave(wave)
                # a scenario written before issue 18 has nobody off Agenda for Change
                per_band = (*per_band, *[0] * (len(survey.audience_bands) - len(per_band)))
                for band, n in zip(survey.audience_bands, per_band, strict=True):
                    given_answers = (answers_by_group or {}).get((i, j, band))
                    if given_answers is None:
                        if rng.random() < scenario.concentrated:
                            one = person(ws, band, rng, scenario.skip)
                            given_answers = [one] * n
                        else:
                            given_answers = [person(ws, band, rng, scenario.skip)
                                             for _ in range(n)]
                    for answers in given_answers:
                        record_submission(wave, ws, dict(answers), secrets.token_hex(8), START)
                        add_truth(truth, wave.id, band, answers, model)
                ledger.wave_names[wave.id] = f"{org.name} wave {j + 1} (id {wave.id})"
                mine.append(wave)
            waves.append(mine)
        db.session.commit()
    return World(system, orgs, waves, survey, truth, ledger, with_ics=with_ics, viewer=viewer)


# ---------------------------------------------------------------------------------------------
# Harvesting what each output shows


NUMBER = re.compile(r"\d+")


def read_rows(out: Output, rows: list[list[str]], cover: list[int], world: World) -> None:
    """Figures of export.rows: hidden figures read "Not shown" (anything not a whole number)."""
    labels = band_labels(world.survey)
    questions = world.ledger.questions
    values = _choice_labels(world.survey)

    def put(fig: Figure, text: str) -> None:
        text = str(text).strip()
        if text == "":
            return
        if NUMBER.fullmatch(text):
            value = int(text)
            before = out.shown.setdefault(fig, value)
            assert before == value, (out.name, fig, before, value)
        else:
            out.hidden.add(fig)

    for row in rows:
        _scope, _sid, _version, qid, qlabel, band_label, answer, count, pct, answered = row[:10]
        band = labels[band_label]
        if not qid:
            assert qlabel == "Responses", row
            put(Figure.of(RESPONDENTS, cover, band), count)
            continue
        q = questions[qid]
        put(Figure.of(ANSWERED, cover, band, qid), answered)
        if answer:
            v = values[qid][answer]
            fig = Figure.of(COUNT, cover, band, qid, v)
            put(fig, count)
            if not NUMBER.fullmatch(str(count)) and NUMBER.fullmatch(str(pct)):
                p = int(pct)  # a percentage with its n is a count
                n = Figure.of(ANSWERED, cover, band, qid)
                out.bounds.append(({fig: 100.0, n: -(p - 0.5)}, 0.0, float("inf")))
                out.bounds.append(({fig: 100.0, n: -(p + 0.5)}, -float("inf"), 0.0))
        elif not NUMBER.fullmatch(str(count).strip()):
            for v in q.values:
                put(Figure.of(COUNT, cover, band, qid, v), count)


def _choice_labels(survey) -> dict[str, dict[str, str]]:
    return {q.id: {c.label: c.value for c in q.choices} for q in survey.questions()}


def read_results(out: Output, results, cover: list[int], world: World) -> None:
    read_rows(out, csv_rows(results), cover, world)
    # The page says how many comments a free-text question has ("N comments", "No comments."),
    # from the waves whose comments it shows.
    speaking = getattr(results, "comment_waves", None)
    if speaking:
        ids = [getattr(w, "id", w) for w in speaking]
        for qr in getattr(results, "questions", []):
            q = qr.question
            if not q.kind.has_values and isinstance(getattr(qr, "comment_count", None), int):
                out.shown[Figure.of(ANSWERED, ids, ALL, q.id)] = qr.comment_count


def cover_of(results, fallback: list[int]) -> list[int]:
    waves = getattr(results, "waves", None)
    if waves and all(hasattr(w, "id") for w in waves):
        return [w.id for w in waves]
    return fallback


def harvest(world: World, visit: int, label: str) -> None:
    ledger = world.ledger
    ledger.visit_names[visit] = label
    day = today()
    system_cover = [w.id for w in world.latest().values()]
    for w in world.closed:
        if not world.seen(w):
            continue
        results = wave_results(w, for_wave(w), day)
        assert results is not None, f"{ledger.wave_names[w.id]} is closed but shows no results"
        out = Output(f"visit {visit}: {ledger.wave_names[w.id]} results (CSV)", visit)
        read_results(out, results, [w.id], world)
        ledger.add(out)
    if world.closed and world.viewer is None:
        results = system_results([o.id for o in world.orgs], world.survey, world.system.name, day)
        # The page says which waves it adds up (a held release shows an earlier one).
        system_cover = cover_of(results, system_cover)
        out = Output(f"visit {visit}: system results (CSV)", visit)
        read_results(out, results, system_cover, world)
        ledger.add(out)
    if world.closed and world.with_ics and world.viewer is None:
        read_ics(world, visit, day, system_cover)
    from app.analysis.results import responses_so_far

    for mine in world.waves:
        for w in mine:
            if w in world.closed or not world.seen(w):
                continue
            text = responses_so_far(w, world.survey.min_group_size)
            found = re.fullmatch(r"([\d,]+) responses?", str(text).strip())
            if found:  # "fewer than 11 responses" is left out (see the module docstring)
                out = Output(f"visit {visit}: {ledger.wave_names[w.id]} open page", visit)
                out.shown[Figure.of(RESPONDENTS, [w.id], ALL)] = int(
                    found.group(1).replace(",", ""))
                ledger.add(out)


def read_ics(world: World, visit: int, day: date, system_cover: list[int]) -> None:
    from app.analysis import ics, ics_voice

    comp = ics.compile_system(world.system, today=day)
    latest = world.latest()
    labels = band_labels(world.survey)
    out = Output(f"visit {visit}: ICS staff-voice roll-up", visit)
    for c in ics_voice.staff_voice_counts(comp):
        if c.survey_id != SURVEY_ID:
            continue
        # the whole system's row is the system results' figures, over the same waves
        cover = system_cover if c.org is None else [latest[c.org.id].id]
        fig = Figure.of(RESPONDENTS, cover, labels[c.band])
        if c.shown:
            out.shown[fig] = c.n
        else:
            out.hidden.add(fig)
    world.ledger.add(out)


def play(world: World, scenario: Scenario) -> None:
    """Close the waves in the scenario's order, harvesting after every close."""
    next_wave: dict[int, int] = {}
    with freeze_time(at(START)) as clock:
        harvest(world, 0, f"visit 0, {START}: before any wave closed")
        for k, (i, early) in enumerate(zip(scenario.order, scenario.early, strict=True)):
            j = next_wave.get(i, 0)
            next_wave[i] = j + 1
            wave = world.waves[i][j]
            day = START + timedelta(days=STEP * (k + 1))
            clock.move_to(at(day))
            if early:
                closing.close_now(wave, actor="lead@example.nhs.uk")
                how = "closed early by its lead"
            else:
                how = "closed by its date"
            db.session.expire_all()
            assert wave.state(today()) == "closed"
            world.closed.append(wave)
            harvest(world, k + 1,
                    f"visit {k + 1}, {day}: after {world.ledger.wave_names[wave.id]} {how}")


def explain(world: World, scenario: Scenario | None = None) -> str:
    lines = []
    if scenario is not None:
        lines.append(f"scenario: {scenario}")
    for org, mine in zip(world.orgs, world.waves, strict=True):
        for j, w in enumerate(mine):
            sizes = [world.truth.get((RESPONDENTS, w.id, b, "", ""), 0)
                     for b in world.ledger.bands]
            lines.append(f"  {org.name} wave {j + 1} (id {w.id}): respondents by band "
                         f"{dict(zip(world.ledger.bands, sizes, strict=True))}")
    lines += [f"  {name}" for _, name in sorted(world.ledger.visit_names.items())]
    return "\n".join(lines)


def check(world: World, scenario: Scenario | None = None, header: str = "") -> None:
    findings, stats = attack(world.ledger, world.truth)
    if findings:
        text = report(world.ledger, findings, stats,
                      header=(header + "\n" if header else "") + explain(world, scenario))
        if REPORT_FILE:
            with open(REPORT_FILE, "a") as f:
                f.write(text + "\n\n")
        raise AssertionError("the attacker pinned hidden figures:\n" + text)


# ---------------------------------------------------------------------------------------------
# The tests


# The same examples on every run (CI must not pass or fail by chance); ATTACKER_SEARCH=1 draws new
# random systems each run, to keep hunting, and ATTACKER_EXAMPLES=N runs more of them. Two tests
# of half the examples each (different names draw different examples), so two workers share
# the work: each example closes a system's waves one by one, auditing every release.
