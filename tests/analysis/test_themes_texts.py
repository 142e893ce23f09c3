"""The free texts behind the themes: each with its organisation, the framework's element and
item it was written against, and the row that keeps it (what an analyst tag points at); and
the pages and workbook that list them name that element and item."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from app import definitions
from app.analysis import ics, themes
from app.exports import ics_xlsx
from app.extensions import db
from app.models import Action, ItemAnswer
from tests.support.ics_system import ACTIONS, GAPS


def test_each_text_carries_its_element_item_and_row(hand_built, system):
    texts = themes.texts_of(ics.compile_system(system))
    survey = definitions.diagnostic()
    assert sorted((t.org.code, t.kind, t.text) for t in texts) == sorted(
        [(code, "gaps", text) for code, (_, text) in GAPS.items()]
        + [(code, "action", text) for code, (_, text) in ACTIONS.items()])
    for t in texts:
        assert t.item in t.element.items() and t.element is survey.element(t.element.id)
        assert t.item.id == t.source.item_id
        gap = isinstance(t.source, ItemAnswer)
        assert gap == (t.kind == "gaps") and isinstance(t.source, ItemAnswer | Action)
        assert (t.answer_id, t.action_id) == ((t.source.id, None) if gap else (None, t.source.id))
        assert t.key == f"{t.kind}-{t.source.id}"
    order = [e.id for e in survey.elements]
    assert [order.index(t.element.id) for t in texts] == sorted(
        order.index(t.element.id) for t in texts)


def test_the_pages_and_the_workbook_name_each_texts_element_and_item(hand_built, system,
                                                                      client_for):
    texts = themes.texts_of(ics.compile_system(system))
    tag = themes.create_tag(system, "Everything")
    assert themes.apply_tag(tag, texts) == len(texts)
    db.session.commit()
    client = client_for("ics_lead")[0]
    page = client.get("/ics/QZ9/themes/texts").text
    tag_page = client.get(f"/ics/QZ9/tags/{tag.id}").text
    rows = list(load_workbook(BytesIO(ics_xlsx.to_bytes(ics.compile_system(system))))[
        "Free text"].values)[1:]
    for t in texts:
        assert f"<td>{t.element.title}<span class=\"app-heat__note\">{t.item.prompt}</span>" in page
        assert f"<td>{t.org.name}</td><td>{t.element.title}</td>" in tag_page
        assert (t.org.name, t.element.title, t.item.prompt, t.kind_label) in [r[:4] for r in rows]
