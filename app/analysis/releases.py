"""Making staff-voice releases: choose what to hide, prove it safe, publish it for good.

A wave's release is made once it has closed, a system's whenever its set of latest closed waves
changes (both when first asked for, or when a wave is closed). Each is made under a lock on its
system, so two releases of one system are audited one after the other, each against the other.

What is hidden: every group under the threshold (primary); then, in each line of figures (the
bands and their total), enough of the next smallest groups that no small group is "the total
minus the rest"; then whatever the disclosure audit (app/analysis/audit.py) still finds, over
everything released before in the same system, one figure at a time, smallest first. If nothing
short of hiding everything passes, the release is held: nothing new is shown, and the page says
why. A release never changes once made; figures are read back from it (app/analysis/results.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from app import webhooks
from app.analysis.audit import ANSWERED, Figure, KeySpec, audit
from app.analysis.hiding import ALL, VALUES, hide, options, primary, settle
from app.definitions import for_wave, get_survey
from app.extensions import db
from app.models import Organisation, System
from app.models.base import utcnow
from app.models.release import HELD, PUBLISHED, Release, ReleaseFigure
from app.models.staff_voice import AnswerCount, BandCount, Wave
from app.staff_voice.closing import latest_closed_waves
from app.surveys import Survey, band_label
from app.write_queue import queued_write

FLOOR = 11  # no release uses a smaller threshold, whatever a definition or wave says

EXTRA_NOTE = ("Some groups large enough to show are hidden too: with figures published before, "
              "they would let someone work out a small group's numbers or answers.")
HELD_NOTE = ("These figures are held back. Published now, together with figures published on "
             "earlier dates, they would let someone work out what a small group of staff said. "
             "They will be published when more surveys have closed and it is safe.")


def scope_of(org: Organisation) -> str:
    return f"system:{org.system_id}" if org.system_id else f"org:{org.id}"


def key_specs(survey: Survey) -> list[KeySpec]:
    """The answer keys a release publishes, with what the definition tells an attacker."""
    single = {q.id for q in survey.questions() if q.kind.has_values and not q.kind.multiple}
    specs = []
    for q in survey.questions():
        if q.kind.groups_respondents:  # the band: figures are split by it, not of it
            continue
        cond = q.show_if
        when = ((cond.question, cond.values) if cond is not None and cond.op == "in"
                and cond.question in single else None)
        for key in q.answer_keys():
            specs.append(KeySpec(key, q.values() if q.kind.has_values else (),
                                 multiple=q.kind.multiple,
                                 always=not q.optional and cond is None, when=when,
                                 required=not q.optional))
    return specs


def find(kind: str, scope: str, survey_id: str, wave_ids: Iterable[int]) -> Release | None:
    return db.session.scalar(select(Release).where(
        Release.kind == kind, Release.scope == scope, Release.survey_id == survey_id,
        Release.waves_key == waves_key(wave_ids)))


def latest_published(scope: str, survey_id: str) -> Release | None:
    return db.session.scalar(select(Release).where(
        Release.kind == "system", Release.scope == scope, Release.survey_id == survey_id,
        Release.status == PUBLISHED).order_by(Release.id.desc()).limit(1))


def _better(hidden: dict, key: str, unanimous: set, problems, bands, size, min_size,
            asked_by: dict, locked: set) -> dict:
    """One more thing hidden for `key`: the first option, least costly first (answer counts,
    then the question, then respondents; smallest first), that leaves fewer problems of that
    key (quick audits); if none does, the first option of all."""
    now = problems(hidden)
    first = None
    for pairs in options(hidden, bands, size, {key}, unanimous, asked_by):
        trial = settle(hide(hidden, *pairs), bands, size, min_size)
        if locked & {(g, b) for g, h in trial.items() for b in h}:
            continue
        first = first or trial
        if problems(trial) < now:
            return trial
    return first or hidden


def waves_key(wave_ids: Iterable[int]) -> str:
    return ",".join(str(w) for w in sorted(wave_ids))


def release_wave(wave: Wave, survey: Survey, today: date) -> Release:
    """The wave's release, made now if it has none (the wave must be closed)."""
    org = wave.organisation
    return find("wave", scope_of(org), wave.survey_id, [wave.id]) or _make(
        "wave", org, survey, [wave], max(FLOOR, wave.min_group_size), today)


