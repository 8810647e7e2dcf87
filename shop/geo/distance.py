"""Great-circle distances on a spherical Earth, in Python and in SQL.

The usual search is "producers within R km of a postcode":

    box = bounding_box(center, R)
    Partner.objects.filter(latitude__range=box[:2], longitude__range=box[2:])  # indexed
        .annotate(distance_km=great_circle_km_expression("latitude", "longitude", center))
        .filter(distance_km__lte=R)
        .order_by("distance_km")

The box is a cheap prefilter on the (latitude, longitude) index; the exact distance is
then computed only for the rows inside it. A sphere of mean radius is accurate to about
0.5 % against the ellipsoid, which is far below the precision of a postcode's position.

Plain Python except :func:`great_circle_km_expression`, which imports Django when called.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Expression

#: Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088

# Widening of the bounding box on each side, in degrees (about 0.1 mm): keeps points that
# lie exactly on the radius inside the box despite floating-point rounding.
_BOX_MARGIN_DEG = 1e-9


@dataclass(frozen=True)
class Point:
    """A position in decimal degrees (WGS 84): latitude in [-90, 90], longitude in
    [-180, 180]."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and -90.0 <= self.latitude <= 90.0):
            raise ValueError(f"latitude out of range: {self.latitude!r}")
        if not (math.isfinite(self.longitude) and -180.0 <= self.longitude <= 180.0):
            raise ValueError(f"longitude out of range: {self.longitude!r}")


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between two points, in km (haversine formula).

    The haversine form stays accurate for short distances, where the spherical law of
    cosines loses digits.
    """
    lat_a, lat_b = math.radians(a.latitude), math.radians(b.latitude)
    half_dlat = (lat_b - lat_a) / 2
    half_dlng = math.radians(b.longitude - a.longitude) / 2
    h = math.sin(half_dlat) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(half_dlng) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def bounding_box(center: Point, radius_km: float) -> tuple[float, float, float, float]:
    """Return ``(min_lat, max_lat, min_lng, max_lng)`` holding every point within
    ``radius_km`` of ``center`` (great-circle distance).

    Meant as an indexed SQL prefilter before the exact distance. Latitudes are
    ``center ± radius / R``. Longitudes use the exact half-width of a spherical cap,
    ``asin(sin(radius / R) / cos(latitude))`` (J. P. Matuschek's bounding coordinates):
    wider than ``radius / (R cos(latitude))``, because the cap is widest north of its centre
    in the northern hemisphere.

    Approximations, always on the safe side (the box only ever grows):

    - when the circle reaches a pole, the box spans every longitude (and the latitude is
      clamped to ±90);
    - when the circle crosses the antimeridian, the box also spans every longitude rather
      than being split in two; no French postcode is near the antimeridian (Wallis-et-
      Futuna and French Polynesia are not in the table), so this never costs selectivity;
    - a margin of 1e-9 degree is added on each side against rounding.
    """
    if not (math.isfinite(radius_km) and radius_km >= 0):
        raise ValueError(f"radius must be a finite, non-negative number of km: {radius_km!r}")
    delta = radius_km / EARTH_RADIUS_KM  # angular radius, in radians
    lat = math.radians(center.latitude)
    min_lat, max_lat = lat - delta, lat + delta

    if min_lat <= -math.pi / 2 or max_lat >= math.pi / 2:
        # A pole is inside the circle: every longitude is reachable.
        min_lng, max_lng = -math.pi, math.pi
    else:
        # Here |lat| + delta < pi/2, so sin(delta) < cos(lat) and asin is defined.
        half_width = math.asin(math.sin(delta) / math.cos(lat))
        lng = math.radians(center.longitude)
        min_lng, max_lng = lng - half_width, lng + half_width
        if min_lng < -math.pi or max_lng > math.pi:
            min_lng, max_lng = -math.pi, math.pi  # crosses the antimeridian

    return (
        max(-90.0, math.degrees(min_lat) - _BOX_MARGIN_DEG),
        min(90.0, math.degrees(max_lat) + _BOX_MARGIN_DEG),
        max(-180.0, math.degrees(min_lng) - _BOX_MARGIN_DEG),
        min(180.0, math.degrees(max_lng) + _BOX_MARGIN_DEG),
    )


def great_circle_km_expression(lat_field: str, lng_field: str, center: Point) -> Expression:
    """Django ORM expression: great-circle distance in km from ``center`` to the row's
    ``lat_field``/``lng_field`` (degrees), ``NULL`` where either is ``NULL``.

    The haversine formula built from ``Radians``, ``Sin``, ``Cos``, ``Power``, ``Sqrt``
    and ``ASin``, which Django provides on PostgreSQL and registers as functions on
    SQLite. The centre's own terms are computed in Python and sent as parameters.

    The argument of ``SQRT``/``ASIN`` is clamped to [0, 1]: rounding can push it a hair
    outside for identical or antipodal points, which would be a domain error or NaN. The
    ``CASE`` keeps ``NULL`` coordinates ``NULL``: PostgreSQL's ``LEAST``/``GREATEST``
    ignore ``NULL`` arguments, so without it such rows would get a distance.
    """
    from django.db.models import Case, F, FloatField, Q, Value, When
    from django.db.models.functions import (
        ASin,
        Cos,
        Greatest,
        Least,
        Power,
        Radians,
        Sin,
        Sqrt,
    )

    def constant(value: float) -> Value:
        return Value(value, output_field=FloatField())

    center_lat = math.radians(center.latitude)
    center_lng = math.radians(center.longitude)
    lat = Radians(F(lat_field), output_field=FloatField())
    lng = Radians(F(lng_field), output_field=FloatField())
    half_dlat = (lat - constant(center_lat)) * constant(0.5)
    half_dlng = (lng - constant(center_lng)) * constant(0.5)
    h = Power(Sin(half_dlat), 2) + constant(math.cos(center_lat)) * Cos(lat) * Power(
        Sin(half_dlng), 2
    )
    clamped = Greatest(constant(0.0), Least(constant(1.0), h))
    distance = constant(2 * EARTH_RADIUS_KM) * ASin(Sqrt(clamped))
    known = Q(**{f"{lat_field}__isnull": False}) & Q(**{f"{lng_field}__isnull": False})
    return Case(When(known, then=distance), default=None, output_field=FloatField())
