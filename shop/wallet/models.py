"""The wallet's ledger, double-entry and append-only.

Every movement of money is a `Transfer` (one journal entry) made of at least two
`Posting`s whose amounts sum to zero: what a member's account gains, another account
(the bank, Stripe, the pickup point's till, the shop's sales...) loses. A balance is the
sum of an account's postings, never a counter updated in place, so the ledger can always
be re-added and must always total zero across all accounts of a currency.

Amounts are signed, seen from the account holder: a member's account is positive when the
cooperative owes them money; the counterpart accounts go negative as money comes in
through them (the bank account at -50 € means 50 € came in by transfer).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

EURO = "EUR"


class AccountKind(models.TextChoices):
    MEMBER = "member", _("Member's wallet")
    BANK = "bank", _("Bank transfers received")
    CARD = "card", _("Card payments (Stripe)")
    CASH = "cash", _("Cash received at pickup points")
    SALES = "sales", _("Orders paid from wallets")
    EXCHANGE = "exchange", _("Currency exchange desk")
    OPERATOR = "operator", _("Local currency operator")
    ADJUSTMENT = "adjustment", _("Corrections by staff")
    PRODUCER = "producer", _("Producer's account")


# Accounts held by someone (a member, a producer); the others are the cooperative's own.
HELD_KINDS = (AccountKind.MEMBER, AccountKind.PRODUCER)


class Account(models.Model):
    """One balance in one currency: a member's wallet, what the cooperative owes a
    producer paid in a local currency, or a counterpart account of the cooperative (one
    per kind and currency)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    currency = models.CharField(_("currency"), max_length=12, default=EURO)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wallet_accounts",
        verbose_name=_("member"),
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wallet_accounts",
        verbose_name=_("producer"),
    )
    overdraft_limit = models.DecimalField(
        _("overdraft limit"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("How far below zero staff allow this wallet to go."),
    )
    created_at = models.DateTimeField(_("opened on"), auto_now_add=True)

    class Meta:
        verbose_name = _("wallet account")
        verbose_name_plural = _("wallet accounts")
        ordering = ["kind", "currency", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "currency"],
                condition=Q(kind="member"),
                name="wallet_one_member_account_per_currency",
            ),
            models.UniqueConstraint(
                fields=["partner", "currency"],
                condition=Q(kind="producer"),
                name="wallet_one_producer_account_per_currency",
            ),
            models.UniqueConstraint(
                fields=["kind", "currency"],
                condition=~Q(kind__in=["member", "producer"]),
                name="wallet_one_system_account_per_kind_and_currency",
            ),
            # A member's account has a member, a producer's a producer, the
            # cooperative's own accounts neither.
            models.CheckConstraint(
                condition=Q(kind="member", user__isnull=False, partner__isnull=True)
                | Q(kind="producer", user__isnull=True, partner__isnull=False)
                | (
                    ~Q(kind__in=["member", "producer"]) & Q(user__isnull=True, partner__isnull=True)
                ),
                name="wallet_accounts_have_their_holder",
            ),
            models.CheckConstraint(
                condition=Q(overdraft_limit__gte=0), name="wallet_overdraft_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == AccountKind.MEMBER:
            return f"{self.user} ({self.currency})"
        if self.kind == AccountKind.PRODUCER:
            return f"{self.partner} ({self.currency})"
        return f"{self.get_kind_display()} ({self.currency})"


class TransferKind(models.TextChoices):
    TOP_UP_CARD = "top_up_card", _("Top-up by card")
    TOP_UP_TRANSFER = "top_up_transfer", _("Top-up by bank transfer")
    TOP_UP_CASH = "top_up_cash", _("Top-up at a pickup point")
    TOP_UP_OPERATOR = "top_up_operator", _("Transfer from the currency operator")
    EXCHANGE = "exchange", _("Currency exchanged at a desk")
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")
    ADJUSTMENT = "adjustment", _("Correction")
    SETTLEMENT = "settlement", _("Settlement to a producer")


class Transfer(models.Model):
    """One journal entry. `key` makes each write idempotent: the same top-up, payment or
    statement line applied twice finds its first transfer instead of writing again."""

    kind = models.CharField(_("kind"), max_length=20, choices=TransferKind.choices)
    currency = models.CharField(_("currency"), max_length=12, default=EURO)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    reference = models.CharField(
        _("reference"), max_length=120, blank=True, help_text=_("What it pays or comes from.")
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("wallet transfer")
        verbose_name_plural = _("wallet transfers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()


class Posting(models.Model):
    """One line of a transfer: what one account gains (positive) or loses (negative)."""

    transfer = models.ForeignKey(
        Transfer, on_delete=models.PROTECT, related_name="postings", verbose_name=_("transfer")
    )
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="postings", verbose_name=_("account")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "id"], name="wallet_posting_account_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="wallet_posting_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount}"


class OverdraftChange(models.Model):
    """Who changed a member's overdraft limit, when and why (the account holds the
    current value; these rows are its history)."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="overdraft_changes")
    limit = models.DecimalField(_("new limit"), max_digits=12, decimal_places=2)
    changed_at = models.DateTimeField(_("changed on"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("overdraft change")
        verbose_name_plural = _("overdraft changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account}: {self.limit}"
