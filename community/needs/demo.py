"""Demo needs board: what demo members are looking for, who supports it, and a
producer's "je peux le fournir".

Idempotent: a need is keyed on its author and title, supports on (need, member), the
offer on (need, producer). Call after the community demo (cms load_demo).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from community.demo import CONSUMER, DEMO_PRODUCER_SLUG, MEMBER_EMAILS, PRODUCER
from community.models import User
from shop.demo import Partner, Product, product_code, upsert

from .models import Need, NeedOffer, NeedSupport

#: (author, title, details, days ago, supporters (member indexes), offered product title)
NEEDS: tuple[tuple[str, str, str, int, tuple[int, ...], str], ...] = (
    (
        CONSUMER.email,
        "Farine de petit épeautre en sacs de 5 kg",
        "Pour le pain du week-end : du petit épeautre de la Drôme ou des Baronnies, "
        "moulu sur meule de pierre. Nous serions quatre foyers à en prendre chaque mois.",
        12,
        (0, 1, 5),
        "",
    ),
    (
        MEMBER_EMAILS[2],
        "Poires à cuire pour les conserves d'automne",
        "Des poires fermes, même petites ou tachées, pour une journée de conserves "
        "collective en octobre (une vingtaine de kilos).",
        9,
        (3, 4),
        "Poires Williams (1 kg)",
    ),
    (
        MEMBER_EMAILS[6],
        "Lessive en vrac sans huile de palme",
        "Quelqu'un connaît un producteur de la vallée qui remplit les bidons ? Nous "
        "pourrions grouper la commande au local de Crest.",
        5,
        (7, 9),
        "",
    ),
    (
        MEMBER_EMAILS[7],
        "Œufs bio pour la cantine associative",
        "La cantine du centre social cherche 120 œufs par semaine, livrés le lundi.",
        2,
        (),
        "",
    ),
)


def load_needs_demo() -> int:
    """Create the needs that are missing; returns how many were created."""
    users = User.objects
    now = timezone.now()
    producer = Partner.objects.filter(slug=DEMO_PRODUCER_SLUG).first()
    created = 0
    for email, title, description, days_ago, supporters, offered in NEEDS:
        posted = now - datetime.timedelta(days=days_ago)
        need, is_new = upsert(
            Need,
            {"author": users.get(email=email), "title": title},
            {"description": description},
            create_only={"created_at": posted, "status_changed_at": posted},
        )
        created += is_new
        for index in supporters:
            upsert(
                NeedSupport,
                {"need": need, "user": users.get(email=MEMBER_EMAILS[index])},
                {},
                create_only={"created_at": posted + datetime.timedelta(hours=index + 1)},
            )
        if offered and producer is not None:
            product = Product.objects.filter(upc=product_code(offered)).first()
            upsert(
                NeedOffer,
                {"need": need, "producer": producer},
                {},
                create_only={
                    "product": product,
                    "message": "Nous aurons des poires déclassées fin septembre : passez "
                    "commande avant le 15, nous les mettons de côté.",
                    "offered_by": users.get(email=PRODUCER.email),
                    "created_at": posted + datetime.timedelta(days=1),
                },
            )
            if is_new and need.status == Need.Status.OPEN:
                need.status = Need.Status.ANSWERED
                need.save(update_fields=["status"])
    return created
