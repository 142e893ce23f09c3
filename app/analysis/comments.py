"""Free-text comments of staff-voice waves: a fair random sample for the results pages, and
every comment, page by page, for the "all comments" pages.

Which waves may show comments at all is decided in app.analysis.results (the suppression rule);
this module only reads the text of those waves. Comments never come in the order they arrived
(response ids rise with time), so neither the sample nor the pages follow that order.

A wave's comment count comes from the kept counts (value ANSWERED of the question), which are
exact for stored text: free text past its retention period is deleted while the counts stay, so
callers leave such waves out (see `retained`).
"""

from __future__ import annotations

import bisect
import hashlib
import random
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import Response, answers_table
from app.retention import is_due

# IN lists stay well under SQLite's oldest bound-parameter limit (999).
CHUNK = 900


def retained(wave, survey, today) -> bool:
    """False once the wave's free text is due for deletion: it is no longer shown."""
    days = survey.retention.free_text_days
    # Counted from the day it stopped taking responses (a lead may close a wave early).
    last_day = getattr(wave, "last_day", None) or wave.closes_on
    return not (days and is_due(last_day, days, today))


def _rng() -> random.Random:
    # A Mersenne Twister seeded from the OS: shuffling thousands of ids with SystemRandom
    # itself costs a system call per element.
    return random.Random(random.SystemRandom().getrandbits(128))


def _texts(response_ids: list[int], question_id: str) -> list[str]:
    """The answers of these responses, in the random order of `response_ids` (the database
    returns them in its own order, which follows arrival)."""
    a = answers_table.c
    place = {rid: i for i, rid in enumerate(response_ids)}
    found = []
    for start in range(0, len(response_ids), CHUNK):
        found += _core(select(a.response_id, a.value).where(
            a.response_id.in_(response_ids[start:start + CHUNK]), a.question_id == question_id))
    return [value for _, value in sorted(found, key=lambda row: place[row[0]])]


def _core(statement) -> list:
    # Plain rows through the session's connection: the ORM's result machinery costs more
    # than the query for tens of thousands of ids.
    return db.session.connection().execute(statement).all()


def _sample_wave(wave_id: int, question_id: str, k: int, comments: int, responses: int,
                 rng: random.Random) -> list[str]:
    """k comments chosen uniformly from one wave: a random set of its responses (drawn by the
    database), the first k of them that answered the question. Only response ids by wave and
    answers by response id are read, never every answer to the question, which for a large
    wave is tens of thousands of rows. Any response with a wave is a staff-voice one."""
    r = Response.__table__.c
    # Enough responses to find k comments at the wave's comment rate, with room to spare.
    want = max(50, (2 * k * responses) // max(comments, 1))
    order = [i for (i,) in _core(select(r.id).where(r.wave_id == wave_id)
                                 .order_by(func.random()).limit(want))]
    out = _texts(order, question_id)
    if len(out) < k and len(order) == want:  # an unlucky draw: go on through the rest
        chosen = set(order)
        rest = [i for (i,) in _core(select(r.id).where(r.wave_id == wave_id)) if i not in chosen]
        rng.shuffle(rest)
        for start in range(0, len(rest), CHUNK):
            out += _texts(rest[start:start + CHUNK], question_id)
            if len(out) >= k:
                break
    return out[:k]


def sample(counts: dict[int, tuple[int, int]], question_id: str, k: int) -> list[str]:
    """A uniform random sample of k comments (all of them when fewer) from waves whose counts
    are `counts` (wave id -> (comments, responses)), in random order. Each of the k draws
    picks a comment of the union, so a wave gets its share in proportion to its comments."""
    rng = _rng()
    waves = [w for w, (n, _) in counts.items() if n > 0]
    ends, total = [], 0
    for w in waves:
        total += counts[w][0]
        ends.append(total)
    per_wave: dict[int, int] = {}
    for index in rng.sample(range(total), min(k, total)):
        wave = waves[bisect.bisect_right(ends, index)]
        per_wave[wave] = per_wave.get(wave, 0) + 1
    out: list[str] = []
    for wave, n in per_wave.items():
        out += _sample_wave(wave, question_id, n, *counts[wave], rng)
    rng.shuffle(out)
    return out


@dataclass
class CommentPage:
    texts: list[str]
    total: int
    page: int  # 1-based
    pages: int
    per_page: int

    @property
    def first(self) -> int:
        """The number of this page's first comment (1-based)."""
        return (self.page - 1) * self.per_page + 1 if self.texts else 0

    @property
    def last(self) -> int:
        return self.first + len(self.texts) - 1 if self.texts else 0


def _keyed(value: int, key: bytes) -> bytes:
    return hashlib.blake2b(str(value).encode(), key=key, digest_size=8).digest()


def page_of(counts: dict[int, int], question_id: str, page: int, per_page: int) -> CommentPage:
    """Page `page` (clamped to the pages there are) of every comment in the waves whose comment
    counts are `counts` (wave id -> count), in an order that stays the same from page to page
    but is not the order they arrived in: waves, and each wave's comments, sorted by a keyed
    hash (BLAKE2b, the app's secret as key) of their ids, so no reader can work the arrival
    order out. The counts say which waves a page falls in, so only those are read: a system
    has hundreds of thousands of comments."""
    key = hashlib.sha256(str(current_app.config["SECRET_KEY"]).encode()).digest()
    total = sum(counts.values())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    start, end = (page - 1) * per_page, page * per_page
    a, r = answers_table.c, Response.__table__.c
    texts: list[str] = []
    before = 0  # comments in the waves before this one
    for wave_id in sorted((w for w, n in counts.items() if n), key=lambda w: _keyed(w, key)):
        if before >= end:
            break
        if before + counts[wave_id] > start:
            # A written answer is one row per response, so its response id names it.
            rows = _core(select(a.response_id, a.value).join(Response.__table__,
                                                              r.id == a.response_id)
                         .where(r.wave_id == wave_id, a.question_id == question_id))
            rows.sort(key=lambda row: _keyed(row[0], key))
            texts += [v for _, v in rows[max(start - before, 0):end - before]]
        before += counts[wave_id]
    return CommentPage(texts, total, page, pages, per_page)
