from urllib.parse import urlsplit

from django import template

from community import markdown

register = template.Library()


@register.filter(name="community_markdown")
def community_markdown(text):
    """Member text as safe HTML: a small Markdown subset, sanitized by nh3."""
    return markdown.render(text)


@register.filter
def safe_local_url(url) -> str:
    """A site-relative or http(s) URL stored in an event's payload; anything else → "#"."""
    url = str(url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    if urlsplit(url).scheme in ("http", "https"):
        return url
    return "#"
