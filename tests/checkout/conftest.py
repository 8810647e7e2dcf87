import pytest

from tests.factories import make_pickup_point


@pytest.fixture
def point():
    """A pickup point open every day, so it always has a slot tomorrow."""
    return make_pickup_point()
