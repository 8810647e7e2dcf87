"""Demo feed: a few posts, comments and reactions by the demo members.

Idempotent: a post is keyed on its author and text. Call after the community, group
and CMS demos (cms/management/commands/load_demo.py), e.g. ``load_feed_demo()``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from community.demo import CONSUMER, COORDINATOR, DEMO_PRODUCER_SLUG, FACILITATOR, MEMBER_EMAILS
from community.feed.models import Comment, Post, Reaction
from groupbuy.models import GroupOrder
from shop.demo import Partner

POSTS = (
    (
        CONSUMER.email,
        "Quelqu’un connaît une **farine bio** moulue près de Die ?\n\n"
        "- type T80 de préférence\n- en sacs de 5 kg",
        "",
    ),
    (
        COORDINATOR.email,
        "La commande groupée est ouverte : pensez à *compléter les cartons* avant jeudi !",
        "group_order",
    ),
    (
        MEMBER_EMAILS[0],
        "Visite de la coopérative fruitière samedi : accueil chaleureux, vergers superbes.",
        "producer",
    ),
    (
        FACILITATOR.email,
        "Réunion de la garantie participative **mardi 18 h 30** à la maison des "
        "associations de Crest : trois déclarations contestées à examiner ensemble. "
        "Consommateurs et producteurs pairs bienvenus, même sans être inscrits à un "
        "collège.",
        "",
    ),
    (
        MEMBER_EMAILS[4],
        "Recette du week-end : **lentilles vertes** mijotées aux carottes et au thym, "
        "avec les lentilles de la commande groupée. 20 minutes de cuisson, pas de "
        "trempage !",
        "",
    ),
    (
        MEMBER_EMAILS[5],
        "Qui peut covoiturer vendredi soir pour le retrait des colis à Crest ? Je pars "
        "d'Eurre vers 18 h, deux places libres.",
        "",
    ),
)


def load_feed_demo() -> int:
    """Create the demo posts that are missing; returns how many were created."""
    users = get_user_model().objects
    producer = Partner.objects.filter(slug=DEMO_PRODUCER_SLUG).first()
    group_order = GroupOrder.objects.exclude(state="draft").order_by("-closes_at").first()
    created = 0
    for email, body, link in POSTS:
        author = users.get(email=email)
        post, is_new = Post.objects.get_or_create(
            author=author,
            body=body,
            defaults={
                "producer": producer if link == "producer" else None,
                "group_order": group_order if link == "group_order" else None,
            },
        )
        created += is_new
        for index, reactor_email in enumerate(MEMBER_EMAILS[1:4]):
            kind = Reaction.Kind.values[index % len(Reaction.Kind.values)]
            Reaction.objects.get_or_create(
                post=post, user=users.get(email=reactor_email), kind=kind
            )
    first = Post.objects.filter(author__email=CONSUMER.email).first()
    if first:
        Comment.objects.get_or_create(
            post=first,
            author=users.get(email=FACILITATOR.email),
            body="Un moulin coopératif près de Crest en vend en vrac : je vous mets en contact.",
        )
    return created
