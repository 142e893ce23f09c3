"""Free-text comments: the results page shows a random sample and the total, the "all comments"
pages list every comment exactly once, and nothing is shown where the group is too small or the
text is past its retention period. Outputs that show no comments never read them."""

from __future__ import annotations

import html
import re
import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.analysis import comments as free_text
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import AuditEvent
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from app.views.staff_voice import results as views

QUESTION = "what_would_help"
COMMENT = re.compile(r'<blockquote class="app-comment">(.*?)</blockquote>', re.S)


def _wave(org, n: int, closes=None, commenting=None, prefix="Comment"):
    """A closed wave with n band-3 responses; the first `commenting` (default all) write
    "<prefix> <i>" to QUESTION."""
    closes = closes or today() - timedelta(days=1)
    wave = launch(org, "staff_voice_bands_2_4", closes - timedelta(days=10), closes)
    survey = for_wave(wave)
    for i in range(n):
        answers = {"band": "3", "staff_group": "admin_and_clerical", "shift_pattern": "days"}
        if commenting is None or i < commenting:
            answers[QUESTION] = f"{prefix} {i}"
        record_submission(wave, survey, answers, secrets.token_hex(8), closes)
    db.session.commit()
    return wave


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "SAMPLE", 5)
    monkeypatch.setattr(views, "PER_PAGE", 7)


def _comments(page: str) -> list[str]:
    return [html.unescape(c) for c in COMMENT.findall(page)]


def test_results_page_samples_and_the_pages_list_every_comment_once(
        client, make_user, sign_in, orgs, small_pages):
    wave = _wave(orgs[0], 30)
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    shown = _comments(page)
    assert len(shown) == 5 and len(set(shown)) == 5
    assert "5 of 30 comments, chosen at random" in page
    link = f"/staff-voice/waves/{wave.id}/results/comments/{QUESTION}"
    assert f'href="{link}"' in page and "See all 30 comments" in page

    seen = []
    first = client.get(link).text
    assert "Comments 1 to 7 of 30" in first
    assert 'class="nhsuk-pagination' in first and 'aria-current="page"' in first
    for number in range(1, 6):
        listing = client.get(f"{link}?page={number}").text
        seen += _comments(listing)
    assert sorted(seen) == sorted(f"Comment {i}" for i in range(30))  # all, each once
    assert set(shown) <= set(seen)
    # The same order on every visit (a page can be bookmarked), but not the arrival order.
    assert _comments(client.get(f"{link}?page=1").text) == seen[:7]
    # A query naming the route's own argument or url_for's is not copied into the page links.
    hostile = client.get(f"{link}?page=2&wave_id=999&_external=1&_scheme=javascript")
    assert hostile.status_code == 200 and "javascript:" not in hostile.text
    assert f'href="{link}?page=3"' in hostile.text
    assert seen != [f"Comment {i}" for i in range(30)]
    assert "Comments 29 to 30 of 30" in client.get(f"{link}?page=99").text  # the last page
    assert client.get(f"/staff-voice/waves/{wave.id}/results/comments/band").status_code == 404
    assert client.get(f"/staff-voice/waves/{wave.id}/results/comments/x").status_code == 404


def test_a_page_of_few_comments_shows_them_all_without_a_link(
        client, make_user, sign_in, orgs, small_pages):
    wave = _wave(orgs[0], 25, commenting=3)
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert sorted(_comments(page)) == ["Comment 0", "Comment 1", "Comment 2"]
    assert "3 comments." in page and "See all" not in page


