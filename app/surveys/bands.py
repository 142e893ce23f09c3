"""The band question's built-in answers: the Agenda for Change (AfC) pay bands and, for staff
whose pay is not on AfC (most GP practice and social care staff), groups of roles placed at an
AfC equivalent. docs/bands.md says which roles, what the placing rests on, and that it is an
approximation.

A role group is a band value like any other: responses are counted, suppressed and audited by
it, and a staff-voice definition can put it in its audience. A stored value never changes
meaning, so a new group gets a new value and an old one is never reworded into another.
"""

from __future__ import annotations

from dataclasses import dataclass

AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")


@dataclass(frozen=True)
class RoleGroup:
    """Staff not on AfC, grouped by role: `choice` is the answer they pick, `label` how results
    name the group."""

    value: str
    choice: str
    label: str


# Paid and graded near AfC Bands 2 to 4: counted as their own group beside those bands.
NOT_ON_AFC_BANDS_2_4 = RoleGroup(
    "not_afc_2_4",
    "My pay is not on Agenda for Change, and I am a care worker, support worker, healthcare "
    "assistant, receptionist, administrator or in a similar role",
    "Band 2\u20134 equivalent (not on Agenda for Change)",
)
# Everyone else off AfC (GPs, nurses, pharmacists, therapists, managers, ...): graded at Band 5
# or above, so outside a survey for Bands 2 to 4, as Band 5 and above are.
NOT_ON_AFC_OTHER = RoleGroup(
    "not_afc_other",
    "My pay is not on Agenda for Change, and I am in another role (for example a GP, nurse, "
    "pharmacist, therapist or manager)",
    "Other roles not on Agenda for Change",
)
ROLE_GROUPS = (NOT_ON_AFC_BANDS_2_4, NOT_ON_AFC_OTHER)

# The group the framework's evidence question is about: Bands 2 to 4 and the staff off AfC paid
# near them. Evidence for any of its members, or for a survey asked of no one else, is evidence
# for it (app/analysis/evidence.py); its gap is the headline of the evidence-gaps outputs.
BANDS_2_4_OR_EQUIVALENT = ("2", "3", "4", NOT_ON_AFC_BANDS_2_4.value)
BANDS_2_4_OR_EQUIVALENT_LABEL = "Band 2\u20134 or equivalent"

# How results, exports and the audit name each group a response can be counted in.
BAND_LABELS: dict[str, str] = {
    **{band: f"Band {band}" for band in AFC_BANDS},
    **{group.value: group.label for group in ROLE_GROUPS},
}


def band_label(value: str) -> str:
    return BAND_LABELS.get(value, value)


def audience_words(values: tuple[str, ...]) -> str:
    """'Band 2, Band 3 and Band 4' for the sentence saying who a survey is for."""
    labels = [band_label(v) for v in values]
    return labels[0] if len(labels) < 2 else f"{', '.join(labels[:-1])} and {labels[-1]}"
