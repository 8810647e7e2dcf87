"""StreamField blocks of the education pages.

Each block has a `description` (shown to editors in the block picker) and a
`preview_value` rendered with `cms/blocks/preview.html` (Wagtail's block previews).
Blocks that show live data (product, producer, comparison, group orders) read it from
the page's `LiveData` (`cms/live.py`), loaded in bulk for the whole page; rendered on
their own (a preview) they load it themselves.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .choosers import BuyingGroupChooserBlock, ProducerChooserBlock, ProductChooserBlock
from .live import live_from_context

PREVIEW_TEMPLATE = "cms/blocks/preview.html"
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def _first_public_product():
    from .live import Product

    return Product.objects.filter(is_public=True).order_by("pk").first()


def _first_products(count: int) -> list:
    from .live import Product

    return list(Product.objects.filter(is_public=True).order_by("pk")[:count])


def _first_producer():
    from .live import Partner

    return Partner.objects.order_by("pk").first()


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its author."""

    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")
        description = _("A quotation set apart from the text, with its author.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "text": "Consommer, c'est voter trois fois par jour.",
            "author": "Une adhérente de la coopérative",
        }


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a caption and the credit its licence requires."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("Image")
        description = _("An image with its caption and the credit its licence requires.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"caption": "Marché de producteurs à Die", "credit": "Panier Commun"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a warning or a key fact."""

    KINDS = [("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))]

    kind = blocks.ChoiceBlock(choices=KINDS, default="info", label=_("Kind"))
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"
        label = _("Callout")
        description = _("A highlighted box for a tip, a warning or a key fact.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "kind": "tip",
            "title": "Bon à savoir",
            "text": "<p>Un circuit court compte <b>au plus un intermédiaire</b>.</p>",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    """Questions and answers, each answer folded in a <details> element."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        label = _("FAQ")
        description = _("A list of questions whose answers unfold on click.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Faut-il être membre pour commander ?",
                    "answer": "<p>Non, mais les groupements d'achat sont réservés "
                    "à leurs membres.</p>",
                }
            ],
        }


class ProductEmbedBlock(blocks.StructBlock):
    """A product of the shop with its live price (TTC), availability and impact block.

    A product that was deleted or withdrawn from sale renders a discreet notice.
    """

    product = ProductChooserBlock(label=_("Product"))
    note = blocks.CharBlock(
        label=_("Note"), required=False, help_text=_("Why this product, in one sentence.")
    )

    class Meta:
        icon = "tag"
        template = "cms/blocks/product_embed.html"
        label = _("Product")
        description = _(
            "A product of the shop with its current price, availability and impact block."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(
            lambda: {"product": _first_public_product(), "note": "Un exemple de produit."}
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("product")
        context["product"] = live_from_context(parent_context).product(getattr(chosen, "pk", None))
        return context


class ProducerEmbedBlock(blocks.StructBlock):
    """A producer with its legal form, place and impact block."""

    producer = ProducerChooserBlock(label=_("Producer"))
    note = blocks.CharBlock(label=_("Note"), required=False)

    class Meta:
        icon = "group"
        template = "cms/blocks/producer_embed.html"
        label = _("Producer")
        description = _("A producer with its legal form, its place and its impact block.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(lambda: {"producer": _first_producer()})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("producer")
        context["producer"] = live_from_context(parent_context).producer(
            getattr(chosen, "pk", None)
        )
        return context


class ComparisonBlock(blocks.StructBlock):
    """Two or three products side by side, scored on each dimension of the charter."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Product")), min_num=2, max_num=3, label=_("Products")
    )

    class Meta:
        icon = "table"
        template = "cms/blocks/comparison.html"
        label = _("Comparison")
        description = _(
            "Two or three products side by side: price and score on each dimension of the charter."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(lambda: {"title": "", "products": _first_products(2)})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        live = live_from_context(parent_context)
        products = [
            live.product(getattr(chosen, "pk", None)) for chosen in value.get("products") or []
        ]
        available = [product for product in products if product is not None]
        dimensions, rows = [], []
        for product in available:
            for score in product.impact.dimensions:
                if score.dimension not in dimensions:
                    dimensions.append(score.dimension)
        for dimension in dimensions:
            cells = []
            for product in available:
                match = next(
                    (s for s in product.impact.dimensions if s.dimension == dimension), None
                )
                cells.append(match.percentage if match else None)
            rows.append({"dimension": dimension, "cells": cells})
        context.update(products=available, rows=rows, missing=len(products) - len(available))
        return context


class GroupOrderCallToActionBlock(blocks.StructBlock):
    """Invites readers to join the open group orders of a group (or the soonest-closing
    open ones of any group)."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.TextBlock(label=_("Text"), required=False)
    group = BuyingGroupChooserBlock(
        label=_("Buying group"),
        required=False,
        help_text=_("Leave empty to show the soonest-closing open group orders."),
    )

    class Meta:
        icon = "group"
        template = "cms/blocks/group_order_cta.html"
        label = _("Group order call to action")
        description = _(
            "Lists the open group orders of a buying group, or the soonest-closing ones."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"title": "Commandez avec votre quartier", "text": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        group = value.get("group")
        context["group_orders"] = live_from_context(parent_context).open_group_orders(
            getattr(group, "pk", None)
        )
        return context


class StepBlock(blocks.StructBlock):
    """One numbered step of a guide."""

    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "cms/blocks/step.html"
        description = _("One step of a guide; steps are numbered in order.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"title": "Trouver un groupe", "text": "<p>Cherchez près de chez vous.</p>"}


def heading_block(*, preview_value: str) -> blocks.CharBlock:
    """A section title (level 2), the same in every stream of the site."""
    return blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        template="cms/blocks/heading.html",
        description=_("A section title (level 2)."),
        preview_template=PREVIEW_TEMPLATE,
        preview_value=preview_value,
    )


def paragraph_block() -> blocks.RichTextBlock:
    """Formatted text, the same in every stream of the site."""
    return blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        description=_("Formatted text: bold, italic, links and lists."),
        preview_template=PREVIEW_TEMPLATE,
        preview_value="<p>Un texte <b>mis en forme</b>, avec des liens et des listes.</p>",
    )


class ArticleStreamBlock(blocks.StreamBlock):
    heading = heading_block(preview_value="Pourquoi la saison compte")
    paragraph = paragraph_block()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    product_embed = ProductEmbedBlock()
    producer_embed = ProducerEmbedBlock()
    comparison = ComparisonBlock()
    group_order_cta = GroupOrderCallToActionBlock()


class GuideStepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1


class FeaturedBlock(blocks.StreamBlock):
    """Products and producers an editor puts forward on the home page."""

    product = ProductChooserBlock(label=_("Product"))
    producer = ProducerChooserBlock(label=_("Producer"))


# --- legal pages ------------------------------------------------------------------


class CookieTableBlock(blocks.StaticBlock):
    """The cookies the site sets, read from the code that sets them
    (`shop.legal.cookies`), so the privacy page cannot fall behind it."""

    class Meta:
        icon = "lock"
        template = "cms/blocks/cookie_table.html"
        label = _("Cookies the site sets")
        admin_text = _("The table of the cookies the site sets, kept up to date by the site.")
        description = _("The list of cookies, with their purpose and lifetime.")
        preview_template = PREVIEW_TEMPLATE

    def get_context(self, value, parent_context=None):
        from shop.legal.cookies import strictly_necessary_cookies

        context = super().get_context(value, parent_context=parent_context)
        context["cookies"] = strictly_necessary_cookies()
        return context


class LegalStreamBlock(blocks.StreamBlock):
    """Legal notice, terms of sale, privacy policy: titled sections of text, boxes
    (e.g. "to be completed by staff") and the cookie table."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        template="cms/blocks/heading.html",
        description=_("A section title (level 2)."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=[*RICH_TEXT_FEATURES, "h3"],
        description=_("Formatted text: bold, italic, links, lists and sub-headings."),
    )
    callout = CalloutBlock()
    cookies = CookieTableBlock()


# --- the membership page ------------------------------------------------------------


class CooperativeRulesBlock(blocks.StructBlock):
    """The cooperative's rules in force, read when the page is shown (share value,
    minimum shares, colleges, what only members may do), and the way in: the button to
    the application form."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    button_text = blocks.CharBlock(
        label=_("Button text"),
        required=False,
        help_text=_("Leave empty for “Become a member”."),
    )

    class Meta:
        icon = "group"
        template = "cms/blocks/cooperative_rules.html"
        label = _("The cooperative's rules (live) and the way to apply")
        description = _(
            "Shows the current share value, minimum shares, colleges and what is for "
            "members only, as staff set them, with the button to apply."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"title": "Ce que dit le règlement aujourd'hui", "button_text": ""}

    def get_context(self, value, parent_context=None):
        from .membership import membership_facts

        context = super().get_context(value, parent_context=parent_context)
        context["cooperative"] = membership_facts()
        return context


class MembershipStreamBlock(blocks.StreamBlock):
    """The "Devenir sociétaire" page: text, boxes, questions and answers, and the live
    rules with the way to apply."""

    heading = heading_block(preview_value="Pourquoi devenir sociétaire")
    paragraph = paragraph_block()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    cooperative_rules = CooperativeRulesBlock()
