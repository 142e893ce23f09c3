"""From a file on disk to a composed YAML tree, or one positioned error saying why not.

Nothing here raises for a bad file: whatever the bytes (another encoding, binary junk, nesting
10,000 deep, a syntax error), the caller gets a DefinitionError it can print as
`path:line:col [code] message`, and the next file is read as if nothing had happened.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node
from yaml.reader import ReaderError
from yaml.tokens import ScalarToken

from .checks import DefinitionError
from .yamlnodes import DefinitionLoader, compose

# 30 times the largest real definition; read no further than this.
MAX_FILE_BYTES = 1_000_000

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
SAVE_AS = "save it as UTF-8"


@dataclass(frozen=True)
class Source:
    """One file: its tree when it parsed, else the error that stopped it."""

    path: str
    root: Node | None
    errors: list[DefinitionError]


def read_source(path: str | os.PathLike) -> Source:
    text, error = read_text(path)
    if error is not None:
        return Source(str(path), None, [error])
    return parse_source(text, str(path))


def parse_source(text: str, path: str) -> Source:
    root, errors = parse(text, path)
    return Source(path, root, errors)


def read_text(path: str | os.PathLike) -> tuple[str, DefinitionError | None]:
    """The file's text, or why it cannot be had (missing, a folder, too big, not UTF-8)."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        return "", DefinitionError(name, 1, 1, "unreadable", "this is a folder, not a file")
    except OSError as exc:
        return "", DefinitionError(name, 1, 1, "unreadable", exc.strerror or str(exc))
    if len(data) > MAX_FILE_BYTES:
        return "", DefinitionError(
            name, 1, 1, "too-large",
            f"the file is over {MAX_FILE_BYTES:,} bytes; a definition is far smaller")
    return decode(data, name)


def decode(data: bytes, path: str) -> tuple[str, DefinitionError | None]:
    """UTF-8 (a byte-order mark is allowed and dropped); anything else is an `encoding` error.

    UTF-16 and UTF-32 are valid YAML but refused: git shows them as binary, so a reviewer could
    not read the change.
    """
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return "", DefinitionError(path, 1, 1, "encoding",
                                       f"the file is {name} text: {SAVE_AS}")
    # YAML's own rule: a zero byte first or second means UTF-16/32 without a byte-order mark.
    if b"\0" in data[:2]:
        return "", DefinitionError(
            path, 1, 1, "encoding",
            "the file has a zero byte at its start, so it is UTF-16 or UTF-32 text (without a "
            f"byte-order mark) or not text at all: {SAVE_AS}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return "", DefinitionError(
            path, line, col, "encoding",
            f"byte 0x{data[exc.start]:02X} is not UTF-8 (a Windows-1252 or Latin-1 file?): "
            f"{SAVE_AS}")


def parse(text: str, path: str) -> tuple[Node | None, list[DefinitionError]]:
    """The composed root node, or the one error that stopped the parser."""
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_marked_error(exc, text, path)]
    except ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [DefinitionError(
            path, line, col, "encoding",
            f"character U+{char:04X} is not allowed in a YAML file (is it binary, or UTF-16 "
            f"saved as UTF-8?): {SAVE_AS}")]
    except yaml.YAMLError as exc:
        return None, [DefinitionError(path, 1, 1, "yaml-syntax", str(exc))]
    if root is None:
        return None, [DefinitionError(path, 1, 1, "empty", "the file has no definition in it")]
    return root, []


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# What the parser had open when the file ended, in an author's words.
_NEVER_CLOSED = {
    "while scanning a quoted scalar": "this quoted text is never closed: the file ends first",
    "while parsing a flow sequence": "this [ list is never closed: the file ends before its ]",
    "while parsing a flow mapping": "this { mapping is never closed: the file ends before its }",
}


def _marked_error(exc: yaml.MarkedYAMLError, text: str, path: str) -> DefinitionError:
    """Point at the mistake, which is not always where PyYAML gave up.

    PyYAML's problem_mark is where parsing stopped; its context_mark is where the construct it
    was reading began. At the end of the file, or for a key with no colon, the beginning is the
    mistake; a quoted text that ran over several lines and ended just where parsing stopped is
    almost always a missing closing quote.
    """
    code = getattr(exc, "code", "yaml-syntax")
    problem, context = exc.problem_mark, exc.context_mark
    if code != "yaml-syntax" or (problem is None and context is None):
        mark = problem or context
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return DefinitionError(path, line, col, code, exc.problem or "invalid YAML")
    if problem is None or (context is not None and not text[problem.index:].strip()):
        message = _NEVER_CLOSED.get(exc.context or "", f"{exc.problem} ({exc.context})")
        return _at(path, context or problem, message)
    if exc.context == "while scanning a simple key" and context is not None:
        return _at(path, context, "could not find the ':' after this key")
    if (quote := _runaway_quote(text, problem)) is not None:
        return _at(path, quote.start_mark, (
            f"this quoted text runs on to line {quote.end_mark.line + 1}: is its closing quote "
            f"missing? (the YAML parser stopped at line {problem.line + 1}, column "
            f"{problem.column + 1}: {exc.problem})"))
    return _at(path, problem, _plain_words(exc))


def _plain_words(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if problem.startswith("found character '\\t'"):
        return "a tab character: YAML is indented with spaces only"
    if problem == "but found another document":
        return "a second document (---): a definition file holds one survey"
    return f"{problem} ({exc.context})" if exc.context else problem


def _runaway_quote(text: str, stop: yaml.Mark) -> ScalarToken | None:
    """The quoted text that spans lines and ends on the line where parsing stopped, if any."""
    found = None
    try:
        for token in yaml.scan(text, Loader=DefinitionLoader):
            if token.start_mark.index >= stop.index:
                break
            if (isinstance(token, ScalarToken) and token.style in ("'", '"')
                    and token.start_mark.line < token.end_mark.line == stop.line):
                found = token
    except yaml.YAMLError:
        pass  # the scanner's own error comes after every token it could give
    return found


def _at(path: str, mark: yaml.Mark, message: str) -> DefinitionError:
    return DefinitionError(path, mark.line + 1, mark.column + 1, "yaml-syntax", message)
