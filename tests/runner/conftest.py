"""Runner tests answer the framework review (tests/support/framework_review.py), kept open with
a frozen clock."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

from tests.support.framework_review import OPEN_DAY


@pytest.fixture
def open_clock():
    with freeze_time(OPEN_DAY):
        yield
