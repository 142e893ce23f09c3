"""Who may enter each blueprint. A blueprint is guarded as a whole in before_request, so a new
route cannot be left open by forgetting a decorator; tests/views/test_access.py checks every
route."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

ANYONE = "anyone"
Found = TypeVar("Found")


def guard(bp: Blueprint, roles: Iterable[str] | str) -> Blueprint:
    """Let only `roles` into `bp` (ANYONE for public blueprints). Anonymous users are sent to
    sign in; signed-in users without the role get 403."""
    allowed = roles if roles == ANYONE else frozenset(roles)
    bp.allowed_roles = allowed

    @bp.before_request
    def _check_role():
        if allowed == ANYONE:
            return None
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        if current_user.role not in allowed:
            abort(403)
        return None

    return bp


def allowed_or_abort(found: Found | None, rule: Callable[..., bool]) -> Found:
    """An object a URL names, checked by one of app.permissions' rules: 404 when there is none
    (before any check, so "exists but not yours" is never told apart from "missing"), 403 when
    the rule refuses the signed-in user."""
    if found is None:
        abort(404)
    if not rule(current_user, found):
        abort(403)
    return found


class NavItem:
    def __init__(self, href: str, text: str, description: str = ""):
        self.href, self.text, self.description = href, text, description


# Navigation by role: (endpoint, text, what it is for (the home page's cards), roles), in
# header order. Every endpoint is registered (tests/views/test_access.py checks), so a renamed
# page fails loudly instead of vanishing.
NAVIGATION = [
    ("admin.dashboard", "Admin",
     "People, organisations, systems, webhooks, the outbox and the audit log.", {"admin"}),
    ("admin_consultations.index", "Consultations",
     "Open, close and schedule consultations, moderate responses and publish what you did.",
     {"admin"}),
    ("diagnostic.index", "Diagnostic",
     "Assess your organisation's health and wellbeing offer element by element: rating, "
     "current offer, evidence, gaps and actions.",
     {"admin", "ics_lead", "org_lead", "contributor"}),
    ("staff_voice.index", "Staff voice",
     "Run short anonymous surveys for staff in Bands 2 to 4 and see results for groups of "
     "11 or more.", {"admin", "ics_lead", "org_lead"}),
    ("ics.index", "ICS compilation",
     "Themes, shared gaps, consistency and evidence gaps across every organisation, with "
     "downloads.", {"admin", "ics_lead"}),
]


def navigation(user) -> list[NavItem]:
    return [NavItem(url_for(endpoint), text, description)
            for endpoint, text, description, roles in NAVIGATION if user.role in roles]
