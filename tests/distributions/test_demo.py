"""The demo distributions: next week's and the week after's, with stock per producer;
loading twice changes nothing."""

import datetime

import pytest
from django.utils import timezone

from shop.distributions.demo import demo_fridays, load_distributions_demo
from shop.distributions.models import Distribution, DistributionOffer
from shop.distributions.selectors import open_distributions
from tests.factories import ProducerFactory, create_product, make_pickup_point


def test_demo_fridays_are_next_week_and_the_week_after():
    thursday = datetime.date(2026, 12, 3)
    assert demo_fridays(thursday) == [datetime.date(2026, 12, 11), datetime.date(2026, 12, 18)]


@pytest.mark.django_db
def test_demo_is_open_with_stock_per_producer_and_idempotent():
    point = make_pickup_point()
    first, second = ProducerFactory(name="Ferme A"), ProducerFactory(name="Ferme B")
    create_product(title="Carottes", producer=first)
    create_product(title="Chèvre", producer=second)
    load_distributions_demo(pickup_points=[point])
    DistributionOffer.objects.update(sold=1)  # orders placed meanwhile are kept
    load_distributions_demo(pickup_points=[point])

    assert Distribution.objects.count() == 2
    assert list(open_distributions()) == list(Distribution.objects.order_by("starts_at"))
    for distribution in Distribution.objects.all():
        assert timezone.localtime(distribution.starts_at).weekday() == 4
        assert set(distribution.producers.all()) == {first, second}
        assert distribution.offers.count() == 2
    assert set(DistributionOffer.objects.values_list("sold", flat=True)) == {1}
