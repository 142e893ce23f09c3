"""Building a whole survey (top-level keys, pages, the diagnostic's elements) from YAML nodes."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from yaml.nodes import Node, ScalarNode

from .questions import (
    Scope,
    build_choice_list,
    build_question,
    choices_ref,
    humanise,
    prescan_ids,
)
from .schema import (
    AUDIENCE_KEYS,
    BAND_VALUES,
    CONTACT_KEYS,
    DEFAULT_AUDIENCE_BANDS,
    DEFAULT_MIN_GROUP_SIZE,
    DEFAULT_RATING_SCALE,
    ELEMENT_KEYS,
    ITEM_KEYS,
    KIND_KEYS,
    KINDS,
    MIN_GROUP_SIZE_CEILING,
    MIN_GROUP_SIZE_FLOOR,
    PAGE_KEYS,
    PUBLISHING_CONSENT,
    PUBLISHING_KEYS,
    REQUIRED_KEYS,
    RETENTION_KEYS,
    SCHEDULE_KEYS,
    SCHEMA_VERSION,
    SUB_AREA_KEYS,
    SUMMARY_KEYS,
    Choice,
    Contact,
    Element,
    Item,
    Page,
    Publishing,
    Question,
    Retention,
    Schedule,
    SubArea,
    Summary,
    Survey,
    builtin_fields,
)
from .translations import build_translations, texts_of
from .yamlnodes import Ctx, Entry, mark_of

ALL_KEYS = frozenset().union(*KIND_KEYS.values())


def build_survey(
    ctx: Ctx,
    root: Node,
    choices: Mapping[str, tuple[Choice, ...]],
    elements: Collection[str] | None,
) -> tuple[dict[str, Any], set[str]]:
    """Survey keyword arguments (meaningful only if ctx has no errors) and the element ids seen.

    Element ids come back even from a broken diagnostic, so one typo there does not turn every
    evidence_for in other files into an error too.
    """
    entries = ctx.mapping(root, "a survey")
    if entries is None:  # a list or a lone value: nothing else can be checked
        return {}, set()
    val = {k: e.value for k, e in entries.items()}
    kind = ctx.one_of(val.get("kind"), "kind", KINDS)
    allowed = KIND_KEYS.get(kind, ALL_KEYS)

    def elsewhere(key: str) -> tuple[str, str] | None:
        homes = [k for k, keys in KIND_KEYS.items() if key in keys]
        if homes:
            return ("unknown-key", f"'{key}' is not a key of a {kind} survey "
                    f"(only of a {' or '.join(homes)} survey)")
        return None

    required = list(REQUIRED_KEYS) + (["elements"] if kind == "diagnostic" else ["pages"])
    ctx.check_keys(root, entries, allowed, f"a {kind or 'survey'} survey", required, elsewhere)
    val = {k: v for k, v in val.items() if k in allowed}

    schema = ctx.integer(val.get("schema"), "schema")
    if schema is not None and schema != SCHEMA_VERSION:
        ctx.error(val["schema"], "bad-value", f"schema must be {SCHEMA_VERSION} (got {schema})")
    out: dict[str, Any] = {
        "schema": schema,
        "id": ctx.ident(val.get("id"), "survey id"),
        "version": ctx.integer(val.get("version"), "version", minimum=1),
        "kind": kind,
        "title": ctx.text(val.get("title"), "title"),
        "summary_line": ctx.text(val.get("summary_line"), "summary_line", required=False),
        "description": ctx.text(val.get("description"), "description", required=False),
        # a consultation's shows only while it is open; a staff-voice survey's is its promise
        "intro": ctx.text(val.get("intro"), "intro", required=False),
        "retention": _retention(ctx, val.get("retention")),
    }
    element_ids: set[str] = set()
    rating_scale: tuple[Choice, ...] = ()
    if kind == "diagnostic":
        rating_scale = DEFAULT_RATING_SCALE
        if "rating_scale" in val:
            rating_scale = build_choice_list(ctx, val["rating_scale"], "rating_scale") or ()
        out["rating_scale"] = rating_scale
        out["elements"] = _elements(ctx, val.get("elements"), element_ids)
        out["fields"] = _fields(ctx, val.get("fields"), choices)
        # A diagnostic's own questions may cite its own elements, whatever else is known.
        elements = set(elements or ()) | element_ids
    if kind == "consultation":
        out.update(_consultation(ctx, val, choices))
    if kind == "staff_voice":
        out.update(_staff_voice(ctx, val))
    out["pages"] = _pages(ctx, val.get("pages"), Scope(
        kind=kind or "", choices=choices, rating_scale=rating_scale, elements=elements, order={}
    ))
    if "translations" in val:  # checked against the wording just built
        own = texts_of(Survey(**{k: v for k, v in out.items() if k in _WORDING}))
        out["translations"] = build_translations(ctx, val["translations"], own)
    return out, element_ids


_WORDING = ("schema", "id", "version", "kind", "title", "summary_line", "description", "pages",
            "intro", "outside_audience_message")


def _sub(ctx: Ctx, node: Node | None, what: str, keys, required=()) -> dict[str, Node]:
    """The entries of an optional nested mapping, checked against its closed set of keys."""
    if node is None:
        return {}
    entries: dict[str, Entry] = ctx.mapping(node, what) or {}
    ctx.check_keys(node, entries, keys, what, required)
    return {k: e.value for k, e in entries.items() if k in keys}


def _retention(ctx: Ctx, node: Node | None) -> Retention:
    days = _sub(ctx, node, "retention", RETENTION_KEYS).get("free_text_days")
    if days is None or (isinstance(days, ScalarNode) and days.tag.endswith(":null")):
        return Retention()
    return Retention(ctx.integer(days, "free_text_days", minimum=1))


def _consultation(ctx: Ctx, val: dict[str, Node], choices) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "schedule" in val:
        sub = _sub(ctx, val["schedule"], "schedule", SCHEDULE_KEYS, ("opens", "closes"))
        opens, closes = ctx.date(sub.get("opens"), "opens"), ctx.date(sub.get("closes"), "closes")
        if opens and closes and closes < opens:
            ctx.error(sub["closes"], "bad-value", f"closes ({closes}) is before opens ({opens})")
        if opens and closes:
            out["schedule"] = Schedule(opens, closes)
    if "respondent_types" in val:
        out["respondent_types"] = choices_ref(
            ctx, val["respondent_types"], choices, "respondent_types"
        ) or ()
    if "publishing" in val:
        sub = _sub(ctx, val["publishing"], "publishing", PUBLISHING_KEYS)
        consent = ctx.one_of(sub.get("consent"), "consent", PUBLISHING_CONSENT)
        out["publishing"] = Publishing(consent or "required")
    if "contact" in val:
        sub = _sub(ctx, val["contact"], "contact", CONTACT_KEYS)
        fields = {k: ctx.text(v, k) for k, v in sub.items()}
        if fields.get("email") and "@" not in fields["email"]:
            ctx.error(sub["email"], "bad-value", f"'{fields['email']}' is not an email address")
        out["contact"] = Contact(**fields)
    if "summary" in val:
        sub = _sub(ctx, val["summary"], "summary", SUMMARY_KEYS)
        out["summary"] = Summary(**{k: ctx.text(v, k, required=False) for k, v in sub.items()})
    return out


def _staff_voice(ctx: Ctx, val: dict[str, Node]) -> dict[str, Any]:
    out: dict[str, Any] = {"audience_bands": DEFAULT_AUDIENCE_BANDS}
    if "audience" in val:
        sub = _sub(ctx, val["audience"], "audience", AUDIENCE_KEYS, ("bands",))
        bands: list[str] = []
        band_nodes = ctx.seq(sub["bands"], "bands", nonempty=True) if "bands" in sub else None
        for node in band_nodes or []:
            band = ctx.one_of(node, "band", BAND_VALUES)
            if band in bands:
                ctx.error(node, "duplicate-value", f"band '{band}' appears twice")
            elif band:
                bands.append(band)
        out["audience_bands"] = tuple(bands)
    out["min_group_size"] = _min_group_size(ctx, val.get("min_group_size"))
    out["outside_audience_message"] = ctx.text(val.get("outside_audience_message"),
                                               "outside_audience_message", required=False)
    return out


def _min_group_size(ctx: Ctx, node: Node | None) -> int:
    """The threshold: 11 unless the definition raises it (never lower, never absurdly high)."""
    if node is None:
        return DEFAULT_MIN_GROUP_SIZE
    size = ctx.integer(node, "min_group_size")
    if size is not None and size < MIN_GROUP_SIZE_FLOOR:
        ctx.error(node, "bad-value", f"min_group_size must be at least {MIN_GROUP_SIZE_FLOOR} "
                  f"(got {size}): a definition may raise the threshold, never lower it")
    elif size is not None and size > MIN_GROUP_SIZE_CEILING:
        ctx.error(node, "bad-value", f"min_group_size must be at most {MIN_GROUP_SIZE_CEILING} "
                  f"(got {size}): a threshold that high would hide almost every group, so it is "
                  "taken for a typo")
    return size or DEFAULT_MIN_GROUP_SIZE


class _Ids:
    """One namespace of ids: reports the second use of an id, with the line of the first."""

    def __init__(self, ctx: Ctx, what: str):
        self.ctx, self.what, self.lines = ctx, what, {}

    def take(self, node: Node | None) -> str | None:
        ident = self.ctx.ident(node, f"{self.what} id")
        if ident is None:
            return None
        if ident in self.lines:
            self.ctx.error(node, "duplicate-id", f"{self.what} id '{ident}' is already used "
                           f"on line {self.lines[ident]}")
            return None
        self.lines[ident] = mark_of(node).line
        return ident


def _pages(ctx: Ctx, node: Node | None, scope: Scope) -> tuple[Page, ...]:
    if node is None:
        return ()
    page_ids = _Ids(ctx, "page")
    parsed: list[tuple[str | None, dict[str, Node], list[Node]]] = []
    for page_node in ctx.seq(node, "pages", nonempty=True) or []:
        sub = _sub(ctx, page_node, "a page", PAGE_KEYS, ("id", "questions"))
        qnodes = []
        if "questions" in sub:
            qnodes = ctx.seq(sub["questions"], "questions", nonempty=True) or []
        parsed.append((page_ids.take(sub.get("id")), sub, qnodes))
    all_questions = [q for _, _, qnodes in parsed for q in qnodes]
    scope.order = prescan_ids(all_questions)
    pages, index = [], 0
    for pid, sub, qnodes in parsed:
        questions = []
        for qnode in qnodes:
            questions.append(build_question(ctx, qnode, scope, index))
            index += 1
        title = ctx.text(sub.get("title"), "title")
        intro = ctx.text(sub.get("intro"), "intro", required=False)
        if pid is not None and all(questions):
            pages.append(Page(pid, title or humanise(pid), tuple(questions), intro))
    return tuple(pages)


def _fields(ctx: Ctx, node: Node | None, choices) -> tuple[Question, ...]:
    if node is None:
        return tuple(builtin_fields().values())
    items = ctx.seq(node, "fields") or []
    scope = Scope(kind="diagnostic", choices=choices, rating_scale=(), elements=None,
                  order=prescan_ids(items))
    fields: list[Question] = []
    for index, item in enumerate(items):
        if isinstance(item, ScalarNode):  # the name of a built-in field
            name = ctx.one_of(item, "field", builtin_fields())
            if name in scope.seen:
                ctx.error(item, "duplicate-id", f"field '{name}' is listed twice")
            elif name:
                scope.seen[name] = mark_of(item).line
                fields.append(scope.built.setdefault(name, builtin_fields()[name]))
            continue
        question = build_question(ctx, item, scope, index)
        if question:
            fields.append(question)
    return tuple(fields)


def _elements(ctx: Ctx, node: Node | None, element_ids: set[str]) -> tuple[Element, ...]:
    if node is None:
        return ()
    ids = {what: _Ids(ctx, what) for what in ("element", "sub_area", "item")}
    elements = []
    for enode in ctx.seq(node, "elements", nonempty=True) or []:
        sub = _sub(ctx, enode, "an element", ELEMENT_KEYS, ("id", "title", "sub_areas"))
        eid = ids["element"].take(sub.get("id"))
        if eid:
            element_ids.add(eid)
        areas = []
        anodes = None
        if "sub_areas" in sub:
            anodes = ctx.seq(sub["sub_areas"], "sub_areas", nonempty=True)
        for anode in anodes or []:
            asub = _sub(ctx, anode, "a sub-area", SUB_AREA_KEYS, ("id", "title", "items"))
            aid = ids["sub_area"].take(asub.get("id"))
            items = []
            inodes = ctx.seq(asub["items"], "items", nonempty=True) if "items" in asub else None
            for inode in inodes or []:
                isub = _sub(ctx, inode, "an item", ITEM_KEYS, ("id", "prompt"))
                iid = ids["item"].take(isub.get("id"))
                prompt = ctx.text(isub.get("prompt"), "prompt")
                guidance = ctx.text(isub.get("guidance"), "guidance", required=False)
                prompts = []
                if "evidence_prompts" in isub:
                    for pnode in ctx.seq(isub["evidence_prompts"], "evidence_prompts") or []:
                        prompts.append(ctx.text(pnode, "an evidence prompt"))
                if iid and prompt:
                    items.append(Item(iid, prompt, guidance, tuple(p for p in prompts if p)))
            title = ctx.text(asub.get("title"), "title")
            if aid and title:
                areas.append(SubArea(aid, title, tuple(items)))
        title = ctx.text(sub.get("title"), "title")
        if eid and title:
            elements.append(Element(eid, title, tuple(areas)))
    return tuple(elements)

