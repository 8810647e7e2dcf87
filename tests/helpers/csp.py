"""Reading a Content-Security-Policy header, and finding the inline script and style a
page's own markup carries (what a strict policy would block)."""

from __future__ import annotations

from html.parser import HTMLParser

# Script types a browser does not run: data blocks and templates (json_script, etc.).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


def parse_csp(header: str) -> dict[str, list[str]]:
    """`default-src 'self'; img-src 'self' data:` → {"default-src": ["'self'"], ...}."""
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inline_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"[:200]
        script_type = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self._inline_script = where
        if tag == "style":
            self.found.append(f"<style> element: {where}")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute: {where}")
            elif name.startswith("on"):
                self.found.append(f"event handler attribute {name}: {where}")
            elif name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL: {where}")

    def handle_data(self, data: str) -> None:
        if self._inline_script is not None and data.strip():
            self.found.append(f"inline <script>: {self._inline_script} {data.strip()[:80]}")
            self._inline_script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inline_script = None


def inline_markup(html: str) -> list[str]:
    """Each inline script, <style>, style="", on*="" and javascript: URL of the page."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found
