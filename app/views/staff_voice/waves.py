"""Waves: the list, launching one, its link and QR code, and batches of access codes."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app import permissions
from app.analysis.results import responses_so_far
from app.clock import today
from app.definitions import for_wave, surveys_of_kind
from app.extensions import db
from app.models import Organisation, record
from app.models.staff_voice import WaveState
from app.staff_voice import codes, poster, sheets
from app.staff_voice.printing import Printed, qr_svg, typed_address
from app.staff_voice.waves import LaunchError, launch, link, short_link, waves_for
from app.surveys.bands import NOT_ON_AFC_BANDS_2_4
from app.views.staff_voice.access import readable_wave, runnable_wave
from app.views.staff_voice.blueprint import bp
from app.views.staff_voice.forms import CodesForm, LaunchForm


@bp.get("/")
def index():
    waves = waves_for(permissions.readable_org_ids(current_user))
    return render_template("staff_voice/index.html", waves=waves, today=today(),
                           systems=permissions.readable_systems(current_user),
                           surveys=surveys_of_kind("staff_voice"),
                           can_launch=permissions.may_run_waves(current_user))


@bp.route("/launch", methods=["GET", "POST"])
def launch_wave():
    if not permissions.may_run_waves(current_user):
        abort(403)
    form = LaunchForm()
    orgs = db.session.scalars(select(Organisation).where(
        permissions.organisation_scope(current_user)).order_by(Organisation.name)).all()
    form.organisation_id.choices = [(str(o.id), f"{o.name} ({o.code})") for o in orgs]
    if current_user.role == "org_lead":
        form.organisation_id.data = str(current_user.organisation_id)
    form.survey_id.choices = [(s.id, s.title) for s in surveys_of_kind("staff_voice")]
    if form.validate_on_submit():
        org = db.session.get(Organisation, int(form.organisation_id.data))
        if org is None or not permissions.may_edit_organisation(current_user, org):
            abort(403)
        counts = {b: getattr(form, f"headcount_{b}").data
                  for b in ("2", "3", "4", NOT_ON_AFC_BANDS_2_4.value)}
        try:
            wave = launch(org, form.survey_id.data, form.opens.data, form.closes.data,
                          uses_codes=form.access.data == "codes", headcounts=counts,
                          actor=current_user.email)
        except LaunchError as error:
            form.survey_id.errors.append(str(error).capitalize())
        else:
            db.session.commit()
            flash("The survey wave has been set up. Share the link or QR code with staff.")
            return redirect(url_for("staff_voice.wave", wave_id=wave.id))
    return render_template("staff_voice/launch.html", form=form,
                           org_lead=current_user.role == "org_lead"), 422 if form.errors else 200


@bp.get("/waves/<int:wave_id>")
def wave(wave_id: int):
    wave = readable_wave(wave_id)
    return _wave_page(wave, CodesForm(formdata=None),
                      can_run=permissions.may_edit_wave(current_user, wave))


def _wave_page(wave, form: CodesForm, can_run: bool):
    survey = for_wave(wave)
    made, used = codes.tally(wave)
    short = short_link(wave)
    return render_template("staff_voice/wave.html", wave=wave, survey=survey, link=link(wave),
                           short=short, short_typed=typed_address(short),
                           state=wave.state(today()),
                           so_far=responses_so_far(wave, survey.min_group_size),
                           made=made, used=used, form=form, can_run=can_run)


@bp.get("/waves/<int:wave_id>/qr.svg")
def qr(wave_id: int):
    wave = readable_wave(wave_id)
    return Response(qr_svg(short_link(wave)), mimetype="image/svg+xml")


@bp.get("/waves/<int:wave_id>/poster.pdf")
def poster_pdf(wave_id: int):
    """The poster for staff rooms: nothing secret on it, so anyone who may see the wave."""
    wave = readable_wave(wave_id)
    return Response(poster.poster(Printed.of(wave)), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="poster-wave-{wave.id}.pdf"'})


@bp.post("/waves/<int:wave_id>/codes")
def make_codes(wave_id: int):
    """Make a batch and send it straight back as a PDF: the codes are never shown again."""
    wave = runnable_wave(wave_id)
    form = CodesForm()
    if wave.state(today()) is WaveState.CLOSED:
        form.validate()
        form.number.errors = ["This wave has closed, so new codes would not work"]
    elif form.validate():
        plain = codes.make_batch(wave, form.number.data)
        record("staff_voice_codes_made", wave.organisation.code, actor=current_user.email,
               wave=wave.id, number=len(plain))
        db.session.commit()
        pdf = sheets.code_sheet(plain, Printed.of(wave))
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="access-codes-wave-{wave.id}.pdf"',
            "Cache-Control": "no-store"})
    return _wave_page(wave, form, can_run=True), 422
