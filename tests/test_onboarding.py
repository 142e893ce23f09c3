"""`flask orgs import` with hostile CSV files: a clear message naming the line, exit code 1, no
traceback, nothing stored."""

from __future__ import annotations

import pytest

from app.models import Organisation, System
from app.onboarding import MAX_FILE_BYTES
from tests.support.dbutil import count

HEADER = "code,name,type,system_code,system_name\n"
GOOD = "RAJ,Estuary Trust,trust,QH8,Estuary ICS\n"


@pytest.mark.parametrize("body, message", [
    (GOOD + "RBB," + "n" * 200_000 + ",trust,QH8,Estuary ICS\n",
     "line 3: the row cannot be read as CSV (field larger than field limit"),
    (GOOD + 'RBB,"Open quote,trust,QH8,Estuary ICS\n' + GOOD,  # runs on to the end
     "name has a control character"),
    (GOOD + "RBB,Null\x00Trust,trust,QH8,Estuary ICS\n",
     "line 3: name has a control character (such as a tab or NUL)"),
    (GOOD + "RBB,Trust,trust,QH8,Estuary\x1bICS\n",
     "line 3: system_name has a control character"),
])
def test_a_hostile_organisations_file_is_refused_by_line(runner, tmp_path, body, message):
    path = tmp_path / "orgs.csv"
    path.write_bytes((HEADER + body).encode())
    result = runner.invoke(args=["orgs", "import", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    assert message in result.output and "nothing imported" in result.output
    assert count(Organisation.__tablename__) == 0 and count(System.__tablename__) == 0


def test_an_organisations_file_too_large_is_refused_before_it_is_read(runner, tmp_path):
    path = tmp_path / "orgs.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(MAX_FILE_BYTES + 1)
    result = runner.invoke(args=["orgs", "import", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "is larger than" in result.output
    assert count(Organisation.__tablename__) == 0


def test_an_endless_organisations_file_is_refused_after_the_limit(runner):
    """A device that never ends (its size says 0): read one byte past the limit, no further."""
    result = runner.invoke(args=["orgs", "import", "/dev/zero"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "is larger than" in result.output
