"""The theme workbench through its pages (app/views/themes/workbench.py), on a consultation's
free-text question: find themes, decide on each, tag (the model maps the rest), sign off; the
counts by respondent type; a second analyst's blind sample and the agreement shown; and bad
input refused with a message, never a 500."""

from __future__ import annotations

import io
import json
import re

from pypdf import PdfReader
from sqlalchemy import select

from app import consultations
from app.analysis.theming import corpora, store
from app.definitions import get_survey
from app.extensions import db
from app.models import AuditEvent, ConsultationResponse, ThemeAnalysis
from app.models.base import utcnow
from tests.support.themes import seed_consultation

BASE = "/admin/consultations/framework_review/themes/what_was_missing"


def _analysis() -> ThemeAnalysis:
    db.session.expire_all()
    return db.session.scalar(select(ThemeAnalysis))


def test_an_admin_finds_decides_tags_and_signs_off(app, client_for):
    seed_consultation(160)
    admin, _ = client_for("admin")
    listing = admin.get("/admin/consultations/framework_review/themes/").get_data(as_text=True)
    assert "Not looked for yet" in listing and BASE in listing
    assert "Find themes" in admin.get(f"{BASE}/").get_data(as_text=True)
    assert admin.post(f"{BASE}/find").status_code == 302
    analysis = _analysis()
    assert analysis.texts == 160 and len(analysis.themes) >= 3
    first, second, *rest = analysis.themes

    # Signing off before deciding is refused, with the reason.
    refused = admin.post(f"{BASE}/sign-off", follow_redirects=True).get_data(as_text=True)
    assert "Accept, rename, merge or discard every found theme" in refused
    admin.post(f"{BASE}/theme/{first.id}", data={f"t{first.id}-action": "rename",
                                                 f"t{first.id}-name": "Staffing and workload"})
    admin.post(f"{BASE}/theme/{second.id}", data={f"t{second.id}-action": "merge",
                                                  f"t{second.id}-into": str(first.id)})
    for theme in rest:
        admin.post(f"{BASE}/theme/{theme.id}", data={f"t{theme.id}-action": "accept"})
    added = admin.post(f"{BASE}/add", data={"name": "Pay and money worries"})
    assert added.status_code == 302 and added.headers["Location"].endswith("/tag")
    analysis = _analysis()
    names = {t.name: t for t in analysis.themes if t.status == "accepted"}
    assert "Staffing and workload" in names and second.status == "discarded"

    # Tag from a search, selecting every match, then from the least-sure queue.
    search = admin.get(f"{BASE}/tag?q=pay&all=yes&select=all").get_data(as_text=True)
    keys = [k for k in json.loads(json.dumps(
        [line.split('value="')[1].split('"')[0] for line in search.split("\n")
         if 'name="keys"' in line]))]
    assert keys and search.count(" checked") >= len(keys)
    money = names["Pay and money worries"]
    tagged = admin.post(f"{BASE}/tag?q=pay&all=yes", data={
        "keys": keys, "themes": [money.key], "mode": "replace"})
    assert tagged.status_code == 302
    analysis = _analysis()
    assert len([c for c in analysis.codes if c.coder == "analyst"]) >= len(keys)
    mapping = analysis.loaded("mapping")
    assert len(mapping) + len(analysis.codes) >= 160  # every text has the analyst's or model's

    page = admin.get(f"{BASE}/").get_data(as_text=True)
    assert "Pay and money worries" in page and 'id="theme-counts"' in page
    assert admin.post(f"{BASE}/sign-off").status_code == 302
    assert _analysis().signed_off
    listing = admin.get("/admin/consultations/framework_review/themes/").get_data(as_text=True)
    assert "Signed off" in listing
    # Signed off: nothing changes until it is reopened.
    locked = admin.post(f"{BASE}/theme/{first.id}", data={f"t{first.id}-action": "discard"},
                        follow_redirects=True)
    assert "reopen them to change anything" in locked.get_data(as_text=True)
    reopened = admin.post(f"{BASE}/reopen", follow_redirects=True).get_data(as_text=True)
    assert "Reopened: the reports leave the themes out" in reopened
    assert not _analysis().signed_off
    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"themes_found", "theme_decided", "theme_added", "themes_tagged",
            "themes_signed_off", "themes_reopened"} <= actions


