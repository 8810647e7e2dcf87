import pytest

from tests.cms.helpers import education_index


@pytest.fixture
def index():
    """A published education index under the home page, for articles."""
    return education_index()
