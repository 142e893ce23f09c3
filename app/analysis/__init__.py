"""Aggregation: the only code that turns responses into counts (suppression included)."""

from app.analysis.releases import release_after_close
from app.analysis.staff_voice import count_response
from app.staff_voice.closing import wave_closed
from app.staff_voice.responses import response_stored


def _publish(wave, day) -> None:
    release_after_close(wave, day)


def _count(wave, survey, band, answers) -> None:
    count_response(wave, survey, band, answers)


def init_app(app) -> None:
    """Staff voice sits below analysis and only announces what happened; analysis answers:
    a stored response is counted in the same transaction (app/analysis/staff_voice.py), and a
    closed wave's figures, and its system's, are published at once, audited against everything
    published before (app/analysis/releases.py). Connecting the same module-level functions
    again (another app) changes nothing: blinker keeps one of each receiver."""
    response_stored.connect(_count)
    wave_closed.connect(_publish)
