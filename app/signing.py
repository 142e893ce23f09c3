"""Signed values (the session cookie, CSRF tokens) exactly as Flask and Flask-WTF sign them,
with the work that depends only on the secret key done once per key.

Three costs were a few per cent of every respondent page each (bench/README.md, J1): a new
serializer for every token (making one serialises a test value), the signing key derived again
(an HMAC of secret and salt) for every signature made or checked, and itsdangerous's SHA-1, a
Python wrapper that sends the standard library's HMAC down its slow pure-Python path. hashlib's
own sha1 is the same function, so the signatures are byte for byte the same (tests/test_signing.py).
"""

from __future__ import annotations

import hashlib

from itsdangerous import TimestampSigner, URLSafeTimedSerializer


class KeyKeepingSigner(TimestampSigner):
    """A TimestampSigner that derives each key once (it depends on nothing else)."""

    _derived: dict = {}

    def derive_key(self, secret_key=None) -> bytes:
        which = (secret_key, self.secret_keys[-1], self.salt, self.key_derivation,
                 self.digest_method)
        key = self._derived.get(which)
        if key is None:
            if len(self._derived) > 64:  # a key or two per app; never grow without end
                self._derived.clear()
            key = self._derived[which] = super().derive_key(secret_key)
        return key


_KEPT: dict = {}


def serializer(secret_keys: tuple, salt: str, json=None,
               key_derivation: str = "django-concat") -> URLSafeTimedSerializer:
    """A URLSafeTimedSerializer for these keys (the current one last) and salt, made once.
    `json` is the serializer of the values (itsdangerous's JSON when None)."""
    which = (secret_keys, salt, json, key_derivation)
    kept = _KEPT.get(which)
    if kept is None:
        if len(_KEPT) > 64:
            _KEPT.clear()
        kept = _KEPT[which] = URLSafeTimedSerializer(
            list(secret_keys), salt=salt, serializer=json, signer=KeyKeepingSigner,
            signer_kwargs={"key_derivation": key_derivation, "digest_method": hashlib.sha1})
    return kept
