"""Slow tests (the full soak) run only when a -m expression names them (`make soak` runs
`-m slow`): otherwise they are deselected, not skipped, so CI's no-skip rule still holds."""

from __future__ import annotations


def pytest_collection_modifyitems(config, items):
    if "slow" in (config.getoption("markexpr") or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
