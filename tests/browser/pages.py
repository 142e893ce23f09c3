"""Small helpers the browser tests share."""

from __future__ import annotations

from app import demo

# At 320 px the pages are drawn in DejaVu Sans, wider than the Arial-alikes most machines fall back
# to, so the check does not depend on which fonts the test machine has (CI's chromium comes
# without the Liberation fonts). The CSP is bypassed only to let the font rule in.
WIDE_FONT = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = '* { font-family: "DejaVu Sans", sans-serif !important; }';
  document.head.appendChild(style);
});"""


def sign_in(page, base: str, email: str, password: str = demo.DEMO_PASSWORD) -> None:
    _open_sign_in(page, base)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/sign-in" not in page.url, f"could not sign in as {email}"


def _open_sign_in(page, base: str) -> None:
    """The sign-in page; if its form is not there, the failure says what the browser was shown
    instead (once in CI: the home page, still signed in, after a cookie race in the test)."""
    response = page.goto(base + "/sign-in")
    try:
        page.get_by_label("Email address").wait_for(state="visible", timeout=10_000)
    except Exception as error:  # Playwright's timeout: say what was shown instead
        heading = page.locator("h1").first
        shown = heading.inner_text() if heading.count() else None
        raise AssertionError(
            f"no sign-in form: {page.url} answered {response.status if response else 'nothing'}"
            f", h1 {shown!r}") from error


def fill_date(page, day: int, month: int, year: int) -> None:
    """Type a date into the NHS.UK date input's Day, Month and Year boxes."""
    for label, value in (("Day", day), ("Month", month), ("Year", year)):
        page.get_by_label(label).fill(str(value))


# Keyboard only: Tab, Shift+Tab, Space and Enter (and typing), never the mouse or fill().
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  return {tag: el.tagName, id: el.id, text: (el.textContent || '').trim().slice(0, 80),
          label: label.trim(), value: el.value || '', visible: el.matches(':focus-visible'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== 'none',
          background: style.backgroundColor};
}"""


def focused(page) -> dict:
    info = page.evaluate(FOCUSED_JS)
    assert info, "nothing has the focus"
    return info


def tab_to(page, match, limit: int = 60, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; check focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        info = page.evaluate(FOCUSED_JS)
        if info and match(info):
            assert info["visible"] and (info["outline"] or info["shadow"]), (
                f"focus is not visible on {info}")
            return info
    raise AssertionError(f"Tab never reached the element on {page.url}")


def by_label(text: str):
    return lambda i: i["label"].startswith(text)


def by_text(text: str):
    return lambda i: i["text"].startswith(text) or i["value"] == text


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
