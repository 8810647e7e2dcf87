from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from shop.legal.models import VERSION_MAX_LENGTH
from shop.search_text import fold

from .blocks import (
    ArticleStreamBlock,
    FeaturedBlock,
    GuideStepsBlock,
    LegalStreamBlock,
    MembershipStreamBlock,
)
from .live import LiveData, body_cache_key

EDUCATION_URL_CACHE_KEY = "cms:education-index-url"
#: How many items each section of the home page shows at most.
HOME_SECTION_SIZE = 3


def latest_education_pages(limit: int = HOME_SECTION_SIZE, parent=None) -> list[Page]:
    """The latest live, public articles and guides (specific pages, one query per type)."""
    pages = Page.objects.type(ArticlePage, GuidePage).live().public()
    if parent is not None:
        pages = pages.child_of(parent)
    return list(pages.order_by("-first_published_at").specific()[:limit])


def latest_community_posts(limit: int = HOME_SECTION_SIZE) -> list:
    """Latest visible community posts; empty while the community app has no Post model."""
    try:
        from community.models import Post
    except ImportError:
        return []
    posts = Post.objects.all()
    if hasattr(posts, "visible_to"):
        posts = posts.visible_to(None)
    ordering = "-created_at" if hasattr(Post, "created_at") else "-pk"
    return list(posts.select_related("author").order_by(ordering)[:limit])


class LiveBodyMixin:
    """Pages whose StreamFields embed live products: load them in bulk, cache the body."""

    live_stream_fields: tuple[str, ...] = ("body",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        streams = [getattr(self, name) for name in self.live_stream_fields]
        context["live"] = LiveData.for_streams(*streams, request=request)
        context["body_cache_key"] = body_cache_key(self, request)
        return context


class HomePage(LiveBodyMixin, Page):
    """The site's home page: what Panier Commun is and where to go next.

    Every section (featured producers and products, open group orders, latest education
    pages, latest community posts) is hidden when it is empty.
    """

    hero_title = models.CharField(_("hero title"), max_length=120, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured = StreamField(
        FeaturedBlock(),
        verbose_name=_("featured products and producers"),
        blank=True,
        help_text=_("Products and producers shown on the home page, in this order."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("featured"),
    ]

    live_stream_fields = ("featured",)
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.EducationIndexPage", "cms.LegalPage", "cms.MembershipPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = context["live"]
        featured_products, featured_producers = [], []
        for block in self.featured:
            pk = getattr(block.value, "pk", None)
            if block.block_type == "product" and (product := live.product(pk)):
                featured_products.append(product)
            elif block.block_type == "producer" and (producer := live.producer(pk)):
                featured_producers.append(producer)
        context.update(
            featured_products=featured_products,
            featured_producers=featured_producers,
            open_group_orders=live.open_group_orders(),
            education_pages=latest_education_pages(),
            community_posts=latest_community_posts(),
        )
        return context


class EducationIndexPage(Page):
    """The education section: articles and guides on responsible consumption.

    Educators ("Éducateurs") add and edit pages here only; the "Relecture éducation"
    workflow sends them to "Rédaction" for approval (`cms/permissions.py`).
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage", "cms.GuidePage", "cms.CriterionExplainerIndexPage"]

    class Meta:
        verbose_name = _("education index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = latest_education_pages(limit=None, parent=self)
        context["explainer"] = (
            CriterionExplainerIndexPage.objects.child_of(self).live().public().first()
        )
        return context


class FoldedSearchMixin:
    """Indexes an accent- and plural-folded copy of the title and introduction, so an
    unaccented query finds an accented page on every database (see shop.search_text)."""

    title: str  # Page's field, on the classes this mixin is used with

    def search_text(self) -> str:
        return fold(f"{self.title} {getattr(self, 'intro', '')}")


class ArticlePage(FoldedSearchMixin, LiveBodyMixin, Page):
    """An article on responsible consumption."""

    #: og:type for sharing (config/templatetags/seo.py reads it; other pages: "website").
    open_graph_type = "article"

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_text"),
    ]

    parent_page_types = ["cms.EducationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")


class GuidePage(FoldedSearchMixin, LiveBodyMixin, Page):
    """A practical guide: an introduction, numbered steps, then optional free content."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    steps = StreamField(GuideStepsBlock(), verbose_name=_("steps"), blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("after the steps"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("steps"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("steps"),
        index.SearchField("body"),
        index.SearchField("search_text"),
    ]

    live_stream_fields = ("body",)
    parent_page_types = ["cms.EducationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")


class CriterionExplainerIndexPage(Page):
    """ "Why this criterion matters": every active criterion of the charter, grouped by
    dimension, with its public explanation, and the education pages to read next.

    The criteria themselves stay in the charter (`shop.impact`), edited by facilitators
    in the Oscar dashboard, so there is one source of truth and nothing to keep in sync;
    this page adds the educators' introduction around them. Each criterion has the
    anchor `#critere-<code>`, as on the shop's method page, so the impact block's
    "pourquoi ce critère compte" links can point at either.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.EducationIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("charter criteria explainer")

    def get_context(self, request, *args, **kwargs):
        from shop.impact.models import Dimension

        context = super().get_context(request, *args, **kwargs)
        dimensions = Dimension.objects.prefetch_related("criteria").order_by("position", "pk")
        sections = []
        for dimension in dimensions:
            criteria = [c for c in dimension.criteria.all() if c.is_active]
            if criteria:
                sections.append({"dimension": dimension, "criteria": criteria})
        context["sections"] = sections
        context["education_pages"] = latest_education_pages(limit=6, parent=self.get_parent())
        return context


class LegalPage(Page):
    """The legal notice, the terms of sale (CGV) or the privacy policy: one page of each
    kind, under the home page, linked from every page's footer.

    Staff change `version` when they change the substance of the text: checkout and
    group order commitments record the version of the terms of sale the customer
    accepted (`shop.legal`), so an old order still says which text applied.
    """

    class Kind(models.TextChoices):
        LEGAL_NOTICE = "legal_notice", _("Legal notice")
        TERMS_OF_SALE = "terms_of_sale", _("Terms of sale")
        PRIVACY = "privacy", _("Privacy policy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.CharField(
        _("version"),
        max_length=VERSION_MAX_LENGTH,
        help_text=_(
            "Change it when you change the substance of the text, e.g. “2026-12”: each "
            "order records the version of the terms of sale its customer accepted."
        ),
    )
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(LegalStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("version"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def clean(self) -> None:
        super().clean()
        others = LegalPage.objects.filter(kind=self.kind).exclude(pk=self.pk)
        if self.kind and others.exists():
            raise ValidationError(
                {"kind": _("There is already a page of this kind: edit that one instead.")}
            )


class MembershipPage(Page):
    """ "Devenir sociétaire": why and how to join the cooperative. The editors' text,
    and the rules in force read live (the `cooperative_rules` block; the page adds it at
    its end when the body has none), with the way to the application form."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(MembershipStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("membership page")

    @property
    def shows_rules(self) -> bool:
        return any(block.block_type == "cooperative_rules" for block in self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.shows_rules:
            from .membership import membership_facts

            context["cooperative"] = membership_facts()
        return context
