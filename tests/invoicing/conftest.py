from tests.producer_orders.orders import world  # noqa: F401  (fixture)