def wave_releases(waves: list[Wave], today: date) -> dict[int, Release]:
    """{wave id: its release} for these closed waves, made now where missing. Found with one
    query for them all (and their organisations with one more): a system's page reads
    hundreds, and a query each was most of its time after the comments."""
    orgs = {o.id: o for o in db.session.scalars(select(Organisation).where(
        Organisation.id.in_({w.organisation_id for w in waves})))}
    wanted = {(scope_of(orgs[w.organisation_id]), w.survey_id, waves_key([w.id])): w for w in waves}
    found: dict[int, Release] = {}
    keys = sorted({k for _, _, k in wanted})
    for start in range(0, len(keys), 900):  # under SQLite's oldest bound-parameter limit
        for release in db.session.scalars(select(Release).where(
                Release.kind == "wave", Release.waves_key.in_(keys[start:start + 900]))):
            wave = wanted.get((release.scope, release.survey_id, release.waves_key))
            if wave is not None:
                found[wave.id] = release
    for wave in waves:
        if wave.id not in found:
            found[wave.id] = release_wave(wave, for_wave(wave), today)
    return found


def release_system(org: Organisation, survey: Survey, waves: list[Wave], today: date) -> Release:
    """The system release over these waves (each organisation's latest closed one), made now
    if there is none; it may be held. The waves' own releases are made first."""

    made = find("system", scope_of(org), survey.id, [w.id for w in waves])
    if made is not None:  # the usual case, on every page view: one query, not one per wave
        return made
    wave_releases(waves, today)
    return _make(
        "system", org, survey, waves,
        max([FLOOR, survey.min_group_size, *(w.min_group_size for w in waves)]), today)


def release_after_close(wave: Wave, today: date) -> None:
    """The releases a wave's close makes due: its own, and its system's new set of waves."""
    release_wave(wave, for_wave(wave), today)
    org = wave.organisation
    org_ids = [o.id for o in db.session.scalars(select(Organisation).where(
        Organisation.system_id == org.system_id))] if org.system_id else [org.id]
    survey = get_survey(wave.survey_id, kind="staff_voice") or for_wave(wave)
    waves = latest_closed_waves(org_ids, wave.survey_id, today)
    if waves:
        release_system(org, survey, waves, today)


def _lock(org: Organisation) -> None:
    """Serialise releases of one system (PostgreSQL; SQLite's writer lock already does)."""
    if org.system_id:
        db.session.execute(select(System.id).where(System.id == org.system_id).with_for_update())
    else:
        db.session.execute(select(Organisation.id).where(Organisation.id == org.id)
                           .with_for_update())


def _make(kind: str, org: Organisation, survey: Survey, waves: list[Wave], min_size: int,
          today: date) -> Release:
    scope = scope_of(org)
    with queued_write():
        _lock(org)
        made = find(kind, scope, survey.id, [w.id for w in waves])  # by another, meanwhile
        if made is not None:
            db.session.commit()
            return made
        ledger = list(db.session.scalars(select(Release).where(
            Release.scope == scope, Release.survey_id == survey.id,
            Release.status == PUBLISHED)))
        release = publish(kind, scope, survey, waves, min_size, today, ledger)
        db.session.add(release)
        if release.status == PUBLISHED:
            db.session.flush()
            webhooks.emit("staff_voice.release_published", {
                "release": release.id, "kind": kind, "scope": scope, "survey": survey.id,
                "waves": release.wave_ids, "released_on": today}, utcnow())
        db.session.commit()
    return release


def _truth(wave_ids: set[int]) -> dict:
    """The true value of every atom of these waves, from the kept counts."""
    truth: dict = defaultdict(int)
    if not wave_ids:
        return truth
    for w, band, n in db.session.execute(select(BandCount.wave_id, BandCount.band, BandCount.n)
                                         .where(BandCount.wave_id.in_(wave_ids))):
        truth[(w, band, "", "")] += n
    c = AnswerCount.__table__.c
    for w, band, q, v, n in db.session.connection().execute(
            select(c.wave_id, c.band, c.question_id, c.value, c.n)
            .where(c.wave_id.in_(wave_ids))):
        truth[(w, band, q, v)] += n
    return truth


def _figure(release_label, waves, bands, band, key, value, truth, min_size, shown=True):
    over = tuple(bands) if band == ALL else (band,)
    n = sum(truth.get((w, b, key, value), 0) for w in waves for b in over)
    return Figure(release_label, tuple(waves), over, key, value, n, shown, min_size,
                  "All bands" if band == ALL else band_label(band))


def _ledger_figures(ledger: list[Release], truth: dict) -> list[Figure]:
    figures = []
    rows = db.session.execute(select(ReleaseFigure.release_id, ReleaseFigure.band,
                                     ReleaseFigure.question_id, ReleaseFigure.value,
                                     ReleaseFigure.n)
                              .where(ReleaseFigure.release_id.in_([r.id for r in ledger])))
    by_id = {r.id: r for r in ledger}
    for rid, band, key, value, n in rows:
        r = by_id[rid]
        figures.append(_figure(f"release {rid} ({r.kind}, {r.released_on})", r.wave_ids,
                               r.band_list, band, key, value, truth, r.min_group_size,
                               shown=n is not None))
    return figures


