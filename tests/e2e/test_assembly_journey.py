"""A general assembly in a real browser, in French, on a 375 px screen: a member finds the
open vote from the list, votes on both resolutions with the keyboard alone, and the page
then says the vote is cast and cannot be changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from community.cooperative import services as cooperative
from community.cooperative.assemblies.models import Ballot
from tests.cooperative.assemblies.conftest import convene, member_in
from tests.e2e.helpers import arrow_to, sign_in, tab_to
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_votes_with_the_keyboard(page: Page, page_errors):
    staff = UserFactory(is_staff=True, email="tresorerie@example.org")
    cooperative.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)
    member = member_in(staff, user=UserFactory(email="lea@example.org"))
    assembly = convene(staff)
    first, second = assembly.resolutions.all()

    sign_in(page, "lea@example.org")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/cooperative/assemblees/")
    page.get_by_role("link", name="AG 2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AG 2027")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    form = page.locator(f'form[action="/cooperative/assemblees/{assembly.pk}/voter/"]')
    tab_to(page, form.get_by_label("Pour").first)
    page.keyboard.press("Space")
    tab_to(page, form.locator(f'input[name="r{second.pk}"]').first)
    arrow_to(page, form.locator(f'input[name="r{second.pk}"][value="against"]'))
    tab_to(page, form.get_by_role("button", name="Voter"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_contain_text("Votre vote est enregistré")
    choices = dict(Ballot.objects.filter(voter=member).values_list("resolution", "choice"))
    assert choices == {first.pk: "for", second.pk: "against"}
    assert page_errors == []
