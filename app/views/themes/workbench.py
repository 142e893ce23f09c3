"""The theme workbench, one set of views for both bodies of text: find themes, decide on each
(accept, rename, merge, split, discard, add), tag texts (the least sure first, or a search
with select-all), sign off, and let a second analyst code a sample blind. Each blueprint gives
`load(**view_args)`, which checks access and returns the corpus and where "back" goes."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.analysis.theming import discover, results, store
from app.analysis.theming.agreement import Agreement
from app.analysis.theming.duplicates import normalise
from app.extensions import db
from app.forms.base import ButtonForm
from app.models import record
from app.views.themes.forms import AddThemeForm, decide_form, tag_form

PER_PAGE = 25


@dataclass(frozen=True)
class Place:
    corpus: object  # app.analysis.theming.corpora.Corpus
    back: tuple[str, str]  # (address, text)
    args: dict  # the view arguments, to build this blueprint's addresses


def register(bp: Blueprint, load) -> None:
    """Add the workbench's routes to `bp`, whose url_prefix names the body of text."""

    def here(endpoint: str, place: Place, **more) -> str:
        return url_for(f"{bp.name}.{endpoint}", **place.args, **more)

    def page(template: str, place: Place, analysis, status: int = 200, **context):
        return render_template(template, place=place, corpus=place.corpus, analysis=analysis,
                               entries=place.corpus.by_key(),
                               here=lambda e, **m: here(e, place, **m), **context), status

    def analysis_or_404(place: Place):
        """The analysis; before there is one, every page but the workbench sends people there
        (404 for a post: there is nothing to change)."""
        found = store.find(place.corpus.scope, place.corpus.key)
        if found is None:
            if request.method == "GET":
                abort(redirect(here("workbench", place)))
            abort(404)
        return found

    def button(form=None) -> None:
        if not (form or ButtonForm()).validate_on_submit():
            abort(400)

    def audit(action: str, place: Place, **detail) -> None:
        record(action, place.corpus.key, scope=place.corpus.scope, **detail)

    def workbench(**args):
        place = load(**args)
        analysis = store.find(place.corpus.scope, place.corpus.key)
        context = {"add_form": AddThemeForm(formdata=None), "empty": ButtonForm(formdata=None)}
        if analysis is not None:
            context |= {
                "found": analysis.loaded("found") or {},
                "results": results.results(analysis, place.corpus),
                "tagged": len(store.codes(analysis)),
                "second": _agreement(results.between_analysts(analysis)),
                "model": _agreement(results.model_against_analyst(analysis, place.corpus)),
                "changed": analysis.digest != store.digest(place.corpus),
                "decide": {t.id: decide_form([o for o in store.live(analysis) if o is not t],
                                             formdata=None, prefix=f"t{t.id}")
                           for t in analysis.themes}}
        return page("themes/workbench.html", place, analysis, **context)

    def find_themes(**args):
        place = load(**args)
        button()
        try:
            analysis = store.run_discovery(place.corpus, current_user.email)
        except (discover.NotEnoughTexts, store.ThemeError) as refused:
            flash(str(refused))
            return redirect(here("workbench", place))
        db.session.flush()
        store.remap(analysis, place.corpus)
        audit("themes_found", place, themes=len(analysis.themes), texts=analysis.texts)
        db.session.commit()
        flash(f"Found {len(analysis.themes)} themes in {analysis.texts:,} texts. Decide on "
              "each, then tag texts so that the model can learn them.")
        return redirect(here("workbench", place))

    def decide(theme_id: int, **args):
        place = load(**args)
        analysis = analysis_or_404(place)
        theme = next((t for t in analysis.themes if t.id == theme_id), None)
        if theme is None:
            abort(404)
        form = decide_form([o for o in store.live(analysis) if o is not theme],
                           prefix=f"t{theme.id}")
        button(form)
        into = next((t for t in analysis.themes if t.key == form.into.data), None)
        try:
            shown = store.decide(analysis, theme, form.action.data or "", form.name.data or "",
                                 into)
        except store.ThemeError as refused:
            flash(str(refused))
            return redirect(here("workbench", place) + f"#theme-{theme.id}")
        store.remap(analysis, place.corpus)
        audit("theme_decided", place, theme=theme.id, decision=form.action.data, name=shown.name)
        db.session.commit()
        flash(f"{form.action.data.capitalize()}: \u201c{shown.name}\u201d.")
        return redirect(here("workbench", place) + f"#theme-{shown.id}")

    def add_theme(**args):
        place = load(**args)
        analysis = analysis_or_404(place)
        form = AddThemeForm()
        if form.validate_on_submit():
            try:
                theme = store.add(analysis, form.name.data)
            except store.ThemeError as refused:
                form.name.errors = [str(refused)]
            else:
                audit("theme_added", place, theme=theme.id, name=theme.name)
                db.session.commit()
                flash(f"Added \u201c{theme.name}\u201d. Tag some texts with it.")
                return redirect(here("tag", place))
        flash(form.name.errors[0] if form.name.errors else "Enter a name for the theme")
        return redirect(here("workbench", place) + "#add-theme")

    def tag(**args):
        place = load(**args)
        analysis = analysis_or_404(place)
        entries = place.corpus.by_key()
        query = (request.args.get("q") or "").strip()[:200]
        group = request.args.get("group", "")
        if query or group:
            words = query.lower().split()
            shown = [e for e in place.corpus.entries
                     if all(w in e.text.lower() for w in words) and (not group or
                                                                   e.group == group)]
        else:  # the texts the model is least sure of, then any not yet tagged
            tagged = store.codes(analysis)
            queued = [entries[k] for k in analysis.loaded("queue") or [] if k in entries]
            shown = [e for e in queued if e.key not in tagged] or \
                [e for e in place.corpus.entries if e.key not in tagged]
        rows = _alike(shown)
        matching = len(rows)
        rows = rows[:PER_PAGE] if request.args.get("all") != "yes" else rows
        form = tag_form(rows, store.live(analysis))
        if request.method == "POST" and form.validate_on_submit():
            keys = [k for row in form.keys.data for k in row.split(",")]
            try:
                count = store.tag(analysis, keys, set(form.themes.data or []),
                                  current_user.email, replace=form.mode.data == "replace")
            except store.ThemeError as refused:
                flash(str(refused))
                return redirect(here("workbench", place))
            store.remap(analysis, place.corpus)
            audit("themes_tagged", place, texts=count, themes=sorted(form.themes.data or []))
            db.session.commit()
            flash(f"Tagged {count} text{'s' if count != 1 else ''}. The model has learned "
                  "from it: the next texts are those it is least sure of.")
            return redirect(here("tag", place, q=query or None, group=group or None))
        final = store.final_codes(analysis)
        names = {t.key: t.name for t in analysis.themes}
        return page("themes/tag.html", place, analysis, 422 if form.errors else 200,
                    form=form, shown=rows, matching=matching, query=query, group=group,
                    groups=sorted({e.group for e in place.corpus.entries}),
                    current={r.key: [names[i] for i in sorted(final.get(r.first, ()), key=int)
                                     if i in names] for r in rows},
                    by_analyst=set(store.codes(analysis)))

    def change(args: dict, act, event: str, done: str):
        """A button on the workbench: act(analysis, place) changes it and says what to audit;
        a change the rules refuse is said on the workbench instead."""
        place = load(**args)
        analysis = analysis_or_404(place)
        button()
        try:
            details = act(analysis, place)
        except store.ThemeError as refused:
            flash(str(refused))
            return redirect(here("workbench", place))
        audit(event, place, **details)
        db.session.commit()
        flash(done)
        return redirect(here("workbench", place))

    def sign_off(**args):
        def act(analysis, place):
            store.sign_off(analysis, current_user.email)
            store.remap(analysis, place.corpus)
            return {"themes": len(store.accepted(analysis))}
        return change(args, act, "themes_signed_off",
                      "Signed off: these themes now appear in the reports.")

    def reopen(**args):
        def act(analysis, _place):
            store.reopen(analysis)
            return {}
        return change(args, act, "themes_reopened",
                      "Reopened: the reports leave the themes out until they are signed off "
                      "again.")

    def second(**args):
        place = load(**args)
        analysis = analysis_or_404(place)
        entries = place.corpus.by_key()
        sample = [entries[k] for k in store.second_sample(analysis, place.corpus) if k in entries]
        done = store.codes(analysis, "second")
        todo = [e for e in sample if e.key not in done][:10]
        form = tag_form(todo, store.accepted(analysis))
        if request.method == "POST" and form.validate_on_submit():
            store.tag(analysis, form.keys.data, set(form.themes.data or []),
                      current_user.email, coder="second")
            audit("themes_second_coded", place, texts=len(form.keys.data))
            db.session.commit()
            return redirect(here("second", place))
        return page("themes/second.html", place, analysis, 422 if form.errors else 200,
                    form=form, todo=todo, sample=len(sample),
                    coded=sum(e.key in done for e in sample))

    rules = [("/", workbench, ["GET"]), ("/find", find_themes, ["POST"]),
             ("/theme/<int:theme_id>", decide, ["POST"]), ("/add", add_theme, ["POST"]),
             ("/tag", tag, ["GET", "POST"]), ("/sign-off", sign_off, ["POST"]),
             ("/reopen", reopen, ["POST"]), ("/second", second, ["GET", "POST"])]
    for rule, view, methods in rules:
        bp.add_url_rule(rule, view.__name__, view, methods=methods)


@dataclass(frozen=True)
class Alike:
    """Texts written the same way (after case, spacing and punctuation), tagged as one."""

    entries: tuple

    @property
    def key(self) -> str:
        return ",".join(e.key for e in self.entries)

    @property
    def first(self) -> str:
        return self.entries[0].key

    @property
    def text(self) -> str:
        return self.entries[0].text

    @property
    def source(self) -> str:
        if len(self.entries) == 1:
            return self.entries[0].source.rstrip(".")
        groups = sorted({e.group for e in self.entries})
        return f"Written {len(self.entries)} times, by " + ", ".join(groups)


def _alike(entries) -> list[Alike]:
    found: dict[str, list] = {}
    for e in entries:
        found.setdefault(normalise(e.text), []).append(e)
    return [Alike(tuple(group)) for group in found.values()]


def _agreement(found: Agreement | None) -> Agreement | None:
    return found if found is not None and found.texts else None
