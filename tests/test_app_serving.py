"""The app as a server runs it (app.serve, wsgi.py): what it loaded is left out of the cycle
collector's passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import gc, wsgi
frozen, tracked = gc.get_freeze_count(), len(gc.get_objects())
print(frozen, tracked)
"""


def test_the_served_app_is_left_out_of_the_collectors_passes(database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    frozen, tracked = map(int, out.split())
    # Everything loaded to serve (well over 100,000 objects) is frozen; the collector's passes
    # walk only what requests make afterwards.
    assert frozen > 100_000 and tracked < frozen / 20
