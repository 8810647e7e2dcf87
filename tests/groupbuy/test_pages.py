"""The pages of buying groups and group orders, through the test client.

Text is checked in English (the language cookie), so the tests keep passing once the
French translations are added; the URLs and numbers are the same in both languages."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groupbuy.groups import selectors as group_selectors
from groupbuy.groups import services as membership
from groupbuy.models import (
    BuyingGroup,
    Commitment,
    GroupOrder,
    GroupOrderState,
    JoinRule,
    Membership,
    PriceTier,
    StateTransition,
)
from groupbuy.orders import services
from tests.factories import TERMS_VERSION, UserFactory, create_group_order, create_product

pytestmark = pytest.mark.django_db
S = GroupOrderState


def browse_as(client, user=None):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def alice():
    return UserFactory(first_name="Alice", last_name="Aubert")


@pytest.fixture
def bob():
    return UserFactory(first_name="Bob", last_name="Berger")


@pytest.fixture
def group_order(alice, bob):
    """Cases of 6, minimum 12, base price 4.00 €, 3.50 € from 18 units, 3.20 € from 30."""
    group_order = create_group_order(
        members=[alice, bob],
        group_name="Panier du Val",
        offers=[{"case_size": 6, "min_units": 12, "unit_price_incl_tax": Decimal("4.00")}],
    )
    offer = group_order.offers.get()
    PriceTier.objects.create(offer=offer, min_units=18, unit_price_incl_tax=Decimal("3.50"))
    PriceTier.objects.create(offer=offer, min_units=30, unit_price_incl_tax=Decimal("3.20"))
    return group_order


@pytest.fixture
def offer(group_order):
    return group_order.offers.get()


def url(name, group_order, **kwargs):
    return reverse(name, kwargs={"slug": group_order.group.slug, "pk": group_order.pk, **kwargs})


# --- the list of groups -------------------------------------------------------------


def test_group_list_searches_by_city_and_paginates(client, alice):
    for index in range(21):
        membership.group_create(
            name=f"Groupe {index:02d}", city="Crest", join_rule="open", coordinator=alice
        )
    membership.group_create(name="Groupe de Die", city="Die", join_rule="open", coordinator=alice)
    browse_as(client)
    first = html(client.get("/groupes/?ville=crest"))
    assert "Groupe 00" in first and "Groupe de Die" not in first
    assert "ville=crest&amp;page=2" in first
    second = html(client.get("/groupes/?ville=crest&page=2"))
    assert "Groupe 20" in second and "Groupe 00" not in second
    assert "Groupe de Die" in html(client.get("/groupes/?ville=Die"))


def test_only_verified_members_are_offered_to_create_a_group(client):
    browse_as(client)
    create_url = reverse("groupbuy:group-create")
    assert f'href="{create_url}"' not in html(client.get("/groupes/"))
    browse_as(client, UserFactory())
    assert f'href="{create_url}"' in html(client.get("/groupes/"))
    browse_as(client, UserFactory(verified_email=False))
    assert f'href="{create_url}"' not in html(client.get("/groupes/"))
    assert client.get(create_url).status_code == 403


def test_creating_a_group_makes_its_creator_coordinator(client, alice):
    browse_as(client, alice)
    response = client.post(
        "/groupes/nouveau/",
        {"name": "Paniers d'Eurre", "city": "Eurre", "join_rule": "approval", "description": ""},
    )
    group = BuyingGroup.objects.get(name="Paniers d'Eurre")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert group_selectors.is_coordinator(group, alice)


# --- joining ------------------------------------------------------------------------


def test_open_group_join_button_makes_an_active_member(client, alice):
    group = membership.group_create(name="Ouvert", join_rule="open", coordinator=alice)
    newcomer = UserFactory()
    browse_as(client, newcomer)
    assert "Join the group" in html(client.get(group.get_absolute_url()))
    client.post(reverse("groupbuy:group-join", args=[group.slug]))
    assert group_selectors.is_group_member(group, newcomer)


def test_approval_request_waits_for_a_coordinator(client, alice):
    group = membership.group_create(name="Sur accord", join_rule="approval", coordinator=alice)
    candidate = UserFactory(first_name="Candide", last_name="Durand")
    browse_as(client, candidate)
    client.post(reverse("groupbuy:group-join", args=[group.slug]))
    request = Membership.objects.get(group=group, user=candidate)
    assert request.status == Membership.Status.PENDING
    assert "waiting for a coordinator" in html(client.get(group.get_absolute_url()))
    # The candidate cannot approve itself.
    decision = reverse("groupbuy:membership-decision", args=[group.slug, request.pk, "approuver"])
    assert client.post(decision).status_code == 403

    browse_as(client, alice)
    assert "Candide Durand" in html(client.get(group.get_absolute_url()))  # pending requests
    client.post(decision)
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


def test_invitation_group_needs_the_token(client, alice):
    group = membership.group_create(name="Invités", join_rule="invitation", coordinator=alice)
    join_url = reverse("groupbuy:group-join", args=[group.slug])
    guest = UserFactory()
    browse_as(client, guest)

    response = client.post(join_url)
    assert response.status_code == 403
    assert "only be joined with an invitation link" in html(response)
    response = client.get(f"{join_url}?invitation=wrong-token")
    assert response.status_code == 403
    assert "invitation link is not valid" in html(response)
    response = client.post(join_url, {"invitation": "wrong-token"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=guest).exists()

    landing = client.get(f"{join_url}?invitation={group.invitation_token}")
    assert landing.status_code == 200 and "Accept the invitation" in html(landing)
    client.post(join_url, {"invitation": group.invitation_token})
    assert group_selectors.is_group_member(group, guest)


def test_coordinator_sees_and_regenerates_the_invitation_link(client, alice, bob):
    group = membership.group_create(name="Invités", join_rule="invitation", coordinator=alice)
    old = group.invitation_token
    browse_as(client, alice)
    assert f"invitation={old}" in html(client.get(group.get_absolute_url()))
    client.post(reverse("groupbuy:invitation-regenerate", args=[group.slug]))
    group.refresh_from_db()
    assert group.invitation_token != old
    browse_as(client, bob)
    assert (
        client.post(reverse("groupbuy:invitation-regenerate", args=[group.slug])).status_code == 403
    )


def test_members_only_content_is_hidden_from_others(client, alice, bob):
    group = membership.group_create(name="Privé", join_rule="approval", coordinator=alice)
    group.members_note = "Distribution le vendredi, clé chez Bernard."
    group.save()
    membership.group_join(group=group, user=bob)  # pending
    for viewer in (None, UserFactory(), bob):
        client.logout()
        page = html(browse_as(client, viewer).get(group.get_absolute_url()))
        assert "clé chez Bernard" not in page
        assert "Alice Aubert" not in page  # the members list
        assert group.invitation_token not in page
    membership.membership_approve(membership=Membership.objects.get(user=bob), by=alice)
    page = html(browse_as(client, bob).get(group.get_absolute_url()))
    assert "clé chez Bernard" in page and "Alice Aubert" in page
    assert group.invitation_token not in page  # coordinators only


# --- group orders: access -----------------------------------------------------------


def test_group_order_page_is_for_members(client, group_order, alice):
    detail = group_order.get_absolute_url()
    assert browse_as(client, alice).get(detail).status_code == 200
    client.logout()
    outsider = UserFactory()
    response = browse_as(client, outsider).get(detail)
    assert response.status_code == 403
    assert "Join the group" in html(response) or "Ask to join" in html(response)
    assert client.get(url("groupbuy:group-order-progress", group_order)).status_code == 403
    group_order.group.join_rule = JoinRule.INVITATION
    group_order.group.save()
    assert client.get(detail).status_code == 404


def test_drafts_are_for_coordinators_only(client, alice):
    draft = create_group_order(members=[alice], state=S.DRAFT)
    assert browse_as(client, alice).get(draft.get_absolute_url()).status_code == 404
    browse_as(client, draft.created_by)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_members_cannot_create_edit_or_transition_group_orders(client, group_order, alice):
    browse_as(client, alice)
    slug = group_order.group.slug
    assert client.get(f"/groupes/{slug}/commandes/nouvelle/").status_code == 403
    assert client.post(f"/groupes/{slug}/commandes/nouvelle/", {}).status_code == 403
    assert client.get(url("groupbuy:group-order-edit", group_order)).status_code == 403
    response = client.post(
        url("groupbuy:group-order-transition", group_order), {"to_state": "closed"}
    )
    assert response.status_code == 403
    group_order.refresh_from_db()
    assert group_order.state == S.OPEN


# --- group orders: coordinators -----------------------------------------------------


def offer_formset(*rows, initial=0):
    data = {
        "offers-TOTAL_FORMS": str(len(rows)),
        "offers-INITIAL_FORMS": str(initial),
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"offers-{index}-{key}": value for key, value in row.items()})
    return data


def test_coordinator_creates_a_group_order_with_offers_and_tiers(client, group_order):
    coordinator = group_order.created_by
    honey = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    juice = create_product(title="Jus de pomme", price_excl_tax=Decimal("2.00"))
    data = {
        "title": "Commande de décembre",
        "description": "Miel et jus",
        "opens_at": "2030-12-01T09:00",
        "closes_at": "2030-12-10T20:00",
        "pickup_point": "",
        "pickup_date": "2030-12-13",
        **offer_formset(
            {
                "product": honey.pk,
                "case_size": "12",
                "min_units": "24",
                "max_units": "120",
                "unit_price_incl_tax": "9,80",
                "tiers_text": "48:9,20; 96:8,90",
            },
            {
                "product": juice.pk,
                "case_size": "6",
                "min_units": "0",
                "max_units": "",
                "unit_price_incl_tax": "",
                "tiers_text": "",
            },
        ),
    }
    browse_as(client, coordinator)
    response = client.post(f"/groupes/{group_order.group.slug}/commandes/nouvelle/", data)
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["formset"].errors,
        response.context["formset"].non_form_errors(),
    )
    created = GroupOrder.objects.get(title="Commande de décembre")
    assert response["Location"] == created.get_absolute_url()
    assert created.state == S.DRAFT and created.created_by == coordinator
    honey_offer, juice_offer = created.offers.order_by("position")
    assert (honey_offer.product, honey_offer.case_size, honey_offer.min_units) == (honey, 12, 24)
    assert honey_offer.max_units == 120 and honey_offer.unit_price_incl_tax == Decimal("9.80")
    assert [(t.min_units, t.unit_price_incl_tax) for t in honey_offer.tiers.all()] == [
        (48, Decimal("9.20")),
        (96, Decimal("8.90")),
    ]
    # Empty price: the shop price including VAT (2.00 € + 5.5 %).
    assert juice_offer.unit_price_incl_tax == Decimal("2.11")
    assert juice_offer.max_units is None and not juice_offer.tiers.exists()


def test_invalid_offer_lines_are_explained(client, group_order):
    honey = create_product(title="Miel")
    data = {
        "title": "Commande",
        "opens_at": "2030-12-01T09:00",
        "closes_at": "2030-11-01T09:00",
        **offer_formset(
            {
                "product": honey.pk,
                "case_size": "12",
                "min_units": "24",
                "max_units": "10",
                "unit_price_incl_tax": "9",
                "tiers_text": "48:9,20; 96:9,50",
            }
        ),
    }
    browse_as(client, group_order.created_by)
    response = client.post(f"/groupes/{group_order.group.slug}/commandes/nouvelle/", data)
    page = html(response)
    assert response.status_code == 200
    assert "The deadline must come after the opening." in page
    assert "The maximum cannot be below the minimum." in page
    assert "The tier from 96 units (9.50 €) must be cheaper than the tier from 48 units" in page
    assert GroupOrder.objects.count() == 1


def test_coordinator_edits_offers_of_an_open_group_order(client, group_order, offer):
    data = {
        "title": group_order.title,
        "opens_at": timezone.localtime(group_order.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(group_order.closes_at).strftime("%Y-%m-%dT%H:%M"),
        **offer_formset(
            {
                "id": offer.pk,
                "product": offer.product_id,
                "case_size": "12",
                "min_units": "12",
                "max_units": "",
                "unit_price_incl_tax": "3.90",
                "tiers_text": "24:3,40",
            },
            initial=1,
        ),
    }
    browse_as(client, group_order.created_by)
    response = client.post(url("groupbuy:group-order-edit", group_order), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.case_size, offer.unit_price_incl_tax) == (12, Decimal("3.90"))
    assert [t.min_units for t in offer.tiers.all()] == [24]


def test_transition_buttons_change_the_state_and_log_it(client, group_order):
    coordinator = group_order.created_by
    browse_as(client, coordinator)
    client.post(url("groupbuy:group-order-transition", group_order), {"to_state": "closed"})
    group_order.refresh_from_db()
    assert group_order.state == S.CLOSED
    assert StateTransition.objects.filter(group_order=group_order, user=coordinator).exists()


def test_an_invalid_transition_is_refused_with_the_service_message(client, group_order):
    browse_as(client, group_order.created_by)
    response = client.post(
        url("groupbuy:group-order-transition", group_order), {"to_state": "ready"}, follow=True
    )
    assert "A group order cannot go from “Open” to “Ready for pickup”." in html(response)
    group_order.refresh_from_db()
    assert group_order.state == S.OPEN
    assert not StateTransition.objects.filter(group_order=group_order).exists()


# --- commitments and progress -------------------------------------------------------


def commit(client, group_order, offer, quantity, tolerance=0, accept_terms=True, **kwargs):
    """Post a commitment as the page does, the terms of sale box ticked unless told."""
    data = {f"offer-{offer.pk}-quantity": quantity, f"offer-{offer.pk}-tolerance": tolerance}
    if accept_terms:
        data[f"offer-{offer.pk}-accept_terms"] = "on"
    return client.post(
        url("groupbuy:commitment-set", group_order, offer_pk=offer.pk), data, **kwargs
    )


def test_a_member_commits_through_the_page(client, group_order, offer, alice):
    browse_as(client, alice)
    response = commit(client, group_order, offer, 5, 2)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#offer-{offer.pk}")
    commitment = Commitment.objects.get(offer=offer, member=alice)
    assert (commitment.quantity, commitment.tolerance) == (5, 2)
    page = html(client.get(group_order.get_absolute_url()))
    assert "Your commitment: 5 (tolerance 2)" in page
    commit(client, group_order, offer, 0, 0)
    assert not Commitment.objects.filter(offer=offer, member=alice).exists()


def test_after_the_deadline_the_page_refuses_and_says_why(client, group_order, offer, alice):
    GroupOrder.objects.filter(pk=group_order.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=2),
    )
    browse_as(client, alice)
    page = html(client.get(group_order.get_absolute_url()))
    assert "commitments can no longer change" in page
    assert f"offer-{offer.pk}-quantity" not in page  # the form is replaced by the reason

    response = commit(client, group_order, offer, 5)
    assert response.status_code == 200
    assert "commitments can no longer change" in html(response)
    assert not Commitment.objects.exists()


def test_invalid_quantities_are_shown_and_nothing_is_saved(client, group_order, offer, alice):
    browse_as(client, alice)
    response = commit(client, group_order, offer, -3)
    assert response.status_code == 200
    assert 'class="invalid-feedback' in html(response)
    assert not Commitment.objects.exists()


@pytest.fixture
def committed(group_order, offer, alice, bob):
    """Alice 10 units, then Bob 4 units and a tolerance of 2: 14 firm, 2 tolerance."""
    now = timezone.now()
    services.commitment_set(
        offer=offer,
        member=alice,
        quantity=10,
        now=now - datetime.timedelta(hours=2),
        terms_version=TERMS_VERSION,
    )
    services.commitment_set(
        offer=offer,
        member=bob,
        quantity=4,
        tolerance=2,
        now=now - datetime.timedelta(hours=1),
        terms_version=TERMS_VERSION,
    )
    return group_order


def test_progress_numbers_on_the_page_and_in_the_json(client, committed, offer, alice):
    # Hand computed: 14 firm = 2 full cases + 2; 2 + 2 tolerance < 6, so 2 cases, 12 units,
    # the minimum (12) is reached; no tier at 12 units: 4.00 €; the tier at 18 needs a third
    # case: 2 more firm units (16) plus Bob's tolerance of 2 complete it.
    browse_as(client, alice)
    page = html(client.get(committed.get_absolute_url()))
    progress_url = url("groupbuy:group-order-progress", committed)
    assert f'data-live-url="{progress_url}"' in page
    assert f'data-ws-path="/ws/groupes/commandes/{committed.pk}/"' in page
    assert "js/group-order-live.js" in page
    assert f'id="offer-{offer.pk}"' in page
    for field, text in {
        "firm": "14",
        "tolerance": "2",
        "cases": "2",
        "missing-case": "4",
        "missing-minimum": "0",
        "price": "€4.00",
        "next-tier": "2 more units to get €3.50",
    }.items():
        assert re.search(rf'data-field="{field}"[^>]*>{re.escape(text)}<', page), field

    data = json.loads(client.get(progress_url).content)
    assert data["offers"][str(offer.pk)] == {
        "firm": 14,
        "tolerance": 2,
        "cases": 2,
        "missing-case": 4,
        "missing-minimum": 0,
        "price": "4.00",
        "next-tier": {"missing": 2, "price": "3.50"},
    }
    assert data["texts"][str(offer.pk)]["next-tier"] == "2 more units to get €3.50"
    assert data["details"][str(offer.pk)]["members"] == 2


def test_each_member_reads_why_after_closing(client, committed, offer, alice, bob):
    services.group_order_close(group_order=committed)
    browse_as(client, bob)
    page = html(client.get(committed.get_absolute_url()))
    assert (
        "You asked for 4, you receive 2: the last case of 6 units could not be completed, "
        "and the units that came last in the queue were released."
    ) in page
    assert "2 × €4.00 = €8.00" in page
    client.logout()
    page = html(browse_as(client, alice).get(committed.get_absolute_url()))
    assert "You asked for 10, you receive 10: all of it." in page

    client.logout()
    page = html(browse_as(client, committed.created_by).get(committed.get_absolute_url()))
    assert "Totals per product" in page
    assert "Group: 2 cases, 12 units, €48.00" in page


def test_group_order_page_queries_do_not_grow_with_offers_and_commitments(client):
    def queries_for(count):
        members = [UserFactory() for _ in range(count)]
        group_order = create_group_order(
            members=members, offers=[{"case_size": 6} for _ in range(count)]
        )
        for offer in group_order.offers.all():
            PriceTier.objects.create(offer=offer, min_units=12, unit_price_incl_tax=Decimal("3"))
            for member in members:
                services.commitment_set(
                    offer=offer, member=member, quantity=1, tolerance=1, terms_version=TERMS_VERSION
                )
        page = group_order.get_absolute_url()
        client.force_login(members[0])
        client.get(page)  # warm up: the member's basket, Wagtail's site cache
        with CaptureQueriesContext(connection) as open_page:
            assert client.get(page).status_code == 200
        services.group_order_close(group_order=group_order)
        client.force_login(group_order.created_by)  # allocations and the totals
        client.get(page)
        with CaptureQueriesContext(connection) as closed_page:
            assert client.get(page).status_code == 200
        return len(open_page), len(closed_page)

    browse_as(client)
    assert queries_for(5) == queries_for(20)


def test_progress_json_queries_do_not_grow(client):
    def queries_for(count):
        members = [UserFactory() for _ in range(count)]
        group_order = create_group_order(members=members, offers=[{} for _ in range(count)])
        for offer in group_order.offers.all():
            for member in members:
                services.commitment_set(
                    offer=offer, member=member, quantity=2, terms_version=TERMS_VERSION
                )
        client.force_login(members[0])
        progress = url("groupbuy:group-order-progress", group_order)
        client.get(progress)
        with CaptureQueriesContext(connection) as context:
            assert client.get(progress).status_code == 200
        return len(context)

    assert queries_for(5) == queries_for(20)


# --- the cron command ---------------------------------------------------------------


def test_close_due_group_orders_command_is_idempotent(group_order, capsys):
    due = create_group_order(
        title="Échue",
        opens_at=timezone.now() - datetime.timedelta(days=3),
        closes_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    call_command("close_due_group_orders")
    first = capsys.readouterr().out
    assert f"#{due.pk}" in first and f"#{group_order.pk}" not in first
    due.refresh_from_db()
    assert due.state == S.CLOSED
    call_command("close_due_group_orders")
    assert capsys.readouterr().out == ""
    assert StateTransition.objects.filter(group_order=due).count() == 1


# --- the rest of the coordinator's pages, French by default, the admin --------------


def test_coordinator_edits_the_group(client, group_order):
    group = group_order.group
    browse_as(client, group_order.created_by)
    edit = reverse("groupbuy:group-edit", args=[group.slug])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {"name": "Nouveau nom", "city": "Die", "join_rule": "open", "members_note": "Rota"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.city, group.join_rule, group.members_note) == (
        "Nouveau nom",
        "Die",
        "open",
        "Rota",
    )
    client.logout()
    browse_as(client, UserFactory())
    assert client.get(edit).status_code == 403


def test_pages_render_in_french_by_default(client, committed, alice):
    client.force_login(alice)
    for path in (
        "/groupes/",
        committed.group.get_absolute_url(),
        committed.get_absolute_url(),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="fr"' in html(response)
    services.group_order_close(group_order=committed)
    assert client.get(committed.get_absolute_url()).status_code == 200


def test_admin_pages_of_group_buying(client, committed):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    services.group_order_close(group_order=committed)
    offer = committed.offers.get()
    for path in (
        "/django-admin/groupbuy/buyinggroup/",
        f"/django-admin/groupbuy/buyinggroup/{committed.group.pk}/change/",
        "/django-admin/groupbuy/membership/?status__exact=pending",
        "/django-admin/groupbuy/grouporder/",
        f"/django-admin/groupbuy/grouporder/{committed.pk}/change/",
        f"/django-admin/groupbuy/grouporderproduct/{offer.pk}/change/",
        "/django-admin/groupbuy/commitment/",
        "/django-admin/groupbuy/allocation/",
    ):
        assert client.get(path).status_code == 200, path
