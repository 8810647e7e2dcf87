"""Card payments of group orders against localstripe: an authorization at commitment when
the closing is near, a saved card otherwise; at confirmation exactly the allocated amount
is taken and the rest released; a failed charge leads to an e-mail, a payment page and,
after the grace period, the release of the lines; authorizations never lapse."""

import datetime
from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from groupbuy.models import (
    GroupOrderProduct,
    GroupOrderSettlement,
    GroupPayment,
    PriceTier,
    StripeCustomer,
)
from groupbuy.orders import services
from groupbuy.settlement import cards, collection, release
from groupbuy.settlement import selectors as settlement_selectors
from groupbuy.settlement import services as settlement
from shop.payments import statuses
from shop.payments.methods import PaymentMethod
from tests.factories import TERMS_VERSION, UserFactory, create_group_order, create_product
from tests.helpers.stripe import CARD_DECLINED, CARD_OK, pay_with_card

pytestmark = pytest.mark.django_db
SP = GroupOrderSettlement.PaymentState
Source = get_model("payment", "Source")


@pytest.fixture
def people():
    return {
        name: UserFactory(first_name=name, email=f"{name}@example.org")
        for name in ("alice", "bob", "dan")
    }


def make_group_order(people, *, closes_in: datetime.timedelta):
    """Honey in cases of 6 at 4.00, 3.50 from 6 units."""
    now = timezone.now()
    group_order = create_group_order(
        members=list(people.values()),
        offers=[{"product": create_product(title="Miel"), "case_size": 6}],
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + closes_in,
    )
    offer = GroupOrderProduct.objects.get(group_order=group_order)
    PriceTier.objects.create(offer=offer, min_units=6, unit_price_incl_tax=Decimal("3.50"))
    group_order.offer = offer
    return group_order


def save_card(client: stripe.StripeClient, setup_intent_secret: str, number: str) -> str:
    """What the Payment Element does with a SetupIntent: attach a card and confirm."""
    method = client.v1.payment_methods.create(
        {
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    )
    setup_intent_id = setup_intent_secret.split("_secret_")[0]
    client.v1.setup_intents.confirm(setup_intent_id, {"payment_method": method.id})
    return client.v1.setup_intents.retrieve(setup_intent_id).status


def authorise(client, group_order, member, number=CARD_OK):
    setup = cards.group_card_prepare(group_order=group_order, member=member)
    assert setup.kind == "payment"
    pay_with_card(client, setup.client_secret.split("_secret_")[0], number)
    return cards.group_card_confirm(group_order=group_order, member=member)


def captured_cents(client, payment_intent_id: str) -> int:
    intent = client.v1.payment_intents.retrieve(payment_intent_id)
    received = getattr(intent, "amount_received", None)
    if received is not None:
        return received
    charge = intent.latest_charge  # localstripe always expands it
    if isinstance(charge, str):
        charge = client.v1.charges.retrieve(charge)
    return charge.amount - charge.amount_refunded  # localstripe: the rest as a refund


def close_and_confirm(group_order):
    services.group_order_close(group_order=group_order)
    return settlement.group_order_confirm(group_order=group_order)


def test_near_closing_authorises_the_maximum_with_manual_capture(stripe_on, stripe_client, people):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer,
        member=people["alice"],
        quantity=4,
        tolerance=2,
        terms_version=TERMS_VERSION,
    )
    setup = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    assert (setup.kind, setup.amount) == ("payment", Decimal("24.00"))  # (4 + 2) × 4.00
    intent_id = setup.payment.payment_intent_id
    intent = stripe_client.v1.payment_intents.retrieve(intent_id)
    assert (intent.amount, intent.capture_method) == (2400, "manual")
    assert intent.metadata["order_number"] == f"G{group_order.pk}-{people['alice'].pk}"
    # Opening the page again reuses the same PaymentIntent.
    again = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    assert again.payment.payment_intent_id == intent_id
    # More units before the card is entered: the same PaymentIntent, a new amount.
    services.commitment_set(
        offer=group_order.offer,
        member=people["alice"],
        quantity=5,
        tolerance=2,
        terms_version=TERMS_VERSION,
    )
    bigger = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    bigger_intent = stripe_client.v1.payment_intents.retrieve(bigger.payment.payment_intent_id)
    assert int(bigger_intent.amount) == 2800
    pay_with_card(stripe_client, bigger.payment.payment_intent_id, CARD_OK)
    row = cards.group_card_confirm(group_order=group_order, member=people["alice"])
    assert (row.mode, row.status) == (GroupPayment.Mode.AUTHORIZATION, GroupPayment.Status.READY)
    assert row.capture_before is not None
    assert row.capture_before - timezone.now() > datetime.timedelta(days=6)


