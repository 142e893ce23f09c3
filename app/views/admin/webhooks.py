"""/admin/webhooks: endpoints that receive events, each with its secret (for checking
signatures), its deliveries (status, tries, the receiver's answer) and a replay for each."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from app import webhooks
from app.extensions import db
from app.forms.base import ButtonForm
from app.models import WebhookDelivery, WebhookEndpoint, record
from app.models.base import utcnow
from app.views.admin.blueprint import bp
from app.views.admin.forms import WebhookForm


def _endpoint_or_404(endpoint_id: int) -> WebhookEndpoint:
    found = db.session.get(WebhookEndpoint, endpoint_id)
    if found is None:
        abort(404)
    return found


def _button() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


@bp.route("/webhooks", methods=["GET", "POST"])
def webhooks_page():
    form = WebhookForm()
    if form.validate_on_submit():
        url = form.url.data.strip()
        try:
            webhooks.check_target(url, webhooks.allow_private(current_app.config))
        except webhooks.TargetRefused as refused:
            form.url.errors.append(str(refused))
        else:
            endpoint = WebhookEndpoint(url=url, events=",".join(form.events.data),
                                       secret=webhooks.new_secret(),
                                       created_by=current_user.email)
            db.session.add(endpoint)
            db.session.flush()
            record("webhook_added", url, endpoint=endpoint.id, events=form.events.data)
            db.session.commit()
            flash("Added. Give the receiver its signing secret, shown below.")
            return redirect(url_for(".webhook", endpoint_id=endpoint.id))
    endpoints = db.session.query(WebhookEndpoint).order_by(WebhookEndpoint.id).all()
    return render_template("admin/webhooks.html", form=form, endpoints=endpoints,
                           events=webhooks.EVENTS), 422 if form.errors else 200


@bp.get("/webhooks/<int:endpoint_id>")
def webhook(endpoint_id: int):
    endpoint = _endpoint_or_404(endpoint_id)
    return render_template("admin/webhook.html", endpoint=endpoint, events=webhooks.EVENTS,
                           deliveries=endpoint.deliveries[:100],
                           button_form=ButtonForm(formdata=None))


@bp.post("/webhooks/<int:endpoint_id>/switch")
def webhook_switch(endpoint_id: int):
    endpoint = _endpoint_or_404(endpoint_id)
    _button()
    endpoint.active = not endpoint.active
    if endpoint.active:
        endpoint.failing, endpoint.disabled_reason = 0, ""
    record("webhook_switched", endpoint.url, endpoint=endpoint.id, on=endpoint.active)
    db.session.commit()
    flash("Turned on: events are delivered again." if endpoint.active else
          "Turned off: events wait until it is turned on again.")
    return redirect(url_for(".webhook", endpoint_id=endpoint.id))


@bp.post("/webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/replay")
def webhook_replay(endpoint_id: int, delivery_id: int):
    endpoint = _endpoint_or_404(endpoint_id)
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        abort(404)
    _button()
    webhooks.replay(delivery, utcnow())
    record("webhook_replayed", endpoint.url, endpoint=endpoint.id, delivery=delivery.id)
    db.session.commit()
    flash("It will be sent again on the next run of flask mail send.")
    return redirect(url_for(".webhook", endpoint_id=endpoint.id))
