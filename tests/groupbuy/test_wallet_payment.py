"""A member pays their share of a confirmed group order from their wallet, in full or in
part (the rest at pickup); a share released unpaid gives the wallet part back."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from groupbuy.models import GroupOrderSettlement
from groupbuy.settlement import collection, release
from groupbuy.settlement import selectors as settlement_selectors
from groupbuy.settlement.wallet import settlement_pay_from_wallet
from shop.payments import services as payment_services
from shop.payments import statuses
from shop.wallet import selectors as wallet_selectors
from shop.wallet import services as wallet_services
from shop.wallet.models import Transfer
from tests.factories import UserFactory
from tests.groupbuy import test_settlement as base

# The settlement's fixtures: alice receives 4 honey (14.00 €), bob 2 (7.00 €), paid at
# pickup (no Stripe).
_no_stripe, people, farm, mill = base._no_stripe, base.people, base.farm, base.mill
group_order, closed, confirm = base.group_order, base.closed, base.confirm

pytestmark = pytest.mark.django_db
SP = GroupOrderSettlement.PaymentState


def top_up(member, amount: str):
    wallet_services.wallet_top_up_cash(
        user=member,
        amount=Decimal(amount),
        by=UserFactory(is_staff=True),
        key=f"cash-{member.pk}",
    )


def _pay_url(group_order, row):
    return reverse(
        "groupbuy:group-order-wallet-pay",
        kwargs={"slug": group_order.group.slug, "pk": group_order.pk, "settlement_pk": row.pk},
    )


@pytest.fixture
def confirmed(closed):
    confirm(closed)
    return closed


def test_the_page_offers_the_wallet_and_it_pays_the_whole_share(client, confirmed, people):
    alice = people["alice"]
    top_up(alice, "20.00")
    client.force_login(alice)
    row = GroupOrderSettlement.objects.get(member=alice)
    assert row.order.total_incl_tax == Decimal("14.00")

    page = client.get(confirmed.get_absolute_url()).content.decode()
    assert _pay_url(confirmed, row) in page
    assert 'value="14.00"' in page  # the default: all that is due, the wallet covers it

    response = client.post(_pay_url(confirmed, row), {"amount": "14.00"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.payment_state == SP.PAID
    assert row.order.status == statuses.PAID
    assert wallet_selectors.balance_of(alice) == Decimal("6.00")
    assert Transfer.objects.get(key=f"order:{row.order.number}:wallet").reference == (
        row.order.number
    )
    # Nothing left to pay: no form any more.
    assert _pay_url(confirmed, row) not in client.get(confirmed.get_absolute_url()).content.decode()


def test_part_from_the_wallet_the_rest_at_pickup(confirmed, people):
    bob = people["bob"]
    top_up(bob, "5.00")
    row = GroupOrderSettlement.objects.get(member=bob)
    settlement_pay_from_wallet(settlement=row, member=bob, amount=Decimal("5.00"))
    row.refresh_from_db()
    assert row.payment_state == SP.PENDING
    assert row.order.status == statuses.PENDING_PAYMENT
    assert payment_services.order_due(row.order) == Decimal("2.00")
    pickup = row.order.sources.get(source_type__code="paiement-au-retrait")
    assert pickup.amount_allocated == Decimal("2.00")

    payment_services.mark_offline_paid(
        order=row.order, user=UserFactory(is_staff=True), amount=Decimal("2.00")
    )
    row.order.refresh_from_db()
    assert row.order.status == statuses.PAID
    assert wallet_selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_refusals_say_why_and_write_nothing(client, confirmed, people):
    alice, bob = people["alice"], people["bob"]
    top_up(alice, "5.00")
    row = GroupOrderSettlement.objects.get(member=alice)
    client.force_login(alice)

    # More than the balance.
    response = client.post(_pay_url(confirmed, row), {"amount": "6.00"}, follow=True)
    assert any("pas assez" in str(m) for m in response.context["messages"])
    # More than is due.
    top_up(bob, "30.00")
    bob_row = GroupOrderSettlement.objects.get(member=bob)
    with pytest.raises(wallet_services.WalletError):
        settlement_pay_from_wallet(settlement=bob_row, member=bob, amount=Decimal("7.01"))
    # Not an amount.
    client.post(_pay_url(confirmed, row), {"amount": "abc"})
    # Someone else's share.
    assert client.post(_pay_url(confirmed, bob_row), {"amount": "1.00"}).status_code == 404

    assert not Transfer.objects.filter(key__startswith="order:").exists()
    assert wallet_selectors.balance_of(alice) == Decimal("5.00")


def test_a_share_released_unpaid_gives_the_wallet_part_back(confirmed, people):
    alice = people["alice"]
    top_up(alice, "10.00")
    row = GroupOrderSettlement.objects.get(member=alice)
    settlement_pay_from_wallet(settlement=row, member=alice, amount=Decimal("10.00"))
    assert wallet_selectors.balance_of(alice) == Decimal("0.00")

    collection.settlement_mark_failed(settlement=row, message="Not paid")
    later = timezone.now() + settlement_selectors.grace_period() + datetime.timedelta(minutes=1)
    release.settlements_release_unpaid(now=later, notify=False)
    row.refresh_from_db()
    assert row.payment_state == SP.RELEASED
    assert row.order.status == statuses.CANCELLED
    assert wallet_selectors.balance_of(alice) == Decimal("10.00")
    assert wallet_selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_no_wallet_no_form(client, confirmed, people):
    alice = people["alice"]
    client.force_login(alice)
    row = GroupOrderSettlement.objects.get(member=alice)
    assert _pay_url(confirmed, row) not in client.get(confirmed.get_absolute_url()).content.decode()


# --- prepaying commitments -----------------------------------------------------------


def _prepay_url(group_order):
    return reverse(
        "groupbuy:group-order-wallet-prepay",
        kwargs={"slug": group_order.group.slug, "pk": group_order.pk},
    )


@pytest.fixture
def committed(group_order, people):
    """The settlement's commitments, the group order still open."""
    commit = base.commit
    commit(group_order.honey, people["alice"], 4, minutes=1)
    commit(group_order.honey, people["bob"], 3, minutes=2)
    commit(group_order.flour, people["carol"], 5, minutes=3)
    commit(group_order.honey, people["dan"], 0, tolerance=2, minutes=4)
    return group_order


