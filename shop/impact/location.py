"""Where the viewer is: a postcode they chose, remembered in the session, so every
impact block can show the distance to the producer without asking again."""

from __future__ import annotations

from dataclasses import dataclass

from shop.geo import Point, locate_postcode

SESSION_KEY = "impact_origin"


@dataclass(frozen=True)
class Origin:
    postcode: str
    label: str
    point: Point


class UnknownPostcode(ValueError):
    pass


def viewer_origin(request) -> Origin | None:
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not data:
        return None
    return Origin(data["postcode"], data["label"], Point(data["latitude"], data["longitude"]))


def origin_from_postcode(postcode: str) -> Origin:
    located = locate_postcode(postcode)
    if located is None:
        raise UnknownPostcode(postcode)
    return Origin(postcode.replace(" ", ""), located.label, located.point)


def remember_origin(request, origin: Origin | None) -> None:
    if origin is None:
        request.session.pop(SESSION_KEY, None)
        return
    request.session[SESSION_KEY] = {
        "postcode": origin.postcode,
        "label": origin.label,
        "latitude": origin.point.latitude,
        "longitude": origin.point.longitude,
    }
