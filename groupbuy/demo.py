"""Demo buying group in the Crest area, with its coordinator and members.

groupbuy never imports community: the caller passes the members' e-mail addresses and
users are looked up through the configured user model. Loading is idempotent: the group
is keyed on its slug and memberships on (group, user).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from groupbuy.models import (
    BuyingGroup,
    GroupOrder,
    GroupOrderProduct,
    JoinRule,
    Membership,
    PriceTier,
)
from shop.demo import upsert

Product = get_model("catalogue", "Product")

DEMO_GROUP_SLUG = "groupement-d-achat-du-val-de-drome"

DEMO_GROUP = {
    "name": "Groupement d'achat du Val de Drôme",
    "city": "Crest",
    "join_rule": JoinRule.APPROVAL,
    "description": (
        "Des foyers de Crest, d'Aouste-sur-Sye et d'Eurre qui commandent ensemble "
        "chaque mois auprès des producteurs de la vallée. Regrouper les commandes permet "
        "d'acheter par cartons entiers, d'obtenir de meilleurs prix et de limiter les "
        "trajets : une seule livraison, retirée le vendredi soir à la maison des "
        "associations de Crest. Chaque membre donne deux heures par trimestre pour la "
        "distribution."
    ),
}


DEMO_GROUP_ORDER_TITLE = "Commande groupée de saison"
# (product UPC, units per case, minimum, maximum, tiers as (threshold, unit price TTC))
DEMO_OFFERS = [
    ("PC-pommes-golden-du-diois-1-kg", 6, 12, 60, [(24, Decimal("3.20"))]),
    ("PC-lentilles-vertes-500-g", 10, 20, None, [(40, Decimal("3.40"))]),
    ("PC-miel-de-lavande-500-g", 6, 6, 36, []),
    ("PC-jus-de-pomme-1-l", 6, 12, None, [(36, Decimal("2.90"))]),
]


def load_groupbuy_demo(
    *, coordinator_email: str, member_emails: Iterable[str], pickup_points=()
) -> BuyingGroup:
    """Create the demo group; the users must already exist."""
    users = get_user_model().objects
    group, _created = upsert(BuyingGroup, {"slug": DEMO_GROUP_SLUG}, DEMO_GROUP)
    upsert(
        Membership,
        {"group": group, "user": users.get(email=coordinator_email)},
        {"role": Membership.Role.COORDINATOR},
    )
    for email in member_emails:
        # The role is set on creation only: a coordinator may have promoted the member.
        upsert(
            Membership,
            {"group": group, "user": users.get(email=email)},
            {},
            create_only={"role": Membership.Role.MEMBER},
        )
    if pickup_points:
        group.pickup_points.add(*pickup_points)
    load_open_group_order(group, coordinator_email, pickup_points[0] if pickup_points else None)
    return group


def load_open_group_order(group: BuyingGroup, coordinator_email: str, pickup_point) -> None:
    """One open group order, closing in ten days, created once (dates are relative to the
    first load; later loads leave it as members and coordinators changed it)."""
    if group.group_orders.filter(title=DEMO_GROUP_ORDER_TITLE).exists():
        return
    now = timezone.now()
    closes_at = now + datetime.timedelta(days=10)
    group_order = GroupOrder.objects.create(
        group=group,
        title=DEMO_GROUP_ORDER_TITLE,
        description=(
            "Pommes, lentilles, miel et jus de pomme des producteurs de la vallée, par "
            "colis entiers. Engagez-vous avant la clôture ; chaque palier atteint fait "
            "baisser le prix pour tout le monde."
        ),
        state="open",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=closes_at,
        pickup_point=pickup_point,
        pickup_date=(closes_at + datetime.timedelta(days=3)).date(),
        created_by=get_user_model().objects.get(email=coordinator_email),
    )
    products = {p.upc: p for p in Product.objects.filter(upc__in=[o[0] for o in DEMO_OFFERS])}
    for position, (upc, case_size, minimum, maximum, tiers) in enumerate(DEMO_OFFERS):
        product = products.get(upc)
        if product is None:
            continue
        offer = GroupOrderProduct.objects.create(
            group_order=group_order,
            product=product,
            case_size=case_size,
            min_units=minimum,
            max_units=maximum,
            unit_price_incl_tax=_price_incl_tax(product),
            position=position,
        )
        for threshold, price in tiers:
            PriceTier.objects.create(offer=offer, min_units=threshold, unit_price_incl_tax=price)


def _price_incl_tax(product) -> Decimal:
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy()
    return strategy.fetch_for_product(product).price.incl_tax
