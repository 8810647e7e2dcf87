"""Demo reviews of products and producers by demo members, and a producer's answer.

The demo has no orders, so these reviews are not marked "achat vérifié" (the pages show
that badge only for reviews written after a purchase, through the services).
Idempotent: a review is keyed on (product or producer, author).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from community.demo import CONSUMER, DEMO_PRODUCER_SLUG, MEMBER_EMAILS, PRODUCER
from community.models import User
from shop.demo import Partner, Product, product_code, upsert

from .models import ProducerFeedback, ProductFeedback

#: (author, product title, rating, text, days ago, the producer's answer)
PRODUCT_REVIEWS: tuple[tuple[str, str, int, str, int, str], ...] = (
    (
        CONSUMER.email,
        "Pommes Golden du Diois (1 kg)",
        5,
        "Croquantes et parfumées, rien à voir avec celles du supermarché. Quelques "
        "taches sur la peau, mais c'est le prix d'un verger sans traitement chimique.",
        20,
        "Merci Léa ! La prochaine cueillette arrive dans quinze jours.",
    ),
    (
        MEMBER_EMAILS[1],
        "Lentilles vertes (500 g)",
        4,
        "Cuisson rapide et régulière, très bon goût de noisette. J'aurais aimé un "
        "sachet en papier plutôt qu'en plastique.",
        14,
        "",
    ),
    (
        MEMBER_EMAILS[5],
        "Miel de lavande (500 g)",
        5,
        "Un miel crémeux qui sent vraiment la lavande : on le sert au goûter du centre "
        "de loisirs et les enfants en redemandent.",
        8,
        "",
    ),
)

#: (author, producer slug, rating, text, days ago)
PRODUCER_REVIEWS: tuple[tuple[str, str, int, str, int], ...] = (
    (
        MEMBER_EMAILS[0],
        DEMO_PRODUCER_SLUG,
        5,
        "Accueil très chaleureux lors de la visite des vergers : ils expliquent "
        "volontiers comment ils fixent leurs prix et répartissent les excédents.",
        30,
    ),
    (
        MEMBER_EMAILS[3],
        "fournil-cooperatif-de-crest",
        4,
        "Pain au levain excellent et équipe sympathique ; le retrait du samedi matin "
        "est parfois un peu long.",
        11,
    ),
)


def load_feedback_demo() -> int:
    """Create the reviews that are missing; returns how many were created."""
    users = User.objects
    now = timezone.now()
    created = 0
    for email, title, rating, text, days_ago, answer in PRODUCT_REVIEWS:
        product = Product.objects.filter(upc=product_code(title)).first()
        if product is None:
            continue
        written = now - datetime.timedelta(days=days_ago)
        extra = {}
        if answer:
            extra = {
                "answer": answer,
                "answered_by": users.get(email=PRODUCER.email),
                "answered_at": written + datetime.timedelta(days=1),
            }
        _review, is_new = upsert(
            ProductFeedback,
            {"product": product, "author": users.get(email=email)},
            {},
            create_only={"rating": rating, "text": text, "created_at": written, **extra},
        )
        created += is_new
    for email, slug, rating, text, days_ago in PRODUCER_REVIEWS:
        producer = Partner.objects.filter(slug=slug).first()
        if producer is None:
            continue
        _producer_review, is_new = upsert(
            ProducerFeedback,
            {"producer": producer, "author": users.get(email=email)},
            {},
            create_only={
                "rating": rating,
                "text": text,
                "created_at": now - datetime.timedelta(days=days_ago),
            },
        )
        created += is_new
    return created
