"""An AMAP contract in a real browser, in French, on a 375 px screen: a member finds the
season contract, subscribes (basket size, two instalments by cheque, the terms accepted),
then declares an absence from their calendar; the producer's counts follow."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from shop.contracts.models import Absence, ContractSubscription
from shop.contracts.selectors import baskets_per_distribution
from tests.contracts.helpers import make_contract
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_subscribe_to_an_amap_contract_and_declare_an_absence(page: Page, page_errors):
    contract = make_contract(weeks=3, max_absences=1)
    user = UserFactory(email="nadia.amap@example.org")
    sign_in(page, user.email)
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto("/contrats/")
    page.get_by_role("link", name="Légumes de saison").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Légumes de saison")
    page.get_by_label("Grand panier").check()
    page.get_by_label("Nombre d’échéances").select_option("2")
    page.get_by_label("Moyen de paiement").select_option("cheque")
    page.get_by_label("J’ai lu et j’accepte les conditions du contrat").check()
    page.get_by_role("button", name="Souscrire").click()
    expect(page.get_by_role("main")).to_contain_text("Vous avez souscrit au contrat")
    subscription = ContractSubscription.objects.get(user=user)
    assert subscription.option.label == "Grand panier"
    assert subscription.instalments.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto("/contrats/mes-contrats/")
    first = contract.distributions.order_by("starts_at").first()
    page.get_by_label("Je serai absent·e le").select_option(str(first.pk))
    page.get_by_role("button", name="Déclarer l’absence").click()
    expect(page.get_by_role("main")).to_contain_text("Votre absence est enregistrée")
    expect(page.locator("table")).to_contain_text(re.compile("Absent"))
    assert Absence.objects.filter(subscription=subscription, distribution=first).count() == 1

    # The producer brings one large basket fewer that week, none missing the others.
    rows = {row.distribution.pk: row for row in baskets_per_distribution(contract)}
    assert rows[first.pk].counts["Grand panier"] == 0 and rows[first.pk].absent == 1
    assert all(row.counts["Grand panier"] == 1 for pk, row in rows.items() if pk != first.pk)
    assert page_errors == [], f"JavaScript errors: {page_errors}"
