"""Offline geography: French postcodes to coordinates, and great-circle distances.

Plain Python (no models, no database, no network); only
``great_circle_km_expression`` builds a Django ORM expression.
"""

from shop.geo.distance import (
    EARTH_RADIUS_KM,
    Point,
    bounding_box,
    great_circle_km_expression,
    haversine_km,
)
from shop.geo.postcodes import (
    Located,
    Precision,
    locate_postcode,
    normalise_postcode,
    postcode_table,
)

__all__ = [
    "EARTH_RADIUS_KM",
    "Located",
    "Point",
    "Precision",
    "bounding_box",
    "great_circle_km_expression",
    "haversine_km",
    "locate_postcode",
    "normalise_postcode",
    "postcode_table",
]
