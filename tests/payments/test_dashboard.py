"""Staff payment pages: permissions, actions, audit trail, the link from Oscar's order page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.payments import services, statuses
from shop.payments.methods import PaymentMethod
from shop.payments.models import PaymentAudit
from tests.helpers.orders import make_order
from tests.helpers.stripe import authorised_order

pytestmark = pytest.mark.django_db


def _url(name: str, order) -> str:
    return reverse(f"payments-dashboard:{name}", kwargs={"number": order.number})


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def offline_order():
    order = make_order()
    services.record_offline_order(order=order, method=PaymentMethod.TRANSFER)
    return order


@pytest.mark.parametrize("name", ["order", "capture", "cancel", "refund", "mark-paid"])
def test_members_get_403(member_client, offline_order, name):
    url = _url(name, offline_order)
    response = (
        member_client.post(url, {"amount": "21.10"})
        if name != "order"
        else (member_client.get(url))
    )
    assert response.status_code == 403
    assert not offline_order.payment_audits.filter(action=PaymentAudit.Action.MARK_PAID).exists()


def test_anonymous_users_are_sent_to_sign_in(client, offline_order):
    response = client.get(_url("order", offline_order))
    assert response.status_code == 302


def test_staff_marks_paid_then_refunds(staff_client, staff, offline_order):
    page = staff_client.get(_url("order", offline_order))
    assert page.status_code == 200
    assert b"PC-" in page.content

    response = staff_client.post(
        _url("mark-paid", offline_order), {"amount": "21.10", "note": "virement reçu"}
    )
    assert response.status_code == 302
    offline_order.refresh_from_db()
    assert offline_order.status == statuses.PAID

    response = staff_client.post(_url("refund", offline_order), {"amount": "99.00"}, follow=True)
    assert b"at most" in response.content or b"au plus" in response.content
    staff_client.post(_url("refund", offline_order), {"amount": "21.10"})
    offline_order.refresh_from_db()
    assert offline_order.status == statuses.REFUNDED

    page = staff_client.get(_url("order", offline_order))
    assert "virement reçu" in page.content.decode()
    entries = offline_order.payment_audits.exclude(action=PaymentAudit.Action.OFFLINE_PENDING)
    assert [(e.action, e.amount, e.user) for e in entries.order_by("pk")] == [
        (PaymentAudit.Action.MARK_PAID, Decimal("21.10"), staff),
        (PaymentAudit.Action.OFFLINE_REFUND, Decimal("21.10"), staff),
    ]


def test_invalid_amount_is_refused(staff_client, offline_order):
    staff_client.post(_url("mark-paid", offline_order), {"amount": "-3"})
    assert not offline_order.payment_audits.filter(action=PaymentAudit.Action.MARK_PAID).exists()


def test_staff_captures_and_refunds_a_card_order(staff_client, staff, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    page = staff_client.get(_url("order", order))
    assert page.status_code == 200
    assert _url("capture", order).encode() in page.content

    staff_client.post(_url("capture", order), {"amount": ""})
    order.refresh_from_db()
    assert order.status == statuses.PAID
    staff_client.post(_url("refund", order), {"amount": "1.10"})
    source = order.sources.get()
    assert source.amount_refunded == Decimal("1.10")
    assert stripe_client.v1.refunds.list({"payment_intent": pi_id}).data[0].amount == 110
    refund = order.payment_audits.get(action=PaymentAudit.Action.CARD_REFUND)
    assert refund.user == staff


def test_staff_cancels_a_card_order(staff_client, stripe_on, stripe_client):
    order, _pi_id = authorised_order(stripe_client)
    staff_client.post(_url("cancel", order))
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED


def test_oscar_order_page_links_to_the_payment_page(client, staff, offline_order):
    staff.is_superuser = True  # Oscar's order pages also need the order permissions
    staff.save()
    client.force_login(staff)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": offline_order.number}))
    assert page.status_code == 200
    assert _url("order", offline_order).encode() in page.content
    assert str(statuses.STATUS_LABELS[statuses.PENDING_PAYMENT]).encode() in page.content or (
        b"En attente de paiement" in page.content
    )


def test_page_of_an_order_without_payment(staff_client):
    order = make_order()
    page = staff_client.get(_url("order", order))
    assert page.status_code == 200
    assert _url("capture", order).encode() not in page.content
    assert _url("mark-paid", order).encode() not in page.content
