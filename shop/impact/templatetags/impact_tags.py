"""{% impact_block item %}: the one impact component, rendered the same on every page.

Views that list items attach profiles in bulk (`selectors.attach_*_profiles`); when an
item arrives without one (a single product page), the tag builds it on the spot.
"""

from django import template
from oscar.core.loading import get_model

from shop.impact import selectors
from shop.impact.location import viewer_origin

register = template.Library()
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

TEMPLATES = {
    "compact": "impact/partials/block_compact.html",
    "full": "impact/partials/block_full.html",
}


def _origin_point(context):
    request = context.get("request")
    origin = viewer_origin(request) if request is not None else None
    return origin.point if origin else None


@register.simple_tag(takes_context=True)
def impact_block(context, item, form: str = "compact") -> str:
    if item is None:
        return ""
    profile = getattr(item, "impact", None)
    if profile is None:
        if isinstance(item, Partner):
            selectors.attach_producer_profiles([item], origin=_origin_point(context))
        else:
            selectors.attach_product_profiles([item], origin=_origin_point(context))
        profile = item.impact
    # Render inside the current context: render_to_string(request=...) would run every
    # context processor again for each item (one notifications query per product).
    block = context.template.engine.get_template(TEMPLATES[form])
    with context.push(impact=profile, item=item, is_producer=isinstance(item, Partner)):
        return block.render(context)


@register.simple_tag(takes_context=True)
def attach_formset_impact(context, formset) -> str:
    """Attach impact profiles to the products of a basket formset at once (no query per
    line): the products are reloaded with their producers, in one go."""
    lines = [form.instance for form in formset if form.instance.product_id]
    products = selectors.products_with_producers({line.product_id for line in lines})
    selectors.attach_product_profiles(products.values(), origin=_origin_point(context))
    for line in lines:
        line.product.impact = products[line.product_id].impact
    return ""
