"""Paying part of an order in a local currency at checkout: only the lines of producers
who accept it, at most the member's balance; the rest in euros (wallet and/or another
method); given back when the order is cancelled unpaid."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import services as payment_services
from shop.payments.wallet import LOCAL_SOURCE_CODE, local_key
from shop.wallet import selectors, services
from shop.wallet.currencies.services import producer_account
from tests.factories import ProducerFactory, UserFactory, create_product
from tests.helpers.orders import place_order
from tests.wallet.currencies.helpers import accept, credit, make_currency

from .helpers import add_to_basket, choose_pickup

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

CODE = "SOU"
FIELD = f"local_{CODE}"


@pytest.fixture
def sou():
    return make_currency(CODE, name="Sou de la Drôme", symbol="Sou")


@pytest.fixture
def farm(sou):
    farm = ProducerFactory(name="Ferme du Vercors")
    accept(farm, sou)
    return farm


@pytest.fixture
def mill():
    return ProducerFactory(name="Moulin de Die")  # does not accept the Sou


@pytest.fixture
def basket_page(member_client, point, farm, mill):
    """Honey from the farm (10.55 € incl. VAT) and flour from the mill (6.00 €)."""
    add_to_basket(member_client, create_product(title="Miel", producer=farm))
    add_to_basket(
        member_client,
        create_product(
            title="Farine", producer=mill, price_excl_tax=Decimal("5.00"), vat_rate=Decimal("0.2")
        ),
    )

    def _open():
        response = choose_pickup(member_client, point)
        assert response.url == reverse("checkout:payment-method")
        return member_client.get(response.url)

    return _open


def pay(client, **data):
    return client.post(reverse("checkout:payment-method"), data)


def test_the_step_offers_the_accepting_producers_lines_only(user, sou, basket_page):
    credit(user, sou, "50.00")
    response = basket_page()
    form = response.context["form"]
    [part] = form.local_parts
    assert part.eligible == Decimal("10.55")  # the farm's honey, not the mill's flour
    assert part.payable == Decimal("10.55")
    assert form.initial[FIELD] == Decimal("10.55")
    assert "Sou" in response.content.decode()


def test_the_balance_limits_what_is_offered(user, sou, basket_page):
    credit(user, sou, "4.00")
    [part] = basket_page().context["form"].local_parts
    assert part.payable == Decimal("4.00")


def test_no_balance_no_field(user, sou, basket_page):
    assert basket_page().context["form"].local_parts == []


def test_more_than_the_accepting_lines_or_the_balance_is_refused(
    member_client, user, sou, basket_page
):
    credit(user, sou, "50.00")
    basket_page()
    response = pay(member_client, method="pickup", **{FIELD: "10.56"})
    assert response.status_code == 200
    assert response.context["form"].errors[FIELD]
    assert not Order.objects.exists()


def test_local_currency_payment_limited_to_accepting_producers_lines_and_to_the_balance(
    member_client, user, sou, farm, mill, basket_page
):
    """The acceptance test: 10.55 Sou for the farm's honey, the flour at pickup."""
    credit(user, sou, "12.00")
    basket_page()
    response = pay(member_client, method="pickup", **{FIELD: "10.55"})
    assert response.url == reverse("checkout:preview")
    preview = member_client.get(response.url).content.decode()
    assert "Sou de la Drôme" in preview
    place_order(member_client)

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("16.55")
    local = order.sources.get(source_type__code=LOCAL_SOURCE_CODE)
    assert (local.currency, local.amount_debited) == (CODE, Decimal("10.55"))
    assert local.reference == local_key(order.number, CODE)
    pickup = order.sources.get(source_type__code="paiement-au-retrait")
    assert pickup.amount_allocated == Decimal("6.00")
    assert order.status == "pending_payment"

    assert selectors.balance_of(user, CODE) == Decimal("1.45")
    farm_account = producer_account(partner=farm, currency=CODE)
    assert services.account_balance(farm_account) == Decimal("10.55")
    assert services.account_balance(producer_account(partner=mill, currency=CODE)) == 0
    assert selectors.trial_balance()[CODE] == Decimal("0.00")

    thanks = member_client.get(reverse("checkout:thank-you")).content.decode()
    assert "Sou de la Drôme" in thanks and "10,55" in thanks  # French number format


def test_local_currency_and_wallet_euros_pay_everything(member_client, user, sou, basket_page):
    credit(user, sou, "20.00")
    services.wallet_top_up_cash(
        user=user, amount=Decimal("6.00"), by=UserFactory(is_staff=True), key="cash-1"
    )
    basket_page()
    response = pay(member_client, use_wallet="on", wallet_amount="6.00", **{FIELD: "10.55"})
    assert response.url == reverse("checkout:preview")
    place_order(member_client)
    order = Order.objects.get()
    assert order.status == "paid"
    assert selectors.balance_of(user) == Decimal("0.00")
    assert selectors.balance_of(user, CODE) == Decimal("9.45")


def test_a_balance_spent_meanwhile_sends_back_to_the_payment_step(
    member_client, user, sou, farm, basket_page
):
    credit(user, sou, "10.55")
    basket_page()
    pay(member_client, method="pickup", **{FIELD: "10.55"})
    member_client.get(reverse("checkout:preview"))
    from shop.wallet.currencies.services import wallet_pay_local

    wallet_pay_local(
        user=user,
        currency=CODE,
        amount=Decimal("5.00"),
        producer_amounts={farm.pk: Decimal("5.00")},
        key="elsewhere",
        reference="x",
    )
    response = place_order(member_client)
    assert response.url == reverse("checkout:payment-method")
    assert not Order.objects.exists()
    assert selectors.balance_of(user, CODE) == Decimal("5.55")


def test_an_order_cancelled_unpaid_gives_the_local_currency_back(
    member_client, user, sou, farm, basket_page
):
    credit(user, sou, "10.55")
    basket_page()
    pay(member_client, method="transfer", **{FIELD: "10.55"})
    place_order(member_client)
    order = Order.objects.get()
    assert payment_services.order_cancel_unpaid(order=order)
    assert selectors.balance_of(user, CODE) == Decimal("10.55")
    assert services.account_balance(producer_account(partner=farm, currency=CODE)) == 0
    payment_services.order_cancel_unpaid(order=order)  # again: nothing more
    assert selectors.balance_of(user, CODE) == Decimal("10.55")
    assert selectors.trial_balance()[CODE] == Decimal("0.00")
