"""Building questions, choice lists and show_if conditions from YAML nodes."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .checks import did_you_mean
from .schema import (
    CHOICE_KEYS,
    COMMON_QUESTION_KEYS,
    QUESTION_TYPES,
    ROW_KEYS,
    SHOW_IF_KEYS,
    VALUE_RE,
    Choice,
    MatrixRow,
    Question,
    ShowIf,
    kinds_taking,
    question_keys,
)
from .yamlnodes import NULL, Ctx, mark_of

if TYPE_CHECKING:
    from .types.base import QuestionKind

SHOW_IF_HELP = "use {question: id, in: [...]}, {all: [...]}, {any: [...]} or {not: {...}}"


def humanise(ident: str) -> str:
    """`staff_group` -> `Staff group`: the fallback wording when an author gives none."""
    return ident.replace("_", " ").capitalize()


@dataclass
class Scope:
    """The questions of one namespace (a survey's pages, or a diagnostic's fields), in order."""

    kind: str
    choices: Mapping[str, tuple[Choice, ...]]
    rating_scale: tuple[Choice, ...]
    elements: Collection[str] | None  # None: element ids unknown, so evidence_for is not checked
    order: dict[str, int]  # every question id, first occurrence -> position (from a pre-scan)
    built: dict[str, Question] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)  # id -> line where it was first defined


def prescan_ids(question_nodes: list[Node]) -> dict[str, int]:
    """Question ids by position, read before building so show_if can tell 'later' from 'unknown'."""
    order: dict[str, int] = {}
    for i, node in enumerate(question_nodes):
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if getattr(key, "value", None) == "id" and isinstance(value, ScalarNode):
                    order.setdefault(value.value.strip(), i)
    return order


def build_choice(ctx: Ctx, node: Node, what: str) -> Choice | None:
    entries = ctx.mapping(node, what)
    if entries is None:
        return None
    ctx.check_keys(node, entries, CHOICE_KEYS, what, required=("value", "label"))
    value = None
    if "value" in entries and (vnode := ctx.scalar(entries["value"].value, "a choice value")):
        # The raw text, so `yes`, `1` and `08` stay exactly as written.
        value = vnode.value.strip() if vnode.tag != NULL else ""
        if not VALUE_RE.match(value):
            ctx.error(
                vnode, "bad-value",
                f"choice value '{value}' must be lower-case letters, digits, _ or - (no spaces)",
            )
            value = None
    label = ctx.text(entries["label"].value, "a choice label") if "label" in entries else None
    colour = ctx.text(entries["colour"].value, "colour") if "colour" in entries else None
    if value is None or label is None:
        return None
    return Choice(value, label, colour)


def build_choice_list(ctx: Ctx, node: Node, what: str) -> tuple[Choice, ...] | None:
    items = ctx.seq(node, what, nonempty=True)
    if items is None:
        return None
    choices: list[Choice] = []
    seen: set[str] = set()
    for item in items:
        choice = build_choice(ctx, item, "a choice")
        if choice is None:
            continue
        if choice.value in seen:
            ctx.error(item, "duplicate-value", f"choice value '{choice.value}' appears twice")
            continue
        seen.add(choice.value)
        choices.append(choice)
    return tuple(choices)


def choices_ref(
    ctx: Ctx, node: Node, library: Mapping[str, tuple[Choice, ...]], what: str
) -> tuple[Choice, ...] | None:
    """Either the name of a list in _choices.yaml, or an inline list of {value, label}."""
    if isinstance(node, ScalarNode):
        name = ctx.text(node, what)
        if name is None:
            return None
        if name not in library:
            hint = did_you_mean(name, library)
            ctx.error(node, "unknown-choices",
                      f"no choice list '{name}' in {ctx.choices_source}{hint}")
            return None
        return library[name]
    return build_choice_list(ctx, node, what)


def build_rows(ctx: Ctx, node: Node) -> tuple[MatrixRow, ...] | None:
    items = ctx.seq(node, "rows", nonempty=True)
    if items is None:
        return None
    rows: list[MatrixRow] = []
    for item in items:
        entries = ctx.mapping(item, "a matrix row")
        if entries is None:
            continue
        ctx.check_keys(item, entries, ROW_KEYS, "a matrix row", required=("id", "label"))
        rid = ctx.ident(entries["id"].value, "row id") if "id" in entries else None
        label = ctx.text(entries["label"].value, "a row label") if "label" in entries else None
        if rid and any(r.id == rid for r in rows):
            ctx.error(entries["id"].value, "duplicate-id", f"row id '{rid}' is used twice")
        elif rid and label:
            rows.append(MatrixRow(rid, label))
    return tuple(rows)


def build_show_if(ctx: Ctx, node: Node, scope: Scope, index: int) -> ShowIf | None:
    """A condition that may read only answers to questions before position `index`."""
    if not isinstance(node, MappingNode):
        ctx.error(node, "bad-show-if", f"a show_if condition must be a mapping: {SHOW_IF_HELP}")
        return None
    entries = ctx.mapping(node, "a show_if condition") or {}
    ctx.check_keys(node, entries, SHOW_IF_KEYS, "a show_if condition")
    ops = [op for op in ("question", "all", "any", "not") if op in entries]
    if not ops:
        if "in" in entries:
            ctx.error(node, "missing-key", "a show_if condition with 'in' needs 'question'")
        else:
            ctx.error(node, "bad-show-if", f"an empty show_if condition: {SHOW_IF_HELP}")
        return None
    if len(ops) > 1 or ("in" in entries and ops != ["question"]):
        mixed = " and ".join(f"'{k}'" for k in entries if k in SHOW_IF_KEYS)
        ctx.error(node, "bad-show-if", f"a show_if condition mixes {mixed}; nest them instead")
        return None
    op = ops[0]
    if op == "question":
        return _in_condition(ctx, node, entries, scope, index)
    if op == "not":
        term = build_show_if(ctx, entries["not"].value, scope, index)
        return ShowIf("not", terms=(term,)) if term else None
    terms_node = entries[op].value
    if not isinstance(terms_node, SequenceNode) or not terms_node.value:
        ctx.error(terms_node, "bad-show-if", f"'{op}' needs a list of one or more conditions")
        return None
    terms = [build_show_if(ctx, t, scope, index) for t in terms_node.value]
    if any(t is None for t in terms):
        return None
    return ShowIf(op, terms=tuple(terms))


def _in_condition(ctx: Ctx, node: Node, entries, scope: Scope, index: int) -> ShowIf | None:
    ref_node = entries["question"].value
    ref = ctx.text(ref_node, "the question in show_if")
    if "in" not in entries:
        ctx.error(node, "missing-key", "a show_if condition needs 'in' (the values to test for)")
        return None
    values_node = entries["in"].value
    if not isinstance(values_node, SequenceNode) or not values_node.value:
        ctx.error(values_node, "bad-show-if", "'in' must be a list of values, like in: [\"yes\"]")
        return None
    values = [ctx.text(v, "a value in show_if") for v in values_node.value]
    if ref is None or any(v is None for v in values):
        return None
    qid, _, row = ref.partition(".")
    if qid not in scope.order:
        earlier = [q for q, i in scope.order.items() if i < index]
        hint = did_you_mean(ref, earlier)
        ctx.error(ref_node, "show-if-unknown-question", f"show_if refers to '{ref}', "
                  f"which is not a question of this survey{hint}")
        return None
    if scope.order[qid] >= index:
        ctx.error(ref_node, "show-if-forward", f"show_if refers to '{qid}', which does not come "
                  "before this question; a condition can only use earlier answers")
        return None
    target = scope.built.get(qid)
    if target is None:  # that question has its own errors; don't pile more on
        return None
    known = target.kind.condition_values(target)
    if known is None:
        ctx.error(ref_node, "bad-show-if", f"show_if can only test questions with choices, and "
                  f"'{qid}' is a {target.type} question")
        return None
    if target.kind.has_rows and row not in {r.id for r in target.rows}:
        keys = target.answer_keys()
        ctx.error(ref_node, "show-if-unknown-question", f"show_if must name a row of "
                  f"{target.type} '{qid}', like '{keys[0]}'{did_you_mean(ref, keys)}")
        return None
    if not target.kind.has_rows and row:
        ctx.error(ref_node, "show-if-unknown-question", f"'{qid}' has no rows; "
                  f"use question: {qid}")
        return None
    for vnode, value in zip(values_node.value, values, strict=True):
        if value not in known:
            hint = did_you_mean(value, known)
            ctx.error(vnode, "show-if-unknown-value",
                      f"'{value}' is not a value of question '{qid}'{hint}")
    return ShowIf("in", question=ref, values=tuple(values))


def build_question(ctx: Ctx, node: Node, scope: Scope, index: int) -> Question | None:
    """The keys every question takes; its type (app/surveys/types/) builds and checks its own."""
    entries = ctx.mapping(node, "a question")
    if entries is None:
        return None
    kind = None
    type_name = ctx.text(entries["type"].value, "type") if "type" in entries else None
    if type_name is not None:
        kind = QUESTION_TYPES.get(type_name)
        if kind is None:
            hint = did_you_mean(type_name, QUESTION_TYPES)
            ctx.error(entries["type"].value, "unknown-type",
                      f"'{type_name}' is not a question type{hint}")
        elif (refusal := kind.refused_in(scope.kind)) is not None:
            ctx.error(entries["type"].value, "bad-value", refusal)
    every_key = question_keys()
    allowed = COMMON_QUESTION_KEYS | kind.keys if kind else every_key

    def elsewhere(key: str) -> tuple[str, str] | None:
        if key in every_key:
            return ("key-not-for-type", f"'{key}' is not used by a {type_name} question "
                    f"(only by {', '.join(kinds_taking(key))})")
        return None

    required = ("id", "type", *sorted(kind.required_keys)) if kind else ("id", "type")
    ctx.check_keys(node, entries, allowed, "a question", required, elsewhere)
    qid = ctx.ident(entries["id"].value, "question id") if "id" in entries else None
    if qid is not None and qid in scope.seen:
        ctx.error(entries["id"].value, "duplicate-id",
                  f"question id '{qid}' is already used on line {scope.seen[qid]}")
        qid = None
    elif qid is not None:
        scope.seen[qid] = mark_of(entries["id"].value).line

    def get(key: str) -> Node | None:
        return entries[key].value if key in entries and key in allowed else None

    label = ctx.text(get("label"), "label")
    hint = ctx.text(get("hint"), "hint", required=False)
    optional = ctx.boolean(get("optional"), "optional")
    own = kind.build(ctx, get, scope) if kind else None
    evidence = _evidence_for(ctx, get("evidence_for"), scope)
    errors = _error_messages(ctx, get("errors"), kind)
    show_if = None
    if get("show_if") is not None:
        show_if = build_show_if(ctx, get("show_if"), scope, index)
    if qid is None or kind is None or own is None:
        return None
    question = Question(
        id=qid,
        type=kind.name,
        label=label or kind.default_label or humanise(qid),
        hint=hint,
        optional=bool(optional),
        show_if=show_if,
        evidence_for=evidence,
        errors=errors,
        **own,
    )
    scope.built[qid] = question
    return question


def _evidence_for(ctx: Ctx, node: Node | None, scope: Scope) -> tuple[str, ...]:
    if node is None:
        return ()
    ids: list[str] = []
    for item in ctx.seq(node, "evidence_for") or []:
        element = ctx.text(item, "an element id")
        if element is None:
            continue
        if scope.elements is not None and element not in scope.elements:
            hint = did_you_mean(element, scope.elements)
            ctx.error(item, "unknown-element",
                      f"evidence_for names '{element}', which no diagnostic defines{hint}")
        ids.append(element)
    return tuple(ids)


def _error_messages(ctx: Ctx, node: Node | None, kind: QuestionKind | None) -> dict[str, str]:
    if node is None:
        return {}
    entries = ctx.mapping(node, "errors")
    if entries is None:
        return {}
    allowed = kind.error_keys if kind else sorted({k for t in QUESTION_TYPES.values()
                                                   for k in t.error_keys})
    what = f"errors of a {kind.name} question (it takes {', '.join(allowed)})" if kind \
        else "errors"
    ctx.check_keys(node, entries, allowed, what)
    messages = {}
    for key, entry in entries.items():
        if key in allowed and (text := ctx.text(entry.value, f"the {key} message")):
            messages[key] = text
    return messages
