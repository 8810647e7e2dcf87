""" "Devenir sociétaire" (issue #12 point 5): a Wagtail page with the editors' text and
the cooperative's rules read live (share value, minimum shares, colleges, what is for
members only) with the way to the application form; created once by the demo at
/devenir-societaire/, linked from every page's footer."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from cms.demo import load_membership_page
from cms.models import HomePage, MembershipPage
from community.cooperative import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/devenir-societaire/"
APPLY_LINK = 'href="/cooperative/adherer/"'


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def home():
    return HomePage.objects.get(slug="accueil")


@pytest.fixture
def page(home):
    return load_membership_page(home)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def rules(staff):
    return services.rules_update(
        by=staff,
        share_value=Decimal("20.00"),
        minimum_shares=2,
        minimum_holding_months=12,
    )


def text(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", response.content.decode())


def rules_block(client) -> str:
    """The live block of the page, alone (the site's menus also say "commandes")."""
    html = text(client)
    assert html.count('class="cooperative-rules') == 1
    return html.split('class="cooperative-rules')[1].split("</section>")[0]


def test_the_demo_creates_one_live_page_at_devenir_societaire(home, page):
    assert page.live and page.url == URL
    page.title = "Rejoindre la coopérative"
    page.save_revision().publish()
    again = load_membership_page(home)
    assert again.pk == page.pk
    assert MembershipPage.objects.count() == 1
    assert MembershipPage.objects.get().title == "Rejoindre la coopérative"


def test_the_page_shows_the_rules_in_force_and_the_way_to_apply(client, page, rules):
    assert "<h1" in text(client)
    html = rules_block(client)
    assert "Une part sociale vaut 20,00" in html
    assert "au moins 2 parts, soit 40,00" in html
    assert "Consommateurs" in html  # an open college (migration 0002 of the cooperative)
    assert "Commandes groupées" in html
    assert "Voter en assemblée générale" in html
    assert "Acheter dans la boutique" not in html
    assert APPLY_LINK in html


def test_a_change_of_rules_shows_at_once(client, page, rules, staff):
    assert "Acheter dans la boutique" not in rules_block(client)
    services.rules_update(by=staff, members_only_shop=True, share_value=Decimal("25.00"))
    html = rules_block(client)
    assert "Acheter dans la boutique" in html
    assert "vaut 25,00" in html


def test_before_the_rules_the_page_says_the_cooperative_takes_no_members_yet(client, page):
    html = text(client)
    assert "ne prend pas encore de nouveaux sociétaires" in html
    assert APPLY_LINK not in html


def test_a_body_without_the_rules_block_still_shows_them(client, page, rules):
    page.body = [
        (block.block_type, block.value)
        for block in page.body
        if block.block_type != "cooperative_rules"
    ]
    page.save_revision().publish()
    assert not MembershipPage.objects.get(pk=page.pk).shows_rules
    html = rules_block(client)
    assert "40,00" in html and APPLY_LINK in html


def test_every_page_links_to_it_in_the_footer(client, page):
    footer = text(client, "/boutique/catalogue/").split('class="site-footer"')[1]
    assert f'href="{URL}"' in footer and "Devenir sociétaire" in footer
    page.unpublish()
    footer = text(client, "/boutique/catalogue/").split('class="site-footer"')[1]
    assert f'href="{URL}"' not in footer


def test_one_page_of_its_kind_under_the_home_page(home, page):
    assert "cms.MembershipPage" in HomePage.subpage_types
    assert not MembershipPage.can_create_at(home)  # max_count = 1


def test_editors_edit_it_in_wagtail_and_preview_its_blocks(client, page, rules):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/cms-admin/pages/{page.pk}/edit/").status_code == 200
    page.delete()
    home = HomePage.objects.get(slug="accueil")
    add = client.get(f"/cms-admin/pages/add/cms/membershippage/{home.pk}/")
    assert add.status_code == 200
    for name, block in MembershipPage.body.field.stream_block.child_blocks.items():
        response = client.get("/cms-admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
    rules_preview = client.get(
        "/cms-admin/block-preview/",
        {
            "id": MembershipPage.body.field.stream_block.child_blocks[
                "cooperative_rules"
            ].definition_prefix
        },
    )
    assert APPLY_LINK in rules_preview.content.decode()
