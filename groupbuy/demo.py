"""Demo buying group in the Crest area, with its coordinator and members.

groupbuy never imports community: the caller passes the members' e-mail addresses and
users are looked up through the configured user model. Loading is idempotent: the group
is keyed on its slug and memberships on (group, user).
"""

import datetime
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from groupbuy.models import (
    BuyingGroup,
    Commitment,
    GroupOrder,
    GroupOrderProduct,
    JoinRule,
    Membership,
    PriceTier,
)
from groupbuy.orders.models import tier_price_errors
from groupbuy.orders.services import commitment_set
from shop.demo import upsert
from shop.legal.terms import current_terms

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
# (product UPC, units per case, minimum, maximum, tiers as (threshold, % off the shop
# price)): tier prices are derived from the product's real price, so that each tier
# only ever lowers it.
DEMO_OFFERS = [
    ("PC-pommes-golden-du-diois-1-kg", 6, 12, 60, [(24, 8), (48, 15)]),
    ("PC-lentilles-vertes-500-g", 10, 20, None, [(40, 10)]),
    ("PC-miel-de-lavande-500-g", 6, 6, 36, []),
    ("PC-jus-de-pomme-1-l", 6, 12, None, [(36, 7), (72, 12)]),
]
# Demo members' commitments on the open group order: (member index, product UPC,
# firm units, tolerance, hours ago).
DEMO_COMMITMENTS = [
    (0, "PC-pommes-golden-du-diois-1-kg", 6, 0, 20),
    (1, "PC-pommes-golden-du-diois-1-kg", 4, 2, 18),
    (2, "PC-lentilles-vertes-500-g", 10, 0, 16),
    (3, "PC-lentilles-vertes-500-g", 5, 5, 12),
    (0, "PC-jus-de-pomme-1-l", 6, 0, 10),
    (4, "PC-jus-de-pomme-1-l", 12, 0, 8),
    (5, "PC-miel-de-lavande-500-g", 2, 1, 6),
    (6, "PC-pommes-golden-du-diois-1-kg", 3, 0, 3),
]


def tier_unit_price(base_price: Decimal, percent_off: int) -> Decimal:
    """A tier's unit price: `percent_off` below the base price, rounded down to the cent
    (so always strictly below it)."""
    price = base_price * (100 - percent_off) / 100
    return price.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


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
    group_order = load_open_group_order(
        group, coordinator_email, pickup_points[0] if pickup_points else None
    )
    load_commitments(group_order, list(member_emails))
    return group


def load_open_group_order(group: BuyingGroup, coordinator_email: str, pickup_point) -> GroupOrder:
    """One open group order, closing in ten days, created once (dates are relative to the
    first load; later loads leave it as members and coordinators changed it, except for
    tiers an older demo set above the base price, which are derived again)."""
    existing = group.group_orders.filter(title=DEMO_GROUP_ORDER_TITLE).first()
    if existing is not None:
        _repair_tiers(existing)
        return existing
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
        _create_tiers(offer, tiers)
    return group_order


def _create_tiers(offer: GroupOrderProduct, tiers: Iterable[tuple[int, int]]) -> None:
    for threshold, percent_off in tiers:
        PriceTier.objects.create(
            offer=offer,
            min_units=threshold,
            unit_price_incl_tax=tier_unit_price(offer.unit_price_incl_tax, percent_off),
        )


def _repair_tiers(group_order: GroupOrder) -> None:
    """Derive again the tiers of demo offers whose tiers would raise the price."""
    demo_tiers = {upc: tiers for upc, *_bounds, tiers in DEMO_OFFERS}
    for offer in group_order.offers.select_related("product").prefetch_related("tiers"):
        current = [(t.min_units, t.unit_price_incl_tax) for t in offer.tiers.all()]
        if offer.product.upc in demo_tiers and tier_price_errors(
            offer.unit_price_incl_tax, current
        ):
            offer.tiers.all().delete()
            _create_tiers(offer, demo_tiers[offer.product.upc])


def load_commitments(group_order: GroupOrder, member_emails: list[str]) -> None:
    """Some demo members' commitments, through the service, once: only on a group order
    that is open and that nobody committed to yet (members may have withdrawn since)."""
    if not group_order.accepts_commitments:
        return
    if Commitment.objects.filter(offer__group_order=group_order).exists():
        return
    users = get_user_model().objects
    offers = {offer.product.upc: offer for offer in group_order.offers.select_related("product")}
    now = timezone.now()
    terms_version = current_terms().version  # the demo's members accepted the terms
    for index, upc, quantity, tolerance, hours_ago in DEMO_COMMITMENTS:
        offer = offers.get(upc)
        if offer is None or index >= len(member_emails):
            continue
        at = max(now - datetime.timedelta(hours=hours_ago), group_order.opens_at)
        commitment_set(
            offer=offer,
            member=users.get(email=member_emails[index]),
            quantity=quantity,
            tolerance=tolerance,
            terms_version=terms_version,
            now=at,
        )


def _price_incl_tax(product) -> Decimal:
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy()
    return strategy.fetch_for_product(product).price.incl_tax
