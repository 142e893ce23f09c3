"""Fixtures of the benchmarks' smoke tests."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture
def wrk():
    if shutil.which("wrk") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("wrk not found: apt-get install wrk (.ci/run does)")
        pytest.skip("wrk not found: apt-get install wrk")
