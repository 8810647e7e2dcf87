"""What the checkout remembers in the session between its steps (Oscar's fork).

On top of Oscar's data: the pickup slot chosen with a pickup point, the card payment
prepared with Stripe (PaymentIntent id, client secret and amount), and how much the
member's wallet pays.
"""

from oscar.apps.checkout import utils


class CheckoutSessionData(utils.CheckoutSessionData):
    # Delivery
    # ========

    def use_pickup(self, method_code: str, slot_key: str) -> None:
        """Collect at a pickup point: no shipping address."""
        self.reset_shipping_data()
        self.use_shipping_method(method_code)
        self._set("shipping", "pickup_slot", slot_key)

    def use_home_delivery(self, method_code: str) -> None:
        """Delivery at home: an address entered before is kept."""
        self._unset("shipping", "pickup_slot")
        self.use_shipping_method(method_code)

    def pickup_slot_key(self) -> str | None:
        return self._get("shipping", "pickup_slot")

    # Card payment
    # ============

    def set_card_payment(
        self, *, payment_intent_id: str, client_secret: str, publishable_key: str, amount: str
    ) -> None:
        self._set(
            "payment",
            "card",
            {
                "payment_intent_id": payment_intent_id,
                "client_secret": client_secret,
                "publishable_key": publishable_key,
                "amount": amount,
            },
        )

    def card_payment(self) -> dict | None:
        return self._get("payment", "card")

    def clear_card_payment(self) -> None:
        self._unset("payment", "card")

    # Wallet
    # ======

    def use_wallet(self, amount: str | None) -> None:
        """How much of the order the member's wallet pays (None: not used)."""
        if amount is None:
            self._unset("payment", "wallet")
        else:
            self._set("payment", "wallet", amount)

    def wallet_amount(self) -> str | None:
        return self._get("payment", "wallet")

    def use_local_currencies(self, amounts: dict[str, str]) -> None:
        """How much of the order each local currency pays (code → amount)."""
        self._set("payment", "local", amounts)

    def local_amounts(self) -> dict[str, str]:
        return self._get("payment", "local") or {}