def test_a_second_analyst_codes_blind_and_agreement_is_shown(app, client_for):
    seed_consultation(120)
    admin, _ = client_for("admin")
    admin.post(f"{BASE}/find")
    analysis = _analysis()
    for theme in analysis.themes:
        admin.post(f"{BASE}/theme/{theme.id}", data={f"t{theme.id}-action": "accept"})
    target = analysis.themes[0].key
    second, _ = client_for("admin", email="second@example.nhs.uk")
    sample = second.get(f"{BASE}/second").get_data(as_text=True)
    assert "without looking at anyone else" in sample
    for _ in range(8):
        page = second.get(f"{BASE}/second").get_data(as_text=True)
        keys = re.findall(r'value="(r[0-9]+)"', page)
        if not keys:
            break
        assert second.post(f"{BASE}/second", data={"keys": keys, "themes": [target],
                                                    "mode": "replace"}).status_code == 302
        store.tag(_analysis(), keys, {target}, "admin@example.nhs.uk")  # the first analyst
        db.session.commit()
    assert "The whole sample is coded" in page
    page = admin.get(f"{BASE}/").get_data(as_text=True)
    table = page.split('id="analyst-agreement"')[1].split("</table>")[0]
    assert "1.00" in table  # they agreed on every text both coded


def test_bad_input_is_explained_never_a_500(app, client_for):
    admin, _ = client_for("admin")
    seed_consultation(8)
    refused = admin.post(f"{BASE}/find", follow_redirects=True)
    assert refused.status_code == 200
    assert "finding themes needs at least 20" in refused.get_data(as_text=True)
    assert admin.get(f"{BASE}/tag").status_code == 302  # nothing to tag yet: the workbench
    assert admin.get("/admin/consultations/framework_review/themes/nope/").status_code == 404
    seed_consultation(60, start=8)
    admin.post(f"{BASE}/find")
    empty = admin.post(f"{BASE}/add", data={"name": "   "}, follow_redirects=True)
    assert "Enter a name for the theme" in empty.get_data(as_text=True)
    theme = _analysis().themes[0]
    clash = admin.post(f"{BASE}/add", data={"name": theme.name.upper()}, follow_redirects=True)
    assert "There is already a theme called" in clash.get_data(as_text=True)
    nothing = admin.post(f"{BASE}/tag", data={"themes": [theme.key], "mode": "replace"})
    assert nothing.status_code == 422
    assert "Select at least one text" in nothing.get_data(as_text=True)


def test_signed_off_themes_reach_the_summary_pdf_and_quote_only_published_consent(
        app, client_for):
    corpus_texts = seed_consultation(60)
    survey = get_survey("framework_review", kind="consultation")
    question = next(q for q in corpora.free_text_questions(survey)
                    if q.id == "what_was_missing")
    corpus = corpora.consultation(survey, question)
    analysis = store.run_discovery(corpus, "admin@example.nhs.uk")
    for theme in analysis.themes:
        theme.status = "discarded"
    pay = store.add(analysis, "Pay and money worries")
    consented, refused = corpus.entries[0], corpus.entries[1]  # even: consented, odd: not
    store.tag(analysis, [consented.key, refused.key], {pay.key}, "admin@example.nhs.uk")
    store.remap(analysis, corpus)
    store.sign_off(analysis, "admin@example.nhs.uk")
    row = db.session.get(ConsultationResponse, int(consented.key[1:]))
    row.published_at, row.published_by = utcnow(), "admin@example.nhs.uk"
    db.session.commit()

    admin, _ = client_for("admin")
    reader = PdfReader(io.BytesIO(admin.get("/admin/consultations/framework_review/report.pdf"
                                            ).data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Themes in what people wrote" in text and "Pay and money worries" in text
    assert " ".join(corpus_texts[0].split())[:40] in text
    assert " ".join(corpus_texts[1].split())[:40] not in text
    consultations.close_now(survey, reason="done")
    db.session.commit()
    summary = admin.get("/admin/consultations/framework_review/summary").get_data(as_text=True)
    raised = summary.split('id="themes-for-you-said"')[1].split("</div>")[0]
    assert "Pay and money worries:" in raised
