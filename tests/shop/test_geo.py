"""Offline postcodes, great-circle distances, and the distance expression in the database."""

import csv
import math
import random

import pytest
from oscar.core.loading import get_model

from shop.geo import (
    EARTH_RADIUS_KM,
    Point,
    bounding_box,
    great_circle_km_expression,
    haversine_km,
    locate_postcode,
    normalise_postcode,
    postcode_table,
)
from shop.geo.postcodes import DATA_FILE

Partner = get_model("partner", "Partner")

# Reference positions taken independently of the table (town halls, main squares).
DIE = Point(44.7536, 5.3703)
PARIS_CENTRE = Point(48.8566, 2.3522)  # Parvis Notre-Dame
LYON_TERREAUX = Point(45.7674, 4.8336)  # Place des Terreaux, 1st arrondissement
MARSEILLE_VIEUX_PORT = Point(43.2951, 5.3740)  # 1st arrondissement
AJACCIO = Point(41.9192, 8.7386)
BASSE_TERRE = Point(15.9985, -61.7261)

# Boxes around each territory in the table (degrees): (min_lat, max_lat, min_lng, max_lng).
METROPOLITAN = (41.3, 51.2, -5.2, 9.6)
CORSICA = (41.3, 43.1, 8.5, 9.6)
OVERSEAS = {
    "971": (15.8, 16.55, -61.85, -61.0),  # Guadeloupe
    "972": (14.35, 14.9, -61.25, -60.8),  # Martinique
    "973": (2.1, 5.8, -54.6, -51.6),  # Guyane
    "974": (-21.4, -20.85, 55.2, 55.85),  # La Réunion
    "975": (46.7, 47.15, -56.45, -56.1),  # Saint-Pierre-et-Miquelon
    "976": (-13.05, -12.6, 45.0, 45.35),  # Mayotte
}


def inside(point: Point, box: tuple[float, float, float, float]) -> bool:
    min_lat, max_lat, min_lng, max_lng = box
    return min_lat <= point.latitude <= max_lat and min_lng <= point.longitude <= max_lng


def destination(start: Point, bearing: float, distance_km: float) -> Point:
    """The point ``distance_km`` from ``start`` along the initial ``bearing`` (radians)."""
    delta = distance_km / EARTH_RADIUS_KM
    lat1, lng1 = math.radians(start.latitude), math.radians(start.longitude)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(bearing)
    )
    lng2 = lng1 + math.atan2(
        math.sin(bearing) * math.sin(delta) * math.cos(lat1),
        math.cos(delta) - math.sin(lat1) * math.sin(lat2),
    )
    lng2 = (lng2 + math.pi) % (2 * math.pi) - math.pi
    return Point(math.degrees(lat2), math.degrees(lng2))


# --------------------------------------------------------------------------- postcodes


@pytest.mark.parametrize(
    ("postcode", "expected", "label", "max_km"),
    [
        ("26150", DIE, "Die", 1.0),
        ("75001", PARIS_CENTRE, "Paris 1er Arrondissement", 2.0),
        ("69001", LYON_TERREAUX, "Lyon 1er Arrondissement", 1.0),
        ("13001", MARSEILLE_VIEUX_PORT, "Marseille 1er Arrondissement", 1.5),
        ("20000", AJACCIO, "Ajaccio", 2.0),
        ("97100", BASSE_TERRE, "Basse-Terre", 2.0),
    ],
)
def test_known_postcodes_are_at_their_commune(postcode, expected, label, max_km):
    located = locate_postcode(postcode)
    assert located is not None
    assert located.postcode == postcode
    assert located.label == label
    assert located.precision == "commune"
    assert haversine_km(located.point, expected) < max_km


def test_die_is_where_the_brief_says():
    point = locate_postcode("26150").point
    assert point.latitude == pytest.approx(44.75, abs=0.01)
    assert point.longitude == pytest.approx(5.37, abs=0.01)


