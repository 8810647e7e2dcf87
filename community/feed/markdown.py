"""A small, safe Markdown subset for member text, always passed through nh3 afterwards.

Supported: paragraphs (blank line), line breaks, **bold**, *italic*, [links](https://…)
(http, https and mailto only; bare http(s) addresses become links too) and lists
("- item", "* item", "1. item"). Everything else is shown as typed.

The text is HTML-escaped *before* any markup is added, so the converter itself never
lets a tag through; nh3's allow-list is the second lock.
"""

from __future__ import annotations

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"

_URL = r"(?:https?://|mailto:)[^\s<>\"'()\[\]]+"
_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((" + _URL + r")\)")
_BARE_URL = re.compile(r"(?<![\"=>])\b(https?://[^\s<>\"'()\[\]]+)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _inline(text: str) -> str:
    """Inline markup on already-escaped text."""
    placeholders: list[str] = []

    def keep(html_fragment: str) -> str:
        placeholders.append(html_fragment)
        return f"\x00{len(placeholders) - 1}\x00"

    text = _LINK.sub(lambda m: keep(f'<a href="{m.group(2)}">{m.group(1)}</a>'), text)
    text = _BARE_URL.sub(lambda m: keep(f'<a href="{m.group(1)}">{m.group(1)}</a>'), text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: placeholders[int(m.group(1))], text)


def _match_all(pattern: re.Pattern[str], lines: list[str]) -> list[re.Match[str]] | None:
    """Each line's match, or None as soon as one line does not match."""
    matches = []
    for line in lines:
        match = pattern.match(line)
        if match is None:
            return None
        matches.append(match)
    return matches


def _blocks(text: str) -> list[str]:
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if (bullets := _match_all(_BULLET, lines)) is not None:
            items = "".join(f"<li>{_inline(m.group(1))}</li>" for m in bullets)
            out.append(f"<ul>{items}</ul>")
        elif (numbered := _match_all(_NUMBERED, lines)) is not None:
            items = "".join(f"<li>{_inline(m.group(1))}</li>" for m in numbered)
            out.append(f"<ol>{items}</ol>")
        else:
            out.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return out


def sanitize(fragment: str) -> str:
    """nh3 with our allow-list: the only way member HTML reaches a page."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(text: str | None) -> SafeString:
    """Member text → safe HTML."""
    if not text:
        return mark_safe("")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    escaped = html.escape(text, quote=True)
    return mark_safe(sanitize("".join(_blocks(escaped))))
