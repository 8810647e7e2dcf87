"""One rate limiter for the whole site (shop/ratelimit.py over allauth's engine): every
guarded input answers 429 with a French message once its limit is spent."""

import pytest
from django.urls import reverse

from community.models import Need
from shop.ratelimit import RateLimited, rate_limit_hit
from tests.factories import UserFactory
from tests.factories.groupbuy import create_group_order
from tests.factories.shop import ClaimFactory, ProducerFactory, create_product

pytestmark = pytest.mark.django_db

LIMIT = 2
FRENCH = "Vous allez un peu vite"


def _need():
    return Need.objects.create(author=UserFactory(), title="Des lentilles")


def _commitment_url(user):
    group_order = create_group_order(members=[user], offers=[{}])
    offer = group_order.offers.get()
    return reverse(
        "groupbuy:commitment-set",
        kwargs={"slug": group_order.group.slug, "pk": group_order.pk, "offer_pk": offer.pk},
    )


# action -> a function of the member returning the URL its form posts to.
GUARDED = {
    "need": lambda user: reverse("community:needs"),
    "need_support": lambda user: reverse("community:need-support", args=[_need().pk]),
    "claim_opinion": lambda user: reverse(
        "community:claim-detail", args=[ClaimFactory(producer=ProducerFactory()).pk]
    ),
    "feedback": lambda user: reverse("community:product-feedback", args=[create_product().pk]),
    "producer_application": lambda user: reverse("community:application-create"),
    "commitment": _commitment_url,
    "postcode": lambda user: reverse("impact:set-origin"),
}


def test_every_guarded_action_has_a_limit_in_settings(settings):
    for action in [*GUARDED, "post", "comment", "reaction", "report"]:
        assert action in settings.RATE_LIMITS


@pytest.mark.parametrize("action", sorted(GUARDED))
def test_each_guarded_input_is_limited_with_a_french_429_page(client, settings, action):
    per = "ip" if action == "postcode" else "user"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, action: f"{LIMIT}/10m/{per}"}
    user = UserFactory()
    url = GUARDED[action](user)
    if per == "user":
        client.force_login(user)
    for _ in range(LIMIT):
        assert client.post(url, {}).status_code != 429
    response = client.post(url, {})
    assert response.status_code == 429
    page = response.content.decode()
    assert FRENCH in page and "Veuillez ralentir" in page
    assert "Panier Commun" in page  # in the site's layout
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("action", ["need", "commitment"])
def test_a_json_request_gets_a_json_429_in_french(client, settings, action):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, action: "1/10m/user"}
    user = UserFactory()
    url = GUARDED[action](user)
    client.force_login(user)
    client.post(url, {}, HTTP_ACCEPT="application/json")
    response = client.post(url, {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert FRENCH in response.json()["error"]


def test_limits_of_one_action_do_not_spend_another(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "need": "1/h/user", "feedback": "1/h/user"}
    user = UserFactory()
    rate_limit_hit(action="need", user=user)
    rate_limit_hit(action="feedback", user=user)
    with pytest.raises(RateLimited):
        rate_limit_hit(action="need", user=user)


def test_an_action_without_a_limit_is_a_programming_error():
    with pytest.raises(KeyError):
        rate_limit_hit(action="nothing", user=UserFactory())


def _post_postcode_from(client, forwarded_for: str):
    return client.post(GUARDED["postcode"](None), {}, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "postcode": "1/10m/ip"}
    assert _post_postcode_from(client, "203.0.113.1").status_code != 429
    assert _post_postcode_from(client, "203.0.113.2").status_code == 429


def test_behind_one_trusted_proxy_each_visitor_has_their_own_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "postcode": "1/10m/ip"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert _post_postcode_from(client, "203.0.113.1").status_code != 429
    assert _post_postcode_from(client, "203.0.113.2").status_code != 429
    assert _post_postcode_from(client, "203.0.113.1").status_code == 429