@pytest.mark.parametrize("raw", ["26 150", " 26150 ", "26\u00a0150", "2 6 1 5 0", "26150\n"])
def test_spaces_are_ignored(raw):
    assert normalise_postcode(raw) == "26150"
    assert locate_postcode(raw) == locate_postcode("26150")


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "2615",
        "261500",
        "26-150",
        "2A004",
        "ABCDE",
        "26l50",
        "\uff12\uff16\uff11\uff15\uff10",  # full-width digits
        None,
        26150,
    ],
)
def test_malformed_postcodes_are_none(raw):
    assert normalise_postcode(raw) is None
    assert locate_postcode(raw) is None


@pytest.mark.parametrize("postcode", ["00000", "99999", "75000", "20999", "97999"])
def test_unknown_postcodes_are_none(postcode):
    assert locate_postcode(postcode) is None


def test_department_fallback_is_flagged_and_stays_near():
    # Évry-Courcouronnes is missing from GeoNames' extract: the Essonne's centre is used.
    located = locate_postcode("91000")
    assert located.precision == "department"
    assert located.label == "Évry-Courcouronnes"
    assert haversine_km(located.point, Point(48.6290, 2.4410)) < 40


def test_table_is_loaded_once():
    assert postcode_table() is postcode_table()


# --------------------------------------------------------------------------- the CSV


def test_csv_covers_every_territory_with_plausible_coordinates():
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    assert header == ["postcode", "latitude", "longitude", "label", "precision"]
    postcodes = [row[0] for row in rows]
    assert len(rows) >= 6000
    assert postcodes == sorted(set(postcodes)), "one row per postcode, sorted"
    assert DATA_FILE.stat().st_size < 400_000

    precisions = {row[4] for row in rows}
    assert precisions == {"commune", "department"}
    assert sum(row[4] == "commune" for row in rows) / len(rows) > 0.9

    for postcode, lat, lng, label, _ in rows:
        assert len(lat.split(".")[1]) == 4 and len(lng.split(".")[1]) == 4, postcode
        assert label, postcode
        point = Point(float(lat), float(lng))
        if postcode.startswith("20"):
            assert inside(point, CORSICA), postcode
        elif postcode[:3] in OVERSEAS:
            assert inside(point, OVERSEAS[postcode[:3]]), postcode
        else:
            assert not postcode.startswith(("97", "98")), postcode
            assert inside(point, METROPOLITAN), postcode

    assert {p[:3] for p in postcodes if p.startswith("97")} == set(OVERSEAS)
    assert postcode_table().keys() == set(postcodes)


# --------------------------------------------------------------------------- distances


def test_haversine_paris_lyon():
    assert haversine_km(PARIS_CENTRE, Point(45.7640, 4.8357)) == pytest.approx(392, abs=1.5)


