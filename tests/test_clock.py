"""app/clock.py: one "today" and "now", in the configured time zone, for the whole app."""

from __future__ import annotations

import re
from datetime import date, datetime

from freezegun import freeze_time

from app import clock, definitions
from tests.support.clients import PASSWORD
from tests.support.paths import APP

# Half past midnight in London on 1 July, still 30 June on a server clock in UTC.
LONDON_MIDNIGHT = "2026-06-30 23:30:00"


def test_today_is_the_configured_zones_day(app):
    with freeze_time(LONDON_MIDNIGHT):
        assert clock.today() == date(2026, 7, 1)
        assert clock.now().hour == 0
        app.config["TIMEZONE"] = "UTC"
        assert clock.today() == date(2026, 6, 30)


def test_outside_an_app_the_default_zone_is_used():
    with freeze_time(LONDON_MIDNIGHT):
        assert clock.today() == date(2026, 7, 1)


def test_a_stored_moment_is_shown_in_local_time(app):
    assert clock.local(datetime(2026, 6, 30, 23, 30)).strftime("%d %H:%M") == "01 00:30"
    assert clock.local(datetime(2026, 1, 15, 9, 0)).hour == 9  # GMT in winter


def test_the_staged_plan_starts_in_londons_month(client, make_user, system):
    """The plan page used the server's date: just after midnight on 1 July in London it
    offered June."""
    lead = make_user("ics_lead")
    first = definitions.diagnostic().elements[0].id
    with freeze_time(LONDON_MIDNIGHT):
        client.post("/sign-in", data={"email": lead.email, "password": PASSWORD})
        page = client.get(f"/diagnostic/plan/{system.code}").get_data(as_text=True)
    month = re.search(rf'name="el_{first}-month"[^>]*value="(\d+)"'
                      rf'|value="(\d+)"[^>]*name="el_{first}-month"', page)
    assert month is not None, page
    assert (month.group(1) or month.group(2)) == "7"


# Reading the clock anywhere but app/clock.py (models/base.py's utcnow stamps stored rows in UTC).
READS = re.compile(r"\bdate\.today\(|\bdatetime\.(now|utcnow|today)\(|\bZoneInfo\("
                   r"|\btime\.localtime\(")


def test_nothing_else_in_the_app_reads_the_clock():
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        name = path.relative_to(APP).as_posix()
        if name in ("clock.py", "models/base.py") or name.startswith("migrations/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READS.search(line):
                offenders.append(f"app/{name}:{number}: {line.strip()}")
    assert offenders == []
