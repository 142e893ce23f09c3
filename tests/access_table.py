"""Who may reach each route: the written access table the convention test checks.

Keys are endpoint names or "blueprint.*"; an exact endpoint overrides its blueprint's wildcard.
Values are the roles allowed ("anonymous" means signed out). Add every new blueprint here.
"""

ROLES = ["anonymous", "admin", "ics_lead", "org_lead", "contributor"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}

ACCESS = {
    "static": EVERYONE,
    "public.*": EVERYONE,
    "auth.*": EVERYONE,
    "admin.*": {"admin"},
}
