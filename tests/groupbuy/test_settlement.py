"""Settlement of a group order without Stripe: one Oscar order per member who receives
something (pay at pickup), idempotent confirmation, the producers' purchase orders and the
coordinator's pickup list, the release of unpaid lines and their re-allocation."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from oscar.core.loading import get_model

from groupbuy.models import (
    Allocation,
    GroupOrderProduct,
    GroupOrderSettlement,
    GroupOrderState,
    PriceTier,
    StateTransition,
)
from groupbuy.orders import selectors as order_selectors
from groupbuy.orders import services
from groupbuy.settlement import collection, documents, release
from groupbuy.settlement import selectors as settlement_selectors
from groupbuy.settlement import services as settlement
from shop.payments import services as payment_services
from shop.payments import statuses
from shop.payments.methods import PaymentMethod
from shop.payments.models import PaymentAudit
from shop.shipping.models import OrderPickup, PickupPoint
from tests.factories import (
    TERMS_VERSION,
    ProducerFactory,
    UserFactory,
    create_group_order,
    create_product,
)

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db
S = GroupOrderState
SP = GroupOrderSettlement.PaymentState
T0 = timezone.now() - datetime.timedelta(hours=6)


@pytest.fixture(autouse=True)
def _no_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""


@pytest.fixture
def people():
    return {
        name: UserFactory(first_name=name, last_name=f"Test{name}", email=f"{name}@example.org")
        for name in ("alice", "bob", "carol", "dan")
    }


@pytest.fixture
def farm():
    return ProducerFactory(name="Ferme du Vercors")


@pytest.fixture
def mill():
    return ProducerFactory(name="Moulin de Die")


@pytest.fixture
def group_order(people, farm, mill):
    """Honey (case of 6, base 4.00, 3.50 from 6 units, VAT 5.5 %) from the farm; flour
    (case of 10, minimum 10, VAT 20 %) from the mill."""
    point = PickupPoint.objects.create(
        name="Épicerie solidaire",
        slug="epicerie",
        address_line="1 rue Haute",
        postcode="26150",
        city="Die",
    )
    honey = create_product(title="Miel de lavande", producer=farm)
    flour = create_product(title="Farine T80", producer=mill, vat_rate=Decimal("0.2000"))
    group_order = create_group_order(
        members=list(people.values()),
        offers=[
            {"product": honey, "case_size": 6, "unit_price_incl_tax": Decimal("4.00")},
            {
                "product": flour,
                "case_size": 10,
                "min_units": 10,
                "position": 1,
                "unit_price_incl_tax": Decimal("2.40"),
            },
        ],
        pickup_point=point,
        pickup_date=datetime.date(2026, 12, 12),
        opens_at=T0 - datetime.timedelta(days=1),
    )
    honey_offer, flour_offer = GroupOrderProduct.objects.filter(group_order=group_order)
    PriceTier.objects.create(offer=honey_offer, min_units=6, unit_price_incl_tax=Decimal("3.50"))
    group_order.honey, group_order.flour = honey_offer, flour_offer
    return group_order


def commit(offer, member, quantity, tolerance=0, minutes=0):
    return services.commitment_set(
        offer=offer,
        member=member,
        quantity=quantity,
        tolerance=tolerance,
        now=T0 + datetime.timedelta(minutes=minutes),
        terms_version=TERMS_VERSION,
    )


@pytest.fixture
def closed(group_order, people):
    """alice 4 honey, bob 3 honey (the case of 6 cuts bob to 2), carol 5 flour (below
    the minimum: dropped), dan 1 honey with tolerance only → nothing."""
    commit(group_order.honey, people["alice"], 4, minutes=1)
    commit(group_order.honey, people["bob"], 3, minutes=2)
    commit(group_order.flour, people["carol"], 5, minutes=3)
    commit(group_order.honey, people["dan"], 0, tolerance=2, minutes=4)
    services.group_order_close(group_order=group_order)
    group_order.refresh_from_db()
    return group_order


def confirm(group_order, **kwargs):
    return settlement.group_order_confirm(
        group_order=group_order, user=group_order.created_by, **kwargs
    )


def test_confirm_writes_one_oscar_order_per_member_who_receives_something(closed, people, farm):
    outcome = confirm(closed)
    closed.refresh_from_db()
    assert closed.state == S.CONFIRMED
    assert outcome.orders_created == 2
    alice_order = Order.objects.get(number=f"G{closed.pk}-{people['alice'].pk}")
    bob_order = Order.objects.get(number=f"G{closed.pk}-{people['bob'].pk}")
    assert not Order.objects.filter(user__in=[people["carol"], people["dan"]]).exists()
    # The tier price (6 units reached), VAT 5.5 % taken out of the price incl. tax.
    assert alice_order.total_incl_tax == Decimal("14.00")  # 4 × 3.50
    assert alice_order.total_excl_tax == Decimal("13.27")  # 14.00 / 1.055
    assert bob_order.total_incl_tax == Decimal("7.00")  # 2 × 3.50: cut by the case
    (line,) = alice_order.lines.all()
    assert (line.quantity, line.unit_price_incl_tax) == (4, Decimal("3.50"))
    assert line.partner == farm and line.partner_name == "Ferme du Vercors"
    assert line.line_price_incl_tax == Decimal("14.00")
    assert line.product_id == closed.honey.product_id and line.stockrecord is not None
    assert alice_order.user == people["alice"] and alice_order.currency == "EUR"
    assert alice_order.status == statuses.PENDING_PAYMENT
    pickup = OrderPickup.objects.get(order=alice_order)
    assert pickup.point == closed.pickup_point and pickup.day == closed.pickup_date
    row = GroupOrderSettlement.objects.get(order=alice_order)
    assert (row.member, row.payment_method, row.payment_state) == (
        people["alice"],
        PaymentMethod.PICKUP,
        SP.PENDING,
    )
    source = Source.objects.get(order=alice_order)
    assert source.source_type.code == "paiement-au-retrait"
    assert source.amount_allocated == Decimal("14.00")


def test_the_order_is_in_the_member_history(closed, people, client):
    confirm(closed)
    client.force_login(people["alice"])
    number = f"G{closed.pk}-{people['alice'].pk}"
    page = client.get("/boutique/accounts/orders/")
    assert page.status_code == 200
    assert number in page.content.decode()
    detail = client.get(f"/boutique/accounts/orders/{number}/")
    assert detail.status_code == 200
    assert "Miel de lavande" in detail.content.decode()


def test_confirming_again_creates_nothing_twice(closed):
    confirm(closed)
    again = confirm(closed)
    assert again.orders_created == 0
    assert Order.objects.filter(number__startswith=f"G{closed.pk}-").count() == 2
    assert GroupOrderSettlement.objects.filter(group_order=closed).count() == 2
    assert Source.objects.filter(order__number__startswith=f"G{closed.pk}-").count() == 2
    assert StateTransition.objects.filter(group_order=closed, to_state=S.CONFIRMED).count() == 1


def test_confirm_is_refused_before_closing(group_order):
    with pytest.raises(ValidationError):
        confirm(group_order)
    assert not Order.objects.exists()


def test_bulk_offline_records_match_the_payments_service(closed, people):
    """The settlement writes pay-at-pickup records in bulk: the same as
    shop.payments.services.record_offline_order writes for one order."""
    confirm(closed)
    ours = Order.objects.get(number=f"G{closed.pk}-{people['alice'].pk}")
    theirs = Order.objects.create(
        number="REF-1",
        currency="EUR",
        total_incl_tax=ours.total_incl_tax,
        total_excl_tax=ours.total_excl_tax,
        status=statuses.PENDING_PAYMENT,
    )
    payment_services.record_offline_order(order=theirs, method=PaymentMethod.PICKUP)

    def trail(order):
        source = Source.objects.get(order=order)
        return (
            order.status,
            (
                source.source_type_id,
                source.currency,
                source.amount_allocated,
                source.reference,
                source.label,
                source.amount_debited,
            ),
            list(order.payment_events.values_list("event_type__name", "amount", "reference")),
            list(PaymentAudit.objects.filter(order=order).values_list("action", "amount", "note")),
        )

    theirs.refresh_from_db()
    assert trail(ours) == trail(theirs)


def test_members_get_an_email_with_their_lines_and_the_explanation(
    closed, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirm(closed)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"alice@example.org", "bob@example.org"}
    body = by_recipient["bob@example.org"].body
    assert f"G{closed.pk}-{people['bob'].pk}" in by_recipient["bob@example.org"].subject
    assert "Miel de lavande" in body and "7,00" in body
    # The allocation's explanation, as the group order page words it.
    allocation = Allocation.objects.select_related("offer").get(member=people["bob"])
    line = order_selectors.allocation_line(allocation, allocation.offer)
    with translation.override("fr"):
        explanation = render_to_string(
            "groupbuy/partials/allocation_explanation.txt", {"line": line}
        )
    assert explanation.startswith("Vous aviez demandé 3, vous recevez 2")
    assert explanation in body


def test_settlement_emails_leave_through_the_task_queue(closed, people, database_tasks):
    from django_tasks_db.models import DBTaskResult

    from config.taskqueue.worker import Worker

    database_tasks.EMAIL_BACKEND = "config.taskqueue.mail.TaskEmailBackend"
    database_tasks.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    confirm(closed)
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "groupbuy.settlement.tasks.send_settlement_emails"
    assert mail.outbox == []

    Worker(worker_id="test", batch=True).run()

    assert {m.to[0] for m in mail.outbox} == {"alice@example.org", "bob@example.org"}


def test_the_coordinator_button_confirms_and_settles(closed, client):
    client.force_login(closed.created_by)
    response = client.post(
        f"/groupes/{closed.group.slug}/commandes/{closed.pk}/etat/", {"to_state": "confirmed"}
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.state == S.CONFIRMED
    assert GroupOrderSettlement.objects.filter(group_order=closed).count() == 2
    page = client.get(closed.get_absolute_url())
    assert "liste-de-retrait" in page.content.decode()
    assert "bon-de-commande" in page.content.decode()


# --- documents ----------------------------------------------------------------------


def _csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_purchase_order_per_producer_html_and_csv(closed, farm, mill, client):
    confirm(closed)
    client.force_login(closed.created_by)
    url = f"/groupes/{closed.group.slug}/commandes/{closed.pk}/bon-de-commande/{farm.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ferme du Vercors" in html and "Miel de lavande" in html
    rows = _csv(client.get(url + "?format=csv"))
    assert rows[0] == ["Produit", "Référence", "Colis", "Unités", "Prix unitaire TTC", "Total TTC"]
    assert rows[1][0] == "Miel de lavande"
    assert rows[1][2:] == ["1", "6", "3,50", "21,00"]
    assert rows[-1] == ["Total", "", "", "", "", "21,00"]
    # The flour was dropped: the mill ships nothing, so it has no purchase order.
    other = f"/groupes/{closed.group.slug}/commandes/{closed.pk}/bon-de-commande/{mill.pk}/"
    assert client.get(other).status_code == 404


def test_purchase_order_permissions(closed, farm, people, client):
    confirm(closed)
    url = f"/groupes/{closed.group.slug}/commandes/{closed.pk}/bon-de-commande/{farm.pk}/"
    producer_user = UserFactory()
    farm.users.add(producer_user)
    client.force_login(producer_user)
    assert client.get(url).status_code == 200
    client.force_login(people["alice"])
    assert client.get(url).status_code == 403
    someone = UserFactory()
    ProducerFactory(name="Autre").users.add(someone)
    client.force_login(someone)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_pickup_list_per_member_html_and_csv(closed, people, client):
    confirm(closed)
    alice_order = Order.objects.get(user=people["alice"])
    user = UserFactory(is_staff=True)
    payment_services.mark_offline_paid(order=alice_order, user=user, amount=Decimal("14.00"))
    url = f"/groupes/{closed.group.slug}/commandes/{closed.pk}/liste-de-retrait/"
    client.force_login(people["alice"])
    assert client.get(url).status_code == 403
    client.force_login(closed.created_by)
    page = client.get(url)
    assert page.status_code == 200
    assert "alice Testalice" in page.content.decode()
    rows = _csv(client.get(url + "?format=csv"))
    assert rows[0] == ["Membre", "E-mail", "Produit", "Quantité", "Prix unitaire", "Total", "Payé"]
    assert rows[1:] == [
        ["alice Testalice", "alice@example.org", "Miel de lavande", "4", "3,50", "14,00", "Oui"],
        ["bob Testbob", "bob@example.org", "Miel de lavande", "2", "3,50", "7,00", "Non"],
    ]


def test_pickup_list_exists_once_confirmed(closed, client):
    client.force_login(closed.created_by)
    url = f"/groupes/{closed.group.slug}/commandes/{closed.pk}/liste-de-retrait/"
    assert client.get(url).status_code == 404


# --- release after the grace period and re-allocation ---------------------------------


def test_release_offers_the_units_to_the_members_still_queued(
    closed, people, django_capture_on_commit_callbacks
):
    confirm(closed)
    alice_row = GroupOrderSettlement.objects.get(member=people["alice"])
    collection.settlement_mark_failed(settlement=alice_row, message="Carte refusée")
    assert release.settlements_release_unpaid() == []  # not yet: the grace period runs
    later = timezone.now() + settlement_selectors.grace_period() + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        released = release.settlements_release_unpaid(now=later)
    assert [row.pk for row in released] == [alice_row.pk]
    alice_row.refresh_from_db()
    assert alice_row.payment_state == SP.RELEASED
    assert alice_row.order.status == statuses.CANCELLED
    # alice's 4 units: bob was cut by 1 (asked 3, got 2), then dan's tolerance of 2.
    supplements = {
        row.member.first_name: row
        for row in GroupOrderSettlement.objects.filter(group_order=closed, sequence=1)
    }
    assert set(supplements) == {"bob", "dan"}
    assert supplements["bob"].order.lines.get().quantity == 1
    assert supplements["dan"].order.lines.get().quantity == 2
    assert supplements["dan"].order.number == f"G{closed.pk}-{people['dan'].pk}-R1"
    assert supplements["dan"].order.total_incl_tax == Decimal("7.00")
    assert supplements["dan"].payment_method == PaymentMethod.PICKUP
    # A supplement carries the terms of sale the member accepted when committing.
    assert supplements["dan"].order.terms_acceptance.version == TERMS_VERSION
    # One unit is left with nobody queued: the pickup list shows it as not assigned.
    document = documents.pickup_list(closed)
    assert [(line.title, line.quantity) for line in document.unassigned] == [("Miel de lavande", 1)]
    assert {m.to[0] for m in mail.outbox} >= {"alice@example.org", "dan@example.org"}
    # Running the job again changes nothing.
    assert release.settlements_release_unpaid(now=later) == []


def test_reallocation_never_exceeds_what_members_committed(closed, people):
    extra = settlement_selectors.released_units_reallocation(
        group_order=closed,
        released_units={closed.honey.pk: 10},
        excluded={people["alice"].pk},
    )
    assert extra == {closed.honey.pk: {people["bob"].pk: 1, people["dan"].pk: 2}}


def test_order_placed_is_sent_once_per_settled_member_order(
    closed, people, django_capture_on_commit_callbacks
):
    """Settled orders are ordinary shop orders: Oscar's order_placed reaches its
    receivers once per member order, and confirming again sends nothing more."""
    from oscar.apps.order.signals import order_placed

    heard = []

    def receiver(sender, order, user, **kwargs):
        heard.append((order.number, user.pk, order.pk))

    order_placed.connect(receiver, dispatch_uid="test-settlement-order-placed")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirm(closed, notify=False)
        with django_capture_on_commit_callbacks(execute=True):
            confirm(closed, notify=False)
    finally:
        order_placed.disconnect(dispatch_uid="test-settlement-order-placed")
    settled = GroupOrderSettlement.objects.filter(group_order=closed).select_related("order")
    assert sorted(heard) == sorted(
        (row.order.number, row.member_id, row.order_id) for row in settled
    )
    assert {user_pk for _number, user_pk, _pk in heard} == {
        people["alice"].pk,
        people["bob"].pk,
    }
