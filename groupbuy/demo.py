"""Demo buying group in the Crest area, with its coordinator and members.

groupbuy never imports community: the caller passes the members' e-mail addresses and
users are looked up through the configured user model. Loading is idempotent: the group
is keyed on its slug and memberships on (group, user).
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from groupbuy.models import BuyingGroup, JoinRule, Membership
from shop.demo import upsert

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


def load_groupbuy_demo(*, coordinator_email: str, member_emails: Iterable[str]) -> BuyingGroup:
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
    return group
