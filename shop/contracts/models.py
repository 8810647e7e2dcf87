"""AMAP contracts: a season's commitment between members and one producer.

A member subscribes to one option (a basket size for a constant contract, a product for a
variable one) for every distribution the contract covers, and pays the season up front in
instalments. Absences are declared ahead of time within an allowance and are not refunded
(the producer's harvest is planned for the season): they only lower what the producer
brings to that distribution.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContractKind(models.TextChoices):
    CONSTANT = "constant", _("Constant (same basket every distribution)")
    VARIABLE = "variable", _("Variable (products chosen with minimums)")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Contract(models.Model):
    producer = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("producer"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_contracts",
        verbose_name=_("coordinator"),
    )
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ContractKind.choices, default=ContractKind.CONSTANT
    )
    season_start = models.DateField(_("season starts on"))
    season_end = models.DateField(_("season ends on"))
    distributions = models.ManyToManyField(
        "distributions.Distribution",
        related_name="contracts",
        verbose_name=_("distributions covered"),
    )
    terms = models.TextField(_("terms"), blank=True)
    # Raised whenever the terms change: a subscription records the version accepted.
    terms_version = models.PositiveIntegerField(_("terms version"), default=1)
    max_absences = models.PositiveIntegerField(_("absences allowed"), default=2)
    absence_deadline_days = models.PositiveIntegerField(
        _("declare absences at least this many days before"), default=2
    )
    capacity = models.PositiveIntegerField(_("capacity (subscriptions)"), default=30)
    status = models.CharField(
        _("status"), max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    renewed_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renewal of"),
    )
    # Until then, only the subscribers of `renewed_from` may subscribe.
    renewal_priority_until = models.DateTimeField(
        _("renewing subscribers have priority until"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-season_start", "title", "pk"]
        verbose_name = _("AMAP contract")
        verbose_name_plural = _("AMAP contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(season_end__gte=models.F("season_start")),
                name="contract_season_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ContractOption(models.Model):
    """A basket size (constant contract) or a product (variable contract), priced per
    distribution; a variable option may set minimums per distribution and per season."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=100)
    price = models.DecimalField(
        _("price per distribution"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    min_per_distribution = models.PositiveIntegerField(_("minimum per distribution"), default=1)
    min_per_season = models.PositiveIntegerField(_("minimum per season"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["contract", "position", "pk"]
        verbose_name = _("contract option")
        verbose_name_plural = _("contract options")

    def __str__(self) -> str:
        return f"{self.label} ({self.price} €)"


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card")
    TRANSFER = "transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    WALLET = "wallet", _("Wallet")


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class ContractSubscription(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contract_subscriptions",
        verbose_name=_("member"),
    )
    option = models.ForeignKey(
        ContractOption, on_delete=models.PROTECT, related_name="subscriptions"
    )
    terms_version = models.PositiveIntegerField(_("terms version accepted"))
    accepted_at = models.DateTimeField(_("terms accepted at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.ACTIVE,
    )
    # Rank on the waiting list (1 = next in); null once active or cancelled.
    waiting_position = models.PositiveIntegerField(
        _("position on the waiting list"), null=True, blank=True
    )
    # The second household of a shared basket: sees it, may collect it, declare absences.
    partner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_contract_subscriptions",
        verbose_name=_("shared with"),
    )
    # How the member chose to pay: kept so a promotion from the waiting list can draw
    # up the schedule then.
    instalment_count = models.PositiveIntegerField(_("number of instalments"), default=1)
    payment_method = models.CharField(
        _("payment method"), max_length=10, choices=PaymentMethod.choices, default="cheque"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["contract", "status", "waiting_position", "created_at", "pk"]
        verbose_name = _("contract subscription")
        verbose_name_plural = _("contract subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "user"],
                condition=~models.Q(status="cancelled"),
                name="one_live_subscription_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} — {self.user} ({self.option.label})"

    def is_held_by(self, user) -> bool:
        return user.pk is not None and user.pk in (self.user_id, self.partner_user_id)


class Absence(models.Model):
    subscription = models.ForeignKey(
        ContractSubscription, on_delete=models.CASCADE, related_name="absences"
    )
    distribution = models.ForeignKey(
        "distributions.Distribution", on_delete=models.CASCADE, related_name="contract_absences"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["distribution__starts_at", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "distribution"], name="one_absence_per_distribution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription} — {self.distribution}"


class Instalment(models.Model):
    subscription = models.ForeignKey(
        ContractSubscription, on_delete=models.CASCADE, related_name="instalments"
    )
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["subscription", "due_on", "pk"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")

    def __str__(self) -> str:
        return f"{self.amount} € — {self.due_on:%d/%m/%Y}"


class ContractEvent(models.Model):
    """Audit trail of contracts and subscriptions: who, when, what, why."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Published")
        SUBSCRIBE = "subscribe", _("Subscribed")
        WAIT = "wait", _("Put on the waiting list")
        SHARE = "share", _("Shared")
        ABSENCE = "absence", _("Absence declared")
        CANCEL = "cancel", _("Cancelled")
        PROMOTE = "promote", _("Promoted from the waiting list")
        PAYMENT = "payment", _("Payment recorded")
        RENEW = "renew", _("Renewed")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    subscription = models.ForeignKey(
        ContractSubscription,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("contract event")
        verbose_name_plural = _("contract events")

    def __str__(self) -> str:
        return f"{self.contract} — {self.get_action_display()}"
