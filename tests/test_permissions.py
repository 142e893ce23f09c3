"""app/permissions.py as a table: every rule, for every kind of person, on their own objects and
on other organisations' and ICSs'. Pages applying the rules: tests/security/test_cross_org.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import permissions as p
from app.clock import today
from app.diagnostic import cycles
from app.extensions import db
from app.models import ElementAssignment, Organisation, System, User
from app.staff_voice.waves import launch

ASSIGNED, OTHER_ELEMENT = "environment", "relationships"
PEOPLE = ("admin", "ics_lead", "lead_a", "contributor_a", "lead_b", "ics_lead_far",
          "lead_far", "ics_lead_nowhere", "lead_nowhere", "contributor_nowhere")


@pytest.fixture
def world(app):
    """ICS Q1 with organisations A and B, ICS Q2 with organisation F, and a people table:
    each role at home (A, Q1), next door (B), in the far ICS, and with no organisation or
    system at all (which sees nothing)."""
    near, far = System(code="Q1", name="Near ICS"), System(code="Q2", name="Far ICS")
    org_a = Organisation(code="A1", name="Trust A", type="trust", system=near)
    org_b = Organisation(code="B2", name="Trust B", type="trust", system=near)
    org_f = Organisation(code="F3", name="Far Trust", type="trust", system=far)
    db.session.add_all([near, far, org_a, org_b, org_f])
    specs = {"admin": ("admin", None, None), "ics_lead": ("ics_lead", None, near),
             "lead_a": ("org_lead", org_a, None), "contributor_a": ("contributor", org_a, None),
             "lead_b": ("org_lead", org_b, None), "ics_lead_far": ("ics_lead", None, far),
             "lead_far": ("org_lead", org_f, None), "ics_lead_nowhere": ("ics_lead", None, None),
             "lead_nowhere": ("org_lead", None, None),
             "contributor_nowhere": ("contributor", None, None)}
    people = {}
    for label, (role, org, system) in specs.items():
        people[label] = User(email=f"{label}@example.nhs.uk", name=label, role=role,
                             organisation=org, system=system, active=True, session_version=0)
    db.session.add_all(people.values())
    db.session.flush()
    db.session.add(ElementAssignment(organisation_id=org_a.id, element_id=ASSIGNED,
                                     user_id=people["contributor_a"].id))
    wave = launch(org_a, "staff_voice_bands_2_4", today(), today() + timedelta(days=7))
    far_wave = launch(org_f, "staff_voice_bands_2_4", today(), today() + timedelta(days=7))
    assessment = cycles.start(org_a, "2026 Q1")
    db.session.commit()
    things = {"org A": org_a, "org B": org_b, "org F": org_f, "ICS Q1": near,
              "ICS Q2": far, "wave A": wave, "wave F": far_wave, "assessment A": assessment}
    return people, things


def _who(world, rule, thing, *args) -> set[str]:
    people, things = world
    return {label for label in PEOPLE if rule(people[label], things[thing], *args)}


TABLE = [
    (p.may_read_organisation, "org A", {"admin", "ics_lead", "lead_a", "contributor_a"}),
    (p.may_read_organisation, "org B", {"admin", "ics_lead", "lead_b"}),
    (p.may_read_organisation, "org F", {"admin", "ics_lead_far", "lead_far"}),
    (p.may_edit_organisation, "org A", {"admin", "lead_a"}),
    (p.may_edit_organisation, "org B", {"admin", "lead_b"}),
    (p.may_read_system, "ICS Q1", {"admin", "ics_lead"}),
    (p.may_read_system, "ICS Q2", {"admin", "ics_lead_far"}),
    (p.may_edit_system, "ICS Q1", {"admin", "ics_lead"}),
    (p.may_read_wave, "wave A", {"admin", "ics_lead", "lead_a"}),
    (p.may_read_wave, "wave F", {"admin", "ics_lead_far", "lead_far"}),
    (p.may_edit_wave, "wave A", {"admin", "lead_a"}),
    (p.may_read_assessment, "assessment A", {"admin", "ics_lead", "lead_a", "contributor_a"}),
]


@pytest.mark.parametrize(("rule", "thing", "allowed"), TABLE,
                         ids=[f"{r.__name__}-{t}" for r, t, _ in TABLE])
def test_who_may(world, rule, thing, allowed):
    assert _who(world, rule, thing) == allowed


def test_an_element_is_changed_by_the_lead_and_its_assigned_contributor_only(world):
    editors = {"admin", "lead_a"}
    assert _who(world, p.may_edit_assessment, "assessment A", ASSIGNED) == \
        editors | {"contributor_a"}
    assert _who(world, p.may_edit_assessment, "assessment A", OTHER_ELEMENT) == editors
    people, things = world
    assert p.may_edit_element(people["contributor_a"], things["org A"], ASSIGNED)
    assert not p.may_edit_element(people["contributor_a"], things["org B"], ASSIGNED)


def test_the_lists_hold_exactly_what_may_be_read(world):
    people, things = world
    orgs = {o.id: name for name, o in things.items() if name.startswith("org")}
    systems = {things["ICS Q1"].id: "ICS Q1", things["ICS Q2"].id: "ICS Q2"}
    for label in PEOPLE:
        user = people[label]
        readable = {orgs[i] for i in p.readable_org_ids(user)}
        assert readable == {name for name in orgs.values()
                            if p.may_read_organisation(user, things[name])}, label
        assert {systems[s.id] for s in p.readable_systems(user)} == {
            name for name in systems.values() if p.may_read_system(user, things[name])}, label


def test_only_admins_and_organisation_leads_run_waves(world):
    people, _ = world
    assert {label for label in PEOPLE if p.may_run_waves(people[label])} == {
        "admin", "lead_a", "lead_b", "lead_far", "lead_nowhere"}
