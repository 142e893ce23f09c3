"""The responses list: search, filters (GET parameters, so a filtered list can be bookmarked)
and NHS.UK numbered pages that keep the filters."""

from __future__ import annotations

from flask import render_template, request, url_for

from app.analysis import consultation_listing as cl
from app.publishing import respondent_type_label
from app.views.admin_consultations.blueprint import bp
from app.views.consultations.hub import consultation_or_404
from app.views.pagination import numbered_pages, page_asked


def _pagination(survey, listing: cl.Listing) -> dict:
    """Every page's link keeps the filters."""
    def href(number: int) -> str:
        return url_for(".responses", survey_id=survey.id, **listing.filters.params(),
                       page=number)

    return numbered_pages(listing.page, listing.pages, href, "Pages of responses")


@bp.get("/<survey_id>/responses/")
def responses(survey_id: str):
    survey = consultation_or_404(survey_id)
    filters = cl.Filters.from_args(request.args, survey)
    listing = cl.listing(survey, filters, page_asked(request.args.get("page")))
    types = [(c.value, c.label) for c in survey.respondent_types] + [(cl.NOT_GIVEN, "Not given")]
    return render_template("admin_consultations/responses.html", survey=survey, listing=listing,
                           filters=filters, pagination=_pagination(survey, listing),
                           statuses=cl.STATUSES, consents=cl.CONSENTS, types=types,
                           consent_label=cl.consent_label,
                           type_label=lambda v: respondent_type_label(survey, v))
