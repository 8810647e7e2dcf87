"""{% impact_block item %}: the one impact component, rendered the same on every page.

Views that list items attach profiles in bulk (`selectors.attach_*_profiles`); when an
item arrives without one (a single product page), the tag builds it on the spot.
"""

from django import template
from oscar.core.loading import get_model

from shop.impact import selectors
from shop.impact.location import viewer_origin
from shop.pricing import selectors as pricing_selectors
from shop.pricing.selectors import product_breakdown

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
    if (
        form == "compact"
        and not isinstance(item, Partner)
        and profile.price_producer_percent is None
    ):
        breakdown = product_breakdown(request=context.get("request"), product=item)
        if breakdown is not None and breakdown.total:
            profile.price_producer_percent = breakdown.producer_percent
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
    rates = pricing_selectors.request_rates(context.get("request"))
    for line in lines:
        line.product.impact = products[line.product_id].impact
        # The producer's share from the line's own price: no strategy call per line.
        if line.is_tax_known and line.unit_price_excl_tax is not None:
            share = rates.breakdown(
                excl_tax=line.unit_price_excl_tax,
                tax=line.unit_tax,
                partner_id=line.stockrecord.partner_id if line.stockrecord_id else None,
                class_id=pricing_selectors.product_class_id(line.product),
            )
            if share.total:
                line.product.impact.price_producer_percent = share.producer_percent
    return ""
