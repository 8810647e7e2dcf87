"""Price tiers only ever lower the price: a tier is cheaper than the base price and than
every tier with a lower threshold. Checked by the form (errors in French, naming the
tier), the models' `clean()`, the service, the database (prices above zero), and by
the numbers the group order page shows for the demo."""

import itertools
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from groupbuy.demo import DEMO_GROUP_ORDER_TITLE, tier_unit_price
from groupbuy.models import GroupOrder, PriceTier
from groupbuy.orders import services
from groupbuy.orders.forms import OfferForm
from groupbuy.orders.models import tier_price_errors
from tests.factories import UserFactory, create_group_order, create_product

pytestmark = pytest.mark.django_db

D = Decimal


def test_tier_price_errors_name_each_faulty_tier():
    assert tier_price_errors(D("4.00"), [(18, D("3.50")), (30, D("3.20"))]) == []
    errors = tier_price_errors(D("4.00"), [(30, D("3.60")), (18, D("4.00")), (48, D("3.60"))])
    assert [(e.code, e.params["units"]) for e in errors] == [
        ("tier_above_base", 18),
        ("tier_order", 48),
    ]
    # The 48 tier is compared with the cheapest tier below it (30 units, 3.60 €).
    assert errors[1].params["lower_units"] == 30
    # Without a base price, only the order of the tiers is checked.
    assert tier_price_errors(None, [(6, D("9.00"))]) == []


@pytest.fixture
def offer():
    coordinator = UserFactory()
    group_order = create_group_order(
        coordinator=coordinator,
        offers=[{"case_size": 6, "min_units": 12, "unit_price_incl_tax": D("4.00")}],
    )
    return group_order.offers.get()


def offer_form(product, price, tiers):
    return OfferForm(
        data={
            "product": product.pk,
            "case_size": "6",
            "min_units": "12",
            "max_units": "",
            "unit_price_incl_tax": price,
            "tiers_text": tiers,
        }
    )


def test_the_form_refuses_a_tier_above_the_base_price_in_french(offer):
    product = create_product(title="Pommes", price_excl_tax=D("2.80"))
    with translation.override("fr"):
        form = offer_form(product, "3,00", "24:3,20; 48:2,80")
        assert not form.is_valid()
        assert form.errors["tiers_text"] == [
            "Le palier à partir de 24 unités (3,20 €) doit être moins cher que le prix de "
            "base (3,00 €)."
        ]


def test_the_form_compares_tiers_with_the_shop_price_when_no_price_is_given(offer):
    product = create_product(title="Lentilles", price_excl_tax=D("2.90"))  # 3.06 € TTC
    assert not offer_form(product, "", "40:3,40").is_valid()
    assert offer_form(product, "", "40:2,90").is_valid()


def test_the_form_refuses_a_tier_dearer_than_a_lower_tier_in_french(offer):
    product = create_product(title="Jus", price_excl_tax=D("3.00"))
    with translation.override("fr"):
        form = offer_form(product, "5,00", "12:4,00; 24:4,50")
        assert not form.is_valid()
        assert form.errors["tiers_text"] == [
            "Le palier à partir de 24 unités (4,50 €) doit être moins cher que le palier à "
            "partir de 12 unités (4,00 €)."
        ]
    assert offer_form(product, "5,00", "12:4,50; 24:4,00").is_valid()


def test_model_clean_checks_a_tier_against_the_base_and_the_other_tiers(offer):
    PriceTier.objects.create(offer=offer, min_units=18, unit_price_incl_tax=D("3.50"))
    with pytest.raises(ValidationError):
        PriceTier(offer=offer, min_units=12, unit_price_incl_tax=D("4.20")).full_clean()
    with pytest.raises(ValidationError):  # dearer than the 18-unit tier below it
        PriceTier(offer=offer, min_units=30, unit_price_incl_tax=D("3.60")).full_clean()
    with pytest.raises(ValidationError):  # not dearer than the 18-unit tier above it
        PriceTier(offer=offer, min_units=12, unit_price_incl_tax=D("3.40")).full_clean()
    PriceTier(offer=offer, min_units=30, unit_price_incl_tax=D("3.20")).full_clean()
    PriceTier(offer=offer, min_units=12, unit_price_incl_tax=D("3.80")).full_clean()
    offer.unit_price_incl_tax = D("3.50")  # the base can no longer drop to a tier's price
    with pytest.raises(ValidationError):
        offer.full_clean()


