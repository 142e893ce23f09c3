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
from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Response, answers_table
from app.retention import is_due
from app.runner.store import ANONYMOUS_HIGH, ANONYMOUS_LOW

# IN lists stay well under SQLite's oldest bound-parameter limit (999).
CHUNK = 900
FIRST_BATCH = 50


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


def _answers(response_ids: list[int], question_id: str) -> dict[int, str]:
    """{response id: its answer to the question}, for those of these responses that gave one."""
    a = answers_table.c
    found: dict[int, str] = {}
    for start in range(0, len(response_ids), CHUNK):
        found.update(_core(select(a.response_id, a.value).where(
            a.response_id.in_(response_ids[start:start + CHUNK]), a.question_id == question_id)))
    return found


def _texts(response_ids: list[int], question_id: str) -> list[str]:
    """The answers of these responses, in the random order of `response_ids` (the database
    returns them in its own order, which follows arrival)."""
    found = _answers(response_ids, question_id)
    return [found[rid] for rid in response_ids if rid in found]


def _core(statement) -> list:
    # Plain rows through the session's connection: the ORM's result machinery costs more
    # than the query for tens of thousands of ids.
    return db.session.connection().execute(statement).all()


def _batches(wave_id: int, size: int, rng: random.Random) -> Iterator[list[int]]:
    """The wave's response ids from a random point on, going round past the last, in
    batches (the first of `size`, then twice as many each time), each shuffled. A
    staff-voice response's id is random (app/runner/store.py), so each batch is a random set
    of the wave's responses, found through the (wave_id, id) index without reading the rest
    of the wave (ORDER BY random() read it all: most of a system page's time)."""
    r = Response.__table__.c
    pivot = rng.randrange(ANONYMOUS_LOW, ANONYMOUS_HIGH)
    laps, after, batch = [r.id >= pivot, r.id < pivot], None, []
    while laps:
        wanted = size - len(batch)
        where = [r.wave_id == wave_id, laps[0]] + ([r.id > after] if after is not None else [])
        ids = [i for (i,) in _core(select(r.id).where(*where).order_by(r.id).limit(wanted))]
        batch += ids
        after = ids[-1] if ids else after
        if len(ids) < wanted:  # this lap is done
            laps.pop(0)
            after = None
        if len(batch) == size or (batch and not laps):
            rng.shuffle(batch)
            yield batch
            batch, size = [], size * 2


def sample(counts: dict[int, tuple[int, int]], question_id: str, k: int) -> list[str]:
    """A uniform random sample of k comments (all of them when fewer) from waves whose counts
    are `counts` (wave id -> (comments, responses)), in random order. Each of the k draws
    picks a comment of the union, so a wave gets its share in proportion to its comments;
    within a wave, the first of a random set of its responses that answered the question.
    Only response ids by wave and answers by response id are read, never every answer to the
    question, which for a large wave is tens of thousands of rows; the answers of every
    wave's set are read in one go. Any response with a wave is a staff-voice one."""
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
    # First, about twice the responses a wave's share needs at its comment rate, and at least
    # FIRST_BATCH: a response's chance to be in a batch is the span of ids it closes (random
    # gaps), so a longer batch evens the chances out (within about 1/sqrt(FIRST_BATCH)).
    batches = {w: _batches(w, max(FIRST_BATCH, 2 * n * counts[w][1] // max(counts[w][0], 1)), rng)
               for w, n in per_wave.items()}
    first = {w: next(b, []) for w, b in batches.items()}
    texts = _answers([i for ids in first.values() for i in ids], question_id)
    out: list[str] = []
    for wave, n in per_wave.items():
        found = [texts[i] for i in first[wave] if i in texts]
        while len(found) < n and (more := next(batches[wave], None)):  # an unlucky draw
            found += _texts(more, question_id)
        out += found[:n]
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
