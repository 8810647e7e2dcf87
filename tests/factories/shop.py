"""Factories for shop's apps: producers (Oscar's partner), product classes and products
(catalogue), the charter and its claims (impact), pickup points (shipping).

Oscar's own factories build the forked models (they look models up with get_model). The
charter factories use their own codes, so they never clash with the default charter
loaded by migration."""

import datetime
from decimal import Decimal

import factory
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.impact.models import Claim, Criterion, Dimension
from shop.shipping.models import PickupPoint, PickupSlot

from .community import UserFactory

Partner = get_model("partner", "Partner")
ProductClass = get_model("catalogue", "ProductClass")


# --- producers and products ---------------------------------------------------------


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Coopérative {n}")
    legal_form = "scop"
    charter_status = "membre"
    postcode = "26150"
    city = "Die"
    latitude = 44.7537
    longitude = 5.3705


def producer_user(producer=None):
    """A member who manages `producer` (a new one when none is given) through the
    dashboard, without being staff."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    (producer or ProducerFactory()).users.add(user)
    return user


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ["name"]

    name = "Alimentaire"
    vat_rate = Decimal("0.0550")
    requires_shipping = True
    track_stock = True


def create_product(
    *,
    title: str = "Miel de lavande",
    price_excl_tax: Decimal = Decimal("10.00"),
    vat_rate: Decimal = Decimal("0.0550"),
    producer=None,
    num_in_stock: int = 10,
    category_name: str | None = None,
):
    """A public product with one stock record at its producer, and optionally a category."""
    product_class = ProductClassFactory(
        name="Alimentaire" if vat_rate == Decimal("0.0550") else f"Classe {vat_rate}",
        vat_rate=vat_rate,
    )
    product = oscar_factories.ProductFactory(
        title=title, product_class=product_class, stockrecords=None, categories=[]
    )
    oscar_factories.StockRecordFactory(
        product=product,
        partner=producer or ProducerFactory(),
        price=price_excl_tax,
        price_currency=settings.OSCAR_DEFAULT_CURRENCY,  # Oscar's factory defaults to GBP
        num_in_stock=num_in_stock,
    )
    if category_name:
        category = oscar_factories.CategoryFactory(name=category_name)
        oscar_factories.ProductCategoryFactory(product=product, category=category)
    return product


# --- the charter (shop.impact) ------------------------------------------------------


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"test-dimension-{n}")
    name = factory.Sequence(lambda n: f"Dimension {n}")
    position = 90


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        django_get_or_create = ["code"]

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"test-critere-{n}")
    name = factory.Sequence(lambda n: f"Critère {n}")
    value_type = Criterion.ValueType.YES_NO
    scope = Criterion.Scope.BOTH
    validity_months = 12


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    criterion = factory.SubFactory(CriterionFactory)
    value_bool = True
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))


def expired(days: int = 1) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# --- pickup points (shop.shipping) --------------------------------------------------


def make_pickup_point(
    *,
    name: str = "Épicerie coopérative de Die",
    slug: str = "epicerie-die",
    city: str = "Die",
    postcode: str = "26150",
    latitude: float | None = 44.7537,
    longitude: float | None = 5.3705,
    is_active: bool = True,
    every_day: bool = True,
) -> PickupPoint:
    """A pickup point open 17:00–19:00 every day of the week (so that it always has an
    upcoming slot tomorrow, whatever day the tests run)."""
    point = PickupPoint.objects.create(
        name=name,
        slug=slug,
        address_line="12 rue Camille Buffardel",
        postcode=postcode,
        city=city,
        latitude=latitude,
        longitude=longitude,
        instructions="Entrée par la cour, sonnez à l'atelier.",
        is_active=is_active,
    )
    if every_day:
        for weekday in range(7):
            PickupSlot.objects.create(
                point=point,
                weekday=weekday,
                start_time=datetime.time(17, 0),
                end_time=datetime.time(19, 0),
            )
    return point
