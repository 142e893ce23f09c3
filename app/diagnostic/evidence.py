"""What each element's evidence section shows beside the organisation's own evidence.

The staff-voice issue replaces the body of staff_voice_findings with a call into app/analysis
(findings mapped to the element through `evidence_for`, with provenance and evidence-gap flags
by band). Until then there are none, and the page says so plainly.
"""

from __future__ import annotations

NO_FINDINGS_MESSAGE = "No staff-voice survey results yet"


def staff_voice_findings(org, element_id: str) -> list:
    """Staff-voice findings for this organisation mapped to this element: one per band shown
    (str() gives the sentence with its source), then an evidence gap per audience band with no
    result above the minimum group size (items with `gap` set)."""
    from app.analysis.evidence import findings_for
    from app.staff_voice.waves import today

    return findings_for(org, element_id, today())
