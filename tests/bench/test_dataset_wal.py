"""The benchmarks' data set is renamed and copied as one file (bench/dataset.py): whatever its
build left in the WAL is folded back first, so no row lives only in `<file>-wal`."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import dataset  # noqa: E402 - a module of bench/, put on the path above

# A build that exits without closing its connection: its rows are left in the WAL.
LEAVE_WAL = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("CREATE TABLE rows (n INTEGER)")
conn.executemany("INSERT INTO rows VALUES (?)", [(n,) for n in range(500)])
conn.commit()
os._exit(0)
"""


def _rows_of_the_file_alone(path: Path, tmp_path: Path) -> int:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)  # the file only, as the benchmarks copy it
    with sqlite3.connect(copy) as conn:
        try:
            return conn.execute("SELECT count(*) FROM rows").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_a_wal_left_by_the_build_is_folded_into_the_file(tmp_path):
    path = tmp_path / "dataset.building"
    subprocess.run([sys.executable, "-c", LEAVE_WAL, str(path)], check=True, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0
    assert _rows_of_the_file_alone(path, tmp_path) == 0  # what the failure looked like
    dataset._fold_wal(path)
    assert not Path(f"{path}-wal").exists()
    assert _rows_of_the_file_alone(path, tmp_path) == 500
