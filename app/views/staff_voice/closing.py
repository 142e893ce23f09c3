"""Closing a wave early: a confirmation page, then the close (app.staff_voice.closing)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.analysis.results import responses_so_far
from app.clock import today
from app.definitions import for_wave
from app.models.staff_voice import WaveState
from app.staff_voice.closing import NotOpen, close_now
from app.views.staff_voice.access import runnable_wave
from app.views.staff_voice.blueprint import bp
from app.views.staff_voice.forms import CloseWaveForm


@bp.route("/waves/<int:wave_id>/close", methods=["GET", "POST"])
def close_wave(wave_id: int):
    # Checked before the wave is looked up, so ICS leads are refused whatever the id.
    if not permissions.may_run_waves(current_user):
        abort(403)
    wave = runnable_wave(wave_id)
    back = url_for("staff_voice.wave", wave_id=wave.id)
    if wave.state(today()) is not WaveState.OPEN:
        flash("This wave is not open, so there is nothing to close.")
        return redirect(back)
    form = CloseWaveForm()
    if request.method == "POST" and form.validate():
        try:
            close_now(wave, current_user.email)
        except NotOpen:
            flash("This wave is not open, so there is nothing to close.")
        else:
            flash("The wave has closed. Staff who open the link now are told it has closed.")
        return redirect(back)
    survey = for_wave(wave)
    return render_template("staff_voice/close.html", wave=wave, survey=survey, form=form,
                           so_far=responses_so_far(wave, survey.min_group_size), back=back), (
        422 if form.errors else 200)
