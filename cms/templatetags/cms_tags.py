from django import template
from django.core.cache import cache

from cms.models import EDUCATION_URL_CACHE_KEY, EducationIndexPage

register = template.Library()


@register.simple_tag
def education_index_url() -> str:
    """URL of the education section for the site menu, cached until a page is (un)published."""
    url = cache.get(EDUCATION_URL_CACHE_KEY)
    if url is None:
        page = EducationIndexPage.objects.live().public().first()
        url = page.url if page else ""
        cache.set(EDUCATION_URL_CACHE_KEY, url, 3600)
    return url
