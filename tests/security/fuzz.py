"""R2 fuzzing: mutate one thing in a valid form post and check how the app answers.

A mutation changes a single field of a valid post: a wrong type, an over-long value, bad bytes
(invalid UTF-8, NUL, a lone surrogate), the field left out, an extra field, the field twice, or a
body over the size limits. The app must never answer 5xx; a rejection must be a 400/409/413/422/429
page, and a 409/422 page that re-shows the form must still hold the user's other answers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from tests.support.clients import signed_in_client

Pairs = list[tuple[str, str]]

WRONG_TYPES = ["abc", "-1", "0", "1e309", "99999999999999999999999", "", " ", "None", "[]",
               "{}", "0x1F", "٣", "3.5", "true", "2026-13-45", "../../etc/passwd", "' OR 1=1 --",
               "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\t\n", "NaN"]
BAD_BYTES = ["%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "%F4%90%80%80", "%E2%82", "%80"]
REJECTIONS = {400, 409, 413, 422, 429}  # 429: a sign-in or code guess told to wait
SUCCESS = {200, 302, 303}
BODY_LIMIT = 2 * 1024 * 1024  # MAX_CONTENT_LENGTH
FORM_LIMIT = 1024 * 1024  # MAX_FORM_MEMORY_SIZE


@dataclass
class Target:
    """A form: where it posts, a valid post (fresh each time), and the answers a re-shown page
    must keep (field name -> the text typed in it)."""

    name: str
    url: str
    base: Callable[[], Pairs]
    keep: dict[str, str] = field(default_factory=dict)
    reshows: bool = True  # does a rejected post re-show the form with the answers?


@dataclass
class Mutation:
    kind: str
    field: str
    data: Pairs | None = None  # the post as pairs, or
    raw: bytes | None = None  # a body sent as it is (bad bytes)
    expect_413: bool = False


def _encode(pairs: Pairs, raw_value: tuple[int, str] | None = None) -> bytes:
    parts = []
    for i, (k, v) in enumerate(pairs):
        value = raw_value[1] if raw_value and raw_value[0] == i else quote(v, safe="")
        parts.append(f"{quote(k, safe='')}={value}")
    return "&".join(parts).encode("ascii")


def mutate(rng: random.Random, base: Pairs) -> Mutation:
    i = rng.randrange(len(base))
    name, value = base[i]
    others = base[:i] + base[i + 1:]
    kind = rng.choices(
        ["type", "long", "bytes", "missing", "extra", "duplicate", "huge", "huge_field"],
        weights=[30, 12, 14, 14, 10, 14, 2, 2])[0]
    if kind == "type":
        return Mutation(kind, name, base[:i] + [(name, rng.choice(WRONG_TYPES))] + base[i + 1:])
    if kind == "long":
        n = rng.choice([201, 256, 1001, 5001, 20_001, 100_000])
        return Mutation(kind, name, base[:i] + [(name, (value or "x") * (n // max(len(value), 1)
                                                                         + 1))] + base[i + 1:])
    if kind == "bytes":
        junk = rng.choice(BAD_BYTES)
        where = rng.choice(["before", "after", "instead"])
        raw = {"before": junk + quote(value, safe=""), "after": quote(value, safe="") + junk,
               "instead": junk}[where]
        return Mutation(kind, name, raw=_encode(base, (i, raw)))
    if kind == "missing":
        return Mutation(kind, name, others)
    if kind == "extra":
        extra = rng.choice(["x", "is_admin", "role", "id", "organisation_id", "__proto__",
                            name + "_extra", "submission_key", "version"])
        return Mutation(kind, extra, base + [(extra, rng.choice(WRONG_TYPES))])
    if kind == "duplicate":
        return Mutation(kind, name, base[:i + 1] + [(name, rng.choice(WRONG_TYPES + [value]))]
                        + base[i + 1:])
    if kind == "huge":
        return Mutation(kind, name, base[:i] + [(name, "x" * (BODY_LIMIT + 10))] + base[i + 1:],
                        expect_413=True)
    # One field over MAX_FORM_MEMORY_SIZE in a body under the limit: Werkzeug applies that limit
    # to multipart bodies only, so here the field's own length check must refuse it.
    return Mutation(kind, name, base[:i] + [(name, "y" * (FORM_LIMIT + 10))] + base[i + 1:])


def send(client, url: str, mutation: Mutation):
    if mutation.raw is not None:
        return client.post(url, data=mutation.raw,
                           content_type="application/x-www-form-urlencoded")
    return client.post(url, data=_encode(mutation.data),
                       content_type="application/x-www-form-urlencoded")


def judge(target: Target, mutation: Mutation, response) -> str | None:
    """What is wrong with this answer, or None."""
    status = response.status_code
    where = f"{target.name}: {mutation.kind} {mutation.field!r} -> {status}"
    if status >= 500:
        return f"{where}: server error"
    if mutation.expect_413:
        return None if status == 413 else f"{where}: expected 413"
    if status not in SUCCESS | REJECTIONS:
        return f"{where}: unexpected status"
    if status in (409, 422) and target.reshows:
        html = response.get_data(as_text=True)
        sent = dict(mutation.data or [])
        for name, text in target.keep.items():
            if name == mutation.field or (mutation.data is not None and sent.get(name) != text):
                continue
            if mutation.raw is not None and mutation.field == name:
                continue
            if text not in html:
                return f"{where}: the re-shown page lost the answer to {name!r}"
    return None


def run(client, target: Target, posts: int, rng: random.Random) -> tuple[list[str], dict]:
    problems, statuses = [], {}
    for _ in range(posts):
        mutation = mutate(rng, target.base())
        response = send(client, target.url, mutation)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        problem = judge(target, mutation, response)
        if problem:
            problems.append(problem)
            if len(problems) >= 5:
                break
    return problems, statuses


def pairs(data: dict) -> Pairs:
    """A post as pairs: a list value gives one pair per item (checkboxes)."""
    return [(k, v) for k, values in data.items()
            for v in (values if isinstance(values, list) else [values])]


def fixed(data: dict) -> Callable[[], Pairs]:
    """A Target's base post that is the same every time."""
    post = pairs(data)
    return lambda: list(post)


def signed_in(app, make_user, role: str, email: str | None = None, org=None):
    """A client signed in as a new user of this role (emails apart from make_user's default)."""
    user = make_user(role, email=email or f"fuzz-{role}@example.nhs.uk", org=org)
    return signed_in_client(app, user.email)


def offsite(response, where: str) -> list[str]:
    """A problem if the response redirects anywhere but a path on this site."""
    location = response.headers.get("Location", "")
    parts = urlsplit(location)
    bad = (parts.netloc not in ("", "localhost") or parts.scheme not in ("", "http")
           or any(ord(ch) < 32 or ord(ch) == 127 for ch in location)
           or not (parts.path or "/").startswith("/") or "\\" in location)
    return [f"{where}: redirected off site to {location!r}"] if bad else []
