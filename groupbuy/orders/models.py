"""Group orders (campaigns): offers with case sizes and price tiers, members'
commitments, the state log and the allocation computed at closing."""

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils import formats
from django.utils.translation import gettext_lazy as _


from groupbuy.groups.models import BuyingGroup
from shop.legal.models import VERSION_MAX_LENGTH


class GroupOrderState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    READY = "ready", _("Ready for pickup")
    COMPLETED = "completed", _("Completed")


S = GroupOrderState
# The state machine: every move goes through services.group_order_transition.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.OPEN, S.CANCELLED},
    S.OPEN: {S.CLOSED, S.CANCELLED},
    S.CLOSED: {S.CONFIRMED, S.CANCELLED},
    S.CONFIRMED: {S.READY},
    S.READY: {S.COMPLETED},
    S.CANCELLED: set(),
    S.COMPLETED: set(),
}


# Groups of states the pages and services ask about.
CURRENT_STATES = (S.DRAFT, S.OPEN, S.CLOSED, S.CONFIRMED, S.READY)
PAST_STATES = (S.COMPLETED, S.CANCELLED)
EDITABLE_STATES = (S.DRAFT, S.OPEN)
CLOSED_STATES = (S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED)
SETTLED_STATES = (S.CONFIRMED, S.READY, S.COMPLETED)


class GroupOrderQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=GroupOrderState.OPEN)

    def due_for_closing(self, now=None):
        return self.filter(state=GroupOrderState.OPEN, closes_at__lte=now or timezone.now())


class GroupOrder(models.Model):
    """A campaign (campagne) of a buying group: products, deadlines, one pickup."""

    group = models.ForeignKey(
        BuyingGroup, on_delete=models.CASCADE, related_name="group_orders", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=GroupOrderState.choices, default=GroupOrderState.DRAFT
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_orders",
        verbose_name=_("pickup point"),
    )
    pickup_date = models.DateField(_("pickup date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = GroupOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "pk"]
        verbose_name = _("group order")
        verbose_name_plural = _("group orders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="group_order_closes_after_it_opens",
            )
        ]
        indexes = [models.Index(fields=["state", "closes_at"], name="grouporder_state_close_idx")]

    def __str__(self) -> str:
        return f"{self.group} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "groupbuy:group-order-detail", kwargs={"slug": self.group.slug, "pk": self.pk}
        )

    @property
    def accepts_commitments(self) -> bool:
        now = timezone.now()
        return self.state == GroupOrderState.OPEN and self.opens_at <= now < self.closes_at


def _euros(price: Decimal) -> str:
    return formats.number_format(price, 2)


def tier_price_errors(
    base_price: Decimal | None, tiers: Iterable[tuple[int, Decimal]]
) -> list[ValidationError]:
    """Why these price tiers would not lower the price, one error per faulty tier, each
    naming it: a tier must be cheaper than the base price and than every tier with a
    lower threshold. Empty when the tiers only ever lower the price."""
    errors: list[ValidationError] = []
    cheapest_below: tuple[int, Decimal] | None = None
    for threshold, price in sorted(tiers):
        if base_price is not None and price >= base_price:
            errors.append(
                ValidationError(
                    _(
                        "The tier from %(units)s units (%(price)s €) must be cheaper than "
                        "the base price (%(base)s €)."
                    ),
                    code="tier_above_base",
                    params={"units": threshold, "price": _euros(price), "base": _euros(base_price)},
                )
            )
        elif cheapest_below is not None and price >= cheapest_below[1]:
            errors.append(
                ValidationError(
                    _(
                        "The tier from %(units)s units (%(price)s €) must be cheaper than "
                        "the tier from %(lower_units)s units (%(lower_price)s €)."
                    ),
                    code="tier_order",
                    params={
                        "units": threshold,
                        "price": _euros(price),
                        "lower_units": cheapest_below[0],
                        "lower_price": _euros(cheapest_below[1]),
                    },
                )
            )
        if cheapest_below is None or price < cheapest_below[1]:
            cheapest_below = (threshold, price)
    return errors


