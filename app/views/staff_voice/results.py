"""Results pages: an organisation's wave, and a system's latest waves, each with a page per
free-text question listing every comment. Every figure and comment comes from app.analysis,
suppressed; this module only lays it out."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from sqlalchemy import select

from app.analysis import comments as free_text
from app.analysis.results import system_results, wave_results
from app.analysis.suppression import HIDDEN
from app.analysis.trend import QuestionTrend, trend
from app.charts import band_answers, shares
from app.clock import today
from app.definitions import for_wave, get_survey
from app.extensions import db
from app.models import Organisation
from app.read_replica import may_use_replica
from app.views.pagination import numbered_pages, page_asked
from app.views.staff_voice.access import readable_system, readable_wave
from app.views.staff_voice.blueprint import bp

# Comments on a results page: a random sample, so the page stays small (the largest wave of a
# national run has tens of thousands per question); the "all comments" pages list the rest.
SAMPLE = 50
PER_PAGE = 50


@bp.get("/waves/<int:wave_id>/results")
@may_use_replica
def wave_results_page(wave_id: int):
    wave = readable_wave(wave_id)
    survey = for_wave(wave)
    results = wave_results(wave, survey, today(), comments=SAMPLE)
    trends = {t.question.id: (t, _trend_chart(t)) for t in trend(wave, today())}
    return render_template("staff_voice/results.html", results=results, wave=wave,
                           survey=survey, chart=band_answers, sample=SAMPLE, trends=trends)


def _trend_chart(found: QuestionTrend):
    """Each band's share, wave by wave; a hidden one is written, never drawn."""
    return shares(f"{found.question.label}: the share who {found.positive}, by band and "
                  "survey, as a bar chart. The table below has the same figures.",
                  [(f"{band}: {dates}", point.share if point.shown else None)
                   for band in found.bands for n, dates in enumerate(found.waves)
                   for point in [found.point(n, band)]],
                  HIDDEN, key=f"trend-{found.question.id}")


@bp.get("/waves/<int:wave_id>/results/comments/<question_id>")
@may_use_replica
def wave_comments_page(wave_id: int, question_id: str):
    wave = readable_wave(wave_id)
    survey = for_wave(wave)
    results = wave_results(wave, survey, today())
    if results is None:  # still open: no results of any kind yet
        abort(404)
    return _comments_page(results, question_id, wave=wave)


@bp.get("/systems/<int:system_id>/results")
@may_use_replica
def system_results_page(system_id: int):
    system, survey, org_ids = _readable_system(system_id)
    results = system_results(org_ids, survey, system.name, today(), comments=SAMPLE)
    return render_template("staff_voice/results.html", results=results, wave=None,
                           survey=survey, system=system, chart=band_answers, sample=SAMPLE)


@bp.get("/systems/<int:system_id>/results/comments/<question_id>")
@may_use_replica
def system_comments_page(system_id: int, question_id: str):
    system, survey, org_ids = _readable_system(system_id)
    return _comments_page(system_results(org_ids, survey, system.name, today()), question_id,
                          system=system)


def _readable_system(system_id: int):
    system = readable_system(system_id)
    survey = get_survey(request.args.get("survey", ""), kind="staff_voice")
    if survey is None:
        abort(404)
    org_ids = list(db.session.scalars(select(Organisation.id)
                                      .where(Organisation.system_id == system.id)))
    return system, survey, org_ids


def _comments_page(results, question_id: str, wave=None, system=None):
    found = next((qr for qr in results.questions
                  if qr.question.id == question_id and qr.question.kind.is_free_text), None)
    if found is None:
        abort(404)
    question = found.question
    page = page_asked(request.args.get("page"))
    # Only the waves the results page may quote: the same suppression rule, the same text.
    listing = free_text.page_of(found.comment_counts, question.id, page, PER_PAGE)
    return render_template("staff_voice/comments.html", results=results, question=question,
                           listing=listing, wave=wave, system=system, survey=results.survey,
                           pagination=_pagination(listing))


def _pagination(listing) -> dict:
    def href(number: int) -> str:
        # Only the arguments these pages read: other names could collide with the route's own
        # (wave_id) or url_for's (_external, _scheme).
        kept = {k: v for k, v in request.args.items() if k == "survey"}
        return url_for(request.endpoint, **request.view_args, **kept, page=number)

    return numbered_pages(listing.page, listing.pages, href, "Pages of comments")
