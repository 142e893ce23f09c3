"""Growing waits after failures (sign-in, staff-voice access codes), shared by every worker.

Why not Flask-Limiter: its counters live in the process (memory storage) or in Redis,
Memcached, MongoDB or etcd. The app must run with no external service, on SQLite with several
gunicorn workers, where per-process counters would give an attacker a fresh allowance in every
worker and after every restart. And it limits requests per key in fixed windows, refusing until
the window ends; what is needed here is a count of failures only, in several dimensions at once
(client, account or wave, device cookie), with exemptions (a client with no failures on the
account, a browser with a device cookie) and a wait that doubles with each failure. The
database the app already has is shared by every worker and machine, so the failures are kept
there (the `login_attempts` table) and the rules below are ours.

A failure is one row: its scope (an account or a wave), the client it came from (a keyed hash of
the address: no address is stored) and, for a browser with a device cookie, that cookie's hash.
Waits are answered to the client ("wait N seconds"), never slept on the server, and attempts
made during a wait are not checked at all, so they are not counted either.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, request
from flask_babel import ngettext
from sqlalchemy import and_, case, delete, false, func, or_, select

from app.extensions import db
from app.models import LoginAttempt
from app.models.base import utcnow


@dataclass(frozen=True)
class Rule:
    """`free` failures cost nothing; from then on each failure makes the next attempt wait
    1, 2, 4, 8 ... seconds after it, up to `max_wait`."""

    free: int
    max_wait: int

    def wait_after(self, failures: int) -> int:
        if failures < self.free:
            return 0
        return min(self.max_wait, 2 ** min(failures - self.free, 30))


@dataclass(frozen=True)
class Policy:
    purpose: str           # keeps one purpose's clients apart from another's
    window: timedelta      # failures older than this are forgotten
    client: Rule           # one client, over every scope: credential stuffing
    scope: Rule            # one account or wave, over the clients that have failed on it
    device: Rule           # one browser with a device cookie, on its own account


@dataclass(frozen=True)
class Wait:
    seconds: int
    because: str  # "client", "account"/"wave" (the scope) or "device"; "" when not waiting

    def __bool__(self) -> bool:
        return self.seconds > 0


@dataclass(frozen=True)
class _Tally:
    count: int
    latest: datetime | None

    def remaining(self, rule: Rule, now: datetime) -> int:
        wait = rule.wait_after(self.count)
        if not wait or self.latest is None:
            return 0
        return max(0, math.ceil((self.latest + timedelta(seconds=wait) - now).total_seconds()))


def client_address() -> str:
    """The address a request came from: the peer, or with HWB_TRUSTED_PROXIES set, the one
    ProxyFix took from X-Forwarded-For. An IPv6 client is its /64, which one subscriber
    usually holds whole and could otherwise walk through."""
    address = request.remote_addr or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def keyed_hash(purpose: str, value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:40]


class Throttle:
    """One scope (an account or a wave) as seen from one client, with or without a device."""

    def __init__(self, policy: Policy, scope: str, address: str, device: str | None = None):
        self.policy = policy
        self.scope = scope
        self.client = keyed_hash(policy.purpose, address)
        self.device = keyed_hash(policy.purpose + "-device", device) if device else None

    def wait(self) -> Wait:
        """How long this client must wait before its next attempt is checked."""
        now = utcnow()
        client, scope, client_in_scope, device = self._tallies(now)
        p = self.policy
        if self.device is not None:  # a trusted browser: only its own failures slow it
            waits = [(device.remaining(p.device, now), "device")]
        else:
            waits = [(client.remaining(p.client, now), "client")]
            if client_in_scope:  # a client with no failures here is not caught by the scope
                waits.append((scope.remaining(p.scope, now), self._kind))
        seconds, because = max(waits)
        return Wait(seconds, because if seconds else "")

    @property
    def _kind(self) -> str:
        """What the scope is: account or wave."""
        return self.scope.split(":")[0]

    def record_failure(self) -> None:
        """Count a failure and forget failures older than the window (the caller commits)."""
        now = utcnow()
        db.session.execute(delete(LoginAttempt).where(  # of this kind: windows differ
            LoginAttempt.at < now - self.policy.window, LoginAttempt.key.startswith(
                self._kind + ":", autoescape=True)))
        db.session.add(LoginAttempt(key=self.scope, client=self.client, device=self.device,
                                    at=now))

    def forget_own_failures(self) -> None:
        """After a success: the device's failures, or without one this client's, on this scope
        only, so nobody wipes out failures counted against others (the caller commits)."""
        mine = (LoginAttempt.device == self.device if self.device is not None else
                and_(LoginAttempt.client == self.client, LoginAttempt.device.is_(None)))
        db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == self.scope, mine))

    def _tallies(self, now: datetime) -> tuple[_Tally, _Tally, int, _Tally]:
        """(the client's untrusted failures anywhere, the scope's untrusted failures, the
        client's untrusted failures on the scope, the device's failures), in one query."""
        untrusted = LoginAttempt.device.is_(None)
        by_client = and_(LoginAttempt.client == self.client, untrusted)
        in_scope = and_(LoginAttempt.key == self.scope, untrusted)
        by_device = LoginAttempt.device == self.device if self.device else false()

        def tally(cond):
            return (func.coalesce(func.sum(case((cond, 1), else_=0)), 0),
                    func.max(case((cond, LoginAttempt.at))))

        row = db.session.execute(select(
            *tally(by_client), *tally(in_scope), *tally(and_(by_client, in_scope)),
            *tally(by_device),
        ).where(LoginAttempt.at >= now - self.policy.window,
                or_(by_client, in_scope, by_device))).one()
        client, scope, mine, device = (
            _Tally(int(row[i]), _as_datetime(row[i + 1])) for i in range(0, 8, 2))
        return client, scope, mine.count, device


def _as_datetime(value) -> datetime | None:
    """max() over a CASE comes back as text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def wait_message(seconds: int) -> str:
    """Wait 40 seconds, Wait 5 minutes: rounded up, never less than the wait."""
    if seconds < 60:
        return ngettext("Wait %(num)d second", "Wait %(num)d seconds", seconds)
    return ngettext("Wait %(num)d minute", "Wait %(num)d minutes", math.ceil(seconds / 60))