def publish(kind: str, scope: str, survey: Survey, waves: list[Wave], min_size: int,
            today: date, ledger: list[Release]) -> Release:
    """A new release (not yet added to the session), audited against the ledger."""

    wave_ids = [w.id for w in waves]
    all_waves = {w: s for w, s in db.session.execute(select(Wave.id, Wave.min_group_size).where(
        Wave.id.in_({w for r in ledger for w in r.wave_ids} | set(wave_ids))))}
    truth = _truth(set(all_waves))
    specs = {w.id: key_specs(for_wave(w)) for w in db.session.scalars(
        select(Wave).where(Wave.id.in_(all_waves)))}
    bands = list(survey.audience_bands)
    # Each figure group and its layers: respondents; a question's answered count; its answers.
    groups = {"": [("", "")]}
    texts = []  # free-text keys: only how many wrote, for all bands, beside the comments
    for spec in key_specs(survey):
        if spec.values:
            groups[spec.key] = [(spec.key, ANSWERED)]
            groups[spec.key + VALUES] = [(spec.key, v) for v in spec.values]
        elif kind == "wave":
            texts.append(spec.key)
    label = f"this {kind} release"
    size = {(g, b): _figure(label, wave_ids, bands, b, *(groups[g.rstrip(VALUES)][0]), truth,
                            min_size).n
            for g in groups for b in [*bands, ALL]}

    def candidate(hidden: dict[str, set[str]]) -> list[tuple[str, Figure]]:
        out = [(b, _figure(label, wave_ids, bands, b, key, value, truth, min_size,
                           shown=b not in hidden[g]))
               for g, layers in groups.items() for b in [*bands, ALL] for key, value in layers]
        # Comments are quoted only from a wave shown to have at least twice the minimum
        # respondents, without bands; how many wrote is shown with them, whatever the number.
        speaking = ALL not in hidden[""] and size[("", ALL)] >= 2 * min_size
        return out + [(ALL, _figure(label, wave_ids, bands, ALL, key, ANSWERED, truth, min_size,
                                    shown=speaking)) for key in texts]

    # Every wave's own groups are protected whether or not any release has shown them (a held
    # wave release shows none): the audit treats each as hidden unless some figure shows it.
    # But a wave's respondents in all, once at least its minimum, were on its page while it was
    # open (responses_so_far): public, whatever its release shows since.
    context = _ledger_figures(ledger, truth) + [
        _figure(f"wave {w}", [w], bands, b, key, value, truth, max(FLOOR, s),
                shown=(key, value, b) == ("", "", ALL) and sum(
                    truth.get((w, band, "", ""), 0) for band in bands) >= max(FLOOR, s))
        for w, s in all_waves.items() for layers in groups.values() for b in [*bands, ALL]
        for key, value in layers]
    asked_by = {spec.key: spec.when[0] for spec in key_specs(survey)
                if spec.when is not None and spec.when[0] + VALUES in groups}
    # An open wave's page shows how many have responded once it reaches the threshold, so a
    # wave's own All bands count of at least the minimum is public already: never hidden.
    locked = {("", ALL)} if kind == "wave" and size[("", ALL)] >= min_size else set()
    hidden = first = primary(bands, groups, size, min_size)
    found = audit(context + [f for _, f in candidate(hidden)], specs, truth)
    while found:
        # Hide more, one group for each kind of figure the audit named (respondents first:
        # hiding those hides every question's too): for each, the first option, smallest
        # first, that leaves fewer problems of that kind, else the smallest. Each turn hides
        # more, so this ends; with nothing left to hide and still unsafe, it is held (below).
        keys = {v.figure.key for v in found}
        keys = {""} if "" in keys else keys
        unanimous = {v.figure.key for v in found if v.problem.startswith("everyone")}
        before = hidden
        for key in sorted(keys):
            hidden = _better(hidden, key, unanimous, lambda choice, key=key: sum(
                v.figure.key == key for v in audit(
                    context + [f for _, f in candidate(choice)], specs, truth, quick=True)),
                bands, size, min_size, asked_by, locked)
        if hidden == before:
            break
        found = audit(context + [f for _, f in candidate(hidden)], specs, truth)
    figures = candidate(hidden)
    everything = all(len(h) == len(bands) + 1 for h in hidden.values())
    # Held: the audit left nothing to show that the small-group rule alone would have shown.
    held = bool(found) or (everything and not all(
        len(h) == len(bands) + 1 for h in first.values()))
    release = Release(kind=kind, scope=scope, survey_id=survey.id, waves_key=waves_key(wave_ids),
                      bands=",".join(bands), min_group_size=min_size, released_on=today,
                      status=HELD if held else PUBLISHED,
                      note=HELD_NOTE if held else EXTRA_NOTE if hidden != first else "")
    release.figures = [ReleaseFigure(band=b, question_id=f.key, value=f.value,
                                     n=None if held or not f.shown else f.n)
                       for b, f in figures]
    return release
