from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JoinRule(models.TextChoices):
    OPEN = "open", _("Open to all members")
    APPROVAL = "approval", _("On approval by a coordinator")
    INVITATION = "invitation", _("By invitation link")


class BuyingGroupQuerySet(models.QuerySet):
    def with_member_count(self):
        return self.annotate(
            member_count=models.Count(
                "memberships", filter=models.Q(memberships__status=Membership.Status.ACTIVE)
            )
        ).order_by("name")


class BuyingGroup(models.Model):
    """A buying group (groupement d'achat) that pools its members' orders."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    members_note = models.TextField(
        _("note for members"),
        blank=True,
        help_text=_("Shown to members only: distribution rota, contacts, practical details."),
    )
    city = models.CharField(_("city"), max_length=128, blank=True)
    join_rule = models.CharField(
        _("join rule"), max_length=12, choices=JoinRule.choices, default=JoinRule.APPROVAL
    )
    invitation_token = models.CharField(_("invitation token"), max_length=48, blank=True)
    pickup_points = models.ManyToManyField(
        "shipping.PickupPoint",
        blank=True,
        related_name="buying_groups",
        verbose_name=_("pickup points"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="buying_groups"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BuyingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("buying group")
        verbose_name_plural = _("buying groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groupbuy:group-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")

    group = models.ForeignKey(BuyingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.group} ({self.get_role_display()})"


class GroupOrderState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    READY = "ready", _("Ready for pickup")
    COMPLETED = "completed", _("Completed")


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
        ]

    def __str__(self) -> str:
        return f"{self.product} × {self.case_size}"


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
            models.UniqueConstraint(fields=["offer", "min_units"], name="one_tier_per_threshold")
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_units}: {self.unit_price_incl_tax} €"


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
    other members' (see groupbuy/allocation.py)."""

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


# --- payment and settlement (groupbuy/payment.py, groupbuy/settlement.py) --------------


class StripeCustomer(models.Model):
    """The Stripe customer that holds a member's saved card (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stripe_customer"
    )
    customer_id = models.CharField(_("Stripe customer"), max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe customer")
        verbose_name_plural = _("Stripe customers")

    def __str__(self) -> str:
        return f"{self.user} → {self.customer_id}"


class GroupPayment(models.Model):
    """How a member pays a group order by card, set up when they commit.

    *Authorization*: a PaymentIntent with manual capture for the member's maximum
    (firm + tolerance at the base price), when the closing is at most
    GROUPBUY_AUTHORIZATION_MAX_DAYS away (an authorization lasts 7 days at Stripe).
    *Saved card*: a SetupIntent saves the card on the member's Stripe customer; the
    exact amount is charged off-session at confirmation."""

    class Mode(models.TextChoices):
        AUTHORIZATION = "authorization", _("Card authorised")
        SAVED_CARD = "saved_card", _("Card saved")
        PICKUP = "pickup", _("Pay at pickup")

    class Status(models.TextChoices):
        REQUIRES_CARD = "requires_card", _("Card to enter")
        READY = "ready", _("Card ready")  # authorised, or saved
        CAPTURED = "captured", _("Paid")
        CANCELED = "canceled", _("Released")
        FAILED = "failed", _("Payment failed")

    group_order = models.ForeignKey(GroupOrder, on_delete=models.CASCADE, related_name="payments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_payments"
    )
    mode = models.CharField(max_length=16, choices=Mode.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUIRES_CARD)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=0)
    # Bumped whenever the amount to authorise changes: part of the idempotency key.
    amount_version = models.PositiveIntegerField(default=1)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    setup_intent_id = models.CharField(max_length=255, blank=True)
    payment_method_id = models.CharField(max_length=255, blank=True)
    capture_before = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("group order card payment")
        verbose_name_plural = _("group order card payments")
        constraints = [
            models.UniqueConstraint(
                fields=["group_order", "member"], name="one_group_payment_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.group_order} ({self.mode}, {self.status})"


class GroupOrderSettlement(models.Model):
    """A member's settled share of a confirmed group order: their Oscar order (its lines
    are what they were allocated, at the tier price) and how its payment stands.

    One row per (group order, member, sequence): sequence 0 is the order written at
    confirmation; later ones are the supplementary orders of units re-allocated after
    another member's lines were released (paid at pickup)."""

    class PaymentState(models.TextChoices):
        PENDING = "pending_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed: waiting for the member")
        RELEASED = "released", _("Released (not paid in time)")

    group_order = models.ForeignKey(
        GroupOrder, on_delete=models.CASCADE, related_name="settlements"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_settlements"
    )
    sequence = models.PositiveSmallIntegerField(default=0)
    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="group_settlement"
    )
    payment_method = models.CharField(max_length=16)  # shop.payments.methods.PaymentMethod
    payment_state = models.CharField(
        max_length=16, choices=PaymentState.choices, default=PaymentState.PENDING
    )
    payment_due_at = models.DateTimeField(null=True, blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("group order settlement")
        verbose_name_plural = _("group order settlements")
        ordering = ["group_order", "member", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["group_order", "member", "sequence"], name="one_settlement_per_member"
            )
        ]
        indexes = [
            models.Index(fields=["payment_state", "payment_due_at"], name="settlement_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.group_order}: {self.order_id} ({self.payment_state})"
