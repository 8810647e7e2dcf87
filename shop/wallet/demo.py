"""Demo wallets: a few demo members topped up by card, bank transfer and cash at a
pickup point, one of them having paid from their wallet and been granted an overdraft.

Idempotent: every transfer has a "demo:…" key, so running the demo again writes nothing
new. Written through the services, like any other movement (the card top-up is written
as the Stripe webhook would, without calling Stripe)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from . import services, transfers
from .models import AccountKind, TransferKind

# Per member, in order: (card, transfer, cash, paid) in euros; None: no such movement.
_PLAN = [
    (Decimal("50.00"), None, Decimal("20.00"), Decimal("23.40")),
    (None, Decimal("100.00"), None, Decimal("37.85")),
    (Decimal("30.00"), None, None, None),
    (None, None, Decimal("15.00"), None),
]


def load_wallet_demo(
    *, member_emails: tuple[str, ...], cashier_email: str, staff_email: str
) -> dict[str, int]:
    """Top up the wallets of the first members of `member_emails` (those that exist)."""
    users = get_user_model().objects
    cashier = users.filter(email=cashier_email).first()
    staff = users.filter(email=staff_email).first()
    wallets = 0
    for email, (card, transfer, cash, paid) in zip(member_emails, _PLAN, strict=False):
        user = users.filter(email=email).first()
        if user is None:
            continue
        wallets += 1
        if card:
            services.wallet_credit(
                user=user,
                amount=card,
                kind=TransferKind.TOP_UP_CARD,
                source=AccountKind.CARD,
                key=f"demo:card:{email}",
                reference="pi_demo",
                label="Rechargement par carte",
            )
        if transfer:
            services.wallet_credit(
                user=user,
                amount=transfer,
                kind=TransferKind.TOP_UP_TRANSFER,
                source=AccountKind.BANK,
                key=f"demo:transfer:{email}",
                reference=transfers.top_up_reference(user),
                label="Rechargement par virement",
                by=staff,
            )
        if cash:
            services.wallet_top_up_cash(
                user=user,
                amount=cash,
                by=cashier,
                place="Maison des associations",
                note="espèces",
                key=f"demo:cash:{email}",
            )
        if paid:
            services.wallet_pay(
                user=user,
                amount=paid,
                key=f"demo:payment:{email}",
                reference="DEMO-PANIER",
                label="Panier de la semaine (démo)",
            )
    first = users.filter(email=member_emails[0]).first() if member_emails else None
    if first is not None and staff is not None:
        account = services.member_account(user=first)
        if account.overdraft_limit == 0:
            services.wallet_set_overdraft(
                user=first, limit=Decimal("20.00"), by=staff, reason="Démo : découvert accordé"
            )
    return {"wallets": wallets}
