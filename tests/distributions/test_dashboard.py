"""Distributions in the dashboard: staff all, coordinators at their groups' points."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.distributions.models import Distribution, DistributionOffer, DistributionStatus
from tests.factories import (
    ProducerFactory,
    UserFactory,
    create_product,
    make_distribution,
    make_pickup_point,
)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client():
    return _client(UserFactory(is_staff=True))


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _form(point, producer, **overrides):
    now = timezone.now()
    return {
        "title": "Vente de printemps",
        "opens_at": _local(now),
        "closes_at": _local(now + datetime.timedelta(days=2)),
        "starts_at": _local(now + datetime.timedelta(days=3)),
        "ends_at": _local(now + datetime.timedelta(days=3, hours=2)),
        "pickup_points": [point.pk],
        "producers": [producer.pk],
        **overrides,
    }


@pytest.mark.django_db
def test_staff_create_set_quantities_and_publish(staff_client):
    point, producer = make_pickup_point(), ProducerFactory()
    carrots = create_product(title="Carottes", producer=producer)
    create_product(title="Autre producteur")
    response = staff_client.post(reverse("distributions-dashboard:create"), _form(point, producer))
    distribution = Distribution.objects.get()
    assert response.url == reverse("distributions-dashboard:offers", kwargs={"pk": distribution.pk})

    page = staff_client.get(response.url)
    assert [product.title for product, _field, _sold in page.context["rows"]] == ["Carottes"]
    staff_client.post(response.url, {f"quantity_{carrots.pk}": "12"})
    assert DistributionOffer.objects.get().quantity == 12

    staff_client.post(reverse("distributions-dashboard:publish", kwargs={"pk": distribution.pk}))
    distribution.refresh_from_db()
    assert distribution.status == DistributionStatus.PUBLISHED
    listing = staff_client.get(reverse("distributions-dashboard:index"))
    assert "Vente de printemps" in listing.content.decode()


@pytest.mark.django_db
def test_form_errors_are_shown_and_nothing_is_written(staff_client):
    point, producer = make_pickup_point(), ProducerFactory()
    now = timezone.now()
    response = staff_client.post(
        reverse("distributions-dashboard:create"),
        _form(point, producer, closes_at=_local(now + datetime.timedelta(days=4))),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_at"]
    assert not Distribution.objects.exists()


@pytest.mark.django_db
def test_quantity_below_sold_is_refused_on_its_field(staff_client):
    carrots = create_product(title="Carottes")
    distribution = make_distribution(offers={carrots: 5})
    DistributionOffer.objects.update(sold=3)
    url = reverse("distributions-dashboard:offers", kwargs={"pk": distribution.pk})
    response = staff_client.post(url, {f"quantity_{carrots.pk}": "2"})
    assert response.status_code == 200
    assert response.context["form"].errors[f"quantity_{carrots.pk}"]
    assert DistributionOffer.objects.get().quantity == 5


@pytest.mark.django_db
def test_clone_and_repeat(staff_client):
    carrots = create_product(title="Carottes")
    distribution = make_distribution(offers={carrots: 5})
    target = distribution.starts_at + datetime.timedelta(days=7)
    response = staff_client.post(
        reverse("distributions-dashboard:clone", kwargs={"pk": distribution.pk}),
        {"starts_at": _local(target)},
    )
    copy = Distribution.objects.exclude(pk=distribution.pk).get()
    assert response.url == reverse("distributions-dashboard:update", kwargs={"pk": copy.pk})
    assert copy.offers.get().quantity == 5
    staff_client.post(
        reverse("distributions-dashboard:repeat", kwargs={"pk": distribution.pk}),
        {"every": "every_n_weeks", "n": "2", "count": "3"},
    )
    assert Distribution.objects.count() == 5


@pytest.mark.django_db
def test_coordinator_manages_only_the_distributions_at_their_points():
    from groupbuy.models import BuyingGroup, Membership

    point, elsewhere = make_pickup_point(), make_pickup_point(slug="ailleurs", name="Ailleurs")
    group = BuyingGroup.objects.create(name="G", slug="g")
    group.pickup_points.add(point)
    coordinator = UserFactory()
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    mine = make_distribution(title="La mienne", points=[point])
    theirs = make_distribution(title="La leur", points=[elsewhere])
    client = _client(coordinator)
    listing = client.get(reverse("distributions-dashboard:index")).content.decode()
    assert "La mienne" in listing and "La leur" not in listing
    assert (
        client.get(reverse("distributions-dashboard:update", kwargs={"pk": mine.pk})).status_code
        == 200
    )
    assert (
        client.get(reverse("distributions-dashboard:update", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    # The form offers only their points.
    form = client.get(reverse("distributions-dashboard:create")).context["form"]
    assert list(form.fields["pickup_points"].queryset) == [point]


@pytest.mark.django_db
def test_members_and_visitors_are_kept_out(client):
    url = reverse("distributions-dashboard:index")
    assert client.get(url).status_code == 302
    assert _client(UserFactory()).get(url).status_code == 403
