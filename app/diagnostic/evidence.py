"""What each element's evidence section shows beside the organisation's own evidence: the
staff-voice findings mapped to the element (app/analysis/evidence.py), each with its source,
and an evidence Gap for each audience band with no result above the minimum group size. With
no closed wave of any staff-voice survey there are none, and the page says so plainly.
"""

from __future__ import annotations

from app import clock

NO_FINDINGS_MESSAGE = "No staff-voice survey results yet"


def staff_voice_findings(org, element_id: str) -> list:
    """Staff-voice findings for this organisation mapped to this element: one per band shown
    (str() gives the sentence with its source), then an evidence gap per audience band with no
    result above the minimum group size (app.analysis.evidence.Gap items)."""
    from app.analysis.evidence import findings_for

    return findings_for(org, element_id, clock.today())
