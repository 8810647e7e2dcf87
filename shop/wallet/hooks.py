"""What the wallet plugs into the shop's registries at WalletConfig.ready(): the bank
statement's matcher for "PM-…" references and the card top-ups' PaymentIntent purpose."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from shop.payments import intents
from shop.payments.bank_statements import registry

from . import cards, transfers


def register() -> None:
    registry.register_matcher(
        prefix=transfers.REFERENCE_PREFIX,
        label=gettext_lazy("Wallet top-up"),
        apply=transfers.apply_statement_line,
    )
    intents.register_purpose(cards.PURPOSE, cards.reconcile_card_top_up)
