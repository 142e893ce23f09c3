"""A theme analysis kept in the database: found themes, the analyst's decisions on them, codes,
the model's mapping, and sign-off. The callers record audit events and commit."""

from __future__ import annotations

import hashlib
import json
import random

from sqlalchemy import select

from app.analysis.theming import discover, mapping
from app.analysis.theming.corpora import Corpus
from app.extensions import db
from app.models import AnalysisTheme, ThemeAnalysis, ThemeCode
from app.models.base import utcnow

NAME_MAX = 120
SECOND_SAMPLE = 60  # texts a second analyst codes blind


class ThemeError(ValueError):
    """A decision that cannot be made: the message says why, for the page."""


def digest(corpus: Corpus) -> str:
    h = hashlib.sha256()
    for e in corpus.entries:
        h.update(f"{e.key}\0{e.text}\0".encode())
    return h.hexdigest()


def find(scope: str, key: str) -> ThemeAnalysis | None:
    return db.session.scalar(select(ThemeAnalysis).where(
        ThemeAnalysis.scope == scope, ThemeAnalysis.scope_key == key))


def run_discovery(corpus: Corpus, by: str) -> ThemeAnalysis:
    """Find themes afresh (raises discover.NotEnoughTexts). A signed-off analysis must be
    reopened first; a draft's themes and codes are replaced."""
    analysis = find(corpus.scope, corpus.key)
    if analysis is not None and analysis.signed_off:
        raise ThemeError("The themes are signed off: reopen them before finding themes again")
    found = discover.discover([e.text for e in corpus.entries])
    if analysis is None:
        analysis = ThemeAnalysis(scope=corpus.scope, scope_key=corpus.key)
        db.session.add(analysis)
    analysis.themes.clear()
    analysis.codes.clear()
    keys = [e.key for e in corpus.entries]
    largest = sorted((g for g in found.groups if g.size > 1), key=lambda g: -g.size)[:5]
    analysis.found = json.dumps({
        "stability": found.stability, "k": found.k, "groups": len(found.groups),
        "largest": [[keys[g.representative], g.size] for g in largest],
        "skipped": {reason: [keys[i] for i in members]
                    for reason, members in found.skipped.items()}}, sort_keys=True)
    for n, theme in enumerate(found.themes):
        analysis.themes.append(AnalysisTheme(
            name=theme.label[:NAME_MAX], terms=", ".join(theme.terms), origin="found",
            status="proposed", examples=json.dumps([keys[i] for i in theme.examples]),
            position=n))
    analysis.state, analysis.created_at, analysis.created_by = "draft", utcnow(), by
    analysis.texts, analysis.digest = len(keys), digest(corpus)
    # Until the model has examples to learn from, the queue offers each theme's examples.
    offered = [k for t in analysis.themes for k in t.example_keys]
    analysis.queue = json.dumps(list(dict.fromkeys(offered)))
    analysis.mapping, analysis.mapped_at = "{}", None
    return analysis


def live(analysis: ThemeAnalysis) -> list[AnalysisTheme]:
    """The themes still in play: accepted, or proposed and not yet decided."""
    return [t for t in analysis.themes if t.status != "discarded"]


def accepted(analysis: ThemeAnalysis) -> list[AnalysisTheme]:
    return [t for t in analysis.themes if t.status == "accepted"]


def _editable(analysis: ThemeAnalysis) -> None:
    if analysis.signed_off:
        raise ThemeError("The themes are signed off: reopen them to change anything")