def test_far_closing_saves_the_card(stripe_on, stripe_client, people):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=10))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=4, terms_version=TERMS_VERSION
    )
    setup = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    assert setup.kind == "setup"
    customer = StripeCustomer.objects.get(user=people["alice"]).customer_id
    setup_intent = stripe_client.v1.setup_intents.retrieve(setup.payment.setup_intent_id)
    assert setup_intent.customer == customer
    assert save_card(stripe_client, setup.client_secret, CARD_OK) == "succeeded"
    row = cards.group_card_confirm(group_order=group_order, member=people["alice"])
    assert (row.mode, row.status) == (GroupPayment.Mode.SAVED_CARD, GroupPayment.Status.READY)
    assert row.payment_method_id.startswith("pm_")


def test_card_page_mounts_the_payment_element(stripe_on, people, client):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=2, terms_version=TERMS_VERSION
    )
    client.force_login(people["alice"])
    url = f"/groupes/{group_order.group.slug}/commandes/{group_order.pk}/carte/"
    page = client.get(url)
    assert page.status_code == 200
    row = GroupPayment.objects.get(member=people["alice"])
    assert f'data-client-secret="{row.payment_intent_id}_secret_' in page.content.decode()
    assert "carte/" in client.get(group_order.get_absolute_url()).content.decode()
    # Pay at pickup instead: the authorization is released.
    client.post(url)
    row.refresh_from_db()
    assert row.mode == GroupPayment.Mode.PICKUP


def test_no_card_page_without_stripe(settings, people, client):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    client.force_login(people["alice"])
    url = f"/groupes/{group_order.group.slug}/commandes/{group_order.pk}/carte/"
    assert client.get(url).status_code == 404


def test_confirmation_captures_exactly_the_allocated_amount_and_releases_the_rest(
    stripe_on, stripe_client, people
):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    offer = group_order.offer
    services.commitment_set(
        offer=offer, member=people["alice"], quantity=4, tolerance=2, terms_version=TERMS_VERSION
    )
    services.commitment_set(
        offer=offer, member=people["bob"], quantity=2, terms_version=TERMS_VERSION
    )
    services.commitment_set(
        offer=offer, member=people["dan"], quantity=0, tolerance=3, terms_version=TERMS_VERSION
    )
    alice = authorise(stripe_client, group_order, people["alice"])  # 24.00
    dan = authorise(stripe_client, group_order, people["dan"])  # 12.00, receives nothing

    outcome = close_and_confirm(group_order)

    alice_row = GroupOrderSettlement.objects.get(member=people["alice"])
    order = alice_row.order
    assert order.total_incl_tax == Decimal("14.00")  # 4 × 3.50, the tier reached
    assert captured_cents(stripe_client, alice.payment_intent_id) == 1400
    intent = stripe_client.v1.payment_intents.retrieve(alice.payment_intent_id)
    assert intent.status == "succeeded"
    assert alice_row.payment_state == SP.PAID and alice_row.payment_method == PaymentMethod.CARD
    order.refresh_from_db()
    assert order.status == statuses.PAID
    source = Source.objects.get(order=order)
    assert (source.amount_allocated, source.amount_debited) == (Decimal("24.00"), Decimal("14.00"))
    # dan receives nothing: his authorization is cancelled, no order.
    assert stripe_client.v1.payment_intents.retrieve(dan.payment_intent_id).status == "canceled"
    assert not GroupOrderSettlement.objects.filter(member=people["dan"]).exists()
    assert outcome.authorizations_released == 1
    # bob had no card: he pays at pickup.
    bob_row = GroupOrderSettlement.objects.get(member=people["bob"])
    assert bob_row.payment_method == PaymentMethod.PICKUP
    # Confirming again takes nothing more.
    settlement.group_order_confirm(group_order=group_order)
    assert captured_cents(stripe_client, alice.payment_intent_id) == 1400


