import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted by their English msgids (the French ones are in the .po)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
