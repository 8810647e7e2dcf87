"""The card tests run against localstripe, through the payments tests' fixtures."""

from tests.payments.conftest import (  # noqa: F401  (fixtures)
    localstripe_url,
    stripe_client,
    stripe_on,
)
