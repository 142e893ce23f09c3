"""Every item of an element rated on one page: saved together, an item left unrated stays so,
and a rating someone else changed meanwhile is not overwritten (the rest are saved)."""

from __future__ import annotations

from sqlalchemy import select

from app import definitions
from app.diagnostic import answers, cycles
from app.extensions import db
from app.models import ItemAnswer

ELEMENT = "environment"


def items():
    return definitions.diagnostic().element(ELEMENT).items()


def test_a_lead_rates_every_item_on_one_page(app, client_for, orgs):
    client, _ = client_for("org_lead")
    quick = cycles.start(orgs[0], "2026 Q2", "quick")
    db.session.commit()
    base = f"/diagnostic/a/{quick.id}/element/{ELEMENT}"
    assert "Rate every item on one page" in client.get(base).get_data(as_text=True)
    page = client.get(f"{base}/ratings").get_data(as_text=True)
    assert page.count('class="nhsuk-fieldset"') == len(items())
    data = {f"version_{i.id}": "0" for i in items()}
    data.update({f"rating_{i.id}": "3" for i in items()[:-1]})  # the last left unrated
    response = client.post(f"{base}/ratings", data=data)
    assert response.status_code == 302
    stored = {a.item_id: a.rating for a in db.session.scalars(select(ItemAnswer))}
    assert stored == {i.id: "3" for i in items()[:-1]}


def test_a_rating_changed_meanwhile_is_kept_and_shown(app, client_for, assessment, make_user):
    client, lead = client_for("org_lead")
    first, second = items()[0], items()[1]
    base = f"/diagnostic/a/{assessment.id}/element/{ELEMENT}/ratings"
    client.get(base)
    # a colleague rates the first item after this page was opened
    answers.save(assessment, first.id, 0, {"rating": "1"}, make_user("contributor"))
    data = {f"version_{i.id}": "0" for i in items()}
    data.update({f"rating_{first.id}": "3", f"rating_{second.id}": "2"})
    response = client.post(base, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "Someone else changed 1 rating" in page
    stored = {a.item_id: a.rating for a in db.session.scalars(select(ItemAnswer))}
    assert stored == {first.id: "1", second.id: "2"}  # theirs kept, the rest saved
    # saving again is a deliberate overwrite: the page now carries the newer version
    assert f'name="version_{first.id}" type="hidden" value="1"' in page.replace(
        f'id="version_{first.id}" ', "")


def test_an_out_of_date_page_is_an_error_that_saves_nothing(app, client_for, assessment):
    client, _ = client_for("org_lead")
    base = f"/diagnostic/a/{assessment.id}/element/{ELEMENT}/ratings"
    data = {f"version_{i.id}": "x" for i in items()}
    data[f"rating_{items()[0].id}"] = "3"
    response = client.post(base, data=data)
    assert response.status_code == 422
    assert "nhsuk-error-summary" in response.get_data(as_text=True)
    assert db.session.scalar(select(ItemAnswer)) is None