def test_the_service_refuses_tiers_that_raise_the_price(offer):
    group_order = offer.group_order
    row = {
        "instance": offer,
        "product": offer.product,
        "case_size": 6,
        "min_units": 12,
        "max_units": None,
        "unit_price_incl_tax": D("4.00"),
        "tiers": [(18, D("4.10"))],
    }
    fields = {
        name: getattr(group_order, name)
        for name in ("title", "description", "opens_at", "closes_at", "pickup_date")
    }
    fields["pickup_point"] = None
    with pytest.raises(ValidationError):
        services.group_order_save(
            group=group_order.group,
            by=group_order.created_by,
            fields=fields,
            offers=[row],
            group_order=group_order,
        )
    assert not offer.tiers.exists()


def test_the_database_refuses_prices_of_zero(offer):
    with pytest.raises(IntegrityError), transaction.atomic():
        PriceTier.objects.create(offer=offer, min_units=12, unit_price_incl_tax=D("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(offer).objects.filter(pk=offer.pk).update(unit_price_incl_tax=D("0"))


def test_demo_tier_prices_are_derived_below_the_real_price():
    assert tier_unit_price(D("2.95"), 8) == D("2.71")
    assert tier_unit_price(D("0.02"), 1) == D("0.01")


def test_the_demo_group_order_page_keeps_its_promise(client):
    """The demo page promises that each tier lowers the price: every tier shown is
    cheaper than the base price and than the tier before it."""
    call_command("load_demo", verbosity=0)
    group_order = GroupOrder.objects.get(title=DEMO_GROUP_ORDER_TITLE)
    client.force_login(group_order.created_by)
    page = client.get(group_order.get_absolute_url()).content.decode()
    assert "chaque palier atteint fait baisser le prix" in page
    lists = re.findall(r'<ul class="groupbuy-tiers[^"]*">(.*?)</ul>', page, re.S)
    assert len(lists) >= 3  # apples, lentils and juice have tiers
    for tiers in lists:
        prices = [
            D(amount.replace("\xa0", "").replace(" ", "").replace(",", "."))
            for amount in re.findall(r"(\d+,\d{2})\s*€", tiers)
        ]
        assert len(prices) >= 2, tiers
        assert all(lower < higher for higher, lower in itertools.pairwise(prices))


def test_the_form_lowers_the_base_price_and_its_tiers_at_once(offer):
    PriceTier.objects.create(offer=offer, min_units=18, unit_price_incl_tax=D("3.50"))
    form = OfferForm(
        instance=offer,
        data={
            "product": offer.product.pk,
            "case_size": "6",
            "min_units": "12",
            "max_units": "",
            "unit_price_incl_tax": "3,00",
            "tiers_text": "18:2,80",
        },
    )
    assert form.is_valid(), form.errors
    form.data = {**form.data, "tiers_text": "18:3,20"}
    form.full_clean()
    assert list(form.errors) == ["tiers_text"]  # named once, on the tiers


def test_loading_the_demo_again_repairs_tiers_an_older_demo_set_above_the_price():
    call_command("load_demo", verbosity=0)
    offer = GroupOrder.objects.get(title=DEMO_GROUP_ORDER_TITLE).offers.filter(
        product__upc="PC-lentilles-vertes-500-g"
    )[0]
    offer.tiers.update(unit_price_incl_tax=D("3.40"))  # what the demo used to set
    assert offer.unit_price_incl_tax < D("3.40")
    call_command("load_demo", verbosity=0)
    tiers = list(offer.tiers.values_list("min_units", "unit_price_incl_tax"))
    assert tiers and tier_price_errors(offer.unit_price_incl_tax, tiers) == []
