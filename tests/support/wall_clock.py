"""The slowest tests by the wall clock, at the end of every run, so CI's log shows where its time
goes. pytest's own --durations cannot: tests that move the clock with freezegun also move the
clock it reads. The real clock is kept here before any test can replace it, and each worker
sends its timings to the controller with the report."""

from __future__ import annotations

import time

import pytest

_clock = {"now": time.perf_counter}  # in a dict, where freezegun's patching does not reach
SHOWN = 25


class WallClock:
    def __init__(self):
        self.times: dict[str, float] = {}
        self.workers: dict[str, float] = {}  # xdist worker -> its tests' seconds

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        item.stash[_START] = _clock["now"]()
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "teardown":
            report.user_properties.append(("wall_seconds", _clock["now"]() - item.stash[_START]))

    def pytest_runtest_logreport(self, report):
        for name, value in report.user_properties:
            if name == "wall_seconds":
                self.times[report.nodeid] = value
                worker = getattr(report, "node", None)
                worker = worker.gateway.id if worker is not None else "main"
                self.workers[worker] = self.workers.get(worker, 0.0) + value

    def pytest_terminal_summary(self, terminalreporter):
        if not self.times:
            return
        total = sum(self.times.values())
        terminalreporter.write_sep("=", f"slowest {SHOWN} tests by the wall clock "
                                        f"(all tests: {total:.0f} s of worker time)")
        for nodeid, seconds in sorted(self.times.items(), key=lambda kv: -kv[1])[:SHOWN]:
            terminalreporter.write_line(f"{seconds:8.1f}s  {nodeid}")
        by_folder: dict[str, float] = {}
        for nodeid, seconds in self.times.items():
            folder = nodeid.split("::")[0].rsplit("/", 1)[0]
            by_folder[folder] = by_folder.get(folder, 0.0) + seconds
        terminalreporter.write_line("by folder: " + ", ".join(
            f"{folder} {seconds:.0f} s"
            for folder, seconds in sorted(by_folder.items(), key=lambda kv: -kv[1])))
        # Uneven totals mean the workers were not kept equally busy (see the Makefile's --dist).
        terminalreporter.write_line("by worker: " + ", ".join(
            f"{worker} {seconds:.0f} s" for worker, seconds in sorted(self.workers.items())))


_START = pytest.StashKey[float]()
