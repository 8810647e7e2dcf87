"""Demo pickup points (points de retrait) with weekly opening slots. Idempotent: points
are keyed on their slug, slots on (point, weekday, start time)."""

import datetime
from typing import Any

from shop.demo import upsert
from shop.shipping.models import PickupPoint, PickupSlot, Weekday

# Real communes and coordinates; the street addresses are invented.
PICKUP_POINTS: list[dict[str, Any]] = [
    {
        "slug": "maison-des-associations-crest",
        "name": "Maison des associations",
        "address_line": "12 rue des Tanneurs",
        "postcode": "26400",
        "city": "Crest",
        "latitude": 44.7283,
        "longitude": 5.0225,
        "instructions": "Salle du rez-de-chaussée, entrée par la cour. Apportez vos sacs.",
        "slots": [(Weekday.FRIDAY, "17:00", "19:30"), (Weekday.SATURDAY, "09:30", "12:00")],
    },
    {
        "slug": "epicerie-cooperative-die",
        "name": "Épicerie coopérative du Diois",
        "address_line": "4 place de l'Évêché",
        "postcode": "26150",
        "city": "Die",
        "latitude": 44.7537,
        "longitude": 5.3705,
        "instructions": "À la caisse de l'épicerie, aux heures d'ouverture indiquées.",
        "slots": [(Weekday.WEDNESDAY, "16:00", "19:00"), (Weekday.SATURDAY, "10:00", "12:30")],
    },
    {
        "slug": "tiers-lieu-valence",
        "name": "Tiers-lieu de la Cartoucherie",
        "address_line": "8 rue de la Cartoucherie",
        "postcode": "26000",
        "city": "Valence",
        "latitude": 44.9334,
        "longitude": 4.8924,
        "instructions": "Au comptoir d'accueil du tiers-lieu.",
        "slots": [(Weekday.THURSDAY, "17:30", "19:30")],
    },
]


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def load_pickup_demo() -> list[PickupPoint]:
    points = []
    for data in PICKUP_POINTS:
        fields = {k: v for k, v in data.items() if k not in ("slug", "slots")}
        point, _ = upsert(PickupPoint, {"slug": data["slug"]}, fields)
        for weekday, start, end in data["slots"]:
            upsert(
                PickupSlot,
                {"point": point, "weekday": weekday, "start_time": _time(start)},
                {"end_time": _time(end)},
            )
        points.append(point)
    return points
