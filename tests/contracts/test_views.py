"""AMAP contract pages: list, subscribe, my contracts, absences, share, follow-up."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .helpers import make_contract, subscribe

pytestmark = pytest.mark.django_db


def test_list_shows_published_contracts_only_and_an_empty_state(client):
    assert "No contract is open" in client.get(reverse("contracts:list")).content.decode()
    published = make_contract()
    draft = make_contract(publish=False)
    draft.title = "Brouillon"
    draft.save()
    html = client.get(reverse("contracts:list")).content.decode()
    assert published.title in html and "Brouillon" not in html
    assert client.get(reverse("contracts:detail", args=[draft.pk])).status_code == 404


def test_subscribe_form_creates_a_subscription(client):
    contract = make_contract()
    user = UserFactory()
    client.force_login(user)
    url = reverse("contracts:detail", args=[contract.pk])
    assert "Subscribe" in client.get(url).content.decode()
    data = {
        "option": contract.options.first().pk,
        "instalments": 2,
        "method": "cheque",
        "terms_version": contract.terms_version,
    }
    refused = client.post(url, data)  # terms not accepted
    assert refused.status_code == 200 and not contract.subscriptions.exists()
    response = client.post(url, {**data, "accept": "on"})
    assert response.status_code == 302
    subscription = contract.subscriptions.get(user=user)
    assert subscription.instalments.count() == 2


def test_stale_terms_version_is_refused_with_a_message(client):
    contract = make_contract()
    client.force_login(UserFactory())
    response = client.post(
        reverse("contracts:detail", args=[contract.pk]),
        {
            "option": contract.options.first().pk,
            "instalments": 1,
            "method": "cheque",
            "terms_version": contract.terms_version + 1,
            "accept": "on",
        },
    )
    assert "terms of the contract have changed" in response.content.decode()
    assert not contract.subscriptions.exists()


def test_my_contracts_absence_and_share(client):
    contract = make_contract(weeks=3)
    subscription = subscribe(contract)
    other = UserFactory()
    client.force_login(subscription.user)
    assert contract.title in client.get(reverse("contracts:mine")).content.decode()
    client.post(reverse("contracts:share", args=[subscription.pk]), {"email": other.email})
    subscription.refresh_from_db()
    assert subscription.partner_user == other

    client.force_login(other)
    week = contract.distributions.first()
    client.post(
        reverse("contracts:absence", args=[subscription.pk]),
        {f"a{subscription.pk}-distribution": week.pk},
    )
    assert subscription.absences.filter(distribution=week).exists()
    assert "1 absence left" in client.get(reverse("contracts:mine")).content.decode()


def test_strangers_cannot_declare_absences_or_share(client):
    subscription = subscribe(make_contract())
    client.force_login(UserFactory())
    week = subscription.contract.distributions.first()
    url = reverse("contracts:absence", args=[subscription.pk])
    assert client.post(url, {f"a{subscription.pk}-distribution": week.pk}).status_code == 403
    share = reverse("contracts:share", args=[subscription.pk])
    assert client.post(share, {"email": "x@example.org"}).status_code == 403
    assert not subscription.absences.exists()


def test_follow_up_for_coordinator_only_and_records_a_cheque(client):
    contract = make_contract(weeks=2)
    subscription = subscribe(contract)
    url = reverse("contracts:follow", args=[contract.pk])
    client.force_login(subscription.user)
    assert client.get(url).status_code == 403
    instalment = subscription.instalments.get()
    pay = reverse("contracts:pay", args=[instalment.pk])
    assert client.post(pay, {"method": "cheque"}).status_code == 403
    client.force_login(contract.coordinator)
    html = client.get(url).content.decode()
    assert "Petit panier" in html and subscription.user.email in html
    assert client.post(pay, {"method": "cheque"}).status_code == 302
    instalment.refresh_from_db()
    assert instalment.paid_at is not None


def test_producer_sees_the_counts(client):
    contract = make_contract()
    subscribe(contract)
    producer = UserFactory()
    contract.producer.users.add(producer)
    client.force_login(producer)
    assert client.get(reverse("contracts:follow", args=[contract.pk])).status_code == 200


def test_pages_are_translated_into_french(client, settings):
    settings.LANGUAGE_CODE = "fr"
    make_contract()
    html = client.get(reverse("contracts:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Contrats AMAP" in html
