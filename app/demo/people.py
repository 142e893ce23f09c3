"""The demo ICS, its organisations, and one user per role."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, System, User, record

DEMO_PASSWORD = "wellbeing-demo-2026"  # noqa: S105 - printed for the demo; refused on real data
SYSTEM = ("QZ9", "Estuary and Downs Integrated Care System")

# (code, name, type): several trusts, GP practices and social care providers.
ORGANISATIONS = [
    ("RZ1", "Estuary University Hospitals NHS Foundation Trust", "trust"),
    ("RZ2", "Downs Community and Mental Health NHS Trust", "trust"),
    ("RZ3", "Estuary and Downs Ambulance Service NHS Trust", "trust"),
    ("GZ101", "Harbour Lane Surgery", "gp_practice"),
    ("GZ102", "Riverside Medical Centre", "gp_practice"),
    ("GZ103", "Marsh Road Health Centre", "gp_practice"),
    ("GZ104", "Old Town Family Practice", "gp_practice"),
    ("SZ201", "Saltings Home Care Ltd", "social_care"),
    ("SZ202", "Meadowbank Care Homes", "social_care"),
    ("SZ203", "Estuary Supported Living Partnership", "social_care"),
]
DEMO_ORG_CODES = [code for code, _, _ in ORGANISATIONS]

DEMO_USERS = [
    {"email": "admin@example.nhs.uk", "name": "Alex Admin", "role": "admin"},
    {"email": "ics.lead@example.nhs.uk", "name": "Imani ICS-Lead", "role": "ics_lead",
     "system": SYSTEM[0]},
    {"email": "org.lead@example.nhs.uk", "name": "Olu Org-Lead", "role": "org_lead", "org": "RZ1"},
    {"email": "contributor@example.nhs.uk", "name": "Chris Contributor", "role": "contributor",
     "org": "RZ1"},
    {"email": "gp.lead@example.nhs.uk", "name": "Gita GP-Lead", "role": "org_lead", "org": "GZ101"},
]


def seed_people() -> None:
    system = db.session.scalar(select(System).where(System.code == SYSTEM[0]))
    if system is None:
        system = System(code=SYSTEM[0], name=SYSTEM[1])
        db.session.add(system)
    orgs = {}
    for code, name, org_type in ORGANISATIONS:
        org = db.session.scalar(select(Organisation).where(Organisation.code == code))
        if org is None:
            org = Organisation(code=code)
            db.session.add(org)
        org.name, org.type, org.system = name, org_type, system
        orgs[code] = org
    db.session.flush()
    for spec in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == spec["email"]))
        if user is None:
            user = User(email=spec["email"], session_version=0)
            db.session.add(user)
        user.name, user.role, user.active = spec["name"], spec["role"], True
        user.organisation = orgs.get(spec.get("org"))
        user.system = system if spec.get("system") else None
        user.set_password(DEMO_PASSWORD)
    record("demo_seeded", SYSTEM[0], actor="seed-demo")
