"""Run axe-core (the npm package in node_modules) inside a page, with the WCAG A and AA rules."""

from __future__ import annotations

from tests.support.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def violations(page) -> list[str]:
    """axe-core's violations on the page as readable lines (empty when the page passes)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `npm ci` (make test does)")
    # Evaluated through the DevTools protocol: the page's CSP (rightly) forbids inline scripts.
    # Loaded and run in one evaluation, after the page has loaded, so both see one document.
    page.wait_for_load_state("load")
    result = page.evaluate(
        "async (tags) => {" + AXE.read_text() + "\n;return await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});}", TAGS)
    lines = []
    for v in result["violations"]:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return lines


def assert_accessible(page) -> None:
    found = violations(page)
    assert not found, f"axe-core found problems on {page.url}:\n" + "\n".join(found)