def test_saved_card_is_charged_off_session_for_the_exact_amount(stripe_on, stripe_client, people):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=10))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=6, terms_version=TERMS_VERSION
    )
    setup = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    save_card(stripe_client, setup.client_secret, CARD_OK)
    cards.group_card_confirm(group_order=group_order, member=people["alice"])

    close_and_confirm(group_order)

    row = GroupOrderSettlement.objects.get(member=people["alice"])
    assert row.payment_state == SP.PAID
    intent_id = GroupPayment.objects.get(member=people["alice"]).payment_intent_id
    intent = stripe_client.v1.payment_intents.retrieve(intent_id)
    assert intent.status == "succeeded" and intent.amount == 2100  # 6 × 3.50
    assert intent.customer == StripeCustomer.objects.get(user=people["alice"]).customer_id
    assert captured_cents(stripe_client, intent_id) == 2100


@pytest.fixture
def declined(stripe_on, stripe_client, people, django_capture_on_commit_callbacks):
    """bob saved a card that is declined when charged; alice pays at pickup."""
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=10))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=4, terms_version=TERMS_VERSION
    )
    services.commitment_set(
        offer=group_order.offer, member=people["bob"], quantity=2, terms_version=TERMS_VERSION
    )
    setup = cards.group_card_prepare(group_order=group_order, member=people["bob"])
    assert save_card(stripe_client, setup.client_secret, CARD_DECLINED) == "succeeded"
    cards.group_card_confirm(group_order=group_order, member=people["bob"])
    with django_capture_on_commit_callbacks(execute=True):
        outcome = close_and_confirm(group_order)
    assert [row.member for row in outcome.failed] == [people["bob"]]
    return group_order


def test_a_declined_charge_mails_the_member_a_link_to_pay(declined, people, client):
    row = GroupOrderSettlement.objects.get(member=people["bob"])
    assert row.payment_state == SP.FAILED
    assert row.payment_due_at - timezone.now() > datetime.timedelta(hours=47)
    (message,) = [m for m in mail.outbox if m.to == ["bob@example.org"]]
    pay_url = f"/groupes/{declined.group.slug}/commandes/{declined.pk}/paiement/"
    assert pay_url in message.body
    client.force_login(people["bob"])
    assert "paiement/" in client.get(declined.get_absolute_url()).content.decode()
    page = client.get(pay_url)
    assert page.status_code == 200
    assert "data-client-secret=" in page.content.decode()


def test_paying_on_the_page_pays_the_order(declined, people, client, stripe_client):
    row = GroupOrderSettlement.objects.get(member=people["bob"])
    client.force_login(people["bob"])
    base = f"/groupes/{declined.group.slug}/commandes/{declined.pk}/paiement/"
    client.get(base)
    session = collection.settlement_payment_prepare(settlement=row)  # the same PaymentIntent
    assert pay_with_card(stripe_client, session.payment_intent_id, CARD_OK) == "requires_capture"
    response = client.get(base + f"retour/?payment_intent={session.payment_intent_id}")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.payment_state == SP.PAID
    assert captured_cents(stripe_client, session.payment_intent_id) == 700
    # Paid in time: nothing to release.
    later = timezone.now() + settlement_selectors.grace_period() + datetime.timedelta(hours=1)
    assert release.settlements_release_unpaid(now=later) == []


