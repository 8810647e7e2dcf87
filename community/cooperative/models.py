"""The cooperative's members (sociétaires), their shares (parts sociales) and its rules.

- `Rules`: one row, set by staff: the share's nominal value, the minimum number of
  shares, the minimum holding period before a redemption, and which features are for
  members only. Until it exists the cooperative takes no members, and nothing is
  reserved to them (there would be no way in).
- `College`: the cooperative's colleges (SCIC), distinct from the participatory
  guarantee's colleges but optionally mapped onto one of them.
- `Subscription`: an application or a later subscription of shares, awaiting payment
  until a `SharePayment` is recorded (transfer matched on a bank statement, card through
  Stripe, cash or card at a pickup point).
- `Member`: who has been admitted, with their member number.
- `Movement`: the register of members, append-only: every subscription and redemption
  of shares, signed. The shares a member holds are the sum of their movements.
- `Redemption`: a member's request to have shares paid back, decided by staff, then
  refunded.
- `AuditEntry`: who did what, when and why, for every write of this package.
- General assemblies (`assemblies/models.py`, imported at the end of this module so they
  stay in this app): `Assembly`, its `Resolution`s and `AssemblyDocument`s, `Proxy`,
  `Ballot`, `AssemblyNotice`.

Amounts are Decimal euros with two places. Every write goes through services.py or
redemptions.py, in a transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.payments.references import make_reference

USER = settings.AUTH_USER_MODEL
REFERENCE_PREFIX = "PS"  # parts sociales: "PS-12-5"


class Rules(models.Model):
    """The statutes' rules staff set (one row, pk 1)."""

    share_value = models.DecimalField(
        _("nominal value of a share (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    minimum_shares = models.PositiveIntegerField(
        _("minimum number of shares"), default=1, validators=[MinValueValidator(1)]
    )
    minimum_holding_months = models.PositiveSmallIntegerField(
        _("minimum holding period (months)"),
        default=12,
        help_text=_("A share can be redeemed only once it has been held this long."),
    )
    members_only_group_orders = models.BooleanField(
        _("group orders for members only"), default=True
    )
    members_only_assemblies = models.BooleanField(
        _("general assemblies for members only"), default=True
    )
    members_only_shop = models.BooleanField(_("shop for members only"), default=False)
    max_proxies = models.PositiveSmallIntegerField(
        _("proxies a member may hold"),
        default=2,
        help_text=_("At a general assembly, the most proxies one member may hold."),
    )
    quorum_ordinary = models.DecimalField(
        _("quorum of an ordinary assembly (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    quorum_extraordinary = models.DecimalField(
        _("quorum of an extraordinary assembly (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("33.33"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    updated_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cooperative rules")
        verbose_name_plural = _("cooperative rules")

    def __str__(self) -> str:
        return str(_("Cooperative rules"))


class College(models.Model):
    """A college of the cooperative (SCIC: consumers, producers, employees...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    vote_weight = models.DecimalField(
        _("vote weight (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The college's weight in general assemblies, as set in the statutes."),
    )
    guarantee_college = models.ForeignKey(
        "community.College",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matching participatory-guarantee college"),
    )
    is_active = models.BooleanField(_("open to applications"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("cooperative college")
        verbose_name_plural = _("cooperative colleges")

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person admitted as a member (sociétaire): number given once, never reused."""

    user = models.OneToOneField(
        USER,
        on_delete=models.PROTECT,
        related_name="cooperative_member",
        verbose_name=_("person"),
    )
    number = models.PositiveIntegerField(_("member number"), unique=True)
    college = models.ForeignKey(
        College, on_delete=models.PROTECT, related_name="members", verbose_name=_("college")
    )
    admitted_at = models.DateTimeField(_("admitted on"))
    left_at = models.DateTimeField(
        _("left on"), null=True, blank=True, help_text=_("All shares redeemed.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("cooperative member")
        verbose_name_plural = _("cooperative members")

    def __str__(self) -> str:
        return f"n° {self.number} {self.user}"


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Bank card")
    TRANSFER = "transfer", _("Bank transfer")
    PICKUP = "pickup", _("At a pickup point")


class Subscription(models.Model):
    """Shares asked for: an application (the first subscription) or more shares later."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="share_subscriptions", verbose_name=_("person")
    )
    college = models.ForeignKey(College, on_delete=models.PROTECT, verbose_name=_("college"))
    is_application = models.BooleanField(_("application"), default=True)
    shares = models.PositiveIntegerField(_("shares"), validators=[MinValueValidator(1)])
    share_value = models.DecimalField(_("nominal value"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pickup point"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    payment_intent_id = models.CharField(_("Stripe PaymentIntent"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("applied on"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid on"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("share subscription")
        verbose_name_plural = _("share subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="cooperative_one_pending_subscription",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The transfer reference, "PS-<pk>-<check digit>"."""
        return make_reference(REFERENCE_PREFIX, str(self.pk))


class SharePayment(models.Model):
    """The money received for a subscription (all of it, once)."""

    subscription = models.OneToOneField(
        Subscription, on_delete=models.PROTECT, related_name="payment"
    )
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    received_at = models.DateTimeField(_("received on"))
    external_id = models.CharField(
        _("payment reference"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stripe PaymentIntent or bank statement line: recorded once."),
    )
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("share payment")
        verbose_name_plural = _("share payments")

    def __str__(self) -> str:
        return f"{self.subscription} {self.amount}"


class Redemption(models.Model):
    """A member's request to be paid back shares (remboursement)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved, refund to make")
        REFUSED = "refused", _("Refused")
        REFUNDED = "refunded", _("Refunded")

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("member")
    )
    shares = models.PositiveIntegerField(_("shares"), validators=[MinValueValidator(1)])
    reason = models.TextField(_("reason given"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    amount = models.DecimalField(
        _("amount to refund"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    refunded_at = models.DateTimeField(_("refunded on"), null=True, blank=True)
    refunded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refund_reference = models.CharField(_("refund reference"), max_length=140, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("share redemption")
        verbose_name_plural = _("share redemptions")

    def __str__(self) -> str:
        return f"{self.member} -{self.shares}"


class Movement(models.Model):
    """One line of the register of members: shares in (+) or out (-). Never changed."""

    class Kind(models.TextChoices):
        SUBSCRIPTION = "subscription", _("Subscription")
        REDEMPTION = "redemption", _("Redemption")

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="movements", verbose_name=_("member")
    )
    kind = models.CharField(_("movement"), max_length=12, choices=Kind.choices)
    shares = models.IntegerField(_("shares (+ in, - out)"))
    share_value = models.DecimalField(_("nominal value"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount (+ in, - out)"), max_digits=12, decimal_places=2)
    effective_on = models.DateField(_("date"))
    subscription = models.OneToOneField(
        Subscription, on_delete=models.PROTECT, null=True, blank=True, related_name="movement"
    )
    redemption = models.OneToOneField(
        Redemption, on_delete=models.PROTECT, null=True, blank=True, related_name="movement"
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "pk"]
        verbose_name = _("register movement")
        verbose_name_plural = _("register of members")

    def __str__(self) -> str:
        return f"{self.member} {self.shares:+d} ({self.effective_on})"


class AuditEntry(models.Model):
    """Who did what, when and why (every write of the cooperative package)."""

    class Action(models.TextChoices):
        RULES_UPDATED = "rules_updated", _("Rules updated")
        APPLIED = "applied", _("Shares subscribed")
        CANCELLED = "cancelled", _("Subscription cancelled")
        PAYMENT_RECORDED = "payment_recorded", _("Payment recorded")
        PAYMENT_REFUSED = "payment_refused", _("Payment not applied")
        ADMITTED = "admitted", _("Member admitted")
        REDEMPTION_REQUESTED = "redemption_requested", _("Redemption requested")
        REDEMPTION_APPROVED = "redemption_approved", _("Redemption approved")
        REDEMPTION_REFUSED = "redemption_refused", _("Redemption refused")
        REFUND_RECORDED = "refund_recorded", _("Refund recorded")
        MEMBER_LEFT = "member_left", _("Member left")
        ASSEMBLY_CONVENED = "assembly_convened", _("Assembly convened")
        ASSEMBLY_CHANGED = "assembly_changed", _("Assembly changed")
        ASSEMBLY_PUBLISHED = "assembly_published", _("Assembly published")
        PROXY_GIVEN = "proxy_given", _("Proxy given")
        PROXY_REVOKED = "proxy_revoked", _("Proxy revoked")
        BALLOT_CAST = "ballot_cast", _("Vote cast")

    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    actor = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the payment service or the bank statement did it."),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True)
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, null=True, blank=True)
    redemption = models.ForeignKey(Redemption, on_delete=models.PROTECT, null=True, blank=True)
    assembly = models.ForeignKey(
        "cooperative.Assembly", on_delete=models.PROTECT, null=True, blank=True
    )
    amount = models.DecimalField(
        _("amount"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    note = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("cooperative audit entry")
        verbose_name_plural = _("cooperative audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


# The general assemblies' models, in this app (label `cooperative`).
from .assemblies.models import (
    Assembly,
    AssemblyDocument,
    AssemblyNotice,
    Ballot,
    Proxy,
    Resolution,
)
