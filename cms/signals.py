from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.signals import page_published, page_unpublished

from groupbuy.models import GroupOrder
from shop.impact.models import Claim, Criterion

from .legal import forget_legal_links
from .live import bump_live_version
from .membership import forget_membership_url
from .models import EDUCATION_URL_CACHE_KEY, EducationIndexPage, LegalPage, MembershipPage
from .permissions import setup_education_section

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")  # VAT rate, member discount

#: Saving or deleting one of these changes what page embeds show.
LIVE_MODELS = (Product, ProductClass, StockRecord, Partner, Claim, Criterion, GroupOrder)


@receiver(page_published, sender=EducationIndexPage)
@receiver(page_unpublished, sender=EducationIndexPage)
@receiver(post_delete, sender=EducationIndexPage)
def forget_education_url(**kwargs) -> None:
    cache.delete(EDUCATION_URL_CACHE_KEY)


@receiver(page_published, sender=MembershipPage)
@receiver(page_unpublished, sender=MembershipPage)
@receiver(post_delete, sender=MembershipPage)
def forget_membership_page(**kwargs) -> None:
    """The footer's link follows the membership page."""
    forget_membership_url()


@receiver(page_published, sender=LegalPage)
@receiver(page_unpublished, sender=LegalPage)
@receiver(post_delete, sender=LegalPage)
def forget_legal_pages(**kwargs) -> None:
    """The footer's links and the terms of sale in force change with the legal pages."""
    forget_legal_links()


@receiver(post_save, sender=EducationIndexPage)
def set_up_education_section(sender, instance, created, raw=False, **kwargs) -> None:
    """A new education index gets the educators' permissions and the review workflow."""
    if created and not raw:
        setup_education_section(instance)


@receiver(page_published)
@receiver(page_unpublished)
def forget_cached_bodies_on_publication(**kwargs) -> None:
    bump_live_version()


def forget_cached_bodies(sender, raw=False, **kwargs) -> None:
    if not raw:
        bump_live_version()


for model in LIVE_MODELS:
    post_save.connect(forget_cached_bodies, sender=model, dispatch_uid=f"cms-live-{model.__name__}")
    post_delete.connect(
        forget_cached_bodies, sender=model, dispatch_uid=f"cms-live-del-{model.__name__}"
    )
