"""Local complementary currencies (monnaies locales): members hold balances in them,
accepting producers are paid in them at checkout, and the cooperative settles what it
owes each producer. One unit of a local currency is worth one euro."""
