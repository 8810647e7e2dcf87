"""Moved to tests/factories/shop.py; kept while tests/community still imports from here."""

from tests.factories.shop import ClaimFactory  # noqa: F401
