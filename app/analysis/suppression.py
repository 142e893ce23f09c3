"""What a hidden staff-voice figure reads (percentages: app/formatting.py).

Which figures are hidden is decided once, when a release is made (app/analysis/releases.py,
proved safe by app/analysis/audit.py); outputs only read releases.
"""

from __future__ import annotations

# Every hidden cell reads the same, whether hidden for being small (primary) or to protect a
# small one (secondary): "fewer than 11" on a secondary cell would be untrue, and two labels
# would tell a reader which hidden groups are the small ones.
HIDDEN = "Not shown"


def fewer_than(min_size: int) -> str:
    """A whole count under the minimum, e.g. an open wave's responses so far (not a cell)."""
    return f"fewer than {min_size} responses"
