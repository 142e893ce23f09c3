"""The organisation's board PDF (app/reports/org_report.py) carries what staff told us, per
element, with the element page's findings and provenance, and the band evidence gaps beside
the organisation's own gap text."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from app.clock import today
from app.diagnostic import cycles
from app.extensions import db
from app.formatting import period
from app.models import ItemAnswer
from app.national_survey.themes import BY_KEY
from app.reports import org_report
from tests.support.voice_evidence import (
    GROUPS,
    THEME_SCORE,
    assessed_with_a_theme_score,
    closed_wave,
    organisation,
)


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_pdf_carries_findings_provenance_and_band_gaps(app, system):
    trust = organisation(system, "RA1", "Trust A")
    assessment = cycles.start(trust, "2026 Q1")
    assessment.answers.append(ItemAnswer(item_id="ph_mental_health_offer", rating="2",
                                         gaps="Night staff cannot reach it", version=1))
    db.session.commit()
    wave = closed_wave(trust, today() - timedelta(days=9), GROUPS)
    text = pdf_text(org_report.build(assessment))

    assert text.count("What staff told us") >= 7  # one per element
    assert ("Band 3: 70% strongly agree or agree that \u201cI know where to go for health "
            "and wellbeing support at work\u201d") in text
    assert ("Source: Staff survey \u201cYour health and wellbeing at work\u201d, Band 3, 20 "
            f"people, {period(wave.opens_on, wave.last_day)}") in text
    assert "Evidence from every staff survey that closed between" in text
    assert "Band 2: not shown (too few answered, or hidden to protect a small group)" in text
    assert "app/analysis" not in text and "knows_where_to_get_support" not in text

    gaps = text[text.rindex("Evidence gaps"):text.index("Action plan")]
    assert "Gaps your organisation recorded" in gaps and "Night staff cannot reach it" in gaps
    assert "Staff-survey evidence by element and band" in gaps
    assert "Not shown" in gaps and "Evidence" in gaps


def test_the_pdf_carries_the_nhs_staff_survey_scores_beside_staff_voice(app, system):
    assessment = assessed_with_a_theme_score(system)
    text = pdf_text(org_report.build(assessment))
    line = THEME_SCORE
    # under each element the theme informs, never under one it does not
    assert text.count(line) == len(BY_KEY["safe_and_healthy"].elements)
    assert "theme scores out of 10 for all staff, as published" in text


def test_the_pdf_shows_the_trend_across_cycles(app, system):
    trust = organisation(system, "RA1", "Trust A")
    first = cycles.start(trust, "2026 Q1")
    first.answers.append(ItemAnswer(item_id="ph_mental_health_offer", rating="1", version=1))
    db.session.commit()
    second = cycles.start(trust, "2026 Q2")
    second.answers.append(ItemAnswer(item_id="ph_mental_health_offer", rating="3", version=1))
    db.session.commit()
    text = pdf_text(org_report.build(second))
    trend = text[text.index("Trend across cycles"):]
    assert "2026 Q1 (started" in trend and "2026 Q2 (started" in trend
    assert "1.0 (1 rated)" in trend and "3.0 (1 rated) Up 2.0" in trend
