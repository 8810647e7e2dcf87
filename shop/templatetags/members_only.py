"""`{% shop_refusal as refusal %}`: why the visitor may not buy (the message with its link
to apply, safe HTML), or "" when they may (shop.members_only)."""

from django import template

from shop import members_only

register = template.Library()


@register.simple_tag(takes_context=True)
def shop_refusal(context) -> str:
    request = context.get("request")
    message = members_only.request_shop_refusal(request) if request is not None else None
    return members_only.refusal_html(message) if message else ""
