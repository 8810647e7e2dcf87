from urllib.parse import urlsplit

from django import template
from django.utils.html import strip_tags

from community.feed import markdown

register = template.Library()


@register.filter(name="community_markdown")
def community_markdown(text):
    """Member text as safe HTML: a small Markdown subset, sanitized by nh3."""
    return markdown.render(text)


@register.filter(name="community_plain")
def community_plain(text) -> str:
    """Member text as plain text (for teasers): rendered, sanitized, then tags removed.
    Django escapes the result when it is output."""
    return strip_tags(markdown.render(text)).replace("&amp;", "&").strip()


@register.filter
def safe_local_url(url) -> str:
    """A site-relative or http(s) URL stored in an event's payload; anything else → "#"."""
    url = str(url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    if urlsplit(url).scheme in ("http", "https"):
        return url
    return "#"