def test_haversine_basics():
    assert haversine_km(DIE, DIE) == 0.0
    assert haversine_km(DIE, PARIS_CENTRE) == pytest.approx(haversine_km(PARIS_CENTRE, DIE))
    assert haversine_km(Point(0, 0), Point(0, 180)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    # One degree of latitude is about 111.2 km.
    assert haversine_km(Point(45, 5), Point(46, 5)) == pytest.approx(111.2, abs=0.1)


@pytest.mark.parametrize(("latitude", "longitude"), [(91, 0), (0, 181), (math.nan, 0)])
def test_point_rejects_impossible_coordinates(latitude, longitude):
    with pytest.raises(ValueError):
        Point(latitude, longitude)


def test_bounding_box_holds_every_point_within_the_radius():
    rng = random.Random(20260)
    centres = [located.point for located in rng.sample(list(postcode_table().values()), 40)]
    centres += [Point(89.5, 10.0), Point(-89.9, 0.0), Point(10.0, 179.9), Point(-60.0, -179.5)]
    checked = 0
    for center in centres:
        radius = rng.uniform(0.5, 300.0)
        box = bounding_box(center, radius)
        for _ in range(10):
            # Uniform over the disc, plus points on the circle itself, where it is tightest.
            distance = radius * math.sqrt(rng.random()) if rng.random() < 0.7 else radius
            point = destination(center, rng.uniform(0, 2 * math.pi), distance)
            if haversine_km(center, point) <= radius:
                assert inside(point, box), (center, radius, point)
                checked += 1
    assert checked >= 300


def test_bounding_box_is_tight_in_france():
    box = bounding_box(DIE, 50)
    # Each edge is reached by a point of the circle, so the box is no bigger than needed.
    assert box[1] - DIE.latitude == pytest.approx(math.degrees(50 / EARTH_RADIUS_KM))
    widest = max(
        destination(DIE, bearing, 50).longitude
        for bearing in (math.radians(b / 10) for b in range(0, 1800))
    )
    assert box[3] == pytest.approx(widest, abs=1e-4)


def test_bounding_box_spans_every_longitude_near_a_pole_or_the_antimeridian():
    assert bounding_box(Point(89.9, 0), 50)[1:] == (90.0, -180.0, 180.0)
    assert bounding_box(Point(0, 179.9), 50)[2:] == (-180.0, 180.0)
    with pytest.raises(ValueError):
        bounding_box(DIE, -1)


# --------------------------------------------------------------------------- in the database

PRODUCERS = {
    "Ferme de Die": "26150",
    "Coop de Crest": "26400",
    "Épicerie de Valence": "26000",
    "Rucher de Nyons": "26110",
    "Vergers de Montélimar": "26200",
    "Atelier de Grenoble": "38000",
    "Fromagerie de Gap": "05000",  # 60 km from Die: inside the box, outside the radius
    "Châtaignes de Privas": "07000",  # 61 km
    "Soierie de Lyon": "69001",
    "Scop de Paris": "75001",
}


@pytest.fixture
def producers(db):
    for name, postcode in PRODUCERS.items():
        point = locate_postcode(postcode).point
        Partner.objects.create(name=name, latitude=point.latitude, longitude=point.longitude)
    Partner.objects.create(name="Sans adresse", latitude=None, longitude=None)


def test_distance_in_sql_orders_and_filters_by_radius(producers):
    center, radius = locate_postcode("26150").point, 58.0
    min_lat, max_lat, min_lng, max_lng = bounding_box(center, radius)
    found = list(
        Partner.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
        .annotate(distance_km=great_circle_km_expression("latitude", "longitude", center))
        .filter(distance_km__lte=radius)
        .order_by("distance_km")
    )

    expected = sorted(
        (haversine_km(center, locate_postcode(pc).point), name) for name, pc in PRODUCERS.items()
    )
    expected = [(km, name) for km, name in expected if km <= radius]
    assert [p.name for p in found] == [name for _, name in expected]
    assert [p.name for p in found][:3] == ["Ferme de Die", "Coop de Crest", "Épicerie de Valence"]
    assert {"Fromagerie de Gap", "Soierie de Lyon", "Scop de Paris"}.isdisjoint(
        p.name for p in found
    )
    for partner, (km, _) in zip(found, expected, strict=True):
        assert partner.distance_km == pytest.approx(km, abs=0.01)
    assert found[0].distance_km == pytest.approx(0.0, abs=1e-6)  # identical point: no NaN


def test_the_box_only_drops_rows_outside_the_radius(producers):
    center = locate_postcode("26150").point
    for radius in (10.0, 58.0, 130.0, 600.0):
        box = bounding_box(center, radius)
        annotated = Partner.objects.annotate(
            distance_km=great_circle_km_expression("latitude", "longitude", center)
        ).filter(distance_km__lte=radius)
        boxed = annotated.filter(latitude__range=box[:2], longitude__range=box[2:])
        assert set(boxed.values_list("name", flat=True)) == set(
            annotated.values_list("name", flat=True)
        )


def test_distance_in_sql_matches_python_and_keeps_null(producers):
    center = locate_postcode("75001").point
    rows = Partner.objects.annotate(
        distance_km=great_circle_km_expression("latitude", "longitude", center)
    ).values_list("name", "latitude", "longitude", "distance_km")
    for name, lat, lng, km in rows:
        if lat is None:
            assert km is None, name
        else:
            assert km == pytest.approx(haversine_km(center, Point(lat, lng)), abs=0.01), name
