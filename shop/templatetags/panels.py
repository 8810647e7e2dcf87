"""{% panels "slot" subject %}: the panels other apps registered for a slot of a shop
page (shop/panels.py). Registered as the "panels" library in settings TEMPLATES,
as `shop` itself is not an installed app (Oscar's root app is).

For slots rendered once per item of a component (a claim of the impact passport):
{% bind_panels "slot" subject as bound %} builds the contexts once, then
{% render_bound bound claim=claim %} renders them for each item without a query."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from shop.panels import BoundPanel, registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, subject=None) -> SafeString:
    return render_bound(context, registry.bind(slot, context.get("request"), subject))


@register.simple_tag(takes_context=True)
def bind_panels(context, slot: str, subject=None) -> list[BoundPanel]:
    return registry.bind(slot, context.get("request"), subject)


@register.simple_tag(takes_context=True)
def render_bound(context, bound: list[BoundPanel], **extra) -> SafeString:
    # Rendered inside the current context, as {% include %} does: render_to_string
    # would run every context processor again for each panel (a notifications count,
    # the basket...); the panel's own context goes on top, so its names win.
    if context.template is None:  # called outside a template render
        request = context.get("request")
        parts = [
            render_to_string(panel.template, {**panel.context, **extra}, request=request)
            for panel in bound
        ]
        return mark_safe("".join(parts))  # rendered templates: escaped by the engine
    engine = context.template.engine
    parts = []
    for panel in bound:
        with context.push(**panel.context, **extra):
            parts.append(engine.get_template(panel.template).render(context))
    return mark_safe("".join(parts))  # rendered templates: escaped by the template engine
