"""Issue 16: no link gives a 500 or leads off the site, whatever its query string says.

Every page each demo user can reach by following links (one address per endpoint) is asked for
again with hostile query strings: names that collide with the page's own arguments or with
url_for's (`code`, `wave_id`, `_external`, `_scheme`, `_anchor`), numbers out of range, bad
bytes and CR/LF. The answer must not be a server error and a redirect must stay on this site.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from app import demo
from tests.security import fuzz
from tests.support import demo_db
from tests.support.clients import signed_in_client

HOSTILE_QUERIES = [
    "code=ZZ9&wave_id=1&system_id=2&tag_id=3&assessment_id=4&question_id=x&survey_id=y"
    "&_external=1&_scheme=javascript&_anchor=x&_method=DELETE&endpoint=x&values=1",
    "page=-1&page=99999999999999999999999&cycle=..%2F..&type=%FF&survey=%00x&q=%3Cscript%3E",
    "next=%0d%0aSet-Cookie:%20x=1&next=//evil.example&change=%ED%A0%80&actor=%C0%AF",
    "action=" + "a" * 3000 + "&target=%F4%90%80%80&page=1e309",
]
SKIP = re.compile(r"\.(pdf|xlsx|csv|sqlite3|svg|db)$|/sign-out|/static/")
MAX_PAGES = 120


@pytest.fixture
def demo_app(app):
    demo_db.seed()
    return app


def _links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)"', html)]


def _pages(app, client) -> list[str]:
    """One address for each endpoint reachable by links from the home page."""
    adapter = app.url_map.bind("localhost")
    seen, queue, pages = set(), deque(["/"]), []
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        try:
            endpoint, _ = adapter.match(path, method="GET")
        except HTTPException:  # not a page of ours (404, 405): nothing to walk
            continue
        if endpoint in seen or SKIP.search(path):
            continue
        seen.add(endpoint)
        response = client.get(url)
        if response.status_code != 200:
            continue
        pages.append(url)
        queue.extend(_links(response.get_data(as_text=True)))
    return pages


@pytest.mark.parametrize("email", [u["email"] for u in demo.DEMO_USERS] + ["anonymous"])
def test_every_page_survives_hostile_query_strings(demo_app, email):
    client = (demo_app.test_client() if email == "anonymous"
              else signed_in_client(demo_app, email, demo.DEMO_PASSWORD))
    pages = _pages(demo_app, client)
    assert len(pages) >= 3, pages
    problems = []
    for url in pages:
        for query in HOSTILE_QUERIES:
            joined = f"{url}{'&' if '?' in url else '?'}{query}"
            response = client.get(joined)
            if response.status_code >= 500:
                problems.append(f"{joined[:160]} -> {response.status_code}")
            elif response.status_code in (301, 302, 303, 307, 308):
                problems += fuzz.offsite(response, joined[:160])
    assert not problems, "\n".join(problems[:10])


def test_tag_forms_keep_only_their_own_filters(demo_app):
    """The tag forms redirect back with the page's filters: a query naming the route's own
    arguments, or url_for's, must not break the redirect or send it elsewhere."""
    from sqlalchemy import select

    from app.analysis import themes
    from app.extensions import db
    from app.models import System

    system = db.session.scalar(select(System))
    tag = themes.create_tag(system, "Links tag")
    db.session.commit()
    client = signed_in_client(demo_app, "ics.lead@example.nhs.uk", demo.DEMO_PASSWORD)
    base = f"/ics/{system.code}"
    for url, data in [(f"{base}/themes", {"name": "Another tag"}),
                      (f"{base}/tags/{tag.id}", {"name": "Renamed tag"}),
                      (f"{base}/tags/{tag.id}/remove", {"text": "x"})]:
        response = client.post(f"{url}?{HOSTILE_QUERIES[0]}", data=data)
        assert response.status_code < 500, (url, response.status_code)
        assert not fuzz.offsite(response, url), response.headers.get("Location")
