"""Command-line onboarding: users, organisations from CSV, demo data."""

from app import demo
from app.extensions import db
from app.models import Organisation, System, User

GOOD_CSV = """code,name,type,system_code,system_name
RAJ,Mid Estuary Hospitals NHS Trust,trust,QH8,Estuary ICS
F81001,Harbour Surgery,gp_practice,QH8,Estuary ICS
S1001,Saltings Care,Social care provider,QH8,Estuary ICS
"""


def test_users_create_with_password_on_stdin(runner, orgs):
    result = runner.invoke(args=["users", "create", "Lead@Example.nhs.uk", "--role", "org_lead",
                                 "--org", "RA1", "--password-stdin"],
                           input="a-long-enough-password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "lead@example.nhs.uk"))
    assert user.role == "org_lead" and user.organisation.code == "RA1"
    assert user.check_password("a-long-enough-password")
    assert "a-long-enough-password" not in user.password_hash


def test_users_create_asks_for_the_password(runner, orgs):
    result = runner.invoke(args=["users", "create", "a@example.nhs.uk", "--role", "admin"],
                           input="a-long-enough-password\na-long-enough-password\n")
    assert result.exit_code == 0, result.output
    assert "Created admin a@example.nhs.uk" in result.output


def test_users_create_refuses_bad_input(runner, orgs):
    no_org = runner.invoke(args=["users", "create", "b@example.nhs.uk", "--role", "org_lead",
                                 "--password-stdin"], input="a-long-enough-password\n")
    assert no_org.exit_code != 0 and "needs --org" in no_org.output
    short = runner.invoke(args=["users", "create", "c@example.nhs.uk", "--role", "admin",
                                "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "12 characters" in short.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


def test_orgs_import_creates_then_updates_without_duplicates(runner, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD_CSV)
    first = runner.invoke(args=["orgs", "import", str(path)])
    assert first.exit_code == 0, first.output
    assert "3 organisations created" in first.output
    path.write_text(GOOD_CSV.replace("Harbour Surgery", "Harbour Lane Surgery"))
    second = runner.invoke(args=["orgs", "import", str(path)])
    assert "0 organisations created, 3 updated" in second.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 3
    assert db.session.scalar(db.select(db.func.count()).select_from(System)) == 1
    practice = db.session.scalar(db.select(Organisation).where(Organisation.code == "F81001"))
    assert practice.name == "Harbour Lane Surgery" and practice.type == "gp_practice"
    care = db.session.scalar(db.select(Organisation).where(Organisation.code == "S1001"))
    assert care.type == "social_care"


def test_orgs_import_refuses_a_file_with_bad_rows_and_imports_nothing(runner, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD_CSV + "bad code!,X,trust,QH8,Estuary ICS\nRXX,,hospital,QH8,Estuary ICS\n"
                    "RAJ,Duplicate,trust,QH8,Estuary ICS\n")
    result = runner.invoke(args=["orgs", "import", str(path)])
    assert result.exit_code == 1
    assert "line 5: code 'BAD CODE!'" in result.output
    assert "line 6: name is empty; type 'hospital' must be one of" in result.output
    assert "line 7: code RAJ is already on line 2" in result.output
    assert "nothing imported: 3 bad row(s)" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 0


def test_orgs_import_refuses_missing_columns(runner, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("code,name\nRAJ,Trust\n")
    result = runner.invoke(args=["orgs", "import", str(path)])
    assert result.exit_code == 1
    assert "missing column(s) type, system_code, system_name" in result.output


def test_seed_demo_if_empty_twice_then_refuses_real_data_unless_forced(runner):
    # One real seed (about a minute on CI's two cores), then every way of running it again.
    first = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "Demo data seeded" in first.output
    assert "admin@example.nhs.uk" in first.output and demo.DEMO_PASSWORD in first.output
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "already has data" in again.output
    rerun = runner.invoke(args=["seed-demo"])  # only demo data present: allowed, no duplicates
    assert rerun.exit_code == 0, rerun.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == len(demo.DEMO_USERS)

    system = db.session.scalar(db.select(System))
    db.session.add(Organisation(code="RA1", name="A real trust", type="trust", system=system))
    db.session.commit()
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "not demo data" in refused.output
    forced = runner.invoke(args=["seed-demo", "--force"])
    assert forced.exit_code == 0, forced.output
    assert "admin@example.nhs.uk" in forced.output and demo.DEMO_PASSWORD in forced.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == len(demo.DEMO_USERS)
