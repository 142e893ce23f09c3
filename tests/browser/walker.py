"""Walk a survey in the browser from its start page to its confirmation: on every question page
run axe, send the page empty (and run axe on the errors), then answer and continue."""

from __future__ import annotations

# Answer every question on the page: a middle choice of each radio group (the first and last are
# often "other" or "prefer not to say"), the first checkbox, text in each box.
ANSWER_JS = """(prefer) => {
  const form = document.querySelector('main form[method=post], main form[method=POST]');
  const done = new Set();
  form.querySelectorAll('input, textarea, select').forEach(el => {
    if (['hidden', 'submit', 'button'].includes(el.type)) return;
    if (el.type === 'radio') {
      if (done.has(el.name)) return;
      const group = form.querySelectorAll(`input[type=radio][name="${el.name}"]`);
      const chosen = [...group].find(r => r.value === prefer[el.name]);
      (chosen || group[Math.floor(group.length / 2)]).checked = true; done.add(el.name);
    } else if (el.type === 'checkbox') {
      if (!done.has(el.name)) { el.checked = true; done.add(el.name); }
    } else if (el.tagName === 'SELECT') {
      el.selectedIndex = el.options.length - 1;
    } else if (el.type === 'number') { el.value = '3'; }
    else { el.value = 'Example answer'; }
  });
}"""


SLOW_SUBMIT_MS = 60_000


def empty_submit(page) -> bool:
    """Clear the page's main form and send it; True when it came back with an error summary."""
    form = page.locator("main form[method=post], main form[method=POST]").first
    if not form.count():
        return False
    page.evaluate("""() => {
      const form = document.querySelector('main form[method=post], main form[method=POST]');
      form.querySelectorAll('input, textarea, select').forEach(el => {
        if (['hidden', 'submit', 'button'].includes(el.type)) return;
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = false;
        else if (el.tagName === 'SELECT') el.selectedIndex = 0;
        else el.value = '';
      });
    }""")
    # A form with nothing to fill may do real work: closing a wave publishes the system's
    # release, whose disclosure audit over the demo's six waves takes seconds on a busy machine.
    with page.expect_navigation(timeout=SLOW_SUBMIT_MS):
        form.locator("button[type=submit], button:not([type]), input[type=submit]").first.click(
            timeout=SLOW_SUBMIT_MS)
    return page.locator(".nhsuk-error-summary").count() > 0


def _continue(page, label: str = "Continue") -> None:
    button = page.locator("main").get_by_role("button", name=label)
    with page.expect_navigation():
        button.first.click()


def walk_survey(audit, role: str, start: str, access_code: str | None = None,
                prefer: dict | None = None) -> None:
    page = audit.page
    audit.visit(start, f"{role} {start}")
    for _ in range(30):
        endpoint = audit.note(role)
        main = page.locator("main")
        if endpoint and endpoint.endswith(("confirmation", "thank_you")):
            return
        if main.get_by_role("button", name="Send my answers").count():
            _continue(page, "Send my answers")
        elif main.get_by_role("link", name="Start now").count():
            with page.expect_navigation():
                main.get_by_role("link", name="Start now").click()
        elif main.get_by_role("button", name="Give us your views").count():
            _continue(page, "Give us your views")
        elif main.locator("form[method=post], form[method=POST]").count():
            if empty_submit(page):
                audit.check(f"{role} {endpoint} sent empty")
            if access_code and main.get_by_label("Enter your access code").count():
                main.get_by_label("Enter your access code").fill(access_code)
            else:
                page.evaluate(ANSWER_JS, prefer or {})
            _continue(page)
            if page.locator(".nhsuk-error-summary").count():
                raise AssertionError(f"could not answer {page.url}: "
                                     + page.locator(".nhsuk-error-summary").inner_text())
        else:
            raise AssertionError(f"the walk is stuck at {page.url}: {main.inner_text()[:300]}")
        audit.check(f"{role} {page.url}")
    raise AssertionError(f"the walk from {start} did not finish")
