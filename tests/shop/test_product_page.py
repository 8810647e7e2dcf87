"""The product page reads as a story (#11 point 12): the impact passport's summary (score
bars, the three strongest validated claims, the validation state) comes before the
criteria folded by dimension; each claim has its own "give my opinion" link; the
information table keeps what a consumer needs; no wish-list button."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shop.impact import selectors
from shop.impact.models import Claim, Criterion
from tests.community.guarantee_helpers import college_member
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    DimensionFactory,
    ProducerFactory,
    UserFactory,
    create_product,
    expired,
    producer_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return ProducerFactory(name="Ferme du Vercors")


@pytest.fixture
def product(producer):
    return create_product(title="Bleu du Vercors", producer=producer)


def page(client, product) -> str:
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def between(html: str, start: str, end: str) -> str:
    """The part of `html` from the first `start` to the next `end`."""
    first = html.index(start)
    return html[first : html.index(end, first)]


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def validated(criterion, producer, **kwargs) -> Claim:
    kwargs.setdefault("validated_at", ago(10))
    return ClaimFactory(criterion=criterion, producer=producer, state="validated", **kwargs)


# --- the strongest validated claims ----------------------------------------------------


@pytest.fixture
def strengths(producer):
    """Claims of every kind: only validated, current claims that hold count as strengths."""
    dimension = DimensionFactory(code="test-forces", name="Forces")

    def criterion(name, **kwargs):
        return CriterionFactory(dimension=dimension, name=name, **kwargs)

    level = {"value_type": Criterion.ValueType.LEVEL, "max_level": 3}
    return {
        "self": validated(criterion("Auto-déclaré ancien"), producer, validated_at=ago(30)),
        "certified": validated(
            criterion("Certifié"), producer, source="third_party", validated_at=ago(300)
        ),
        "recent": validated(criterion("Auto-déclaré récent"), producer, validated_at=ago(1)),
        "partial": validated(criterion("Niveau 2 sur 3", **level), producer, value_level=2),
        "declared": ClaimFactory(criterion=criterion("Seulement déclaré"), producer=producer),
        "no": validated(criterion("Répond non"), producer, value_bool=False),
        "expired": validated(criterion("Expiré"), producer, valid_until=expired()),
        "not_applicable": validated(
            criterion("Sans objet"), producer, not_applicable=True, value_bool=None
        ),
    }


def test_strongest_claims_rank_by_score_then_certification_then_recency(product, strengths):
    profile = selectors.build_product_profiles([product])[product.pk]
    # All three score 1: the certified one first, then the most recently validated.
    assert [c.pk for c in profile.strongest_claims] == [
        strengths[name].pk for name in ("certified", "recent", "self")
    ]


def test_a_partial_claim_comes_after_full_ones_and_non_strengths_never_count(product, strengths):
    for name in ("certified", "recent", "self"):
        strengths[name].delete()
    profile = selectors.build_product_profiles([product])[product.pk]
    # Not validated, a "no", expired or not applicable: none of these is a strength.
    assert [c.pk for c in profile.strongest_claims] == [strengths["partial"].pk]


def test_summary_comes_first_with_bars_strengths_and_state(client, product, strengths):
    html = page(client, product)
    passport = between(html, 'class="impact-block impact-full passport"', "</section>")
    summary = between(passport, 'class="passport-summary"', 'class="h5 passport-details-title"')
    assert passport.index("passport-summary") < passport.index("<details")
    # A score bar per dimension, labelled by the dimension's name.
    profile = selectors.build_product_profiles([product])[product.pk]
    scored = [d for d in profile.dimensions if d.percentage is not None]
    assert summary.count("<meter ") == len(scored) > 0
    assert '<label class="passport-score-name" for="passport-meter-test-forces">Forces</label>' in (
        summary
    )
    # The three strongest validated claims, in their order, and nothing else.
    names = re.findall(r"<strong>(.*?)</strong>", between(summary, "passport-strengths", "</ol>"))
    assert names == ["Certifié", "Auto-déclaré récent", "Auto-déclaré ancien"]
    # The validation state of the whole block, and how many claims the community checked.
    assert "À revérifier" in summary  # an expired claim: the block is to re-check
    # Validated: three full, the partial, the "no" and the not applicable one (not the
    # declared one, nor the expired one).
    assert "6 déclarations sur 8 validées par la communauté" in summary


def test_no_validated_claim_says_so(client, product, producer):
    ClaimFactory(criterion=CriterionFactory(name="Déclaré seulement"), producer=producer)
    html = page(client, product)
    assert "Aucune déclaration n’est encore validée par la communauté" in html
    assert "passport-strengths" not in html


# --- the criteria, folded by dimension ------------------------------------------------


def test_criteria_are_folded_in_one_disclosure_per_dimension(client, product, strengths):
    html = page(client, product)
    profile = selectors.build_product_profiles([product])[product.pk]
    disclosures = re.findall(r'<details class="passport-dimension"[^>]*>\s*<summary>', html)
    assert len(disclosures) == len(profile.dimensions) > 1
    assert "<details open" not in html  # folded: the summary tells the story first
    forces = between(html, 'id="passport-test-forces"', "</details>")
    assert "Forces" in between(forces, "<summary>", "</summary>")
    assert "8 critères déclarés sur 8" in forces
    for claim in strengths.values():
        assert claim.criterion.name in forces


def test_each_claim_has_its_own_opinion_link_in_the_passport(client, product, producer):
    claims = [ClaimFactory(producer=producer) for _ in range(3)]
    claims.append(ClaimFactory(producer=producer, product=product))  # a product claim too
    html = page(client, product)
    details = html[html.index("passport-details-title") :]
    for claim in claims:
        url = f"/communaute/declarations/{claim.pk}/"
        assert details.count(f'href="{url}"') == 1, claim
    assert details.count(">Donner mon avis<") == len(claims)
    # The separate list of claims to check is gone: merged into the passport.
    assert "Vérifiez ces déclarations" not in html
    assert "guarantee-panel" not in html
    # Visitors outside the colleges are told how to join one, once.
    assert html.count("Rejoignez un collège pour donner votre avis") == 1


def test_the_producers_own_accounts_see_the_opinions_instead(client, product, producer):
    ClaimFactory(producer=producer)
    client.force_login(producer_user(producer))
    html = page(client, product)
    assert ">Voir les avis<" in html
    assert "Donner mon avis" not in html
    assert "Rejoignez un collège" not in html


def test_the_product_page_costs_the_same_for_2_and_12_claims(client, product, producer):
    client.force_login(college_member("consumers"))
    criteria = [CriterionFactory(dimension=DimensionFactory(code=f"d{n % 3}")) for n in range(12)]
    for criterion in criteria[:2]:
        validated(criterion, producer)
    client.get(product.get_absolute_url())  # warm up: thumbnails, content types

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ">Donner mon avis<" in page(client, product)
        return len(captured)

    with_2 = queries()
    for criterion in criteria[2:]:
        validated(criterion, producer)
    assert queries() == with_2
    assert with_2 <= 40  # 35 today, most of them Oscar's (basket, analytics, images)


# --- the information table and the wish-list button ------------------------------------


def test_information_table_keeps_what_a_consumer_needs(client, producer):
    product = create_product(
        title="Savon", producer=producer, price_excl_tax=Decimal("10.00"), vat_rate=Decimal("0.2")
    )
    html = page(client, product)
    table = between(html, 'class="table table-sm product-information-table"', "</table>")
    rows = dict(re.findall(r'<th scope="row">\s*(.*?)\s*</th>\s*<td>\s*(.*?)\s*</td>', table, re.S))
    assert list(rows) == ["Prix TTC", "Taux de TVA", "Disponibilité"]
    assert re.fullmatch(r"12,00\s€", rows["Prix TTC"])
    assert rows["Taux de TVA"] == "20&nbsp;%"
    assert rows["Disponibilité"].startswith("En stock")
    assert "UPC" not in html and product.upc not in html
    assert not re.search(r"Nombre d(&#x27;|')avis", html)  # Oscar's review count
    assert "Prix HT" not in html and "Type de produit" not in html


def test_reduced_vat_rate_is_shown_with_its_decimal(client, producer):
    product = create_product(title="Miel", producer=producer, vat_rate=Decimal("0.0550"))
    assert "<td>5,5&nbsp;%</td>" in page(client, product)


def test_no_wish_list_button_as_the_account_menu_has_no_wish_lists(client, product):
    client.force_login(UserFactory())
    html = page(client, product)
    wish_lists = reverse("customer:wishlists-list")
    assert wish_lists not in between(html, 'class="navbar-nav account-nav"', "</ul>")
    assert "wishlist" not in html.lower()
    assert "liste d’envies" not in html and "liste d'envies" not in html
    assert 'id="add_to_basket_form"' in html  # the basket form itself stays
