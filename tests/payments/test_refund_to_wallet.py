"""Staff refund an order to its customer's wallet, whatever way it was paid: never more
than was paid and not yet refunded (card refunds included), audited (who, why), each
refund its own wallet transfer "refund:<order>:<n>"."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.apps.payment.exceptions import UnableToTakePayment

from shop.payments import services, statuses
from shop.payments.methods import PaymentMethod
from shop.wallet import selectors
from shop.wallet import services as wallet_services
from shop.wallet.models import Transfer
from tests.factories import UserFactory
from tests.helpers.orders import make_order
from tests.helpers.stripe import authorised_order

pytestmark = pytest.mark.django_db


def _url(order) -> str:
    return reverse("payments-dashboard:refund", kwargs={"number": order.number})


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def paid_transfer_order(staff):
    """21.10 € paid by bank transfer."""
    order = make_order(user=UserFactory())
    services.record_offline_order(order=order, method=PaymentMethod.TRANSFER)
    services.mark_offline_paid(order=order, user=staff, amount=order.total_incl_tax)
    return order


def test_staff_refund_a_transfer_paid_order_to_the_wallet(staff_client, staff, paid_transfer_order):
    order = paid_transfer_order
    response = staff_client.post(
        _url(order), {"amount": "5.00", "note": "Missing eggs", "destination": "wallet"}
    )
    assert response.status_code == 302
    assert selectors.balance_of(order.user) == Decimal("5.00")
    transfer = Transfer.objects.get(key=f"refund:{order.number}:1")
    assert transfer.created_by == staff
    assert transfer.note == "Missing eggs"
    assert transfer.reference == str(order.number)

    staff_client.post(_url(order), {"amount": "16.10", "note": "", "destination": "wallet"})
    assert Transfer.objects.filter(key=f"refund:{order.number}:2").exists()
    assert selectors.balance_of(order.user) == Decimal("21.10")
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}

    # The page lists the wallet movements with who did them and why.
    html = staff_client.get(
        reverse("payments-dashboard:order", kwargs={"number": order.number})
    ).content.decode()
    assert "Missing eggs" in html and staff.get_full_name() in html


def test_a_refund_never_exceeds_what_was_paid(staff, paid_transfer_order):
    order = paid_transfer_order
    services.order_refund_to_wallet(order=order, amount=Decimal("20.00"), by=staff)
    with pytest.raises(UnableToTakePayment):
        services.order_refund_to_wallet(order=order, amount=Decimal("1.11"), by=staff)
    # Nor may the offline refund give back what the wallet already received.
    with pytest.raises(UnableToTakePayment):
        services.refund_offline(order=order, user=staff, amount=Decimal("2.00"))
    services.refund_offline(order=order, user=staff, amount=Decimal("1.10"))
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    assert selectors.balance_of(order.user) == Decimal("20.00")


def test_the_form_refuses_too_much_with_a_message(staff_client, paid_transfer_order):
    order = paid_transfer_order
    response = staff_client.post(
        _url(order), {"amount": "30.00", "note": "", "destination": "wallet"}, follow=True
    )
    assert selectors.balance_of(order.user) == Decimal("0.00")
    messages = [str(m) for m in response.context["messages"]]
    assert any("21,10" in m or "21.10" in m for m in messages)


def test_an_unpaid_order_has_nothing_to_refund(staff):
    order = make_order(user=UserFactory())
    services.record_offline_order(order=order, method=PaymentMethod.PICKUP)
    with pytest.raises(UnableToTakePayment):
        services.order_refund_to_wallet(order=order, amount=Decimal("1.00"), by=staff)
    assert not Transfer.objects.exists()


def test_an_order_without_customer_cannot_go_to_a_wallet(staff):
    order = make_order()
    order.user = None
    order.save(update_fields=["user"])
    with pytest.raises(UnableToTakePayment):
        services.order_refund_to_wallet(order=order, amount=Decimal("1.00"), by=staff)


def test_a_card_paid_order_refunded_to_the_wallet(stripe_on, stripe_client, staff):
    order, _pi = authorised_order(stripe_client, user=UserFactory())
    services.capture_card_payment(order=order)
    services.order_refund_to_wallet(
        order=order, amount=Decimal("10.00"), by=staff, note="Credit instead of card"
    )
    assert selectors.balance_of(order.user) == Decimal("10.00")
    # The card can then give back only the rest.
    with pytest.raises(UnableToTakePayment):
        services.refund_card_payment(order=order, amount=Decimal("11.11"), user=staff)
    services.refund_card_payment(order=order, amount=Decimal("11.10"), user=staff)
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED


def test_a_wallet_paid_order_goes_back_to_the_wallet(staff_client, staff):
    member = UserFactory()
    wallet_services.wallet_top_up_cash(user=member, amount=Decimal("30.00"), by=staff, key="c1")
    order = make_order(user=member)
    services.order_pay_from_wallet(order=order, amount=order.total_incl_tax)
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert selectors.balance_of(member) == Decimal("8.90")

    # "The way it was paid" is the wallet here.
    staff_client.post(_url(order), {"amount": "21.10", "note": "Cancelled by the producer"})
    assert selectors.balance_of(member) == Decimal("30.00")
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED


def test_members_cannot_refund(member_client, paid_transfer_order):
    response = member_client.post(
        _url(paid_transfer_order), {"amount": "1.00", "note": "", "destination": "wallet"}
    )
    assert response.status_code == 403
    assert not Transfer.objects.filter(key__startswith="refund:").exists()
