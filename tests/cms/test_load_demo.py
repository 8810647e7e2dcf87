"""`manage.py load_demo`: realistic, complete, and idempotent.

The command runs twice, once for the whole module, inside a transaction that is rolled
back at the end (the tests themselves run in nested savepoints).
"""

from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page

from cms.models import ArticlePage, EducationIndexPage
from community.demo import (
    COORDINATOR,
    DEMO_ACCOUNTS,
    EDUCATOR,
    EDUCATORS_GROUP,
    FACILITATOR,
    FACILITATORS_GROUP,
    PRODUCER,
    STAFF_ADMIN,
)
from groupbuy.models import BuyingGroup, Membership
from shop.demo import (
    DEMO_REGION_BBOX,
    Category,
    Partner,
    Product,
    ProductClass,
    ProductImage,
    StockRecord,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "producers": Partner.objects.count(),
        "product classes": ProductClass.objects.count(),
        "products": Product.objects.count(),
        "stock records": StockRecord.objects.count(),
        "categories": Category.objects.count(),
        "images": ProductImage.objects.count(),
        "users": get_user_model().objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "auth groups": Group.objects.count(),
        "buying groups": BuyingGroup.objects.count(),
        "memberships": Membership.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Page.objects.filter(latest_revision__isnull=False).count(),
    }


def _image_mtimes(media_root: Path) -> dict[str, int]:
    return {str(path): path.stat().st_mtime_ns for path in media_root.rglob("*.png")}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_runs(django_db_setup, django_db_blocker, demo_media):
    """Counts and image files after the first and the second run of load_demo."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        first = (_counts(), _image_mtimes(demo_media))
        call_command("load_demo", stdout=StringIO())
        second = (_counts(), _image_mtimes(demo_media))
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_runs, demo_media, settings):
    """The loaded demo, with MEDIA_ROOT pointing at its files."""
    settings.MEDIA_ROOT = demo_media
    return demo_runs


def test_second_run_changes_nothing(demo):
    (first_counts, first_files), (second_counts, second_files) = demo
    assert first_counts == second_counts
    assert first_files == second_files  # no image redrawn
    assert len(first_files) == first_counts["images"]


def test_producers_are_varied_and_located_in_the_region(demo):
    producers = list(Partner.objects.all())
    assert len(producers) >= 12
    assert len({producer.legal_form for producer in producers}) >= 5
    assert {producer.charter_status for producer in producers} == {"membre", "candidat"}
    south, west, north, east = DEMO_REGION_BBOX
    for producer in producers:
        assert south <= producer.latitude <= north, producer.name
        assert west <= producer.longitude <= east, producer.name
        assert producer.description
        assert len(producer.postcode) == 5
        assert producer.postcode.startswith("26")  # Drôme


def test_products_are_complete(demo):
    products = Product.objects.prefetch_related("categories", "stockrecords", "images")
    assert products.count() >= 60
    assert Category.objects.filter(product__isnull=False).distinct().count() >= 8
    for product in products.select_related("product_class"):
        assert product.description, product.title
        assert product.categories.exists(), product.title
        (stockrecord,) = product.stockrecords.all()
        assert stockrecord.price > 0
        assert stockrecord.num_in_stock > 0
        (image,) = product.images.all()
        assert Path(image.original.path).is_file(), product.title
    vat_rates = {
        product_class.name: str(product_class.vat_rate)
        for product_class in ProductClass.objects.all()
    }
    assert vat_rates["Alimentaire"] == "0.0550"
    assert vat_rates["Non alimentaire"] == "0.2000"


def test_each_demo_account_logs_in_with_a_verified_email(demo, client):
    for account in DEMO_ACCOUNTS:
        assert client.login(email=account.email, password=account.password), account.role
        assert EmailAddress.objects.filter(
            email=account.email, verified=True, primary=True
        ).exists()
        client.logout()


def test_accounts_have_their_roles(demo):
    users = get_user_model().objects
    producer = users.get(email=PRODUCER.email)
    assert producer.partners.exists()
    assert producer.has_perm("partner.dashboard_access")
    educator = users.get(email=EDUCATOR.email)
    assert educator.groups.filter(name=EDUCATORS_GROUP).exists()
    assert educator.has_perm("wagtailadmin.access_admin")
    assert users.get(email=FACILITATOR.email).groups.filter(name=FACILITATORS_GROUP).exists()
    admin = users.get(email=STAFF_ADMIN.email)
    assert admin.is_staff and admin.is_superuser


def test_buying_group_has_a_coordinator_and_members(demo):
    (group,) = BuyingGroup.objects.all()
    coordinators = group.memberships.filter(role=Membership.Role.COORDINATOR)
    assert [membership.user.email for membership in coordinators] == [COORDINATOR.email]
    assert group.memberships.filter(role=Membership.Role.MEMBER).count() >= 5


def test_education_pages_are_live_and_editable_by_educators(demo):
    index = EducationIndexPage.objects.get(slug="apprendre")
    assert index.live
    articles = ArticlePage.objects.child_of(index).live()
    assert articles.count() >= 2
    for article in articles:
        assert article.intro
        assert len(article.body) >= 4
    educator = get_user_model().objects.get(email=EDUCATOR.email)
    permissions = index.permissions_for_user(educator)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
