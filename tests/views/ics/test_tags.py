"""Analyst tags through the pages (app/views/ics/tags.py): an ICS lead makes, applies, renames
and removes one; bad input is refused on its field; another system's tag is not found."""

from __future__ import annotations

import re

from app.analysis import ics, themes
from app.extensions import db
from app.models import Action, AnalystTag, System
from tests.support.clients import csrf_token
from tests.support.dbutil import count


def test_ics_lead_creates_applies_renames_and_removes_a_tag(hand_built, app, client_for):
    client = client_for("ics_lead")[0]
    app.config["WTF_CSRF_ENABLED"] = True  # as in production, once signed in
    page = _page(client, "/ics/QZ9/themes")
    assert "night staff" in page.text
    response = client.post("/ics/QZ9/themes", data={"name": "Access for night staff",
                                                   "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    tag = db.session.query(AnalystTag).one()

    # a second tag with the same name (any case) is refused, with the error summary
    page = _page(client, "/ics/QZ9/themes")
    again = client.post("/ics/QZ9/themes", data={"name": "access FOR night staff",
                                                "csrf_token": csrf_token(page.text)})
    assert again.status_code == 422
    assert "There is already a tag called" in again.text and "<title>Error: " in again.text

    page = _page(client, "/ics/QZ9/themes/texts?q=night+staff")
    assert page.text.count("Night staff") + page.text.count("night staff") >= 3
    keys = [t.key for t in themes.matching(themes.texts_of(ics.compile_system(
        db.session.get(System, tag.system_id))), "night staff")]
    response = client.post("/ics/QZ9/themes/texts?q=night+staff", data={
        "tag": str(tag.id), "texts": keys[:2], "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert count("ics_tag_assignments") == 2

    page = _page(client, f"/ics/QZ9/tags/{tag.id}")
    assert "2 texts from 2 organisations: Alpha Trust, Beta Trust" in page.text
    renamed = client.post(f"/ics/QZ9/tags/{tag.id}", data={
        "name": "Night access", "csrf_token": csrf_token(page.text)})
    assert renamed.status_code == 302
    db.session.refresh(tag)
    assert tag.name == "Night access"
    themes_page = _page(client, "/ics/QZ9/themes")
    assert "Night access" in themes_page.text

    page = _page(client, f"/ics/QZ9/tags/{tag.id}")
    removed = client.post(f"/ics/QZ9/tags/{tag.id}/remove", data={
        "text": keys[0], "csrf_token": csrf_token(page.text)})
    assert removed.status_code == 302 and count("ics_tag_assignments") == 1
    deleted = client.post(f"/ics/QZ9/tags/{tag.id}/delete", data={
        "csrf_token": csrf_token(page.text)})
    assert deleted.status_code == 302
    assert count("ics_tags") == 0 and count("ics_tag_assignments") == 0


def test_tag_forms_refuse_bad_input(hand_built, client_for):
    client = client_for("ics_lead")[0]
    empty = client.post("/ics/QZ9/themes", data={"name": "   "})
    assert empty.status_code == 422 and "Enter a name for the tag" in empty.text
    long = client.post("/ics/QZ9/themes", data={"name": "x" * 81})
    assert long.status_code == 422 and "80 characters or fewer" in long.text
    client.post("/ics/QZ9/themes", data={"name": "Rest"})
    nothing = client.post("/ics/QZ9/themes/texts", data={"tag": "1"})
    assert nothing.status_code == 422 and "Select at least one text" in nothing.text
    assert client.get("/ics/QZ9/tags/999").status_code == 404


def test_a_tag_from_another_system_is_not_found(hand_built, client_for):
    other = System(code="QX1", name="Other ICS")
    db.session.add(other)
    db.session.flush()
    foreign = themes.create_tag(other, "Theirs")
    db.session.commit()
    client = client_for("admin")[0]
    assert client.get(f"/ics/QZ9/tags/{foreign.id}").status_code == 404
    assert client.post(f"/ics/QZ9/tags/{foreign.id}/delete").status_code == 404


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


def test_texts_filter_group_identical_ones_and_select_all(hand_built, system, app,
                                                         client_for):
    # Alpha Trust copies Beta Trust's action word for word.
    assessed = {r.org.code: r.assessment for r in ics.compile_system(system).assessed}
    beta, alpha = assessed["BE2"], assessed["AL1"]
    copied = next(a for a in beta.actions)
    alpha.actions.append(Action(item_id=copied.item_id, what=copied.what.upper() + "!",
                                owner="", status="not_started"))
    db.session.add(AnalystTag(system_id=system.id, name="Weekend"))
    db.session.commit()
    client = client_for("ics_lead")[0]
    page = client.get("/ics/QZ9/themes/texts?kind=action").get_data(as_text=True)
    assert "Alpha Trust, Beta Trust (2 times): RUN A WEEKEND CLINIC!" in page
    assert "Night staff cannot reach" not in page  # a gap, filtered out
    only_gamma = client.get("/ics/QZ9/themes/texts?org=GA3").get_data(as_text=True)
    assert "Weekend clinic for carers" in only_gamma and "Run a weekend clinic" not in only_gamma
    chosen = client.get("/ics/QZ9/themes/texts?kind=action&select=all").get_data(as_text=True)
    assert chosen.count(" checked") == 2  # two choices: the pair and Gamma's
    values = [v for v in re.findall(r'name="texts" type="checkbox" value="([^"]+)"', chosen)]
    tag = db.session.query(AnalystTag).one()
    response = client.post("/ics/QZ9/themes/texts?kind=action",
                           data={"tag": str(tag.id), "texts": values})
    assert response.status_code == 302
    assert count("ics_tag_assignments") == 3  # the pair counts twice
