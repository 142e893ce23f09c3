"""Themes from free text: key phrases counted across organisations, and analyst tags that an
ICS lead creates, renames and applies to texts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from app.analysis import ics, themes
from app.analysis.theming import signed_off
from app.analysis.theming.duplicates import normalise
from app.extensions import db
from app.forms.base import ButtonForm
from app.models import ORG_TYPES, AnalystTag, System, record
from app.views.ics import helpers
from app.views.ics.blueprint import bp
from app.views.ics.forms import ApplyTagForm, TagForm
from app.views.ics.pages import SECTIONS


def _context(system, **extra):
    comp, why, chosen = helpers.compilation(system)
    texts = themes.texts_of(ics.load_texts(comp)) if comp is not None else []
    return comp, texts, dict(system=system, comp=comp, why=why, chosen=chosen,
                             args=helpers.args(chosen), cycles=ics.cycles_of(system),
                             org_types=ORG_TYPES, sections=SECTIONS, **extra)


def _kept_filters(system) -> dict[str, str]:
    """The page's own filters, to carry back after a post: never the whole query string, whose
    names could collide with the route's arguments or url_for's (_external, _scheme)."""
    return helpers.args(helpers.filters(system))


def _status(form) -> int:
    return 422 if form.errors else 200


def _tag_or_404(code: str, tag_id: int) -> tuple[System, AnalystTag]:
    """The ICS and its tag; 404 for a tag of another ICS as for none."""
    system = helpers.system_or_404(code)
    found = themes.find_tag(system, tag_id)
    if found is None:
        abort(404)
    return system, found


def _tag_for_button(code: str, tag_id: int) -> tuple[System, AnalystTag]:
    """As _tag_or_404, for a button on the tag's page: 400 if its form does not validate."""
    system, found = _tag_or_404(code, tag_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return system, found


def _back_to_tag(system: System, tag: AnalystTag):
    return redirect(url_for("ics.tag", code=system.code, tag_id=tag.id, **_kept_filters(system)))


@bp.route("/<code>/themes", methods=["GET", "POST"], endpoint="themes")
def themes_page(code: str):
    system = helpers.system_or_404(code)
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag = themes.create_tag(system, form.name.data)
        except themes.TagError as error:
            form.name.errors.append(str(error))
        else:
            record("ics_tag_created", system.code, name=tag.name)
            db.session.commit()
            flash(f"Created the tag \u201c{tag.name}\u201d.")
            return redirect(url_for("ics.themes", code=system.code, **_kept_filters(system)))
    comp, texts, context = _context(system, heading="Themes")
    found = signed_off.ics_themes(comp, texts) if comp is not None else []
    tagged = themes.tag_themes(system, texts)
    return render_template("ics/themes.html", form=form, found=found, tagged=tagged,
                           texts=texts, analysis=signed_off.ics_analysis(system),
                           note=signed_off.THEMES_NOTE, **context), _status(form)


@bp.route("/<code>/themes/texts", methods=["GET", "POST"])
def texts(code: str):
    """The texts with some words, from an organisation, of a kind or element; a form to tag
    them, with identical texts as one choice and "select all"."""
    system = helpers.system_or_404(code)
    query = request.args.get("q", "")[:100]
    comp, all_texts, context = _context(system, heading="Texts", query=query)
    found = themes.matching(all_texts, query) if query else all_texts
    narrow = {k: request.args.get(k, "") for k in ("org", "kind", "element")}
    found = [t for t in found if (not narrow["org"] or t.org.code == narrow["org"])
             and (not narrow["kind"] or t.kind == narrow["kind"])
             and (not narrow["element"] or t.element.id == narrow["element"])]
    alike: dict[str, list] = {}
    for t in found:
        alike.setdefault(normalise(t.text), []).append(t)
    form = ApplyTagForm()
    form.tag.choices = [(str(t.id), t.name) for t in themes.tags_of(system)]
    form.texts.choices = [(",".join(t.key for t in group), _choice_label(group))
                          for group in alike.values()]
    if request.method == "GET" and request.args.get("select") == "all":
        form.texts.data = [value for value, _ in form.texts.choices]
    if form.validate_on_submit():
        tag = themes.find_tag(system, int(form.tag.data))
        if tag is None:
            abort(404)
        keys = [k for value in form.texts.data for k in value.split(",")]
        added = themes.apply_tag(tag, themes.text_by_key(found, keys))
        record("ics_tag_applied", system.code, tag=tag.name, texts=sorted(keys))
        db.session.commit()
        flash(f"Tagged {added} text{'s' if added != 1 else ''} \u201c{tag.name}\u201d.")
        return redirect(url_for("ics.tag", code=system.code, tag_id=tag.id,
                                **helpers.args(context["chosen"])))
    orgs = themes.organisations_of(found)
    select_all = url_for("ics.texts", code=system.code, q=query or None, select="all",
                         **{k: v for k, v in narrow.items() if v},
                         **helpers.args(context["chosen"]))
    return render_template("ics/texts.html", form=form, found=found, orgs=orgs,
                           everyone=themes.organisations_of(all_texts), narrow=narrow,
                           select_all=select_all,
                           elements=comp.elements if comp is not None else [],
                           **context), _status(form)


def _choice_label(group) -> str:
    """One choice for texts written the same way: who wrote it, how often, and the text."""
    names = ", ".join(dict.fromkeys(t.org.name for t in group))
    times = f" ({len(group)} times)" if len(group) > 1 else ""
    return f"{names}{times}: {group[0].text}"


@bp.route("/<code>/tags/<int:tag_id>", methods=["GET", "POST"])
def tag(code: str, tag_id: int):
    """One tag: its texts and organisations, renaming, removing texts, deleting."""
    system, found = _tag_or_404(code, tag_id)
    form = TagForm(data={"name": found.name})
    if form.validate_on_submit():
        old = found.name
        try:
            themes.rename_tag(found, form.name.data)
        except themes.TagError as error:
            form.name.errors.append(str(error))
        else:
            record("ics_tag_renamed", system.code, old=old, new=found.name)
            db.session.commit()
            flash(f"Renamed the tag to \u201c{found.name}\u201d.")
            return _back_to_tag(system, found)
    comp, texts, context = _context(system, heading=found.name)
    theme = next(t for t in themes.tag_themes(system, texts) if t.tag_id == found.id)
    return render_template("ics/tag.html", form=form, the_tag=found, theme=theme,
                           button_form=ButtonForm(), **context), _status(form)


@bp.post("/<code>/tags/<int:tag_id>/remove")
def untag(code: str, tag_id: int):
    system, found = _tag_for_button(code, tag_id)
    key = request.form.get("text", "")[:40]
    if themes.remove_assignment(found, key):
        record("ics_tag_removed", system.code, tag=found.name, text=key)
        db.session.commit()
        flash("Removed the tag from that text.")
    return _back_to_tag(system, found)


@bp.post("/<code>/tags/<int:tag_id>/delete")
def delete_tag(code: str, tag_id: int):
    system, found = _tag_for_button(code, tag_id)
    record("ics_tag_deleted", system.code, name=found.name)
    db.session.delete(found)
    db.session.commit()
    flash(f"Deleted the tag \u201c{found.name}\u201d.")
    return redirect(url_for("ics.themes", code=system.code, **_kept_filters(system)))
