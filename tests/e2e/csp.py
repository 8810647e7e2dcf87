"""Catching Content-Security-Policy violations in a Playwright page (tests/e2e/test_csp.py,
test_wagtail_admin_requests.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

# Every violation the page reports, through a binding (Playwright's init script is not
# subject to the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI} `
    + `(${e.sourceFile || location.pathname}:${e.lineNumber})`);
});
"""


class Violations:
    """CSP violations and JavaScript errors of one browser page, per visited URL."""

    def __init__(self, page: Page, page_errors: list[str]):
        self.page = page
        self.page_errors = page_errors
        self.found: list[str] = []
        page.expose_function("reportViolation", self._add)
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)

    def _add(self, text: str) -> None:
        self.found.append(f"{urlsplit(self.page.url).path}: {text}")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self._add(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        self.page.wait_for_load_state("load")

    def assert_none(self) -> None:
        self.page.wait_for_timeout(200)  # reports are queued as tasks
        assert self.found == [], "\n".join(self.found)
        assert self.page_errors == [], f"JavaScript errors: {self.page_errors}"
        self.found.clear()
