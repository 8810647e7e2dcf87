"""Builders of the data rights tests: a member with one row of every kind of data, each
carrying a tag, so that an export can be searched for another member's tag."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from community.models import (
    Application,
    ApplicationOpinion,
    ClaimOpinion,
    College,
    CollegeMembership,
    Comment,
    Need,
    NeedSupport,
    Post,
    ProductFeedback,
    Reaction,
    Report,
)
from groupbuy.models import Commitment, CommitmentPart
from shop.checkout.forms import france
from tests.factories import ClaimFactory, ProducerFactory, create_group_order, create_product
from tests.helpers.orders import place_order

UserAddress = get_model("address", "UserAddress")

_numbers = iter(range(700000, 800000))


def next_order_number() -> str:
    return str(next(_numbers))


def commit(member, group_order, quantity: int = 2) -> Commitment:
    offer = group_order.offers.first()
    commitment = Commitment.objects.create(offer=offer, member=member, tolerance=1)
    CommitmentPart.objects.create(commitment=commitment, quantity=quantity)
    return commitment


def populate(member, tag: str, *, other=None) -> dict:
    """One row of every kind for `member`, each text carrying `tag`. With `other`, the
    member also comments, reacts and supports on `other`'s post and need."""
    product = create_product(title=f"Confiture {tag}")
    UserAddress.objects.create(
        user=member,
        first_name=member.first_name,
        last_name=member.last_name,
        line1=f"1 rue {tag}",
        line4="Die",
        postcode="26150",
        country=france(),
    )
    order = place_order(
        number=next_order_number(), user=member, items=[(product, 2)], status="paid"
    )
    # A past group order: its commitment is history, it does not block an erasure.
    group_order = create_group_order(
        members=[member],
        offers=[{"product": product}],
        state="completed",
        title=f"Campagne {tag}",
        group_name=f"Groupement {tag}",
    )
    commit(member, group_order)
    post = Post.objects.create(author=member, body=f"Publication {tag}")
    Comment.objects.create(post=post, author=member, body=f"Commentaire {tag}")
    Reaction.objects.create(post=post, user=member, kind="merci")
    Report.objects.create(post=post, reporter=member, reason=f"Signalement {tag}")
    consumers = College.objects.get(category="consumers")
    CollegeMembership.objects.create(
        user=member, college=consumers, status="confirmed", motivation=f"Motivation {tag}"
    )
    claim = ClaimFactory(producer=ProducerFactory(name=f"Producteur {tag}"))
    ClaimOpinion.objects.create(
        claim=claim,
        member=member,
        college=consumers,
        verdict="confirm",
        comment=f"Avis {tag}",
        validity_period_end=claim.valid_until,
    )
    application = Application.objects.create(
        producer=ProducerFactory(name=f"Candidat {tag}"), presentation="Présentation"
    )
    ApplicationOpinion.objects.create(
        application=application,
        member=member,
        college=consumers,
        recommendation="admit",
        opinion=f"Recommandation {tag}",
    )
    ProductFeedback.objects.create(product=product, author=member, rating=5, text=f"Retour {tag}")
    need = Need.objects.create(author=member, title=f"Besoin {tag}")
    NeedSupport.objects.create(need=need, user=member)
    if other is not None:
        other_post = Post.objects.filter(author=other).first()
        Comment.objects.create(post=other_post, author=member, body=f"Réponse {tag}")
        Reaction.objects.create(post=other_post, user=member, kind="utile")
        NeedSupport.objects.create(need=Need.objects.filter(author=other).first(), user=member)
    return {"order": order, "post": post, "need": need, "group_order": group_order}


def open_group_order(member, title: str = "Commande de décembre"):
    group_order = create_group_order(
        members=[member],
        offers=[{"unit_price_incl_tax": Decimal("3.00")}],
        state="open",
        title=title,
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    commit(member, group_order)
    return group_order


def read_zip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
