"""Reading YAML as positioned nodes, and typed, error-reporting access to them.

We compose (not construct) the document so every value keeps its start mark, and convert scalars
ourselves from their raw text: a label or value stays exactly what the author typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .checks import DefinitionError, did_you_mean
from .schema import ID_RE, Mark, NodeMark

BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
DATE = "tag:yaml.org,2002:timestamp"


# The largest real definition is about 1,000 values, 9 levels deep: these bounds are far above
# any honest file and keep a hostile one from exhausting the stack or holding a worker for long.
MAX_DEPTH = 50
MAX_NODES = 50_000


class DefinitionLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core resolvers: yes/no/on/off, 0x10, 1:20 and `<<` are strings.

    Composing stops at the first alias, at MAX_DEPTH levels and at MAX_NODES values.
    """

    yaml_implicit_resolvers: dict = {}
    _depth = 0
    _nodes = 0

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        # Aliases make a file hard to review and can multiply a small file into a huge tree.
        if self.check_event(yaml.AliasEvent):
            raise AliasNotAllowed(None, None, "aliases (*name) are not allowed in definitions",
                                  mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise TooLarge(None, None, f"more than {MAX_NODES:,} values in one file", mark)
        if self._depth >= MAX_DEPTH:
            raise TooDeep(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class AliasNotAllowed(yaml.MarkedYAMLError):
    code = "bad-value"


class TooLarge(yaml.MarkedYAMLError):
    code = "too-large"


class TooDeep(yaml.MarkedYAMLError):
    code = "too-deep"


for _tag, _pattern, _first in (
    (BOOL, r"^(?:true|false)$", "tf"),
    (INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (DATE, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
):
    DefinitionLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def compose(text: str) -> Node | None:
    return yaml.compose(text, Loader=DefinitionLoader)


def mark_of(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def record_marks(root: Node) -> dict[str, NodeMark]:
    """Positions of every key and value, by path like `pages[0].questions[2].label`."""
    marks: dict[str, NodeMark] = {"": NodeMark(None, mark_of(root))}

    def walk(node: Node, path: str) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                marks.setdefault(sub, NodeMark(mark_of(key), mark_of(value)))
                walk(value, sub)
        elif isinstance(node, SequenceNode):
            for i, value in enumerate(node.value):
                marks[f"{path}[{i}]"] = NodeMark(None, mark_of(value))
                walk(value, f"{path}[{i}]")

    walk(root, "")
    return marks


MAX_DIGITS = 100  # far beyond any real value, far below Python's 4,300-digit limit
MAX_MESSAGE = 300


def clip(message: str) -> str:
    """A message that quotes a huge value is cut short rather than flooding the terminal."""
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "..."


@dataclass(frozen=True)
class Entry:
    key: ScalarNode
    value: Node


KIND_WORD = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a single value"}


class Ctx:
    """Collects every error in one file; helpers return None (after reporting) on a bad node."""

    def __init__(self, path: str, choices_source: str = "_choices.yaml"):
        self.path = path
        self.choices_source = choices_source  # where named choice lists come from, for messages
        self.errors: list[DefinitionError] = []

    def error(self, node: Node, code: str, message: str) -> None:
        mark = mark_of(node)
        self.errors.append(DefinitionError(self.path, mark.line, mark.col, code, clip(message)))

    def _shape(self, node: Node, cls: type, what: str) -> bool:
        if isinstance(node, cls):
            return True
        got = KIND_WORD.get(type(node), "something else")
        self.error(node, "bad-value", f"{what} must be {KIND_WORD[cls]}, not {got}")
        return False

    def mapping(self, node: Node, what: str) -> dict[str, Entry] | None:
        if not self._shape(node, MappingNode, what):
            return None
        entries: dict[str, Entry] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                self.error(key, "bad-value", f"a key of {what} must be a plain word")
            elif key.value in entries:
                self.error(key, "duplicate-key", f"'{key.value}' appears twice in {what}")
            else:
                entries[key.value] = Entry(key, value)
        return entries

    def check_keys(
        self,
        node: Node,
        entries: Mapping[str, Entry],
        allowed: Collection[str],
        what: str,
        required: Collection[str] = (),
        elsewhere: Callable[[str], tuple[str, str] | None] | None = None,
    ) -> None:
        """Report unknown and missing keys; `elsewhere` explains keys valid on other nodes."""
        for key, entry in entries.items():
            if key in allowed:
                continue
            other = elsewhere(key) if elsewhere else None
            if other:
                self.error(entry.key, *other)
            else:
                hint = did_you_mean(key, allowed)
                self.error(entry.key, "unknown-key", f"'{key}' is not a key of {what}{hint}")
        for key in required:
            if key not in entries:
                self.error(node, "missing-key", f"{what} needs '{key}'")

    def seq(self, node: Node, what: str, *, nonempty: bool = False) -> list[Node] | None:
        if not self._shape(node, SequenceNode, what):
            return None
        if nonempty and not node.value:
            self.error(node, "empty", f"{what} must not be empty")
        return list(node.value)

    def scalar(self, node: Node, what: str) -> ScalarNode | None:
        return node if self._shape(node, ScalarNode, what) else None

    def text(self, node: Node | None, what: str, *, required: bool = True) -> str | None:
        """The author's text, trimmed; a number or date-like value stays text too."""
        if node is None or (node := self.scalar(node, what)) is None:
            return None
        value = node.value.strip() if node.tag != NULL else ""
        if not value and required:
            self.error(node, "bad-value", f"{what} must not be empty")
        return value or None

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not ID_RE.match(value):
            self.error(
                node, "bad-id",
                f"{what} '{value}' must be snake_case (a-z, 0-9 and _, starting with a letter)",
            )
            return None
        return value

    def integer(self, node: Node | None, what: str, *, minimum: int | None = None) -> int | None:
        if node is None or (node := self.scalar(node, what)) is None:
            return None
        if node.tag != INT:
            self.error(node, "bad-value", f"{what} must be a whole number (got '{node.value}')")
            return None
        if (value := self._whole(node, what)) is None:
            return None
        if minimum is not None and value < minimum:
            self.error(node, "bad-value", f"{what} must be at least {minimum} (got {value})")
            return None
        return value

    def number(self, node: Node | None, what: str) -> int | float | None:
        if node is None or (node := self.scalar(node, what)) is None:
            return None
        if node.tag == INT:
            return self._whole(node, what)
        if node.tag == FLOAT:
            return float(node.value)
        self.error(node, "bad-value", f"{what} must be a number (got '{node.value}')")
        return None

    def _whole(self, node: ScalarNode, what: str) -> int | None:
        # Python refuses to convert thousands of digits; no definition needs more than a few.
        if len(node.value.lstrip("+-")) > MAX_DIGITS:
            self.error(node, "bad-value", f"{what} must be at most {MAX_DIGITS} digits long")
            return None
        return int(node.value)

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if node is None or (node := self.scalar(node, what)) is None:
            return None
        if node.tag != BOOL:
            self.error(node, "bad-value", f"{what} must be true or false (got '{node.value}')")
            return None
        return node.value == "true"

    def date(self, node: Node | None, what: str) -> date | None:
        if node is None or (node := self.scalar(node, what)) is None:
            return None
        if node.tag != DATE:
            self.error(
                node, "bad-value", f"{what} must be a date like 2020-02-28 (got '{node.value}')"
            )
            return None
        try:
            return date.fromisoformat(node.value)
        except ValueError:
            self.error(node, "bad-value", f"{what} '{node.value}' is not a real date")
            return None

    def one_of(self, node: Node | None, what: str, options: Collection[str]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in options:
            listed = ", ".join(options)
            hint = did_you_mean(value, options)
            self.error(node, "bad-value", f"{what} '{value}' is not one of: {listed}{hint}")
            return None
        return value
