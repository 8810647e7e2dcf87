"""The impact passport: product claims override producer claims, expiry flips every
listing at once, the scores follow the documented rules."""

import datetime

import pytest
from django.utils import timezone

from shop.geo import Point
from shop.impact import selectors
from shop.impact.models import Claim, Criterion
from tests.factories import ClaimFactory, CriterionFactory, ProducerFactory, create_product, expired

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return ProducerFactory(name="Les Jardins de la Drôme", legal_form="scic")


@pytest.fixture
def product(producer):
    return create_product(title="Tomates anciennes", producer=producer)


def profile_of(product, **kwargs):
    return selectors.build_product_profiles([product], **kwargs)[product.pk]


def test_producer_claim_applies_to_its_products(producer, product):
    organic = CriterionFactory(code="test-bio", is_certification=True)
    ClaimFactory(criterion=organic, producer=producer, value_bool=True)
    profile = profile_of(product)
    assert [c.criterion.code for c in profile.certifications] == ["test-bio"]
    assert profile.claims[organic.pk].product_id is None


def test_product_claim_overrides_the_producer_claim(producer, product):
    organic = CriterionFactory(code="test-bio", is_certification=True)
    ClaimFactory(criterion=organic, producer=producer, value_bool=True)
    ClaimFactory(criterion=organic, producer=producer, product=product, value_bool=False)
    profile = profile_of(product)
    assert profile.claims[organic.pk].product_id == product.pk
    assert profile.certifications == []


def test_other_products_keep_the_producer_claim(producer, product):
    organic = CriterionFactory(code="test-bio", is_certification=True)
    ClaimFactory(criterion=organic, producer=producer, value_bool=True)
    ClaimFactory(criterion=organic, producer=producer, product=product, value_bool=False)
    other = create_product(title="Courgettes", producer=producer)
    assert [c.criterion.code for c in profile_of(other).certifications] == ["test-bio"]


def test_expired_claim_shows_to_recheck_and_stops_counting(producer, product):
    organic = CriterionFactory(code="test-bio", is_certification=True)
    ClaimFactory(criterion=organic, producer=producer, valid_until=expired(), state="validated")
    profile = profile_of(product)
    assert profile.validation_state == Claim.State.TO_RECHECK
    assert profile.certifications == []
    line = next(line for d in profile.dimensions for line in d.lines if line.criterion == organic)
    assert line.score == 0


def test_validation_state_summarises_the_claims(producer, product):
    first, second = CriterionFactory(), CriterionFactory()
    validated_at = timezone.now() - datetime.timedelta(days=3)
    ClaimFactory(criterion=first, producer=producer, state="validated", validated_at=validated_at)
    claim = ClaimFactory(criterion=second, producer=producer, state="declared")
    assert profile_of(product).validation_state == Claim.State.DECLARED
    claim.state = "validated"
    claim.validated_at = timezone.now()
    claim.save()
    profile = profile_of(product)
    assert profile.validation_state == Claim.State.VALIDATED
    assert profile.verified_on == timezone.localdate()
    claim.state = "disputed"
    claim.save()
    assert profile_of(product).validation_state == Claim.State.DISPUTED


def test_distance_from_the_viewer(producer, product):
    valence = Point(44.9334, 4.8924)
    profile = profile_of(product, origin=valence)
    assert profile.distance_km == pytest.approx(42.7, abs=0.5)  # Die to Valence, crow flies
    assert profile_of(product).distance_km is None


def test_dimension_scores_follow_the_documented_rules(producer, product):
    criterion_yes = CriterionFactory(code="test-oui")
    dimension = criterion_yes.dimension
    CriterionFactory(code="test-non", dimension=dimension)
    level = CriterionFactory(
        code="test-niveau", dimension=dimension, value_type=Criterion.ValueType.LEVEL, max_level=4
    )
    distance = CriterionFactory(
        code="test-km",
        dimension=dimension,
        value_type=Criterion.ValueType.NUMBER,
        unit="km",
        direction="lower",
        reference_value=200,
    )
    ClaimFactory(criterion=criterion_yes, producer=producer, value_bool=True)
    ClaimFactory(criterion=level, producer=producer, value_bool=None, value_level=2)
    ClaimFactory(criterion=distance, producer=producer, value_bool=None, value_number=50)
    # yes 1 + undeclared 0 + level 2/4 + distance 1 - 50/200 = 2.25 / 4 = 56.25 % -> 56
    scores = {d.dimension.code: d.percentage for d in profile_of(product).dimensions}
    assert scores[dimension.code] == 56


def test_profiles_of_a_page_cost_a_fixed_number_of_queries(django_assert_num_queries, producer):
    criterion = CriterionFactory()
    products = [create_product(title=f"Produit {i}", producer=producer) for i in range(5)]
    for product in products:
        ClaimFactory(criterion=criterion, producer=producer, product=product)
    products = list(selectors.products_with_producers([p.pk for p in products]).values())
    with django_assert_num_queries(2):  # criteria, claims
        profiles = selectors.build_product_profiles(products)
        [p.dimensions for p in profiles.values()]


def test_not_applicable_criteria_are_left_out_of_the_score(producer, product):
    welfare = CriterionFactory(value_type=Criterion.ValueType.LEVEL, max_level=3)
    organic = CriterionFactory(dimension=welfare.dimension)
    ClaimFactory(criterion=organic, producer=producer, value_bool=True)
    claim = ClaimFactory(criterion=welfare, producer=producer, value_bool=None)
    # Undeclared: (1 + 0) / 2 = 50 %; not applicable: 1 / 1 = 100 %.
    scores = {d.dimension.pk: d.percentage for d in profile_of(product).dimensions}
    assert scores[welfare.dimension.pk] == 50
    claim.not_applicable = True
    claim.save()
    scores = {d.dimension.pk: d.percentage for d in profile_of(product).dimensions}
    assert scores[welfare.dimension.pk] == 100


def test_inclusion_criteria_cannot_be_not_applicable(producer):
    from django.core.exceptions import ValidationError

    criterion = CriterionFactory(kind=Criterion.Kind.INCLUSION)
    claim = Claim(criterion=criterion, producer=producer, not_applicable=True)
    with pytest.raises(ValidationError) as error:
        claim.full_clean(exclude=["valid_until"])
    assert "not_applicable" in error.value.message_dict


def test_renewing_a_validated_claim_starts_a_new_period_as_declared(producer):
    from shop.impact import services

    claim = ClaimFactory(
        criterion=CriterionFactory(),
        producer=producer,
        state="validated",
        validated_at=timezone.now(),
        valid_until=timezone.localdate() + datetime.timedelta(days=5),
    )
    renewed = services.claim_renew(claim=claim)
    assert renewed.state == Claim.State.DECLARED
    assert renewed.validated_at is None
    assert renewed.valid_until > claim.valid_until


def test_claim_declare_is_refused_from_a_state_it_cannot_leave_that_way(producer):
    from django.core.exceptions import ValidationError

    from shop.impact import services

    claim = ClaimFactory(criterion=CriterionFactory(), producer=producer, state="declared")
    with pytest.raises(ValidationError):
        services.claim_declare(claim=claim)
