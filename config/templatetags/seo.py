"""{% open_graph item %}: Open Graph tags and the canonical link for the page's subject.

`item` is a Wagtail page, a product or a producer; anything else (or nothing) gives the
site's defaults. Addresses are absolute, on the host of the request.

A project-level library (registered as "seo" in settings TEMPLATES, `config` not being
an installed app): base.html and shop pages load it without loading any app's tags,
and it knows pages only through Wagtail's Page, so it imports no app above the shop.
"""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from wagtail.models import Page

register = template.Library()
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

SITE_NAME = "Panier Commun"
DESCRIPTION_WORDS = 30
PAGE_IMAGE_FIELDS = ("og_image", "social_image", "image", "hero_image", "cover_image")


def _default_description() -> str:
    return _(
        "Buy from producers of the social and solidarity economy, alone or in buying "
        "groups, and check together what they claim."
    )


def _summary(text) -> str:
    return Truncator(" ".join(strip_tags(str(text or "")).split())).words(DESCRIPTION_WORDS)


def _page_image_url(page) -> str:
    for name in PAGE_IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image.get_rendition("fill-1200x630").url
    return ""


def _product_image_url(product) -> str:
    image = product.primary_image()
    if isinstance(image, dict) or not getattr(image, "original", None):
        return ""  # Oscar's "missing image" placeholder: no image rather than a blank one
    return image.original.url


def open_graph_data(request, item) -> dict:
    data = {"type": "website", "image": "", "url": ""}
    if isinstance(item, Page):
        item = item.specific
        data.update(
            title=item.seo_title or item.title,
            description=_summary(
                item.search_description or getattr(item, "intro", "") or _default_description()
            ),
            type=getattr(item, "open_graph_type", "website"),
            url=item.get_url(request),
            image=_page_image_url(item),
        )
    elif isinstance(item, Product):
        data.update(
            title=item.get_meta_title(),
            description=_summary(item.get_meta_description()) or _default_description(),
            type="product",
            url=item.get_absolute_url(),
            image=_product_image_url(item),
        )
    elif isinstance(item, Partner):
        data.update(
            title=item.name,
            description=_summary(item.description) or _default_description(),
            type="profile",
            url=item.get_absolute_url(),
            image=item.logo.url if item.logo else "",
        )
    else:
        data.update(title=SITE_NAME, description=_default_description())
    if request is not None:
        data["url"] = request.build_absolute_uri(data["url"] or request.path)
        if data["image"]:
            data["image"] = request.build_absolute_uri(data["image"])
    return data


@register.inclusion_tag("partials/open_graph.html", takes_context=True)
def open_graph(context, item=None):
    request = context.get("request")
    return {
        "og": open_graph_data(request, item),
        "site_name": SITE_NAME,
        "locale": "fr_FR" if (context.get("LANGUAGE_CODE") or "fr").startswith("fr") else "en_GB",
    }
