"""The default charter and sector list that the data migrations install."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from shop.impact.models import Claim, Criterion, Dimension
from shop.impact.scoring import criterion_score
from shop.partner.models import Sector

charter_migration = importlib.import_module("shop.impact.migrations.0002_default_charter")
sectors_migration = importlib.import_module("shop.partner.migrations.0010_default_sectors")

FUTURE = timezone.localdate() + datetime.timedelta(days=365)
PAST = timezone.localdate() - datetime.timedelta(days=1)

# code: (dimension, kind, scope, value type) for the criteria the application relies on.
REQUIRED = {
    "forme-ess": ("gouvernance", "inclusion", "producer", "yes_no"),
    "gouvernance-democratique": ("gouvernance", "inclusion", "producer", "yes_no"),
    "lucrativite-limitee": ("gouvernance", "inclusion", "producer", "yes_no"),
    "agrement-esus": ("gouvernance", "progress", "producer", "yes_no"),
    "ecart-salaires": ("social", "progress", "producer", "number"),
    "emplois-insertion": ("social", "progress", "producer", "yes_no"),
    "formation": ("social", "progress", "producer", "level"),
    "prix-solidaires": ("social", "progress", "producer", "yes_no"),
    "bio": ("environnement", "progress", "both", "yes_no"),
    "nature-progres": ("environnement", "progress", "both", "yes_no"),
    "vrac-consigne": ("environnement", "progress", "both", "yes_no"),
    "saisonnalite": ("environnement", "progress", "product", "yes_no"),
    "bien-etre-animal": ("environnement", "progress", "both", "level"),
    "energie-renouvelable": ("environnement", "progress", "producer", "percentage"),
    "commerce-equitable": ("economie-locale", "progress", "both", "yes_no"),
    "distance-production": ("economie-locale", "progress", "both", "number"),
    "intermediaires": ("economie-locale", "progress", "both", "number"),
    "part-producteur": ("economie-locale", "progress", "both", "percentage"),
}


def criterion(code: str) -> Criterion:
    return Criterion.objects.select_related("dimension").get(code=code)


def claim(code: str, *, valid_until=FUTURE, **values) -> Claim:
    return Claim(criterion=criterion(code), valid_until=valid_until, **values)


@pytest.mark.django_db
def test_the_four_dimensions_exist_in_order():
    assert list(Dimension.objects.values_list("code", "name")) == [
        ("social", "Social"),
        ("environnement", "Environnemental"),
        ("economie-locale", "Économie locale"),
        ("gouvernance", "Gouvernance"),
    ]
    assert all(len(d.description) >= 100 for d in Dimension.objects.all())


@pytest.mark.django_db
def test_the_required_criteria_exist_with_their_shape():
    assert 20 <= Criterion.objects.count() <= 24
    for code, (dimension, kind, scope, value_type) in REQUIRED.items():
        found = criterion(code)
        assert (found.dimension.code, found.kind, found.scope, found.value_type) == (
            dimension,
            kind,
            scope,
            value_type,
        ), code
        assert found.is_active, code


@pytest.mark.django_db
def test_flags_and_reference_values_the_application_relies_on():
    assert set(Criterion.objects.filter(is_certification=True).values_list("code", flat=True)) >= {
        "bio",
        "nature-progres",
        "commerce-equitable",
        "agrement-esus",
    }
    assert set(Criterion.objects.filter(is_filter=True).values_list("code", flat=True)) >= {
        "bio",
        "nature-progres",
        "commerce-equitable",
        "emplois-insertion",
        "vrac-consigne",
        "prix-solidaires",
    }
    forme = criterion("forme-ess")
    assert forme.evidence_required
    assert forme.validity_months == 24
    assert criterion("bio").validity_months == 12
    assert criterion("bio").evidence_required
    wages = criterion("ecart-salaires")
    assert (wages.direction, wages.reference_value) == ("lower", Decimal("10"))
    assert wages.short_label == "Écart de salaires 1 à N"
    distance = criterion("distance-production")
    assert (distance.unit, distance.direction, distance.reference_value) == (
        "km",
        "lower",
        Decimal("250"),
    )
    middlemen = criterion("intermediaires")
    assert (middlemen.direction, middlemen.reference_value) == ("lower", Decimal("2"))
    share = criterion("part-producteur")
    assert (share.direction, share.reference_value, share.short_label) == (
        "higher",
        Decimal("100"),
        "Part au producteur",
    )
    assert criterion("formation").max_level == 3
    assert criterion("bien-etre-animal").max_level == 3


@pytest.mark.django_db
def test_every_criterion_is_consistent_and_explained():
    for found in Criterion.objects.all():
        found.full_clean()  # level criteria have a highest level, filters are yes/no
        assert len(found.explanation) >= 100, found.code
        assert found.short_label, found.code
        if found.value_type == Criterion.ValueType.LEVEL:
            assert found.max_level >= 1, found.code
        if found.is_filter:
            assert found.value_type == Criterion.ValueType.YES_NO, found.code
        if found.kind == Criterion.Kind.PROGRESS:
            assert found.target_date is not None, found.code
        if found.value_type in (Criterion.ValueType.NUMBER, Criterion.ValueType.PERCENTAGE):
            assert found.reference_value, found.code


@pytest.mark.django_db
def test_positions_are_distinct_within_each_dimension():
    for dimension in Dimension.objects.all():
        positions = list(dimension.criteria.values_list("position", flat=True))
        assert len(positions) == len(set(positions)), dimension.code


@pytest.mark.django_db
def test_running_the_charter_migration_again_creates_nothing():
    criterion("bio").delete()
    Criterion.objects.filter(code="formation").update(name="Changé", max_level=5)
    before = Criterion.objects.count()
    charter_migration.create_charter(apps, None)
    charter_migration.create_charter(apps, None)
    assert Criterion.objects.count() == before + 1
    assert Dimension.objects.count() == 4
    assert criterion("formation").name == "Formation des salariés et des associés"
    assert criterion("formation").max_level == 3


@pytest.mark.django_db
def test_sectors_exist_and_the_migration_is_idempotent():
    assert Sector.objects.count() >= 12
    assert Sector.objects.get(slug="maraichage").name == "Maraîchage"
    assert Sector.objects.filter(name="Élevage et produits laitiers").exists()
    before = Sector.objects.count()
    sectors_migration.create_sectors(apps, None)
    assert Sector.objects.count() == before


@pytest.mark.django_db
def test_a_sector_already_named_alike_is_not_duplicated():
    Sector.objects.filter(slug="apiculture").update(slug="miel")
    sectors_migration.create_sectors(apps, None)
    assert Sector.objects.filter(name="Apiculture").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "values", "expected"),
    [
        ("ecart-salaires", {"value_number": Decimal("3")}, Decimal("0.7")),
        ("ecart-salaires", {"value_number": Decimal("12")}, Decimal("0")),
        ("distance-production", {"value_number": Decimal("50")}, Decimal("0.8")),
        ("distance-production", {"value_number": Decimal("400")}, Decimal("0")),
        ("intermediaires", {"value_number": Decimal("0")}, Decimal("1")),
        ("intermediaires", {"value_number": Decimal("1")}, Decimal("0.5")),
        ("part-producteur", {"value_number": Decimal("60")}, Decimal("0.6")),
        ("energie-renouvelable", {"value_number": Decimal("100")}, Decimal("1")),
        ("handicap-emploi", {"value_number": Decimal("3")}, Decimal("0.5")),
        ("formation", {"value_level": 2}, Decimal(2) / Decimal(3)),
        ("bio", {"value_bool": True}, Decimal("1")),
        ("bio", {"value_bool": False}, Decimal("0")),
    ],
)
def test_scores_of_current_claims(code, values, expected):
    assert criterion_score(criterion(code), claim(code, **values)) == expected


@pytest.mark.django_db
def test_an_expired_claim_scores_nothing():
    for code, values in [
        ("part-producteur", {"value_number": Decimal("60")}),
        ("bio", {"value_bool": True}),
        ("ecart-salaires", {"value_number": Decimal("1")}),
    ]:
        assert criterion_score(criterion(code), claim(code, valid_until=PAST, **values)) == 0
