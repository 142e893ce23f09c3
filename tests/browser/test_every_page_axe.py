"""axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on any page, for any role.

The pages come from the app's own URL map, with sample arguments taken from the demo data, so a
new page is visited without anyone remembering to add it; a GET route that is neither visited nor
in SKIP (with its reason) fails the coverage test. Each role also sees the error states: a form
sent empty, a 404, a 403, the closed consultation and a closed staff-voice wave.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import violations
from tests.browser.demo_data import EMAILS, sample_data
from tests.browser.pages import sign_in
from tests.browser.walker import empty_submit, walk_survey
from tests.support import demo_db
from tests.support.access_table import ACCESS, ROLES

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)

# GET routes not visited here, each with its reason. Everything else must be visited.
SKIP = {
    "static": "files, not pages",
    "staff_respond.begin": "only redirects to the first question; the journey passes it",
    # Downloads, not HTML: the PDFs are checked in test_charts_and_pdfs, the files by each
    # area's export tests.
    "admin_consultations.report_pdf": "PDF", "admin_consultations.export_csv": "CSV",
    "admin_consultations.export_xlsx": "spreadsheet", "diagnostic.report": "PDF",
    "diagnostic.export": "spreadsheet", "ics.export_xlsx": "spreadsheet",
    "diagnostic.actions_file": "CSV and spreadsheet (tests/views/diagnostic/test_action_plan.py)",
    "api.openapi": "JSON (tests/views/api/test_routes.py)",
    # The API's data addresses answer JSON or CSV to a token, never a page to a browser.
    **dict.fromkeys((
        "api.me", "api.consultations", "api.consultation", "api.consultation_responses",
        "api.consultation_themes", "api.organisation_cycles", "api.cycle_ratings",
        "api.cycle_actions", "api.ics_heat_map", "api.ics_shared_gaps", "api.ics_plan_progress",
        "api.ics_evidence_gaps", "api.ics_buddying",
        "api.releases", "api.release_figures"), "JSON for tokens (tests/views/api/)"),
    "ics.export_dataset": "SQLite file", "ics.report_pdf": "PDF", "staff_voice.qr": "SVG image",
    "staff_voice.poster_pdf": "PDF (read back in tests/staff_voice/test_sheets.py)",
}
# Pages only reachable part-way through a survey: walk_survey visits them (anonymously, as
# staff and the public use them), with a form sent empty on every page.
JOURNEY = {"public_consultations.page", "public_consultations.check",
           "public_consultations.confirmation", "staff_respond.page",
           "staff_respond.check", "staff_respond.thank_you"}
# Forms not sent empty on the walk: sending them changes who is signed in (test_sign_in covers it).
NOT_SENT = {"auth.sign_out"}
# Pages that answer with an error on purpose when given the sample arguments.
EXPECTED_STATUS = {"public_consultations.resume": 422}  # an unknown resume code


def allowed(endpoint: str, role: str) -> bool:
    roles = ACCESS.get(endpoint) or ACCESS.get(endpoint.split(".")[0] + ".*", set())
    return role in roles


def get_routes(app) -> dict[str, str]:
    """endpoint -> rule for every route answering GET."""
    return {r.endpoint: r.rule for r in app.url_map.iter_rules() if "GET" in r.methods}


def url_for_rule(endpoint: str, rule: str, data: dict, role: str) -> str:
    values = dict(data["args"])
    values.update(data["special"].get(endpoint.split(".")[0], {}))
    values.update(data["special"].get(endpoint, {}))
    values.update(data["by_role"].get((endpoint, role), {}))
    path = rule
    for part in rule.split("<")[1:]:
        spec = part.split(">")[0]
        path = path.replace(f"<{spec}>", str(values[spec.split(":")[-1]]))
    return path + data["query"].get(endpoint, "")


class Audit:
    """Runs axe on each page and remembers which endpoints rendered for whom."""

    def __init__(self, page, base: str, app):
        self.page, self.base, self.problems, self.seen = page, base, [], set()
        self.refused: set[str] = set()
        self.adapter = app.url_map.bind("localhost")

    def check(self, label: str) -> None:
        found = violations(self.page)
        if found:
            self.problems.append(f"{label} ({self.page.url}):\n  " + "\n  ".join(found))

    def note(self, role: str) -> str | None:
        """The endpoint the browser is on now, recorded as seen by `role`."""
        path = self.page.url[len(self.base):].split("?")[0]
        try:
            endpoint = self.adapter.match(path, method="GET")[0]
        except Exception:  # noqa: BLE001 - a URL outside the map: nothing to record
            return None
        self.seen.add((role, endpoint))
        return endpoint

    def visit(self, path: str, label: str, status: int = 200) -> int:
        response = self.page.goto(self.base + path)
        self.check(label)
        return response.status


def audit_role(app, page, base: str, role: str, data: dict) -> Audit:
    audit = Audit(page, base, app)
    if role != "anonymous":
        sign_in(page, base, EMAILS[role])
    routes = get_routes(app)
    forms = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    for endpoint, rule in sorted(routes.items()):
        if endpoint in SKIP or endpoint in JOURNEY or not allowed(endpoint, role) or (
                role != "anonymous" and endpoint == "auth.sign_in"):
            continue
        path = url_for_rule(endpoint, rule, data, role)
        status = audit.visit(path, f"{role} {endpoint}")
        landed = audit.note(role)
        if status == 200 and landed not in (endpoint, None, "auth.sign_in"):
            audit.seen.add((role, endpoint))  # this role's index sends it on to its own page
        elif status == EXPECTED_STATUS.get(endpoint, 200) and landed == endpoint:
            # The error state: the form sent empty. The layout of an error does not change
            # with the role, so the admin (who reaches every form) and the public send them.
            if endpoint in forms - NOT_SENT and role in ("anonymous", "admin") and \
                    empty_submit(page):
                audit.check(f"{role} {endpoint} sent empty")
                audit.seen.add((role, endpoint + " with errors"))
        elif status == 403 and role != "admin":
            audit.refused.add(endpoint)  # a per-object rule (e.g. not this org's page)
        elif role == "anonymous" and "/sign-in" in page.url:
            pass  # signed-out users are sent to sign in
        else:
            audit.problems.append(f"{role} {endpoint}: {path} answered {status} at {page.url}")
    audit.visit("/no-such-page", f"{role} 404", 404)
    if role not in ("admin", "anonymous"):
        assert audit.visit("/admin/users", f"{role} 403") == 403
    return audit


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role_passes_axe(app, live_server, page, role):
    demo_db.seed()
    data = sample_data()
    audit = audit_role(app, page, live_server, role, data)
    if role == "anonymous":
        # The journeys, each page also sent empty; then the closed states.
        walk_survey(audit, "anonymous", "/consultations/ics_wellbeing_offer/start")
        walk_survey(audit, "anonymous", f"/staff/{data['open_token']}/",
                    access_code=data["access_code"], prefer={"band": "3"})
        audit.visit("/consultations/framework_review/start", "closed consultation")
        assert page.get_by_role("heading", level=1).inner_text().endswith("closed")
        audit.visit(f"/staff/{data['args']['token']}/", "closed staff-voice wave")
        for endpoint in JOURNEY:
            assert ("anonymous", endpoint) in audit.seen, f"the journey missed {endpoint}"
    assert not audit.problems, "\n".join(audit.problems)
    visited = {e for r, e in audit.seen if r == role}
    if role != "anonymous":
        # Each page this role may reach rendered, or a per-object rule refused it.
        expected = {e for e in get_routes(app) if allowed(e, role)} - set(SKIP) - JOURNEY - {
            "auth.sign_in"}
        assert expected <= visited | audit.refused, f"{role} missed {expected - visited}"
    if role == "admin":  # the admin may see every page: together with the journeys, all of them
        missing = set(get_routes(app)) - set(SKIP) - JOURNEY - visited - {"auth.sign_in"}
        assert not missing, f"GET routes neither visited nor in SKIP: {sorted(missing)}"
