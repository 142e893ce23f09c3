"""app/signing.py signs exactly as Flask's session and Flask-WTF's tokens are signed, with the
work that depends only on the key done once: a cookie or token made before the change (or by
the libraries themselves) still reads, and a new key is never answered with an old one's."""

from __future__ import annotations

import pytest
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app import signing

FLASK = SecureCookieSessionInterface


def _flasks_own(keys):
    return URLSafeTimedSerializer(list(keys), salt=FLASK.salt, serializer=FLASK.serializer,
                                  signer_kwargs={"key_derivation": FLASK.key_derivation,
                                                 "digest_method": FLASK.digest_method})


def test_a_session_cookie_is_signed_byte_for_byte_as_flask_signs_it(monkeypatch):
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: 1_800_000_000)
    keys = ("old key", "current key")
    value = {"csrf_token": "abc", "answers": {"band": "3"}, "n": [1, 2]}
    ours = signing.serializer(keys, FLASK.salt, FLASK.serializer, FLASK.key_derivation)
    assert ours.dumps(value) == _flasks_own(keys).dumps(value)
    assert ours.loads(_flasks_own(keys).dumps(value)) == value


def test_a_csrf_token_is_signed_byte_for_byte_as_flask_wtf_signs_it(monkeypatch):
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: 1_800_000_000)
    theirs = URLSafeTimedSerializer("a secret", salt="wtf-csrf-token")
    ours = signing.serializer(("a secret",), "wtf-csrf-token")
    assert ours.dumps("raw-token") == theirs.dumps("raw-token")


def test_the_kept_serializer_and_key_follow_the_secret():
    first = signing.serializer(("key one",), "salt")
    assert signing.serializer(("key one",), "salt") is first
    signed = first.dumps("value")
    with pytest.raises(BadSignature):
        signing.serializer(("key two",), "salt").loads(signed)
    with pytest.raises(BadSignature):
        signing.serializer(("key one",), "another salt").loads(signed)
    assert signing.serializer(("key one", "key two"), "salt").loads(signed) == "value"
