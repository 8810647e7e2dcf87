"""Distribution writes: create, publish, quantities, clone and repeat, reservation."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from shop.distributions import selectors, services
from shop.distributions.models import DistributionEvent, DistributionOffer, DistributionStatus
from tests.factories import (
    ProducerFactory,
    UserFactory,
    create_product,
    make_distribution,
    make_pickup_point,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def _create(by, point, producer, **dates):
    fields = {
        "opens_at": _at(2026, 3, 16, 8),
        "closes_at": _at(2026, 3, 18, 20),
        "starts_at": _at(2026, 3, 20, 17),
        "ends_at": _at(2026, 3, 20, 19),
        **dates,
    }
    return services.distribution_create(
        title="Vendredi", pickup_points=[point], producers=[producer], by=by, **fields
    )


@pytest.mark.django_db
def test_create_publish_is_audited():
    staff = UserFactory(is_staff=True)
    producer = ProducerFactory()
    product = create_product(producer=producer)
    distribution = _create(staff, make_pickup_point(), producer)
    assert distribution.status == DistributionStatus.DRAFT
    with pytest.raises(services.DistributionError):
        services.distribution_publish(distribution=distribution, by=staff)
    services.distribution_offer_set(
        distribution=distribution, product=product, quantity=5, by=staff
    )
    services.distribution_publish(distribution=distribution, by=staff)
    distribution.refresh_from_db()
    assert distribution.status == DistributionStatus.PUBLISHED
    actions = list(distribution.events.values_list("action", "by"))
    assert (DistributionEvent.Action.CREATE, staff.pk) in actions
    assert (DistributionEvent.Action.PUBLISH, staff.pk) in actions


@pytest.mark.django_db
def test_dates_must_be_in_order():
    point, producer = make_pickup_point(), ProducerFactory()
    with pytest.raises(services.DistributionError):
        _create(None, point, producer, closes_at=_at(2026, 3, 21, 8))
    with pytest.raises(services.DistributionError):
        _create(None, point, producer, ends_at=_at(2026, 3, 20, 16))


@pytest.mark.django_db
def test_quantity_never_below_what_is_sold():
    product = create_product()
    distribution = make_distribution(offers={product: 5})
    services.distribution_reserve(distribution=distribution, lines={product.pk: 3})
    with pytest.raises(services.DistributionError):
        services.distribution_offer_set(
            distribution=distribution, product=product, quantity=2, by=None
        )
    offer = services.distribution_offer_set(
        distribution=distribution, product=product, quantity=4, by=None
    )
    assert (offer.quantity, offer.sold, selectors.available_quantity(offer)) == (4, 3, 1)


@pytest.mark.django_db
def test_clone_shifts_every_date_and_copies_offers_without_sales():
    product = create_product()
    source = make_distribution(offers={product: 7})
    services.distribution_reserve(distribution=source, lines={product.pk: 2})
    target = source.starts_at + datetime.timedelta(days=14)
    copy = services.distribution_clone(distribution=source, starts_at=target, by=None)
    assert copy.starts_at == target
    assert copy.closes_at - source.closes_at == datetime.timedelta(days=14)
    assert copy.status == DistributionStatus.DRAFT
    assert copy.series == source.series
    assert list(copy.pickup_points.all()) == list(source.pickup_points.all())
    assert [(o.product_id, o.quantity, o.sold) for o in copy.offers.all()] == [(product.pk, 7, 0)]


@pytest.mark.django_db
def test_repeat_weekly_keeps_the_wall_clock_time_across_daylight_saving():
    staff = UserFactory(is_staff=True)
    distribution = _create(staff, make_pickup_point(), ProducerFactory())
    copies = services.distribution_repeat(
        distribution=distribution, every="weekly", count=3, by=staff
    )
    starts = [timezone.localtime(c.starts_at, PARIS) for c in copies]
    # 29 March 2026: clocks go forward; the pickup stays at 17:00 local time.
    assert [s.date() for s in starts] == [
        datetime.date(2026, 3, 27),
        datetime.date(2026, 4, 3),
        datetime.date(2026, 4, 10),
    ]
    assert {(s.hour, s.minute) for s in starts} == {(17, 0)}


@pytest.mark.django_db
def test_repeat_every_n_weeks_and_monthly():
    distribution = _create(None, make_pickup_point(), ProducerFactory())
    fortnight = services.distribution_repeat(
        distribution=distribution, every="every_n_weeks", n=2, count=2, by=None
    )
    assert [timezone.localtime(c.starts_at, PARIS).date() for c in fortnight] == [
        datetime.date(2026, 4, 3),
        datetime.date(2026, 4, 17),
    ]
    monthly = services.distribution_repeat(
        distribution=distribution, every="monthly", count=2, by=None
    )
    assert [timezone.localtime(c.starts_at, PARIS).date() for c in monthly] == [
        datetime.date(2026, 4, 20),
        datetime.date(2026, 5, 20),
    ]
    with pytest.raises(services.DistributionError):
        services.distribution_repeat(distribution=distribution, every="weekly", count=0, by=None)


@pytest.mark.django_db
def test_reserve_refuses_beyond_what_is_left_and_reserves_nothing():
    a, b = create_product(title="Carottes"), create_product(title="Poireaux")
    distribution = make_distribution(offers={a: 5, b: 1})
    with pytest.raises(services.DistributionShortage) as refusal:
        services.distribution_reserve(
            distribution=distribution, lines={a.pk: 2, b.pk: 2}, titles={b.pk: "Poireaux"}
        )
    assert "Poireaux" in refusal.value.message
    assert list(DistributionOffer.objects.values_list("sold", flat=True)) == [0, 0]


@pytest.mark.django_db
def test_reserve_refuses_a_product_not_offered():
    product, other = create_product(title="Carottes"), create_product(title="Navets")
    distribution = make_distribution(offers={product: 5})
    with pytest.raises(services.DistributionShortage):
        services.distribution_reserve(distribution=distribution, lines={other.pk: 1})


@pytest.mark.django_db
def test_one_distribution_sales_never_touch_another():
    product = create_product()
    first = make_distribution(offers={product: 3})
    second = make_distribution(offers={product: 3})
    services.distribution_reserve(distribution=first, lines={product.pk: 3})
    assert selectors.quantities_left(first, [product.pk]) == {product.pk: 0}
    assert selectors.quantities_left(second, [product.pk]) == {product.pk: 3}


@pytest.mark.django_db
def test_reserve_after_closing_is_refused_with_the_date():
    product = create_product()
    distribution = make_distribution(offers={product: 3})
    late = distribution.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(services.OrderingClosed) as refusal:
        services.distribution_reserve(distribution=distribution, lines={product.pk: 1}, at=late)
    closes_at = date_format(timezone.localtime(distribution.closes_at), "DATETIME_FORMAT")
    assert "closes depuis le" in refusal.value.message and closes_at in refusal.value.message


@pytest.mark.django_db
def test_close_once():
    distribution = make_distribution()
    assert services.distribution_close(distribution=distribution) is True
    assert services.distribution_close(distribution=distribution) is False
    distribution.refresh_from_db()
    assert distribution.closed_at is not None and distribution.status == "closed"


@pytest.mark.django_db
def test_open_distributions_and_next_for_a_point():
    point = make_pickup_point()
    later = make_distribution(points=[point], starts_in=datetime.timedelta(days=10))
    sooner = make_distribution(points=[point])
    make_distribution(status=DistributionStatus.DRAFT, points=[point])
    make_distribution(
        points=[point],
        opens_in=-datetime.timedelta(days=5),
        closes_in=-datetime.timedelta(days=1),
    )
    assert list(selectors.open_distributions(pickup_point=point)) == [sooner, later]
    assert selectors.next_distribution_for(point) == sooner


@pytest.mark.django_db
def test_coordinators_manage_distributions_at_their_points():
    from groupbuy.models import BuyingGroup, Membership

    point, elsewhere = make_pickup_point(), make_pickup_point(slug="ailleurs", name="Ailleurs")
    group = BuyingGroup.objects.create(name="G", slug="g")
    group.pickup_points.add(point)
    coordinator, member = UserFactory(), UserFactory()
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    Membership.objects.create(group=group, user=member)
    mine = make_distribution(points=[point])
    theirs = make_distribution(points=[elsewhere])
    assert list(selectors.managed_distributions(coordinator)) == [mine]
    assert list(selectors.managed_distributions(member)) == []
    from shop.distributions import access

    assert access.may_manage(coordinator, mine) and not access.may_manage(coordinator, theirs)
    assert set(selectors.managed_distributions(UserFactory(is_staff=True))) == {mine, theirs}