def _close_and_confirm(group_order):
    from groupbuy.orders import services

    services.group_order_close(group_order=group_order)
    group_order.refresh_from_db()
    confirm(group_order)


def test_a_prepaid_commitment_pays_the_order_and_the_rest_comes_back(client, committed, people):
    alice = people["alice"]
    top_up(alice, "30.00")
    client.force_login(alice)
    page = client.get(committed.get_absolute_url()).content.decode()
    assert _prepay_url(committed) in page
    # At most 4 honey at the base price of 4.00 €.
    client.post(_prepay_url(committed))
    assert wallet_selectors.balance_of(alice) == Decimal("14.00")
    assert "16,00" in client.get(committed.get_absolute_url()).content.decode()

    _close_and_confirm(committed)
    row = GroupOrderSettlement.objects.get(member=alice)
    assert row.order.total_incl_tax == Decimal("14.00")  # the 6-unit tier: 3.50 each
    assert row.payment_state == SP.PAID
    assert row.order.status == statuses.PAID
    assert wallet_selectors.balance_of(alice) == Decimal("16.00")  # 30 − 14
    assert wallet_selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_members_who_receive_nothing_get_their_prepayment_back(committed, people):
    from groupbuy.settlement.wallet import commitment_prepay_from_wallet

    dan = people["dan"]  # a tolerance only: he receives nothing
    top_up(dan, "10.00")
    commitment_prepay_from_wallet(group_order=committed, member=dan)
    assert wallet_selectors.balance_of(dan) == Decimal("2.00")
    _close_and_confirm(committed)
    assert not GroupOrderSettlement.objects.filter(member=dan).exists()
    assert wallet_selectors.balance_of(dan) == Decimal("10.00")


def test_a_cancelled_group_order_gives_every_prepayment_back(
    committed, people, django_capture_on_commit_callbacks
):
    from groupbuy.orders.models import GroupOrderState
    from groupbuy.orders.services import group_order_transition
    from groupbuy.settlement.wallet import commitment_prepay_from_wallet

    alice = people["alice"]
    top_up(alice, "20.00")
    commitment_prepay_from_wallet(group_order=committed, member=alice)
    assert wallet_selectors.balance_of(alice) == Decimal("4.00")
    with django_capture_on_commit_callbacks(execute=True):
        group_order_transition(group_order=committed, to_state=GroupOrderState.CANCELLED)
    assert wallet_selectors.balance_of(alice) == Decimal("20.00")
    assert wallet_selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_prepaying_again_takes_only_what_the_commitments_grew(client, committed, people):
    from groupbuy.settlement.wallet import commitment_prepay_from_wallet

    alice = people["alice"]
    top_up(alice, "40.00")
    commitment_prepay_from_wallet(group_order=committed, member=alice)
    with pytest.raises(wallet_services.WalletError):  # nothing more to prepay
        commitment_prepay_from_wallet(group_order=committed, member=alice)
    base.commit(committed.honey, alice, 6, minutes=5)
    commitment_prepay_from_wallet(group_order=committed, member=alice)
    assert wallet_selectors.balance_of(alice) == Decimal("16.00")  # 6 × 4.00 prepaid

    # Once closed, no prepaying: a clear message.
    from groupbuy.orders import services

    services.group_order_close(group_order=committed)
    client.force_login(alice)
    response = client.post(_prepay_url(committed), follow=True)
    assert any("engagements" in str(m) for m in response.context["messages"])
    assert wallet_selectors.balance_of(alice) == Decimal("16.00")
