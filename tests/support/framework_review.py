"""The framework review consultation answered through its pages: its address, a day it is
open (freeze the clock there), and answers for its first pages."""

from __future__ import annotations

OPEN_DAY = "2020-03-10 12:00:00"
BASE = "/consultations/framework_review"

FIRST_PAGES = [
    ("about_you", {"respondent_type": "nhs_provider", "organisation_name": "Trust A",
                   "role": "Wellbeing lead"}),
    ("framework_use", {"used_framework": "yes", "used_diagnostic": "no",
                       "how_used": ["planning", "board_reporting"],
                       "what_helped": "The checklist.", "what_was_missing": "Examples =1+1"}),
    ("refresh_priorities", {"priority_reach_all_staff": "agree",
                            "priority_system_working": "strongly_agree",
                            "priority_measuring_impact": "neither"}),
    ("publishing", {"publish_consent": "publish_with_name", "respondent_name": "Trust A"}),
]


def answer_all(client, pages=FIRST_PAGES):
    for page_id, data in pages:
        response = client.post(f"{BASE}/questions/{page_id}", data=data)
        assert response.status_code == 302, (page_id, response.get_data(as_text=True)[:3000])
    return client.get(f"{BASE}/check-your-answers")
