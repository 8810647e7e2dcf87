from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import EDUCATION_URL_CACHE_KEY, EducationIndexPage


@receiver(page_published, sender=EducationIndexPage)
@receiver(page_unpublished, sender=EducationIndexPage)
@receiver(post_delete, sender=EducationIndexPage)
def forget_education_url(**kwargs) -> None:
    cache.delete(EDUCATION_URL_CACHE_KEY)
