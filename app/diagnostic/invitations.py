"""An organisation lead invites a contributor by email, with no admin needed: a single-use link,
valid for INVITE_DAYS days, that sets the new account's password and hands over the elements the
lead chose. Only a hash of the link's token is stored. Emails go through the outbox (app/mail/).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.formatting import date_time
from app.mail import queue
from app.models import ElementAssignment, Invitation, Organisation, User, record
from app.models.base import utcnow
from app.urls import external_url

INVITE_DAYS = 7


class InvitationRefused(ValueError):
    """Why an invitation cannot be sent, in words for the email field."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(org: Organisation, email: str, name: str, element_ids: Iterable[str],
           by: User, titles: dict[str, str]) -> Invitation:
    """Store the invitation and queue its email (the caller commits)."""
    email = email.strip().lower()
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise InvitationRefused("This email address already has an account: choose its "
                                "elements on the page for who can edit each element")
    token = secrets.token_urlsafe(32)
    now = utcnow()
    invitation = Invitation(email=email, name=name.strip(), organisation=org,
                            token_hash=_hash(token), elements=",".join(element_ids),
                            invited_by=by.email, created_at=now,
                            expires_at=now + timedelta(days=INVITE_DAYS))
    db.session.add(invitation)
    chosen = [titles[e] for e in invitation.element_ids if e in titles]
    body = (f"Hello {invitation.name or email},\n\n{by.name or by.email} has invited you to help "
            f"complete {org.name}'s health and wellbeing diagnostic"
            + (f", for: {', '.join(chosen)}" if chosen else "") + ".\n\n"
            f"Choose a password to set up your account: "
            f"{external_url('auth.accept_invitation', token=token)}\n\n"
            f"The link works once, until {date_time(invitation.expires_at)}. If you did not "
            "expect this email you can ignore it.\n")
    queue(email, f"Invitation: {org.name}'s health and wellbeing diagnostic", body,
          "invitation")
    record("invitation_sent", email, organisation=org.code, by=by.email,
           elements=invitation.element_ids)
    return invitation


def find(token: str, now: datetime | None = None) -> Invitation | None:
    """The unused, unexpired invitation with this token, if any."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.token_hash == _hash(token)))
    if invitation is None or invitation.used_at is not None or \
            invitation.expires_at <= (now or utcnow()):
        return None
    # Invited twice and one link already used (or given an account another way): spent too.
    if db.session.scalar(select(User.id).where(func.lower(User.email) == invitation.email)):
        return None
    return invitation


def accept(invitation: Invitation, password: str) -> User:
    """The contributor's account, with the elements the lead chose (the caller commits).
    Refuses a password the policy refuses (WeakPassword), as every password setting does."""
    user = User(email=invitation.email, name=invitation.name, role="contributor",
                organisation_id=invitation.organisation_id, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    for element_id in invitation.element_ids:
        db.session.add(ElementAssignment(organisation_id=invitation.organisation_id,
                                         element_id=element_id, user_id=user.id))
    invitation.used_at = utcnow()
    record("invitation_accepted", user.email, organisation=invitation.organisation.code)
    return user


def assigned(org: Organisation, user: User, titles: list[str]) -> None:
    """Queue "you can now edit these elements" for a contributor given new elements."""
    if not titles:
        return
    body = (f"Hello {user.name or user.email},\n\nYou can now edit these elements of "
            f"{org.name}'s health and wellbeing diagnostic: {', '.join(titles)}.\n\n"
            f"Start here: {external_url('diagnostic.organisation', code=org.code)}\n")
    queue(user.email, f"You have been given {len(titles)} diagnostic element"
          f"{'s' if len(titles) > 1 else ''} to complete", body, "element_assigned")