def test_after_the_grace_period_the_lines_are_released(declined, people, monkeypatch):
    later = timezone.now() + settlement_selectors.grace_period() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(release.timezone, "now", lambda: later)
    call_command("groupbuy_release_unpaid")
    row = GroupOrderSettlement.objects.get(member=people["bob"], sequence=0)
    assert row.payment_state == SP.RELEASED
    assert row.order.status == statuses.CANCELLED
    call_command("groupbuy_release_unpaid")  # idempotent
    assert GroupOrderSettlement.objects.filter(payment_state=SP.RELEASED).count() == 1


def test_renewal_switches_an_unconfirmed_authorization_to_a_saved_card(
    stripe_on, stripe_client, people
):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=4, terms_version=TERMS_VERSION
    )
    row = authorise(stripe_client, group_order, people["alice"])
    assert collection.authorizations_renew() == {
        "captured": 0,
        "failed": 0,
        "cancelled": 0,
        "switched": 0,
    }
    near = row.capture_before - datetime.timedelta(hours=12)
    counts = collection.authorizations_renew(now=near)
    assert counts["switched"] == 1
    assert stripe_client.v1.payment_intents.retrieve(row.payment_intent_id).status == "canceled"
    row.refresh_from_db()
    assert (row.mode, row.status) == (
        GroupPayment.Mode.SAVED_CARD,
        GroupPayment.Status.REQUIRES_CARD,
    )
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and "/carte/" in message.body


def test_renewal_captures_a_confirmed_authorization_before_it_lapses(
    stripe_on, stripe_client, people, monkeypatch
):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=6, terms_version=TERMS_VERSION
    )
    row = authorise(stripe_client, group_order, people["alice"])
    # Stripe was unreachable at confirmation: the order still awaits payment.
    monkeypatch.setattr(settlement, "card_payments_collect", lambda **kwargs: None)
    close_and_confirm(group_order)
    monkeypatch.undo()
    assert GroupOrderSettlement.objects.get().payment_state == SP.PENDING
    call_command("groupbuy_renew_authorizations", within_hours=24 * 8)
    assert GroupOrderSettlement.objects.get().payment_state == SP.PAID
    assert captured_cents(stripe_client, row.payment_intent_id) == 2100


def test_the_page_asks_for_a_new_authorization_when_commitments_grew(
    stripe_on, stripe_client, people, client
):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=2, terms_version=TERMS_VERSION
    )
    authorise(stripe_client, group_order, people["alice"])
    client.force_login(people["alice"])
    page = client.get(group_order.get_absolute_url())
    assert "groupbuy-card" in page.content.decode()
    assert page.context["page"].settlement.my_card_short is False
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=5, terms_version=TERMS_VERSION
    )
    page = client.get(group_order.get_absolute_url())
    assert page.context["page"].settlement.my_card_short is True
    row = GroupPayment.objects.get(member=people["alice"])
    # A new authorization replaces the one that no longer covers the maximum.
    setup = cards.group_card_prepare(group_order=group_order, member=people["alice"])
    assert setup.payment.payment_intent_id != row.payment_intent_id
    assert setup.amount == Decimal("20.00")
    assert stripe_client.v1.payment_intents.retrieve(row.payment_intent_id).status == "canceled"


def test_renewal_releases_the_authorizations_of_a_cancelled_group_order(
    stripe_on, stripe_client, people
):
    group_order = make_group_order(people, closes_in=datetime.timedelta(days=3))
    services.commitment_set(
        offer=group_order.offer, member=people["alice"], quantity=4, terms_version=TERMS_VERSION
    )
    row = authorise(stripe_client, group_order, people["alice"])
    services.group_order_transition(group_order=group_order, to_state="cancelled")
    assert collection.authorizations_renew()["cancelled"] == 1
    assert stripe_client.v1.payment_intents.retrieve(row.payment_intent_id).status == "canceled"
