"""The needs board: members post what they look for, others support it (one vote each),
producers answer "je peux le fournir" with one of their products.

States: open → answered (a producer offered) → fulfilled, or closed from open/answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.guarantee.selectors import can_facilitate

from .models import Need, NeedOffer, NeedSupport

if TYPE_CHECKING:
    from community.models import User
    from shop.catalogue.models import Product
    from shop.partner.models import Partner

TRANSITIONS: dict[str, set[str]] = {
    Need.Status.OPEN: {Need.Status.ANSWERED, Need.Status.CLOSED},
    Need.Status.ANSWERED: {Need.Status.FULFILLED, Need.Status.CLOSED},
    Need.Status.FULFILLED: set(),
    Need.Status.CLOSED: set(),
}


def _move(need: Need, status: str) -> Need:
    if status not in TRANSITIONS[need.status]:
        raise ValidationError(
            _("A need cannot go from “%(old)s” to “%(new)s”.")
            % {"old": need.get_status_display(), "new": Need.Status(status).label}
        )
    need.status = status
    need.status_changed_at = timezone.now()
    need.save(update_fields=["status", "status_changed_at"])
    return need


@transaction.atomic
def need_create(*, author: User, title: str, description: str = "") -> Need:
    if not author.is_authenticated:
        raise PermissionDenied(_("Log in to post a need."))
    if not title.strip():
        raise ValidationError(_("Say what you are looking for."))
    return Need.objects.create(author=author, title=title.strip(), description=description.strip())


@transaction.atomic
def need_support(*, need: Need, user: User) -> NeedSupport:
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to support a need."))
    if need.status not in (Need.Status.OPEN, Need.Status.ANSWERED):
        raise ValidationError(_("This need is no longer open."))
    try:
        with transaction.atomic():
            return NeedSupport.objects.create(need=need, user=user)
    except IntegrityError as error:
        raise ValidationError(_("You already support this need.")) from error


def _producer_owns(producer: Partner, product: Product) -> bool:
    return product.stockrecords.filter(partner=producer).exists()


@transaction.atomic
def need_offer(
    *,
    need: Need,
    producer: Partner,
    user: User,
    product: Product | None = None,
    message: str = "",
) -> NeedOffer:
    """A producer answers "je peux le fournir"; the need becomes "answered"."""
    if not producer.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only the producer's own accounts can answer for it."))
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status not in (Need.Status.OPEN, Need.Status.ANSWERED):
        raise ValidationError(_("This need is no longer open."))
    if product is not None and not _producer_owns(producer, product):
        raise ValidationError(_("Choose one of your own products."))
    try:
        with transaction.atomic():
            offer = NeedOffer.objects.create(
                need=need,
                producer=producer,
                product=product,
                message=message.strip(),
                offered_by=user,
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already answered this need.")) from error
    if need.status == Need.Status.OPEN:
        _move(need, Need.Status.ANSWERED)
    return offer


def _check_manager(need: Need, user: User) -> None:
    if not (user.is_authenticated and (need.author_id == user.pk or can_facilitate(user))):
        raise PermissionDenied(_("Only the author of the need or a facilitator can do that."))


@transaction.atomic
def need_fulfil(*, need: Need, user: User) -> Need:
    _check_manager(need, user)
    return _move(Need.objects.select_for_update().get(pk=need.pk), Need.Status.FULFILLED)


@transaction.atomic
def need_close(*, need: Need, user: User) -> Need:
    _check_manager(need, user)
    return _move(Need.objects.select_for_update().get(pk=need.pk), Need.Status.CLOSED)
