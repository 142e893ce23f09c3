"""The free text organisations wrote (their gaps and actions), and the ICS's analyst tags:
names an ICS lead creates, renames and applies to texts by hand, each showing which
organisations it came from. Themes found and signed off are app/analysis/theming/.

Nothing here is about staff-voice responses: these texts are written by organisation leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import Action, AnalystTag, ItemAnswer, Organisation, TagAssignment
from app.surveys.schema import Element, Item

WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
TAG_NAME_MAX = 80


def normalise(word: str) -> str:
    """Lower case, no apostrophes, simple plurals singular."""
    word = word.lower().replace("'", "").strip("-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Every word of the text, normalised (stop words kept), for matching a search phrase."""
    return [normalise(w) for w in WORD.findall((text or "").lower())]


@dataclass
class Text:
    """One free text an organisation wrote against an item of the framework: the gaps of its
    answer, or one of its actions. `source` is the row that keeps it, which tags point at."""

    org: Organisation
    element: Element
    item: Item
    source: ItemAnswer | Action

    @property
    def kind(self) -> str:
        return "gaps" if isinstance(self.source, ItemAnswer) else "action"

    @property
    def kind_label(self) -> str:
        return "Gap" if self.kind == "gaps" else "Action"

    @property
    def text(self) -> str:
        return (self.source.gaps if isinstance(self.source, ItemAnswer) else self.source.what) or ""

    @property
    def answer_id(self) -> int | None:
        return self.source.id if isinstance(self.source, ItemAnswer) else None

    @property
    def action_id(self) -> int | None:
        return self.source.id if isinstance(self.source, Action) else None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.source.id}"


@dataclass
class Theme:
    name: str
    kind: str  # "phrase" or "tag"
    organisations: list[Organisation]
    texts: list[Text] = field(default_factory=list)
    tag_id: int | None = None

    @property
    def kind_label(self) -> str:
        return {"phrase": "Key phrase", "theme": "Theme"}.get(self.kind, "Analyst tag")


def texts_of(comp) -> list[Text]:
    """Every gap and action text of the compiled assessments, element by element."""
    where = {i.id: (e, i) for e in comp.elements for i in e.items()}
    found = (Text(row.org, *where[source.item_id], source) for row in comp.assessed
             for source in [*row.assessment.answers, *row.assessment.actions]
             if source.item_id in where)
    order = {e.id: n for n, e in enumerate(comp.elements)}
    return sorted((t for t in found if t.text.strip()),
                  key=lambda t: (order[t.element.id], t.org.name, t.kind, t.key))


def organisations_of(texts: list[Text]) -> list[Organisation]:
    seen = {t.org.id: t.org for t in texts}
    return sorted(seen.values(), key=lambda o: o.name)


def matching(texts: list[Text], query: str) -> list[Text]:
    """Texts containing the words of `query` in order (normalised as phrases are)."""
    wanted = tokens(query)
    if not wanted:
        return []
    size = len(wanted)
    out = []
    for t in texts:
        words = tokens(t.text)
        if any(words[i:i + size] == wanted for i in range(len(words) - size + 1)):
            out.append(t)
    return out


# ---------------------------------------------------------------- analyst tags

class TagError(ValueError):
    """A tag name that cannot be used, with a message for the person typing it."""


def tags_of(system) -> list[AnalystTag]:
    return list(db.session.scalars(select(AnalystTag).where(AnalystTag.system_id == system.id)
                                   .order_by(func.lower(AnalystTag.name))))


def check_name(system, name: str, tag: AnalystTag | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise TagError("Enter a name for the tag")
    if len(name) > TAG_NAME_MAX:
        raise TagError(f"Tag names must be {TAG_NAME_MAX} characters or fewer")
    clash = db.session.scalar(select(AnalystTag).where(
        AnalystTag.system_id == system.id, func.lower(AnalystTag.name) == name.lower()))
    if clash is not None and clash is not tag:
        raise TagError(f"There is already a tag called \u201c{clash.name}\u201d")
    return name


def create_tag(system, name: str) -> AnalystTag:
    """Add a tag (the caller records and commits). TagError if the name cannot be used."""
    tag = AnalystTag(system_id=system.id, name=check_name(system, name))
    db.session.add(tag)
    return tag


def rename_tag(tag: AnalystTag, name: str) -> None:
    tag.name = check_name(tag.system, name, tag)


def apply_tag(tag: AnalystTag, chosen: list[Text]) -> int:
    """Tag each text not tagged already; returns how many were added."""
    have = {(a.answer_id, a.action_id) for a in tag.assignments}
    added = 0
    for t in chosen:
        if (t.answer_id, t.action_id) not in have:
            tag.assignments.append(TagAssignment(answer_id=t.answer_id, action_id=t.action_id))
            have.add((t.answer_id, t.action_id))
            added += 1
    return added


def tag_themes(system, texts: list[Text]) -> list[Theme]:
    """Each of the system's tags with the compiled texts it is applied to."""
    by_answer = {t.answer_id: t for t in texts if t.answer_id}
    by_action = {t.action_id: t for t in texts if t.action_id}
    out = []
    for tag in tags_of(system):
        tagged = [by_answer.get(a.answer_id) if a.answer_id else by_action.get(a.action_id)
                  for a in tag.assignments]
        tagged = [t for t in tagged if t is not None]
        out.append(Theme(tag.name, "tag", organisations_of(tagged), tagged, tag.id))
    return out


def text_by_key(texts: list[Text], keys: list[str]) -> list[Text]:
    wanted = set(keys)
    return [t for t in texts if t.key in wanted]


def find_tag(system, tag_id: int) -> AnalystTag | None:
    return db.session.scalar(select(AnalystTag).where(AnalystTag.id == tag_id,
                                                      AnalystTag.system_id == system.id))


def remove_assignment(tag: AnalystTag, text_key: str) -> bool:
    for a in tag.assignments:
        if f"{'gaps' if a.answer_id else 'action'}-{a.answer_id or a.action_id}" == text_key:
            tag.assignments.remove(a)
            return True
    return False

