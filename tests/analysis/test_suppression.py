"""Primary and secondary suppression, checked by an independent attacker."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis.suppression import TOTAL, fewer_than, grid, leaks, suppress
from tests.analysis.attacks import disclosures, recover

MIN = 11


def published(table, hidden):
    return {k: (None if k in hidden else v) for k, v in table.items()}


def test_a_single_small_band_is_hidden_with_the_next_smallest():
    table = grid(["w"], ["2", "3", "4"], {("w", "2"): 5, ("w", "3"): 40, ("w", "4"): 20})
    hidden = suppress(table, MIN)
    assert ("w", "2") in hidden and ("w", "4") in hidden and ("w", "3") not in hidden
    assert (("w", TOTAL) not in hidden) and not leaks(table, hidden, MIN)
    # total minus the shown band gives Bands 2 and 4 together: 25 people, not a small group
    assert table[("w", TOTAL)] - table[("w", "3")] == 25


def test_total_minus_bands_attack_is_caught_without_secondary_suppression():
    table = grid(["w"], ["2", "3", "4"], {("w", "2"): 5, ("w", "3"): 40, ("w", "4"): 20})
    only_primary = {k for k, v in table.items() if v < MIN}
    assert recover(["w"], ["2", "3", "4"], published(table, only_primary))[("w", "2")] == 5
    assert leaks(table, only_primary, MIN)


def test_organisation_against_system_totals():
    rows, cols = ["a", "b"], ["2", "3"]
    table = grid(rows, cols, {("a", "2"): 4, ("a", "3"): 30, ("b", "2"): 20, ("b", "3"): 25})
    hidden = suppress(table, MIN)
    assert not disclosures(rows, cols, published(table, hidden), table, MIN)
    assert ("b", "2") in hidden  # else system Band 2 minus b's Band 2 gives a's 4


def test_two_small_bands_do_not_add_up_to_a_small_group():
    table = grid(["w"], ["2", "3", "4"], {("w", "2"): 3, ("w", "3"): 4, ("w", "4"): 50})
    hidden = suppress(table, MIN)
    assert not disclosures(["w"], ["2", "3", "4"], published(table, hidden), table, MIN)
    assert ("w", "4") in hidden


def test_hidden_text_never_a_number():
    assert fewer_than(11) == "fewer than 11 responses"


sizes = st.one_of(st.integers(0, 12), st.integers(0, 60))


@settings(max_examples=300, deadline=None)
@given(st.data(), st.integers(1, 5), st.integers(1, 4), st.integers(2, 12))
def test_no_suppressed_table_gives_a_small_group_away(data, n_rows, n_cols, min_size):
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    inner = {(r, c): data.draw(sizes) for r in rows for c in cols}
    table = grid(rows, cols, inner)
    hidden = suppress(table, min_size)
    shown = published(table, hidden)
    assert not disclosures(rows, cols, shown, table, min_size)
    assert not leaks(table, hidden, min_size)