def check_name(analysis: ThemeAnalysis, name: str, theme: AnalysisTheme | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ThemeError("Enter a name for the theme")
    if len(name) > NAME_MAX:
        raise ThemeError(f"Enter a name of {NAME_MAX} characters or fewer")
    if any(t.name.lower() == name.lower() and t is not theme for t in live(analysis)):
        raise ThemeError(f"There is already a theme called \u201c{name}\u201d")
    return name


def decide(analysis: ThemeAnalysis, theme: AnalysisTheme, action: str, name: str = "",
           into: AnalysisTheme | None = None) -> AnalysisTheme:
    """accept, rename, discard, merge (into another), split (a new theme named `name`, with
    the texts tagged with this one offered first for re-tagging). Returns the theme to show."""
    _editable(analysis)
    if action == "accept":
        theme.status = "accepted"
    elif action == "rename":
        theme.name, theme.status = check_name(analysis, name, theme), "accepted"
    elif action == "discard":
        theme.status = "discarded"
        _recode(analysis, lambda ids: ids - {theme.key})
    elif action == "merge":
        if into is None or into is theme or into.status == "discarded":
            raise ThemeError("Select the theme to merge it into")
        theme.status, into.status = "discarded", "accepted"
        _recode(analysis, lambda ids: (ids - {theme.key}) | {into.key} if theme.key in ids
                else ids)
        return into
    elif action == "split":
        new = add(analysis, name, origin="split")
        tagged = [c.text_key for c in analysis.codes if theme.key in c.ids]
        queue = analysis.loaded("queue") or []
        analysis.queue = json.dumps(list(dict.fromkeys(tagged + queue)))
        theme.status = "accepted"
        return new
    else:
        raise ThemeError("Choose what to do with the theme")
    return theme


def add(analysis: ThemeAnalysis, name: str, origin: str = "analyst") -> AnalysisTheme:
    _editable(analysis)
    theme = AnalysisTheme(name=check_name(analysis, name), origin=origin, status="accepted",
                          position=len(analysis.themes))
    analysis.themes.append(theme)
    db.session.flush()
    return theme


def _recode(analysis: ThemeAnalysis, change) -> None:
    for code in analysis.codes:
        code.theme_ids = json.dumps(sorted(change(code.ids), key=int))


def codes(analysis: ThemeAnalysis, coder: str = "analyst") -> dict[str, set[str]]:
    return {c.text_key: c.ids for c in analysis.codes if c.coder == coder}


def tag(analysis: ThemeAnalysis, keys: list[str], theme_ids: set[str], by: str,
        coder: str = "analyst", replace: bool = True) -> int:
    """Give each text these themes (replace), or add them to what it has. Returns how many."""
    _editable(analysis)
    live_ids = {t.key for t in live(analysis)}
    theme_ids = set(theme_ids) & live_ids
    existing = {c.text_key: c for c in analysis.codes if c.coder == coder}
    for key in keys:
        code = existing.get(key)
        if code is None:
            code = ThemeCode(text_key=key, coder=coder)
            analysis.codes.append(code)
        ids = theme_ids if replace else code.ids | theme_ids
        code.theme_ids = json.dumps(sorted(ids, key=int))
        code.coded_by, code.coded_at = by, utcnow()
    return len(keys)


_FEATURES: dict[str, mapping.Features] = {}  # corpus digest -> its vectors, the newest few


def features_of(corpus: Corpus) -> mapping.Features:
    """The corpus's vectors, kept in this process for the next tag (they take the time)."""
    key = digest(corpus)
    if key not in _FEATURES:
        while len(_FEATURES) >= 4:
            _FEATURES.pop(next(iter(_FEATURES)))
        _FEATURES[key] = mapping.features([e.text for e in corpus.entries])
    return _FEATURES[key]


def remap(analysis: ThemeAnalysis, corpus: Corpus) -> mapping.Mapping:
    """Train on the analyst's codes and map every other text; keep the result and the queue."""
    keys = [e.key for e in corpus.entries]
    index = {k: i for i, k in enumerate(keys)}
    tagged = {index[k]: ids for k, ids in codes(analysis).items() if k in index}
    # A found theme's representative texts teach the model until the analyst tags them.
    hints: dict[int, set[str]] = {}
    for theme in live(analysis):
        for key in theme.example_keys:
            if key in index:
                hints.setdefault(index[key], set()).add(theme.key)
    found = mapping.map_texts(features_of(corpus), len(keys),
                              {t.key: t.name for t in live(analysis)}, tagged, hints=hints)
    analysis.mapping = json.dumps({keys[i]: list(ids) for i, ids in sorted(found.themes.items())
                                   if i in found.by_model}, sort_keys=True)
    analysis.queue = json.dumps([keys[i] for i in found.unsure])
    analysis.mapped_at = utcnow()
    return found


def final_codes(analysis: ThemeAnalysis) -> dict[str, set[str]]:
    """Every text's themes: the analyst's where they tagged it, else the model's."""
    out = {k: set(ids) for k, ids in (analysis.loaded("mapping") or {}).items()}
    out.update(codes(analysis))
    return out


def sign_off(analysis: ThemeAnalysis, by: str) -> None:
    _editable(analysis)
    undecided = [t.name for t in analysis.themes if t.status == "proposed"]
    if undecided:
        raise ThemeError("Accept, rename, merge or discard every found theme before signing "
                         "off: " + ", ".join(f"\u201c{n}\u201d" for n in undecided[:3])
                         + (" and others" if len(undecided) > 3 else ""))
    if not accepted(analysis):
        raise ThemeError("Accept at least one theme before signing off")
    if not codes(analysis):
        raise ThemeError("Tag some texts first: the model learns from your tags")
    analysis.state, analysis.signed_off_at, analysis.signed_off_by = "signed_off", utcnow(), by


def reopen(analysis: ThemeAnalysis) -> None:
    analysis.state, analysis.signed_off_at, analysis.signed_off_by = "draft", None, None


def second_sample(analysis: ThemeAnalysis, corpus: Corpus) -> list[str]:
    """A fixed random sample of texts for a second analyst to code blind."""
    keys = sorted(e.key for e in corpus.entries)
    rng = random.Random(f"second:{analysis.id}:{analysis.digest}")
    return sorted(rng.sample(keys, min(SECOND_SAMPLE, len(keys))))
