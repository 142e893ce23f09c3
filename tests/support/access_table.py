"""Who may reach each route: the written access table the convention test checks
(tests/views/test_access.py), and an address to visit for any route.

Keys are endpoint names or "blueprint.*"; an exact endpoint overrides its blueprint's wildcard.
Values are the roles allowed ("anonymous" means signed out). Add every new blueprint here.
"""

import re

ROLES = ["anonymous", "admin", "ics_lead", "org_lead", "contributor"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}

ACCESS = {
    "static": EVERYONE,
    "public.*": EVERYONE,
    "auth.*": EVERYONE,
    "admin.*": {"admin"},
    "public_consultations.*": EVERYONE,
    "admin_consultations.*": {"admin"},
    "admin_staff_survey.*": {"admin"},
    "diagnostic.*": SIGNED_IN,
    "diagnostic.plan": {"admin", "ics_lead"},
    "staff_respond.*": EVERYONE,
    "short_links.*": EVERYONE,  # /s/K7QF-2M, the short address on cards and posters
    "staff_voice.*": {"admin", "ics_lead", "org_lead"},
    "staff_voice.launch_wave": {"admin", "org_lead"},
    "staff_voice.close_wave": {"admin", "org_lead"},
    "staff_voice.system_results_page": {"admin", "ics_lead"},
    # Every comment of a wave or system: whoever may read its results page.
    "staff_voice.wave_comments_page": {"admin", "ics_lead", "org_lead"},
    "staff_voice.system_comments_page": {"admin", "ics_lead"},
    "ics.*": {"admin", "ics_lead"},
    # Theme workbenches: a consultation's free text (admins), an ICS's gaps and actions.
    "consultation_themes.*": {"admin"},
    "ics_themes.*": {"admin", "ics_lead"},
    # The API answers tokens only, never a session (tests/views/api/ checks tokens by role);
    # its description is public.
    "api.*": set(),
    "api.openapi": EVERYONE,
    "api.reference": EVERYONE,
    # A form kept when its sender's session ended: anyone signed in (only its owner sees it).
    "kept.*": SIGNED_IN,
    # Your own password and reminder emails: anyone signed in.
    "account.*": SIGNED_IN,
}

SAMPLE = {"int": "1", "string": "x", "path": "x", "default": "x"}


def sample_url(rule) -> str:
    """The route's address with a sample value for each of its arguments."""
    def fill(match):
        converter = (match.group(1) or "default").split("(")[0]
        return SAMPLE.get(converter, "x")
    return re.sub(r"<(?:(\w+(?:\([^)]*\))?):)?\w+>", fill, rule.rule)
