"""The members' prepaid wallet: a double-entry ledger of euro (and local currency)
balances, topped up by card, bank transfer or cash at a pickup point, spent on orders."""
