"""factory_boy factories for our models; Oscar's own factories build the forked models
(they look models up with get_model)."""

from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

Partner = get_model("partner", "Partner")
ProductClass = get_model("catalogue", "ProductClass")


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary e-mail address (allauth)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"membre{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("motdepasse-solide-42")

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


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


def create_group_order(*, coordinator=None, members=(), offers=(), state="open", **kwargs):
    """A buying group with its members and a group order; `offers` are dicts of
    GroupOrderProduct fields (a product is created when none is given)."""
    import datetime

    from django.utils import timezone

    from groupbuy.models import BuyingGroup, GroupOrder, GroupOrderProduct, Membership

    group = BuyingGroup.objects.create(
        name=kwargs.pop("group_name", "Groupement test"),
        slug=kwargs.pop("group_slug", f"groupement-{BuyingGroup.objects.count() + 1}"),
    )
    coordinator = coordinator or UserFactory()
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    for member in members:
        Membership.objects.create(group=group, user=member)
    now = timezone.now()
    group_order = GroupOrder.objects.create(
        group=group,
        title=kwargs.pop("title", "Commande de novembre"),
        state=state,
        opens_at=kwargs.pop("opens_at", now - datetime.timedelta(days=1)),
        closes_at=kwargs.pop("closes_at", now + datetime.timedelta(days=3)),
        created_by=coordinator,
        **kwargs,
    )
    for index, fields in enumerate(offers):
        fields = dict(fields)
        product = fields.pop("product", None) or create_product(title=f"Produit {index}")
        fields.setdefault("unit_price_incl_tax", Decimal("4.00"))
        GroupOrderProduct.objects.create(group_order=group_order, product=product, **fields)
    return group_order
