"""A consultation that asks a matrix question and an organisation question (scoped to system
QZ9), open for years, for tests of how those questions look and behave; served from a folder of
its own."""

from __future__ import annotations

from pathlib import Path

from app import definitions
from app.extensions import db
from app.models import Organisation, System

PROBE_ID = "question_probe"
PROBE = """\
schema: 1
id: question_probe
version: 1
kind: consultation
title: Question probe
schedule: {opens: 2020-01-01, closes: 2099-12-31}
pages:
  - id: scale
    title: How you feel about work
    questions:
      - id: feelings
        type: matrix
        label: How much do you agree with each statement?
        choices:
          - {value: strongly_agree, label: Strongly agree}
          - {value: agree, label: Agree}
          - {value: neither, label: Neither agree nor disagree}
          - {value: disagree, label: Disagree}
          - {value: strongly_disagree, label: Strongly disagree}
        rows:
          - {id: valued, label: I feel valued by my team.}
          - id: workload
            label: >-
              My workload is manageable most weeks, including the weeks when colleagues are
              away.
  - id: where
    title: Where you work
    questions:
      - {id: employer, type: organisation, system: QZ9}
      - id: employer_other
        type: text
        label: What is the name of your organisation?
        show_if: {question: employer, in: [not-listed]}
"""


def use_probe(app, folder: Path) -> str:
    """Serve only the probe consultation from `folder`; its address."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{PROBE_ID}.yaml").write_text(PROBE, encoding="utf-8")
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    definitions.reload()
    return f"/consultations/{PROBE_ID}"


# System QZ9's organisations, and one of another system that the probe must never offer.
QZ9_ORGANISATIONS = {"RA1": "Alder Hey Community Trust", "RB2": "Beechwood Surgery",
                     "RC3": "Cedar Lodge Care Home", "RD4": "St Mary's Hospital"}
ELSEWHERE = ("RZ9", "Zephyr Hospital")


def add_organisations() -> None:
    """Systems QZ9 and QY1 with the organisations above."""
    home, other = System(code="QZ9", name="Test ICS"), System(code="QY1", name="Other ICS")
    db.session.add_all([home, other, Organisation(code=ELSEWHERE[0], name=ELSEWHERE[1],
                                                  system=other)])
    db.session.add_all(Organisation(code=code, name=name, system=home)
                       for code, name in QZ9_ORGANISATIONS.items())
    db.session.commit()
