"""R6: templates never switch escaping off. NHS.UK fields and charts return Markup already, so
`|safe` is never needed; one left in would render whatever string reaches it as live HTML."""

from __future__ import annotations

import re

from freezegun import freeze_time

from tests.support.framework_review import BASE, OPEN_DAY
from tests.support.paths import APP

TEMPLATES = APP / "templates"
UNSAFE = re.compile(r"\|\s*safe\b|autoescape\s+false|\bMarkup\s*\(", re.I)


def test_no_template_turns_escaping_off():
    found = [f"{path.relative_to(TEMPLATES)}:{n}: {line.strip()}"
             for path in sorted(TEMPLATES.rglob("*.html"))
             for n, line in enumerate(path.read_text().splitlines(), start=1)
             if UNSAFE.search(line)]
    assert not found, found


def test_resume_page_renders_its_field_as_markup(client):
    with freeze_time(OPEN_DAY):
        html = client.get(f"{BASE}/resume").get_data(as_text=True)
    assert 'name="code"' in html and "<input" in html
    assert "&lt;input" not in html and "&lt;label" not in html
