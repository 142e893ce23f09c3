"""Aggregation: the only code that turns responses into counts (suppression included)."""

from app.analysis.releases import release_after_close
from app.staff_voice.closing import wave_closed


def _publish(wave, day) -> None:
    release_after_close(wave, day)


def init_app(app) -> None:
    """Publish a wave's figures, and its system's, as soon as it is closed: audited against
    everything published before (app/analysis/releases.py). Staff voice sits below analysis and
    only announces the close. Connecting the same module-level function again (another app)
    changes nothing: blinker keeps one of each receiver."""
    wave_closed.connect(_publish)
