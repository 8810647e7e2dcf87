"""What the browser tests share: the timeout of each action, signing in, axe-core and
keyboard focus.

Playwright is imported where used only: tests/e2e/conftest.py imports this module, and
the suite must load without Playwright."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.factories.community import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# Playwright's default is 30 s per action; a page of ours answers in well under a second.
TIMEOUT_MS = 15_000


def sign_in(page: Page, email: str) -> None:
    """Sign in through allauth's page (in French) as the member `email`."""
    from playwright.sync_api import expect

    page.goto("/comptes/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    expect(page.locator("#account_link")).to_be_visible()


# --- accessibility: axe-core, keyboard focus ------------------------------------------

# axe-core comes from npm (package.json; `make test` runs `npm ci` when npm exists).
AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beyond WCAG 2.1: tap targets of at least 24 x 24 px (WCAG 2.2's 2.5.8, issue #11).
AXE_EXTRA_RULES = ["target-size"]
BLOCKING_IMPACTS = ("serious", "critical")

_RUN_AXE = """async ([tags, rules]) => {
    const byTag = await axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
    });
    const byRule = await axe.run(document, {
        runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]
    });
    return byTag.violations.concat(byRule.violations);
}"""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now, and those of the
    tap-target size rule (the page's context must bypass the Content-Security-Policy,
    which forbids the injected script)."""
    page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate(_RUN_AXE, [AXE_TAGS, AXE_EXTRA_RULES])


def blocking_violations(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per rule: id, impact, help, then the selectors of its nodes."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split()[-24:])
            lines.append(f"    {target}  [{summary}]")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


_FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Bootstrap's custom radios and checkboxes hide the input: its label draws the focus.
    const custom = el.matches(".custom-control-input") && el.labels && el.labels[0];
    const style = custom ? getComputedStyle(el.labels[0], "::before") : getComputedStyle(el);
    return {
        tag: el.tagName, text: (el.innerText || el.value || "").trim().slice(0, 40),
        outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
        boxShadow: style.boxShadow
    };
}"""


def focus_style(page: Page) -> dict | None:
    """The focused element's tag, text and focus styles (None when nothing is focused)."""
    return page.evaluate(_FOCUS_STYLE)


def assert_visible_focus(page: Page) -> None:
    """The focused element shows a focus indicator: an outline or a box shadow."""
    style = focus_style(page)
    assert style is not None, "nothing has the keyboard focus"
    outline = style["outlineStyle"] != "none" and style["outlineWidth"] not in ("0px", "")
    shadow = style["boxShadow"] not in ("none", "")
    assert outline or shadow, f"no visible focus indicator on {style}"


def tab_to(page: Page, locator: Locator, *, max_tabs: int = 60, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab when `backwards`) until `locator` has the focus, and check that
    it shows it; fail after `max_tabs` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(max_tabs):
        if locator.evaluate("el => el === document.activeElement"):
            assert_visible_focus(page)
            return
        page.keyboard.press(key)
    raise AssertionError(
        f"{locator} not reached in {max_tabs} presses of {key}: {focus_style(page)}"
    )


def arrow_to(page: Page, locator: Locator, *, max_presses: int = 10) -> None:
    """In a focused radio group, press the down arrow until `locator` is focused (and so
    checked); fail after `max_presses`."""
    for _ in range(max_presses):
        if locator.evaluate("el => el === document.activeElement"):
            assert_visible_focus(page)
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{locator} not reached with the arrow keys: {focus_style(page)}")
