"""A plain-text outline of a definition, for reviewers who do not read YAML."""

from __future__ import annotations

from .schema import Choice, Question, ShowIf, Survey


def condition_words(condition: ShowIf) -> str:
    """`{question: a, in: [x, y]}` -> "a is x or y"; nested conditions get brackets."""
    if condition.op == "in":
        return f"{condition.question} is {' or '.join(condition.values)}"
    if condition.op == "not":
        return f"not ({condition_words(condition.terms[0])})"
    joiner = " and " if condition.op == "all" else " or "
    parts = [
        f"({condition_words(t)})" if t.op in ("all", "any") else condition_words(t)
        for t in condition.terms
    ]
    return joiner.join(parts)


def choice_lines(choices: tuple[Choice, ...], indent: str) -> list[str]:
    return [
        f"{indent}{c.value} = {c.label}" + (f" [{c.colour}]" if c.colour else "")
        for c in choices
    ]


def _question(number: int, q: Question, indent: str) -> list[str]:
    facts = [q.type, "optional" if q.optional else "required", *q.kind.outline_facts(q)]
    lines = [f"{indent}{number}. {q.id} ({', '.join(facts)}): {q.label}"]
    sub = indent + "     "
    if q.hint:
        lines.append(f"{sub}hint: {q.hint}")
    if q.show_if:
        lines.append(f"{sub}shown if: {condition_words(q.show_if)}")
    lines += [sub + line for line in q.kind.outline_lines(q)]
    if q.evidence_for:
        lines.append(f"{sub}evidence for: {', '.join(q.evidence_for)}")
    lines += [f"{sub}error '{key}': {text}" for key, text in sorted(q.errors.items())]
    return lines


def _header(s: Survey) -> list[str]:
    lines = [f"{s.id} version {s.version} ({s.kind}): {s.title}"]
    if s.summary_line:
        lines.append(f"  {s.summary_line}")
    if s.schedule:
        lines.append(f"  open from {s.schedule.opens} to the end of {s.schedule.closes} "
                     "(Europe/London)")
    if s.respondent_types:
        lines.append("  respondent types:")
        lines += choice_lines(s.respondent_types, "    ")
    if s.publishing:
        lines.append(f"  consent to publish: {s.publishing.consent}")
    if s.contact:
        contact = [v for v in (s.contact.name, s.contact.team, s.contact.email,
                               s.contact.phone, s.contact.url) if v]
        lines.append(f"  contact: {', '.join(contact)}")
    if s.kind == "staff_voice":
        lines.append(f"  audience: bands {', '.join(s.audience_bands)}; "
                     f"results shown for groups of {s.min_group_size} or more")
    if s.retention.free_text_days:
        lines.append(f"  free text deleted after {s.retention.free_text_days} days")
    return lines


def _diagnostic(s: Survey) -> list[str]:
    lines = ["", "Rating scale:"] + choice_lines(s.rating_scale, "  ")
    lines += ["", "Fields asked for every item:"]
    for number, q in enumerate(s.fields, 1):
        lines += _question(number, q, "  ")
    for element in s.elements:
        lines += ["", f"Element {element.id}: {element.title}"]
        for area in element.sub_areas:
            lines.append(f"  {area.id}: {area.title}")
            for item in area.items:
                lines.append(f"    - {item.id}: {item.prompt}")
                if item.guidance:
                    lines.append(f"        guidance: {item.guidance}")
                if item.evidence_prompts:
                    lines.append(f"        evidence: {'; '.join(item.evidence_prompts)}")
    return lines


def outline(survey: Survey) -> str:
    lines = _header(survey)
    number = 0
    for page in survey.pages:
        lines += ["", f"Page {page.id}: {page.title}"]
        for q in page.questions:
            number += 1
            lines += _question(number, q, "  ")
    if survey.kind == "diagnostic":
        lines += _diagnostic(survey)
    return "\n".join(lines) + "\n"
