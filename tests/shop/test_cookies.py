"""Only strictly necessary cookies, without a browser (tests/e2e/test_cookies.py walks the
whole journey): Oscar's "recently viewed" cookie is off and flash messages ride in the
session, not in a cookie of their own."""

import pytest
from django.conf import settings
from django.urls import reverse

from shop.legal.cookies import strictly_necessary_cookies
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def test_viewing_a_product_sets_no_history_cookie(client):
    product = create_product()
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    assert settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME not in response.cookies


def test_adding_to_the_basket_sets_only_listed_cookies(client):
    product = create_product()
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    listed = {cookie.name for cookie in strictly_necessary_cookies()}
    assert set(response.cookies) <= listed
    assert "messages" not in response.cookies  # the "added" message is in the session
    assert settings.OSCAR_BASKET_COOKIE_OPEN in response.cookies


def test_the_list_names_the_cookies_settings_give_them():
    assert [cookie.name for cookie in strictly_necessary_cookies()] == [
        "sessionid",
        "csrftoken",
        "oscar_open_basket",
        "django_language",
    ]
    assert all(cookie.purpose and cookie.lifetime for cookie in strictly_necessary_cookies())
