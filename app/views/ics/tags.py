"""Themes from free text: key phrases counted across organisations, and analyst tags that an
ICS lead creates, renames and applies to texts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from app.analysis import ics, themes
from app.analysis.theming import signed_off
from app.extensions import db
from app.models import ORG_TYPES, AnalystTag, System, record
from app.views.ics import helpers
from app.views.ics.blueprint import bp
from app.views.ics.forms import ApplyTagForm, EmptyForm, TagForm
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
    if not EmptyForm().validate_on_submit():
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
    """The texts containing a phrase, with a form to tag some of them."""
    system = helpers.system_or_404(code)
    query = request.args.get("q", "")[:100]
    comp, all_texts, context = _context(system, heading="Texts", query=query)
    found = themes.matching(all_texts, query) if query else all_texts
    form = ApplyTagForm()
    form.tag.choices = [(str(t.id), t.name) for t in themes.tags_of(system)]
    form.texts.choices = [(t.key, f"{t.org.name}: {t.text}") for t in found]
    if form.validate_on_submit():
        tag = themes.find_tag(system, int(form.tag.data))
        if tag is None:
            abort(404)
        added = themes.apply_tag(tag, themes.text_by_key(found, form.texts.data))
        record("ics_tag_applied", system.code, tag=tag.name, texts=sorted(form.texts.data))
        db.session.commit()
        flash(f"Tagged {added} text{'s' if added != 1 else ''} \u201c{tag.name}\u201d.")
        return redirect(url_for("ics.tag", code=system.code, tag_id=tag.id,
                                **helpers.args(context["chosen"])))
    orgs = themes.organisations_of(found)
    return render_template("ics/texts.html", form=form, found=found, orgs=orgs,
                           **context), _status(form)


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
                           button_form=EmptyForm(), **context), _status(form)


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
