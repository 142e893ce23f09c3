"""Staff-voice counts: kept up to date in the same transaction as each submission, and rebuilt
from the raw answers on demand (`flask analysis rebuild`).

For every wave, band, question and answer value we keep how many respondents gave it, and a row
with value ANSWERED for how many answered the question at all (the group size a question's
results are suppressed on). Free-text questions get only the ANSWERED row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.definitions import for_wave
from app.extensions import db
from app.models import Response, answers_table
from app.models.staff_voice import AnswerCount, BandCount, Wave
from app.staff_voice.responses import band_of
from app.surveys import Survey

ANSWERED = "*"  # never a choice value (values are snake_case), so it cannot clash


def count_pairs(survey: Survey, answers: dict) -> list[tuple[str, str]]:
    """(question id, value) pairs a response adds to the counts, with ANSWERED rows."""
    pairs: list[tuple[str, str]] = []
    for question in survey.questions():
        for key in question.answer_keys():
            value = answers.get(key)
            if value in (None, "", []):
                continue
            pairs.append((key, ANSWERED))
            pairs.extend((key, v) for v in question.kind.counted_values(question, value))
    return pairs


_UPSERTS: dict = {}


def _upsert(table, rows: list[dict], index: list[str]) -> None:
    """Add each row's n to the stored n, inserting rows that are new.

    One statement per table and dialect, run as an executemany: its compiled form is cached, so a
    submission's thirty-odd count rows cost no SQL compilation (a multi-row VALUES would be
    compiled afresh for every response, as its shape varies).
    """
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    table = table.__table__  # Core, not ORM bulk insert: a plain executemany
    stmt = _UPSERTS.get((dialect, table.name))
    if stmt is None:
        module = postgresql if dialect == "postgresql" else sqlite
        insert = module.insert(table)
        stmt = _UPSERTS[(dialect, table.name)] = insert.on_conflict_do_update(
            index_elements=index, set_={"n": table.c.n + insert.excluded.n})
    db.session.connection().execute(stmt, rows)


def add_counts(wave_id: int, band: str, pairs: Iterable[tuple[str, str]], times: int = 1) -> None:
    tally = Counter(pairs)
    _upsert(AnswerCount, [
        {"wave_id": wave_id, "band": band, "question_id": q, "value": v, "n": n * times}
        for (q, v), n in sorted(tally.items())], ["wave_id", "band", "question_id", "value"])
    _upsert(BandCount, [{"wave_id": wave_id, "band": band, "n": times}], ["wave_id", "band"])


def count_response(wave: Wave, survey: Survey, band: str, answers: dict) -> None:
    """Add one stored response to the kept counts (in the storing transaction): connected to
    app.staff_voice.responses.response_stored by app.analysis.init_app."""
    add_counts(wave.id, band, count_pairs(survey, answers))


def raw_answers(wave_id: int) -> dict[int, dict]:
    """Every stored response of the wave as {response id: answers}."""
    rows = db.session.execute(
        select(answers_table.c.response_id, answers_table.c.question_id, answers_table.c.value)
        .join(Response, Response.id == answers_table.c.response_id)
        .where(Response.wave_id == wave_id)
        .order_by(answers_table.c.response_id, answers_table.c.question_id, answers_table.c.seq))
    out: dict[int, dict] = {}
    for rid, qid, value in rows:
        have = out.setdefault(rid, {}).get(qid)
        out[rid][qid] = value if have is None else [
            *(have if isinstance(have, list) else [have]), value]
    return out


def counts_from_raw(wave: Wave, survey: Survey) -> tuple[Counter, Counter]:
    """(answer counts, band counts) worked out from the raw answers."""
    answer_counts: Counter = Counter()
    band_counts: Counter = Counter()
    for answers in raw_answers(wave.id).values():
        band = band_of(survey, answers)
        if band is None:
            continue
        band_counts[band] += 1
        for q, v in count_pairs(survey, answers):
            answer_counts[(band, q, v)] += 1
    return answer_counts, band_counts


def kept_counts(wave_id: int) -> tuple[Counter, Counter]:
    """(answer counts, band counts) as kept, without zero rows."""
    answer_counts = Counter({(r.band, r.question_id, r.value): r.n for r in db.session.scalars(
        select(AnswerCount).where(AnswerCount.wave_id == wave_id)) if r.n})
    band_counts = Counter({r.band: r.n for r in db.session.scalars(
        select(BandCount).where(BandCount.wave_id == wave_id)) if r.n})
    return answer_counts, band_counts


def rebuild(waves: Iterable[Wave] | None = None) -> int:
    """Recompute the kept counts from the raw answers (caller commits). Returns waves done."""

    waves = list(waves) if waves is not None else list(db.session.scalars(select(Wave)))
    for wave in waves:
        # Lock the wave's row first, so a submission cannot land between delete and insert.
        db.session.execute(update(Wave).where(Wave.id == wave.id).values(token=Wave.token))
        db.session.execute(delete(AnswerCount).where(AnswerCount.wave_id == wave.id))
        db.session.execute(delete(BandCount).where(BandCount.wave_id == wave.id))
        answer_counts, band_counts = counts_from_raw(wave, for_wave(wave))
        if answer_counts:
            db.session.execute(AnswerCount.__table__.insert(), [
                {"wave_id": wave.id, "band": b, "question_id": q, "value": v, "n": n}
                for (b, q, v), n in sorted(answer_counts.items())])
        if band_counts:
            db.session.execute(BandCount.__table__.insert(), [
                {"wave_id": wave.id, "band": b, "n": n} for b, n in sorted(band_counts.items())])
    return len(waves)