class GroupOrderProduct(models.Model):
    """One product offered in a group order, with its case size, bounds and tiers."""

    group_order = models.ForeignKey(GroupOrder, on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    case_size = models.PositiveIntegerField(
        _("units per case"), default=1, validators=[MinValueValidator(1)]
    )
    min_units = models.PositiveIntegerField(
        _("minimum total units"),
        default=0,
        help_text=_("Below this total, the product is dropped from the group order."),
    )
    max_units = models.PositiveIntegerField(
        _("maximum total units"),
        null=True,
        blank=True,
        help_text=_("What the producer can supply at most (empty: no limit)."),
    )
    unit_price_incl_tax = models.DecimalField(
        _("unit price (incl. VAT)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("group order product")
        verbose_name_plural = _("group order products")
        constraints = [
            models.UniqueConstraint(
                fields=["group_order", "product"], name="one_offer_per_product"
            ),
            models.CheckConstraint(
                condition=models.Q(max_units__isnull=True)
                | models.Q(max_units__gte=models.F("min_units")),
                name="offer_max_at_least_min",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price_incl_tax__gt=0), name="offer_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} × {self.case_size}"

    #: The tiers a form is about to save with this offer, checked by `clean()` instead of
    #: the stored ones (a coordinator may lower the base price and its tiers at once).
    pending_tiers: list[tuple[int, Decimal]] | None = None

    def clean(self) -> None:
        """The tiers must stay below the (possibly new) base price."""
        super().clean()
        if self.unit_price_incl_tax is None:
            return
        tiers = self.pending_tiers
        if tiers is None:
            if not self.pk:
                return
            tiers = list(self.tiers.values_list("min_units", "unit_price_incl_tax"))
        errors = tier_price_errors(self.unit_price_incl_tax, tiers)
        if errors:
            raise ValidationError({"unit_price_incl_tax": errors})


class PriceTier(models.Model):
    """Total ≥ min_units → unit price for everybody."""

    offer = models.ForeignKey(GroupOrderProduct, on_delete=models.CASCADE, related_name="tiers")
    min_units = models.PositiveIntegerField(
        _("from total units"), validators=[MinValueValidator(1)]
    )
    unit_price_incl_tax = models.DecimalField(
        _("unit price (incl. VAT)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        ordering = ["min_units"]
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        constraints = [
            models.UniqueConstraint(fields=["offer", "min_units"], name="one_tier_per_threshold"),
            models.CheckConstraint(
                condition=models.Q(unit_price_incl_tax__gt=0), name="tier_price_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(min_units__gte=1), name="tier_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_units}: {self.unit_price_incl_tax} €"

    def clean(self) -> None:
        """A tier only lowers the price: cheaper than the offer's base price and than
        every tier with a lower threshold (and dearer than every tier above it)."""
        super().clean()
        if self.offer_id is None or self.min_units is None or self.unit_price_incl_tax is None:
            return
        others = self.offer.tiers.exclude(pk=self.pk).exclude(min_units=self.min_units)
        tiers = [*others.values_list("min_units", "unit_price_incl_tax")]
        tiers.append((self.min_units, self.unit_price_incl_tax))
        errors = tier_price_errors(self.offer.unit_price_incl_tax, tiers)
        if errors:
            raise ValidationError({"unit_price_incl_tax": errors})


class Commitment(models.Model):
    """What a member commits to buy of one product: firm units plus an optional
    tolerance ("I accept up to N extra units to complete a case")."""

    offer = models.ForeignKey(
        GroupOrderProduct, on_delete=models.CASCADE, related_name="commitments"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_commitments"
    )
    tolerance = models.PositiveIntegerField(_("tolerance"), default=0)
    # When the tolerance was last raised: tolerance units queue in that order.
    tolerance_since = models.DateTimeField(default=timezone.now)
    # The terms of sale the member accepted when last setting this commitment; the
    # settlement records them with the member's order (empty: committed before the
    # terms were asked for).
    terms_version = models.CharField(
        _("terms of sale version"), max_length=VERSION_MAX_LENGTH, blank=True
    )
    terms_accepted_at = models.DateTimeField(_("terms of sale accepted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["offer", "member"], name="one_commitment_per_offer")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.offer}"

    @property
    def quantity(self) -> int:
        return sum(part.quantity for part in self.parts.all())


class CommitmentPart(models.Model):
    """Units a member added at one moment. Keeping each increase as its own part is
    what lets early units keep their place in the queue while later ones wait behind
    other members' (see groupbuy/orders/allocation.py)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="parts")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class StateTransition(models.Model):
    """Every change of a group order's state: who, when, from what to what."""

    group_order = models.ForeignKey(
        GroupOrder, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=10, choices=GroupOrderState.choices)
    to_state = models.CharField(max_length=10, choices=GroupOrderState.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.group_order}: {self.from_state} → {self.to_state}"


class Allocation(models.Model):
    """What one member receives of one product after closing, and why."""

    offer = models.ForeignKey(
        GroupOrderProduct, on_delete=models.CASCADE, related_name="allocations"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_allocations"
    )
    requested = models.PositiveIntegerField()
    tolerance = models.PositiveIntegerField(default=0)
    allocated = models.PositiveIntegerField()
    unit_price_incl_tax = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.CharField(max_length=24)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["offer", "member"], name="one_allocation_per_offer")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.allocated}/{self.requested} {self.offer}"
