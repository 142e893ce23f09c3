"""A survey's wording in other languages, written in its own definition.

    translations:
      cy:
        status: draft            # draft (not yet checked by a qualified translator) or reviewed
        title: ...               # and summary_line, description, intro, outside_audience_message
        pages:
          your_band: {title: ..., intro: ...}
        questions:
          band:
            label: ...
            hint: ...
            choices: {"2": Band 2}        # this question's choices, by value
            errors: {required: ...}
        choices: {agree: Cytuno}          # any question's choice with this value

Only the words change: answers are stored as the same values whatever the language, so
responses in every language count together. A language that is declared must translate every
text a respondent sees (each missing one is an error at the language's key); a text that the
survey does not have (an unknown page, question, choice or key) is an error too. Kept flat, as
{"pages.your_band.title": ...}, and applied by translate().
"""

from __future__ import annotations

import re
from dataclasses import replace

from yaml.nodes import MappingNode, Node

from .schema import Question, Survey
from .yamlnodes import Ctx

STATUSES = ("draft", "reviewed")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")  # cy, pl, ro, en-easy (Easy Read)
SURVEY_TEXTS = ("title", "summary_line", "description", "intro", "outside_audience_message")
PAGE_TEXTS = ("title", "intro")
QUESTION_TEXTS = ("label", "hint")


def texts_of(survey: Survey) -> dict[str, str]:
    """Every text a respondent sees, by its flat key, in the survey's own language."""
    out = {k: getattr(survey, k) for k in SURVEY_TEXTS if getattr(survey, k)}
    for page in survey.pages:
        out.update({f"pages.{page.id}.{k}": getattr(page, k) for k in PAGE_TEXTS
                    if getattr(page, k)})
        for q in page.questions:
            base = f"questions.{q.id}"
            out.update({f"{base}.{k}": getattr(q, k) for k in QUESTION_TEXTS if getattr(q, k)})
            out.update({f"{base}.choices.{c.value}": c.label for c in q.choices})
            out.update({f"{base}.rows.{r.id}": r.label for r in q.rows})
            out.update({f"{base}.errors.{k}": v for k, v in q.errors.items()})
    return out


def _flatten(ctx: Ctx, node: Node, prefix: str, out: dict[str, str], nodes: dict) -> None:
    entries = ctx.mapping(node, prefix or "a translation")
    for key, entry in (entries or {}).items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(entry.value, MappingNode):
            _flatten(ctx, entry.value, path, out, nodes)
            continue
        text = ctx.text(entry.value, path)
        if text is not None:
            out[path] = text
            nodes[path] = entry.value


def build_translations(ctx: Ctx, node: Node | None,
                       survey_texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each declared language's texts (with "status"), checked against the survey's own."""
    if node is None:
        return {}
    found: dict[str, dict[str, str]] = {}
    for language, entry in (ctx.mapping(node, "translations") or {}).items():
        if not LANGUAGE.fullmatch(str(language)):
            ctx.error(entry.key, "bad-value", f"'{language}' is not a language code "
                      "like cy or pl (en-easy for Easy Read)")
            continue
        texts: dict[str, str] = {}
        nodes: dict[str, Node] = {}
        _flatten(ctx, entry.value, "", texts, nodes)
        status = texts.pop("status", None)
        if status not in STATUSES:
            ctx.error(nodes.get("status", entry.key), "bad-value",
                      f"{language}: status must be one of {', '.join(STATUSES)}")
        values = {k.rsplit(".", 1)[-1] for k in survey_texts if ".choices." in k}
        for key in texts:
            shared = key.startswith("choices.") and key.split(".", 1)[1] in values
            if key not in survey_texts and not shared:
                ctx.error(nodes[key], "unknown-key",
                          f"{language}: the survey has no text '{key}' to translate")
        for key, english in survey_texts.items():
            value = key.rsplit(".", 1)[-1]
            if key not in texts and not (".choices." in key and f"choices.{value}" in texts):
                ctx.error(entry.key, "translation-missing",
                          f"{language}: no translation of {key} ('{english[:60]}')")
        found[str(language)] = {**texts, "status": status or "draft"}
    return found


def translate(survey: Survey, language: str) -> Survey:
    """The survey worded in `language`, if it has that translation; answers are unchanged."""
    texts = survey.translations.get(language)
    if not texts:
        return survey

    def question(q: Question) -> Question:
        base = f"questions.{q.id}"
        return replace(
            q, **{k: texts.get(f"{base}.{k}", getattr(q, k)) for k in QUESTION_TEXTS},
            choices=tuple(replace(c, label=texts.get(f"{base}.choices.{c.value}")
                                  or texts.get(f"choices.{c.value}", c.label))
                          for c in q.choices),
            rows=tuple(replace(r, label=texts.get(f"{base}.rows.{r.id}", r.label))
                       for r in q.rows),
            errors={k: texts.get(f"{base}.errors.{k}", v) for k, v in q.errors.items()})

    pages = tuple(replace(p, **{k: texts.get(f"pages.{p.id}.{k}", getattr(p, k))
                                for k in PAGE_TEXTS},
                          questions=tuple(question(q) for q in p.questions))
                  for p in survey.pages)
    return replace(survey, **{k: texts.get(k, getattr(survey, k)) for k in SURVEY_TEXTS},
                   pages=pages)
