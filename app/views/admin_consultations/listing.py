"""The responses list: search, filters (GET parameters, so a filtered list can be bookmarked)
and NHS.UK numbered pages that keep the filters."""

from __future__ import annotations

from flask import render_template, request, url_for

from app.analysis import consultation_listing as cl
from app.publishing import respondent_type_label
from app.views.admin_consultations.blueprint import bp
from app.views.consultations.hub import consultation_or_404


def _page_asked() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


def _pagination(survey, listing: cl.Listing) -> dict:
    """The first and last pages, the current one and its neighbours, ellipses between; every
    link keeps the filters."""
    def href(number: int) -> str:
        return url_for(".responses", survey_id=survey.id, **listing.filters.params(),
                       page=number)

    shown = sorted({1, listing.pages, *range(listing.page - 1, listing.page + 2)}
                   & set(range(1, listing.pages + 1)))
    items, last = [], 0
    for number in shown:
        if number > last + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == listing.page})
        last = number
    params = {"items": items, "ariaLabel": "Pages of responses"}
    if listing.page > 1:
        params["previous"] = {"href": href(listing.page - 1)}
    if listing.page < listing.pages:
        params["next"] = {"href": href(listing.page + 1)}
    return params


@bp.get("/<survey_id>/responses/")
def responses(survey_id: str):
    survey = consultation_or_404(survey_id)
    filters = cl.Filters.from_args(request.args, survey)
    listing = cl.listing(survey, filters, _page_asked())
    types = [(c.value, c.label) for c in survey.respondent_types] + [(cl.NOT_GIVEN, "Not given")]
    return render_template("admin_consultations/responses.html", survey=survey, listing=listing,
                           filters=filters, pagination=_pagination(survey, listing),
                           statuses=cl.STATUSES, consents=cl.CONSENTS, types=types,
                           consent_label=cl.consent_label,
                           type_label=lambda v: respondent_type_label(survey, v))
