"""{% panels "slot" subject %}: the panels other apps registered for a slot of a shop
page (shop/panels.py). Registered as the "panels" library in settings TEMPLATES,
as `shop` itself is not an installed app (Oscar's root app is)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from shop.panels import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, subject=None) -> SafeString:
    request = context.get("request")
    parts = []
    for panel in registry.panels(slot):
        panel_context = panel.context(request, subject)
        if panel_context is None:
            continue
        parts.append(render_to_string(panel.template, panel_context, request=request))
    return mark_safe("".join(parts))  # rendered templates: escaped by the template engine
