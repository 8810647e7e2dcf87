"""Committing to a group order requires accepting the terms of sale (CGV): the box on
each product, a clear French error without it, the version stored on the commitment and
carried onto the Oscar order its settlement creates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groupbuy.models import Commitment, GroupOrderSettlement
from groupbuy.orders import services
from groupbuy.settlement import services as settlement
from shop.legal.models import TermsAcceptance
from tests.factories import UserFactory, create_group_order
from tests.helpers.legal import publish_legal_page, publish_new_version

pytestmark = pytest.mark.django_db

FRENCH_ERROR = (
    "Veuillez accepter les conditions générales de vente pour vous engager sur ce produit."
)
T0 = timezone.now() - datetime.timedelta(hours=6)


@pytest.fixture(autouse=True)
def _no_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""


@pytest.fixture
def alice():
    return UserFactory(first_name="Alice")


@pytest.fixture
def bob():
    return UserFactory(first_name="Bob")


@pytest.fixture
def group_order(alice, bob):
    return create_group_order(
        members=[alice, bob],
        offers=[
            {"case_size": 1, "unit_price_incl_tax": Decimal("4.00")},
            {"case_size": 1, "unit_price_incl_tax": Decimal("2.00"), "position": 1},
        ],
        opens_at=T0 - datetime.timedelta(days=1),
    )


@pytest.fixture
def terms_page():
    return publish_legal_page(version="2026-12")


def post_commitment(client, offer, quantity, *, accept_terms):
    data = {f"offer-{offer.pk}-quantity": quantity, f"offer-{offer.pk}-tolerance": 0}
    if accept_terms:
        data[f"offer-{offer.pk}-accept_terms"] = "on"
    group_order = offer.group_order
    return client.post(
        reverse(
            "groupbuy:commitment-set",
            kwargs={"slug": group_order.group.slug, "pk": group_order.pk, "offer_pk": offer.pk},
        ),
        data,
    )


def test_each_product_asks_to_accept_the_terms_with_a_link(client, alice, group_order, terms_page):
    client.force_login(alice)
    html = client.get(group_order.get_absolute_url()).content.decode()
    for offer in group_order.offers.all():
        assert f'name="offer-{offer.pk}-accept_terms"' in html
        assert f'for="id_offer-{offer.pk}-accept_terms"' in html
    assert "J&#x27;ai lu et j&#x27;accepte les conditions générales de vente" in html
    assert f'href="{terms_page.url}"' in html


def test_no_commitment_without_accepting_the_terms(client, alice, group_order, terms_page):
    offer = group_order.offers.first()
    client.force_login(alice)
    response = post_commitment(client, offer, 3, accept_terms=False)
    assert response.status_code == 200
    assert FRENCH_ERROR in response.content.decode()
    assert not Commitment.objects.exists()


def test_the_accepted_version_is_stored_on_the_commitment(client, alice, group_order, terms_page):
    offer = group_order.offers.first()
    client.force_login(alice)
    before = timezone.now()
    assert post_commitment(client, offer, 3, accept_terms=True).status_code == 302
    commitment = Commitment.objects.get(offer=offer, member=alice)
    assert commitment.terms_version == "2026-12"
    assert before <= commitment.terms_accepted_at <= timezone.now()


def test_cancelling_needs_no_acceptance(client, alice, group_order, terms_page):
    offer = group_order.offers.first()
    client.force_login(alice)
    post_commitment(client, offer, 3, accept_terms=True)
    assert post_commitment(client, offer, 0, accept_terms=False).status_code == 302
    assert not Commitment.objects.exists()


def test_the_service_refuses_a_commitment_without_a_version(alice, group_order):
    with pytest.raises(ValidationError) as error:
        services.commitment_set(offer=group_order.offers.first(), member=alice, quantity=2)
    assert "terms of sale" in str(error.value) or "conditions générales" in str(error.value)
    assert not Commitment.objects.exists()


def test_settlement_carries_each_members_latest_acceptance_onto_their_order(
    alice, bob, group_order, terms_page
):
    first, second = group_order.offers.order_by("position")
    at = {name: T0 + datetime.timedelta(minutes=n) for n, name in enumerate("abc", start=1)}
    services.commitment_set(
        offer=first, member=alice, quantity=2, terms_version="2026-12", now=at["a"]
    )
    services.commitment_set(
        offer=first, member=bob, quantity=1, terms_version="2026-12", now=at["b"]
    )
    # The terms change; bob commits to another product under the new version.
    publish_new_version(terms_page, "2027-03")
    services.commitment_set(
        offer=second, member=bob, quantity=1, terms_version="2027-03", now=at["c"]
    )
    services.group_order_close(group_order=group_order)
    settlement.group_order_confirm(group_order=group_order, user=group_order.created_by)

    orders = {
        row.member_id: row.order
        for row in GroupOrderSettlement.objects.filter(group_order=group_order)
    }
    alice_terms = orders[alice.pk].terms_acceptance
    bob_terms = orders[bob.pk].terms_acceptance
    assert (alice_terms.version, alice_terms.accepted_at) == ("2026-12", at["a"])
    assert (bob_terms.version, bob_terms.accepted_at) == ("2027-03", at["c"])
    assert {alice_terms.channel, bob_terms.channel} == {TermsAcceptance.Channel.GROUP_ORDER}
