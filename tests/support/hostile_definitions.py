"""Definition files for the hostile-file tests (the loader's and `flask surveys check`'s): a
small good definition, and its bytes in encodings and forms the loader must refuse."""

from __future__ import annotations

GOOD = """\
schema: 1
id: tiny
version: 1
kind: consultation
title: Café survey
pages:
  - id: one
    questions:
      - id: agreement
        type: likert
        choices: agree5
"""

HOSTILE_BYTES = {
    "utf16_bom": GOOD.encode("utf-16"),
    "utf16le_no_bom": GOOD.encode("utf-16-le"),
    "utf16be_no_bom": GOOD.encode("utf-16-be"),
    "utf32_bom": GOOD.encode("utf-32"),
    "latin1": GOOD.encode("latin-1"),
    "binary": bytes(range(256)) * 8,
    "nul_in_utf8": GOOD.replace("title:", "ti\0tle:").encode(),
}
