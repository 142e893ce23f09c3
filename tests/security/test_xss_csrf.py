"""R6: XSS payloads typed into free-text fields come out escaped in HTML, as literal text in PDFs,
and as text (never formulas) in spreadsheets and CSV; every POST route refuses a post without a
CSRF token."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
from freezegun import freeze_time
from pypdf import PdfReader
from sqlalchemy import func, select

from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, ItemAnswer
from app.models.ics import AnalystTag
from tests.support.clients import PASSWORD, csrf_token
from tests.support.framework_review import BASE, FIRST_PAGES, answer_all

SCRIPT = '<script>alert("hwb")</script>'
IMG = "<img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
ITEM = "ph_mental_health_offer"


def assert_escaped(html: str, marker: str) -> None:
    """The payload is shown as text: escaped, never as live markup."""
    assert SCRIPT not in html and IMG not in html
    assert f"&lt;script&gt;alert(&#34;hwb&#34;)&lt;/script&gt;{marker}" in html or \
        f"&lt;script&gt;alert(&quot;hwb&quot;)&lt;/script&gt;{marker}" in html, marker


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def no_formulas(xlsx: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell is a formula"
    return [c.value for c in cells if isinstance(c.value, str)]


def test_diagnostic_texts_are_escaped_in_html_pdf_and_xlsx(app, orgs, make_user, sign_in,
                                                          client):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    texts = {f: f"{SCRIPT}{f}-{IMG}" for f in ("offer", "evidence", "gaps")}
    assessment.answers.append(ItemAnswer(item_id=ITEM, rating="2", evidence_links=FORMULA,
                                         version=1, **texts))
    assessment.actions.append(Action(item_id=ITEM, what=f"{SCRIPT}action", owner=FORMULA,
                                     due=None, status="in_progress"))
    db.session.commit()
    sign_in(make_user("org_lead", org=orgs[0]))
    base = f"/diagnostic/a/{assessment.id}"
    html = client.get(f"{base}/item/{ITEM}").get_data(as_text=True)
    for field in texts:
        assert_escaped(html, field)
    report = client.get(f"{base}/report.pdf")
    assert report.status_code == 200
    text = pdf_text(report.data)
    assert 'alert("hwb")' in text  # printed literally, as typed
    values = no_formulas(client.get(f"{base}/workbook.xlsx").data)
    assert any(v.startswith("<script>") for v in values)
    assert not [v for v in values if v.startswith(("=", "+", "-", "@"))]


def test_consultation_answers_and_summary_are_escaped_everywhere(app, client, make_user, sign_in):
    pages = list(FIRST_PAGES)
    pages[1] = ("framework_use", {**FIRST_PAGES[1][1], "what_helped": f"{SCRIPT}helped",
                                  "what_was_missing": FORMULA})
    with freeze_time("2020-03-10 12:00:00"):
        html = answer_all(client, pages).get_data(as_text=True)
        assert_escaped(html, "helped")  # check your answers
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    admin = app.test_client()
    user = make_user("admin")
    admin.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    base = "/admin/consultations/framework_review"
    response_id = re.search(r"/responses/(\d+)", admin.get(f"{base}/responses/").get_data(
        as_text=True)).group(1)
    page = admin.get(f"{base}/responses/{response_id}").get_data(as_text=True)
    assert_escaped(page, "helped")
    exported = admin.get(f"{base}/responses.csv", buffered=True).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["what_helped"] == f"{SCRIPT}helped"
    assert rows[0]["what_was_missing"] == "'" + FORMULA
    values = no_formulas(admin.get(f"{base}/responses.xlsx", buffered=True).data)
    assert "'" + FORMULA in values
    admin.post(f"{base}/responses/{response_id}/publish")  # published excerpts go in the PDF
    assert 'alert("hwb")' in pdf_text(admin.get(f"{base}/report.pdf", buffered=True).data)


def test_we_asked_you_said_we_did_is_escaped_everywhere(app, runner, make_user, sign_in,
                                                        client, tmp_path):
    """The summary published after the close: shown escaped on the public and admin pages,
    literally in the PDF (web and `flask report consultation`), never as a formula."""
    texts = {"we_asked": f"{SCRIPT}asked", "you_said": f"{FORMULA}\n\n{SCRIPT}said-{IMG}",
             "we_did": f"@SUM(1){SCRIPT}did"}
    sign_in(make_user("admin"))
    base = "/admin/consultations/framework_review"
    saved = client.post(f"{base}/summary", data={**texts, "action": "publish"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    public = client.get("/consultations/framework_review/").get_data(as_text=True)
    for marker in ("asked", "said-", "did"):
        assert_escaped(public, marker)
    assert "HYPERLINK(&#34;http://evil.example&#34;" in public \
        or "HYPERLINK(&quot;http://evil.example&quot;" in public
    form = client.get(f"{base}/summary").get_data(as_text=True)  # the texts back in the form
    for marker in ("asked", "said-", "did"):
        assert_escaped(form, marker)
    out = tmp_path / "summary.pdf"
    result = runner.invoke(args=["report", "consultation", "framework_review", "-o", str(out)])
    assert result.exit_code == 0, result.output
    for text in (pdf_text(out.read_bytes()),
                 pdf_text(client.get(f"{base}/report.pdf", buffered=True).data)):
        flat = "".join(text.split())
        for marker in ("asked", "said-", "did"):
            assert f'<script>alert("hwb")</script>{marker}' in flat, marker
        assert FORMULA.replace(" ", "") in flat and "onerror=alert(2)" in flat
    # Response exports do not carry the summary today; whatever they carry is never a formula.
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"responses.{fmt}"
        result = runner.invoke(args=["export", "responses", "framework_review", "--format", fmt,
                                     "-o", str(path)])
        assert result.exit_code == 0, result.output
        values = (no_formulas(path.read_bytes()) if fmt == "xlsx" else
                  [v for row in csv.reader(io.StringIO(path.read_text())) for v in row])
        assert not [v for v in values if v.startswith(("=", "+", "-", "@"))]


def test_organisation_and_tag_names_are_escaped(app, orgs, system, make_user, sign_in, client):
    orgs[0].name = f"{SCRIPT}org"
    tag = AnalystTag(system_id=system.id, name=f"{SCRIPT}tag")
    db.session.add(tag)
    db.session.commit()
    sign_in(make_user("admin"))
    assert_escaped(client.get("/admin/organisations").get_data(as_text=True), "org")
    html = client.get(f"/ics/{system.code}/tags/{tag.id}").get_data(as_text=True)
    assert_escaped(html, "tag")


def table_rows() -> int:
    total = 0
    for table in db.metadata.sorted_tables:
        total += db.session.scalar(select(func.count()).select_from(table))
    return total


def test_every_post_route_refuses_a_post_without_a_csrf_token(csrf_app, orgs, system,
                                                              make_user):
    """Signed in as an admin (who may reach every admin route), each POST without a token
    changes nothing stored and is not a success."""
    from tests.support.access_table import sample_url

    user = make_user("admin")
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    assert client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                         "csrf_token": token}).status_code == 302
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    posted = 0
    for rule in csrf_app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "auth.sign_in":
            continue
        url = sample_url(rule).replace("/a/1/", f"/a/{assessment.id}/").replace(
            "/a/1", f"/a/{assessment.id}")
        before = table_rows()
        response = client.post(url, data={"name": "Posted", "code": "QX1", "what": "x",
                                          "rating": "2", "version": "0", "number": "5"})
        db.session.expire_all()
        assert response.status_code < 500, url
        assert table_rows() == before, f"POST {url} without a token changed the database"
        posted += 1
    assert posted >= 30
    # The sign-in form itself: no token, no session.
    fresh = csrf_app.test_client()
    response = fresh.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code != 302 or "/sign-in" in response.headers["Location"]
    assert fresh.get("/admin/").status_code == 302
