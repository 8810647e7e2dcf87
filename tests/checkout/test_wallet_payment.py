"""Paying an order with the wallet at checkout: in full, in part (the rest by card,
transfer or at pickup), refused when the balance changed meanwhile, given back when the
order is not paid after all; and the ledger still balancing to zero after a mix of
top-ups, payments and refunds."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import services as payment_services
from shop.payments.bank_statements import services as statements
from shop.payments.wallet import WALLET_SOURCE_CODE, payment_key
from shop.wallet import selectors, services, transfers
from shop.wallet.models import AccountKind, Transfer, TransferKind
from tests.factories import UserFactory, create_product
from tests.fakes.stripe import FakeStripe
from tests.helpers.orders import place_order
from tests.helpers.stripe import CARD_OK, pay_with_card

from .helpers import add_to_basket, choose_pickup

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

TOTAL = Decimal("10.55")  # 10.00 excl. VAT at 5.5 %


@pytest.fixture
def product():
    return create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))


def top_up(user, amount: str, key: str = "cash-1"):
    return services.wallet_top_up_cash(
        user=user, amount=Decimal(amount), by=UserFactory(is_staff=True), key=key
    )


def to_payment_step(client, product, point):
    add_to_basket(client, product)
    response = choose_pickup(client, point)
    assert response.url == reverse("checkout:payment-method")
    return client.get(response.url)


def pay(client, *, wallet: str | None, method: str = ""):
    data = {"method": method}
    if wallet is not None:
        data |= {"use_wallet": "on", "wallet_amount": wallet}
    return client.post(reverse("checkout:payment-method"), data)


def wallet_source(order):
    return order.sources.get(source_type__code=WALLET_SOURCE_CODE)


# --- the payment step ----------------------------------------------------------------


def test_the_payment_step_offers_the_wallet_up_to_the_total(member_client, user, point, product):
    top_up(user, "50.00")
    response = to_payment_step(member_client, product, point)
    form = response.context["form"]
    assert form.offers_wallet
    assert form.initial["use_wallet"] is True
    assert form.initial["wallet_amount"] == TOTAL  # min(balance, total)
    html = response.content.decode()
    assert "Utiliser mon porte-monnaie" in html
    assert "50,00" in html  # the amount available


def test_the_default_is_the_balance_when_it_covers_less(member_client, user, point, product):
    top_up(user, "4.00")
    response = to_payment_step(member_client, product, point)
    assert response.context["form"].initial["wallet_amount"] == Decimal("4.00")


def test_an_overdraft_counts_as_available(member_client, user, point, product):
    services.wallet_set_overdraft(
        user=user, limit=Decimal("3.00"), by=UserFactory(is_staff=True), reason="Agreed"
    )
    response = to_payment_step(member_client, product, point)
    assert response.context["form"].wallet_available == Decimal("3.00")


def test_no_wallet_no_option(member_client, point, product):
    response = to_payment_step(member_client, product, point)
    assert not response.context["form"].offers_wallet
    assert "Utiliser mon porte-monnaie" not in response.content.decode()


def test_more_than_the_wallet_holds_is_refused(member_client, user, point, product):
    top_up(user, "5.00")
    to_payment_step(member_client, product, point)
    response = pay(member_client, wallet="6.00", method="pickup")
    assert response.status_code == 200
    assert response.context["form"].errors["wallet_amount"]


def test_a_partial_wallet_payment_needs_a_method_for_the_rest(member_client, user, point, product):
    top_up(user, "5.00")
    to_payment_step(member_client, product, point)
    response = pay(member_client, wallet="5.00")
    assert response.status_code == 200
    assert response.context["form"].errors["method"]


# --- placing the order ---------------------------------------------------------------


def test_the_wallet_pays_the_whole_order(member_client, user, point, product):
    top_up(user, "20.00")
    to_payment_step(member_client, product, point)
    response = pay(member_client, wallet=str(TOTAL))  # no other method needed
    assert response.url == reverse("checkout:preview")
    preview = member_client.get(response.url)
    assert preview.status_code == 200
    assert "Payé avec votre porte-monnaie" in preview.content.decode()
    response = place_order(member_client)
    assert response.url == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.status == "paid"
    assert selectors.balance_of(user) == Decimal("9.45")
    source = wallet_source(order)
    assert source.amount_debited == TOTAL
    assert source.reference == payment_key(order.number)
    transfer = Transfer.objects.get(key=f"order:{order.number}:wallet")
    assert transfer.reference == order.number
    assert order.sources.count() == 1

    thanks = member_client.get(reverse("checkout:thank-you")).content.decode()
    assert "Payé avec votre porte-monnaie" in thanks
    page = member_client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert "Payé avec votre porte-monnaie" in page.content.decode()


def test_part_wallet_part_at_pickup(member_client, user, point, product):
    top_up(user, "5.00")
    to_payment_step(member_client, product, point)
    response = pay(member_client, wallet="5.00", method="pickup")
    assert response.url == reverse("checkout:preview")
    place_order(member_client)

    order = Order.objects.get()
    assert order.status == "pending_payment"
    assert wallet_source(order).amount_debited == Decimal("5.00")
    pickup = order.sources.get(source_type__code="paiement-au-retrait")
    assert pickup.amount_allocated == Decimal("5.55")
    assert selectors.balance_of(user) == Decimal("0.00")
    page = member_client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    html = page.content.decode()
    assert "Payé avec votre porte-monnaie" in html and "5,55" in html

    # Staff take the rest at pickup: the order is paid.
    payment_services.mark_offline_paid(
        order=order, user=UserFactory(is_staff=True), amount=Decimal("5.55")
    )
    order.refresh_from_db()
    assert order.status == "paid"


def test_part_wallet_part_card_authorises_only_the_rest(
    member_client, user, point, product, settings, monkeypatch
):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    stripe = FakeStripe.services(monkeypatch)
    top_up(user, "4.00")
    to_payment_step(member_client, product, point)
    response = pay(member_client, wallet="4.00", method="card")
    assert response.url == reverse("checkout:payment-details")
    page = member_client.get(response.url)
    assert "6,55" in page.content.decode()
    assert stripe.prepared[-1][1] == Decimal("6.55")
    place_order(member_client)
    order = Order.objects.get()
    assert stripe.verified == [("pi_123", order.number, Decimal("6.55"))]
    assert wallet_source(order).amount_debited == Decimal("4.00")


def test_partial_wallet_and_card_payment_of_an_order(
    member_client, user, point, product, stripe_on, stripe_client, settings
):
    """The acceptance test: 4 € from the wallet, 6.55 € by card through Stripe."""
    settings.STRIPE_CAPTURE_AT_CHECKOUT = True
    top_up(user, "4.00")
    to_payment_step(member_client, product, point)
    pay(member_client, wallet="4.00", method="card")
    response = member_client.get(reverse("checkout:payment-details"))
    intent_id = response.context["stripe_client_secret"].split("_secret_")[0]
    assert pay_with_card(stripe_client, intent_id, CARD_OK) == "requires_capture"
    response = place_order(member_client)
    assert response.url == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.status == "paid"
    card = order.sources.get(source_type__code="stripe")
    assert card.amount_debited == Decimal("6.55")
    assert wallet_source(order).amount_debited == Decimal("4.00")
    assert stripe_client.v1.payment_intents.retrieve(intent_id).amount == 655
    assert selectors.balance_of(user) == Decimal("0.00")
    thanks = member_client.get(reverse("checkout:thank-you")).content.decode()
    assert "Payé avec votre porte-monnaie" in thanks and "4,00" in thanks


def test_a_balance_spent_meanwhile_sends_back_to_the_payment_step(
    member_client, user, point, product
):
    top_up(user, "20.00")
    to_payment_step(member_client, product, point)
    pay(member_client, wallet=str(TOTAL))
    member_client.get(reverse("checkout:preview"))
    services.wallet_pay(user=user, amount=Decimal("15.00"), key="elsewhere", reference="x")

    response = place_order(member_client)
    assert response.url == reverse("checkout:payment-method")
    assert not Order.objects.exists()
    assert Basket.objects.get(owner=user, status="Open").num_items == 1
    assert selectors.balance_of(user) == Decimal("5.00")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("pas assez" in m for m in messages)


def test_a_cancelled_card_authorisation_gives_the_wallet_part_back(
    member_client, user, point, product, stripe_on, stripe_client
):
    top_up(user, "4.00")
    to_payment_step(member_client, product, point)
    pay(member_client, wallet="4.00", method="card")
    response = member_client.get(reverse("checkout:payment-details"))
    intent_id = response.context["stripe_client_secret"].split("_secret_")[0]
    pay_with_card(stripe_client, intent_id, CARD_OK)
    place_order(member_client)
    order = Order.objects.get()
    assert order.status == "pending_payment"  # authorised, not captured (setting off)
    assert selectors.balance_of(user) == Decimal("0.00")

    payment_services.cancel_card_payment(order=order, user=UserFactory(is_staff=True))
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert selectors.balance_of(user) == Decimal("4.00")
    # Asking again gives nothing more.
    assert payment_services.order_wallet_part_refund(order=order) == Decimal("0.00")
    assert selectors.balance_of(user) == Decimal("4.00")


def test_an_order_cancelled_unpaid_gives_the_wallet_part_back(member_client, user, point, product):
    top_up(user, "5.00")
    to_payment_step(member_client, product, point)
    pay(member_client, wallet="5.00", method="transfer")
    place_order(member_client)
    order = Order.objects.get()
    assert order.sources.get(source_type__code="virement-bancaire").amount_allocated == Decimal(
        "5.55"
    )
    assert payment_services.order_cancel_unpaid(order=order)
    assert selectors.balance_of(user) == Decimal("5.00")
    assert payment_services.order_cancel_unpaid(order=order) is False
    assert selectors.balance_of(user) == Decimal("5.00")


# --- the ledger ----------------------------------------------------------------------


def test_the_ledger_balances_to_zero_after_a_mixed_scenario(member_client, user, point, product):
    """Top-ups by card, bank transfer and cash; payments of orders; a refund: every
    currency of the ledger sums to zero, and each account holds what it should."""
    staff = UserFactory(is_staff=True)
    services.wallet_credit(
        user=user,
        amount=Decimal("10.00"),
        kind=TransferKind.TOP_UP_CARD,
        source=AccountKind.CARD,
        key="pi_topup_1",
    )
    reference = transfers.top_up_reference(user)
    content = f"Date;Libellé;Montant\n03/12/2026;VIR {reference};8,00\n".encode()
    statements.statement_import(content=content, file_name="releve.csv", by=staff)
    top_up(user, "2.00")
    assert selectors.balance_of(user) == Decimal("20.00")

    to_payment_step(member_client, product, point)
    pay(member_client, wallet=str(TOTAL))
    place_order(member_client)
    order = Order.objects.get()
    payment_services.order_refund_to_wallet(
        order=order, amount=Decimal("3.00"), by=staff, note="A jar arrived broken"
    )

    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}
    assert selectors.balance_of(user) == Decimal("20.00") - TOTAL + Decimal("3.00")
    sales = services.system_account(AccountKind.SALES)
    assert services.account_balance(sales) == TOTAL - Decimal("3.00")
    assert services.account_balance(services.system_account(AccountKind.CARD)) == Decimal("-10.00")
    assert services.account_balance(services.system_account(AccountKind.CASH)) == Decimal("-2.00")
    for transfer in Transfer.objects.prefetch_related("postings"):
        assert sum(p.amount for p in transfer.postings.all()) == 0
