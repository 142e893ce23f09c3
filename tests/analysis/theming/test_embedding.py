"""The word vectors (app/analysis/theming/embedding.py) come from files inside the installed
package, and load with no network at all."""

from __future__ import annotations

import socket

import numpy as np
import wordllama

from app.analysis.theming import embedding


def test_the_model_files_are_inside_the_installed_package():
    package = embedding.package_files()
    root = wordllama.__file__.rsplit("/", 1)[0]
    for path in package:
        assert str(path).startswith(root) and path.stat().st_size > 1_000_000


def test_it_loads_and_embeds_with_the_network_cut_off(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embedding._model.cache_clear()
    rows = embedding.embed(["no hot food for night staff", "canteen closed at night",
                            "annual leave rules for managers", ""])
    assert rows.shape == (4, 256)
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0) and not rows[3].any()
    # meaning, not spelling: the canteen is nearer the hot food than the leave rules are
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
