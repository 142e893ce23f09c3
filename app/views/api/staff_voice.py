"""Staff-voice figures in the API: only what was released (app/analysis/releases.py), exactly
as the pages show it, small groups hidden; never an answer."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import permissions
from app.extensions import db
from app.models import Organisation, Release, System, Wave
from app.models.release import PUBLISHED
from app.views.api import output
from app.views.api.blueprint import bp, user


def _may_read(person, release: Release) -> bool:
    if release.status != PUBLISHED:
        return False
    if release.kind == "wave":
        wave = db.session.get(Wave, release.wave_ids[0]) if release.wave_ids else None
        return wave is not None and permissions.may_read_wave(person, wave)
    kind, _, key = release.scope.partition(":")
    if kind == "system":
        system = db.session.get(System, int(key))
        return (system is not None and person.role in ("admin", "ics_lead")
                and permissions.may_read_system(person, system))
    org = db.session.get(Organisation, int(key)) if key.isdigit() else None
    return org is not None and permissions.may_edit_organisation(person, org)


@bp.get("/staff-voice/releases")
def releases():
    """Released staff-voice figures this token may read: a wave's, or a system's summed over
    its waves, filtered by the day they were released.
    ---
    get:
      summary: Staff-voice releases
      parameters:
        - {name: since, in: query, schema: {type: string, format: date}}
        - {name: until, in: query, schema: {type: string, format: date}}
      responses:
        200:
          description: "Rows: id, kind, scope, survey, released_on, waves, bands,
            min_group_size, note"
    """
    since, until = output.day("since"), output.day("until")
    found = db.session.scalars(select(Release).where(Release.status == PUBLISHED)
                               .order_by(Release.released_on, Release.id)).all()
    person = user()
    rows = [{"id": r.id, "kind": r.kind, "scope": r.scope, "survey": r.survey_id,
             "released_on": r.released_on, "waves": r.wave_ids, "bands": r.band_list,
             "min_group_size": r.min_group_size, "note": r.note}
            for r in found if (since is None or r.released_on >= since)
            and (until is None or r.released_on <= until) and _may_read(person, r)]
    return output.table(rows, ["id", "kind", "scope", "survey", "released_on", "waves", "bands",
                               "min_group_size", "note"])


@bp.get("/staff-voice/releases/<int:release_id>/figures")
def release_figures(release_id: int):
    """One release's figures: respondents (question ""), answered (value "*") and each
    answer's count, by band ("*": all bands). A hidden figure has no number.
    ---
    get:
      summary: A release's figures
      responses:
        200: {description: "Rows: band, question, value, n, hidden"}
        404: {description: No such release, or not one this token may read}
    """
    release = db.session.scalar(select(Release).where(Release.id == release_id)
                                .options(selectinload(Release.figures)))
    # Not found and not yours look the same: a release's existence is not told.
    if release is None or not _may_read(user(), release):
        abort(404)
    rows = [{"band": f.band, "question": f.question_id, "value": f.value, "n": f.n,
             "hidden": f.n is None}
            for f in sorted(release.figures, key=lambda f: (f.question_id, f.value, f.band))]
    return output.table(rows, ["band", "question", "value", "n", "hidden"])
