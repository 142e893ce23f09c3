"""Issue 15's proof: a test that plays the attacker against everything ever published.

Random systems (hypothesis): 2-5 organisations in one system, each with 1-2 waves of the
staff-voice survey, 0-25 respondents per band (so some groups are under the minimum and some are
not), answers sometimes concentrated (a whole group giving the same answers) and optional
questions sometimes skipped. Waves then close one at a time in a random order (by a lead, or by
their date) while the clock moves on, and after every close the attacker saves every output an
organisation lead or ICS lead can see at that moment:

- each closed wave's results (not only the latest), as CSV rows (app.exports.staff_voice_csv.rows),
  and the number of comments its page shows;
- the system's results (each organisation's latest closed wave, added up), the same way;
- the ICS roll-up of respondents by organisation and band, and for the whole system;
- each open wave's "N responses" so far.

An output's coverage is public: a wave's output covers that wave; the system's (and the ICS
roll-up's) covers each organisation's latest closed wave at that moment (the dates are shown).
Then tests/security/ledger_attacker.py puts it all in one integer programme and checks the
protection rule documented there (and in docs/staff_voice.md):

- a hidden group size (respondents, or "answered" of a question) with true value t >= 1 is not
  pinned (lo < hi) and its range reaches the minimum group size (hi >= min_group_size);
- a hidden answer count with t >= 1: lo < hi, and lo == 0 or hi >= min_group_size;
- attribute disclosure: for a hidden "answered" group with t >= 1 and each answer value v, the
  attacker cannot prove everyone in it gave v (max(answered - count_v) >= 1).

Only app code that builds data (launch, record_submission, closing.close_now) and reads outputs
(wave_results, system_results, export.rows, ics staff_voice_counts, responses_so_far) is used:
nothing of app.analysis.suppression or any audit. Shown figures are taken as exact (audited
suppression, not perturbation), and the attacker first checks that every shown figure is the
true one for the coverage it assumes.

An open wave's "fewer than 11 responses" is not used as a constraint: it says on purpose that the
wave is small (a whole small wave could then never reach the minimum in any range), and the rule
is about figures hidden as "Not shown".
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.security.ledger_world import (
    Scenario,
    build,
    check,
    play,
    scenarios,
)

ATTACKER = settings(max_examples=int(os.environ.get("ATTACKER_EXAMPLES", "8")) // 2 or 1,
                    deadline=None, derandomize=not os.environ.get("ATTACKER_SEARCH"),
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


def attack_every_visit(scenario: Scenario) -> None:
    world = build(scenario)
    play(world, scenario)
    check(world, scenario)


@pytest.mark.sqlite_only
@ATTACKER
@given(scenario=scenarios())
def test_no_hidden_figure_is_pinned_by_everything_ever_published(app, scenario):
    attack_every_visit(scenario)


@pytest.mark.sqlite_only
@ATTACKER
@given(scenario=scenarios())
def test_no_hidden_figure_is_pinned_in_other_systems_either(app, scenario):
    attack_every_visit(scenario)


def test_an_organisation_lead_alone_cannot_difference_two_visits_to_their_own_results(app):
    """Issue 15: "An organisation lead can do it alone from two visits to their own results
    page: the wave's All bands stayed 30 while the hidden pattern moved". Here Org 2's wave has
    Band 2 = 2, Band 3 = 23, Band 4 = 21 (46 in all). Before the defence, its page showed Band 4
    (21) and All bands (46) after it closed, and Band 3 (23) and All bands (46) once Org 3's wave
    closed too, so Band 2 = 46 - 21 - 23 = 2. The attacker sees only Org 2's own pages."""
    scenario = Scenario(sizes=[[(15, 9, 22)], [(2, 23, 21)], [(23, 13, 5)]], order=[0, 1, 2],
                        early=[False, False, False], concentrated=0.0, skip=0.0, seed=317368)
    world = build(scenario, with_ics=False, viewer=1)
    play(world, scenario)
    check(world, scenario, header="The attacker: Org 2's lead, with only Org 2's own pages.")


def test_system_figures_before_and_after_a_close_do_not_give_away_a_hidden_band(app):
    """Issue 15: "System totals did the rest (system Band 2 went 20 -> 30 when a wave with a
    hidden Band 2 closed)", and docs/staff_voice.md's worked example: Trust A (Band 2 = 14,
    Band 3 = 12, Band 4 = 4) closes, then Practice B (10, 14, 13); a system Band 2 of 24 after
    one of 14 gives Practice B's hidden Band 2 (10) away. The attacker: the ICS lead."""
    scenario = Scenario(sizes=[[(14, 12, 4)], [(10, 14, 13)]], order=[0, 1],
                        early=[True, False], concentrated=0.0, skip=0.0, seed=15)
    world = build(scenario)
    play(world, scenario)
    check(world, scenario, header="The attacker: the ICS lead, with every output.")


def test_a_small_group_off_agenda_for_change_is_not_given_away_across_the_system(app):
    """Issue 18: staff off Agenda for Change in Band 2-4-equivalent roles are one more group
    (the fourth figure of each size). Practice B has 8 of them, hidden, beside bands too small
    to show; Care provider C has 19 and nobody on Agenda for Change. Neither the system figures
    before and after each close nor "All bands" minus the others pins Practice B's 8."""
    scenario = Scenario(sizes=[[(14, 12, 20, 0)], [(3, 4, 2, 8)], [(0, 0, 0, 19)]],
                        order=[0, 1, 2], early=[True, False, True], concentrated=0.0,
                        skip=0.0, seed=18)
    world = build(scenario)
    play(world, scenario)
    check(world, scenario, header="The attacker: the ICS lead, with every output.")


def test_a_total_shown_on_an_open_waves_page_counts_as_public_in_later_releases(app):
    """Found by the second set of random systems: Org 3's first wave showed "57 responses" on
    its page while open, but its release was held, so the system release over Org 1, Org 2 and
    Org 3 showed All bands 120, and 120 - 57 - 57 = 6, Org 2's whole wave. The system release's
    audit now counts each wave's total of at least the minimum as public."""
    attack_every_visit(Scenario(sizes=[[(15, 0, 24, 18), (12, 23, 7, 1)], [(1, 1, 2, 2)],
                                       [(4, 23, 23, 7), (9, 0, 15, 1)]],
                                order=[1, 2, 0, 0, 2], early=[False, False, True, False, True],
                                concentrated=0.9, skip=0.3, seed=8))
