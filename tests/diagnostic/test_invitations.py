"""Invitations (app/diagnostic/invitations.py): an organisation lead invites a contributor, the
email through a real SMTP server carries a single-use link that expires, and accepting it makes
the account with the chosen elements. Also "you can now edit" emails when elements are given."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.diagnostic import invitations
from app.extensions import db
from app.mail import MailSettings, deliver
from app.models import AuditEvent, ElementAssignment, Invitation, User
from app.models.base import utcnow
from app.models.mail import OutboxMessage
from app.passwords import WeakPassword

TITLES = {"relationships": "Relationships", "environment": "Environment"}


def link_in(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://\S+/invitation/(\S+)", body).group(1)


def test_the_invited_person_gets_a_link_that_sets_up_their_account_once(
        app, orgs, make_user, smtp_server):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    invitations.invite(orgs[0], " New.Person@Example.NHS.uk ", "New Person",
                       ["relationships"], lead, TITLES)
    db.session.commit()
    assert deliver(MailSettings.from_config(app.config), utcnow()) == (1, 0)
    [message] = smtp_server.messages
    assert message["To"] == "new.person@example.nhs.uk"
    assert "Relationships" in message.get_payload(decode=True).decode()
    token = link_in(message)
    stored = db.session.scalar(select(Invitation))
    assert token not in stored.token_hash  # only a hash is kept

    invitation = invitations.find(token)
    user = invitations.accept(invitation, "correct horse battery staple")
    db.session.commit()
    assert (user.email, user.role, user.organisation_id) == (
        "new.person@example.nhs.uk", "contributor", orgs[0].id)
    assert user.check_password("correct horse battery staple")
    assert [a.element_id for a in db.session.scalars(select(ElementAssignment))] == [
        "relationships"]
    assert invitations.find(token) is None  # once only
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"invitation_sent", "invitation_accepted"} <= actions


def test_a_link_expires_after_a_week(app, orgs, make_user):
    lead = make_user("org_lead")
    invitations.invite(orgs[0], "a@example.nhs.uk", "A", [], lead, TITLES)
    db.session.commit()
    token = re.search(r"/invitation/(\S+)", db.session.scalar(
        select(OutboxMessage.body))).group(1)
    assert invitations.find(token, utcnow() + timedelta(days=6)) is not None
    assert invitations.find(token, utcnow() + timedelta(days=7, minutes=1)) is None
    assert invitations.find("not-a-token") is None and invitations.find("x" * 500) is None


def test_an_existing_account_is_not_invited_again(app, orgs, make_user):
    lead = make_user("org_lead")
    make_user("contributor", email="already@example.nhs.uk")
    with pytest.raises(invitations.InvitationRefused, match="already has an account"):
        invitations.invite(orgs[0], "Already@example.nhs.uk", "A", [], lead, TITLES)


def test_a_weak_password_makes_no_account(app, orgs, make_user):
    lead = make_user("org_lead")
    invitation = invitations.invite(orgs[0], "a@example.nhs.uk", "A", [], lead, TITLES)
    db.session.commit()
    with pytest.raises(WeakPassword):
        invitations.accept(invitation, "password1234")
    db.session.rollback()
    assert db.session.scalar(select(User).where(User.email == "a@example.nhs.uk")) is None


def test_a_second_invitation_to_the_same_person_is_spent_once_either_is_used(
        app, orgs, make_user):
    lead = make_user("org_lead")
    for _ in range(2):
        invitations.invite(orgs[0], "twice@example.nhs.uk", "T", [], lead, TITLES)
    db.session.commit()
    first, second = [re.search(r"/invitation/(\S+)", body).group(1)
                     for body in db.session.scalars(select(OutboxMessage.body))]
    invitations.accept(invitations.find(first), "correct horse battery staple")
    db.session.commit()
    assert invitations.find(second) is None  # not a second account (a 500 on the unique email)