def test_small_groups_show_no_comments_on_any_page(client, make_user, sign_in, orgs, system):
    wave = _wave(orgs[0], 21)  # under twice the minimum group size of 11
    _wave(orgs[1], 30)
    sign_in(make_user("admin"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert not _comments(page) and "Comments are shown only where at least 22" in page
    listing = client.get(f"/staff-voice/waves/{wave.id}/results/comments/{QUESTION}").text
    assert not _comments(listing) and "Comments are shown only where at least 22" in listing
    # The system's pages quote only the other organisation's comments.
    base = f"/staff-voice/systems/{system.id}/results"
    everything = client.get(f"{base}/comments/{QUESTION}?survey=staff_voice_bands_2_4").text
    assert "of 30." in everything
    assert len(_comments(client.get(f"{base}?survey=staff_voice_bands_2_4").text)) == 30


def test_comments_past_retention_are_not_shown(client, make_user, sign_in, orgs):
    from app.definitions import get_survey

    days = get_survey("staff_voice_bands_2_4", kind="staff_voice").retention.free_text_days
    assert days
    wave = _wave(orgs[0], 25, closes=today() - timedelta(days=days + 1))
    sign_in(make_user("org_lead"))
    page = client.get(f"/staff-voice/waves/{wave.id}/results").text
    assert not _comments(page) and f"deleted {days} days after" in page
    listing = client.get(f"/staff-voice/waves/{wave.id}/results/comments/{QUESTION}").text
    assert not _comments(listing)


def test_the_comments_pages_are_audited_and_guarded(client, make_user, sign_in, orgs):
    wave = _wave(orgs[0], 25)
    path = f"/staff-voice/waves/{wave.id}/results/comments/{QUESTION}"
    sign_in(make_user("org_lead", email="other@example.nhs.uk", org=orgs[1]))
    assert client.get(path).status_code == 403
    client.post("/sign-out")
    sign_in(make_user("org_lead"))
    assert client.get(path).status_code == 200
    actions = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "staff_voice_comments_viewed" in actions


def test_a_sample_is_uniform_over_the_waves_comments(app, orgs):
    """Each wave's share of a sample follows its share of the comments, and no comment is
    drawn twice."""
    big = _wave(orgs[0], 90, commenting=60, prefix="Big")  # 60 comments of 90 responses
    small = _wave(orgs[1], 20, prefix="Small")
    counts = {big.id: (60, 90), small.id: (20, 20)}
    drawn = [free_text.sample(counts, QUESTION, 40) for _ in range(20)]
    assert all(len(d) == len(set(d)) == 40 for d in drawn)
    from_small = sum(1 for d in drawn for text in d if text.startswith("Small"))
    assert 0.15 < from_small / (40 * 20) < 0.35  # a quarter expected
    everything = free_text.sample(counts, QUESTION, 500)
    assert len(everything) == 80  # asked for more than there are: every comment, once


def test_every_comment_of_a_wave_is_as_likely_to_be_drawn(app, orgs):
    """Within a wave the sample reads a batch of responses from a random point of their
    (random) ids, going round past the last: the comments with the lowest and highest ids
    come up as often as the rest (without going round, the lowest would be about ten times
    rarer)."""
    wave = _wave(orgs[0], 40)
    times = dict.fromkeys((f"Comment {i}" for i in range(40)), 0)
    for _ in range(1200):
        (drawn,) = free_text.sample({wave.id: (40, 40)}, QUESTION, 1)
        times[drawn] += 1
    assert min(times.values()) >= 8 and max(times.values()) <= 70  # 30 expected each


def test_an_unlucky_first_batch_reads_on_until_the_share_is_found(app, orgs, monkeypatch):
    """When a wave's first batch of responses holds fewer comments than its share (the kept
    count said more comment than do), the sample reads on, in growing batches and round past
    the last id, until it has them: all 4 comments among 40 responses, every time."""
    monkeypatch.setattr(free_text, "FIRST_BATCH", 1)
    wave = _wave(orgs[0], 40, commenting=4)
    for _ in range(30):  # the first batch is 8 responses: most draws must read on
        drawn = free_text.sample({wave.id: (40, 40)}, QUESTION, 4)
        assert sorted(drawn) == [f"Comment {i}" for i in range(4)]


def wave_results_sample_reads_comments(org) -> bool:
    """The check below would pass vacuously if the wave had no comments to read."""
    from app.analysis.results import wave_results
    from app.staff_voice.closing import latest_closed_waves

    wave = latest_closed_waves([org.id], "staff_voice_bands_2_4", today())[0]
    results = wave_results(wave, for_wave(wave), today(), comments=5)
    return any(q.comments for q in results.questions)


def test_outputs_without_comments_never_read_them(client, make_user, sign_in, orgs, system,
                                                  monkeypatch):
    from app.analysis import ics
    from app.diagnostic import cycles
    from app.reports import ics_report

    _wave(orgs[0], 25)
    for org in orgs:
        cycles.start(org, "2026 Q1")
    db.session.commit()
    assert wave_results_sample_reads_comments(orgs[0])

    def refuse(*args, **kwargs):
        raise AssertionError("comments were read for an output that does not show them")

    monkeypatch.setattr(free_text, "sample", refuse)
    monkeypatch.setattr(free_text, "page_of", refuse)
    assert ics_report.build(ics.compile_system(system)).startswith(b"%PDF")
    sign_in(make_user("admin"))
    assert client.get(f"/ics/{system.code}/evidence-gaps").status_code == 200
    assert client.get(f"/ics/{system.code}/report.pdf").status_code == 200


def test_the_system_pages_list_every_comment_of_every_wave_once(
        client, make_user, sign_in, orgs, system, small_pages):
    _wave(orgs[0], 25, prefix="Alpha")
    _wave(orgs[1], 24, prefix="Beta")
    sign_in(make_user("ics_lead"))
    base = f"/staff-voice/systems/{system.id}/results"
    page = client.get(f"{base}?survey=staff_voice_bands_2_4").text
    assert len(_comments(page)) == 5 and "5 of 49 comments" in page
    link = f"{base}/comments/{QUESTION}?survey=staff_voice_bands_2_4"
    assert html.escape(link) in page
    seen = []
    for number in range(1, 8):  # 49 comments, 7 a page
        seen += _comments(client.get(f"{link}&page={number}").text)
    assert sorted(seen) == sorted([f"Alpha {i}" for i in range(25)]
                                  + [f"Beta {i}" for i in range(24)])
