"""gunicorn.conf.py, read by `gunicorn wsgi:app` from the project's directory: each worker, once
the app is loaded, freezes it out of the cycle collector's passes."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.paths import ROOT

PROBE = """
import gc, runpy
import wsgi
settings = runpy.run_path("gunicorn.conf.py")
before = gc.get_freeze_count()
settings["post_worker_init"](None)
print(before, gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_a_worker_freezes_the_loaded_app_out_of_the_collectors_passes(database_url):
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, check=True, text=True,
                         capture_output=True, timeout=120,
                         env={**os.environ, "DATABASE_URL": database_url}).stdout
    before, frozen, tracked = map(int, out.split())
    # Nothing is frozen by loading the app itself (a command or a test must be able to free
    # it); the worker's hook freezes all of it, and the passes walk only what requests make.
    assert before == 0 and frozen > 100_000 and tracked < frozen / 20
