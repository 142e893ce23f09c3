"""A consultation that asks a matrix question, open for years, for browser
tests of how those questions look and behave; served from a folder of its own."""

from __future__ import annotations

from pathlib import Path

from app import definitions

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
"""


def use_probe(app, folder: Path) -> str:
    """Serve only the probe consultation from `folder`; its address."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{PROBE_ID}.yaml").write_text(PROBE, encoding="utf-8")
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    definitions.reload()
    return f"/consultations/{PROBE_ID}"
