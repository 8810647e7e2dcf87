"""The needs board: one support per member, open → answered → fulfilled or closed,
producers answer with one of their products."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Need, NeedSupport
from community.needs import services as needs
from community.needs.selectors import needs_board
from tests.factories import ProducerFactory, UserFactory, create_product

from .guarantee_helpers import facilitator

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return needs.need_create(
        author=UserFactory(), title="Farine bio locale", description="T80, pour le pain"
    )


def producer_with_user():
    producer = ProducerFactory()
    user = UserFactory()
    producer.users.add(user)
    return producer, user


def test_one_support_per_member(need):
    member = UserFactory()
    needs.need_support(need=need, user=member)
    with pytest.raises(ValidationError):
        needs.need_support(need=need, user=member)
    needs.need_support(need=need, user=UserFactory())
    assert NeedSupport.objects.filter(need=need).count() == 2
    assert needs_board().get(pk=need.pk).support_count == 2


def test_producer_answers_with_its_product_and_the_need_is_answered(need):
    producer, user = producer_with_user()
    flour = create_product(title="Farine T80", producer=producer)
    other = create_product(title="Farine d'ailleurs")
    with pytest.raises(ValidationError):
        needs.need_offer(need=need, producer=producer, user=user, product=other)
    with pytest.raises(PermissionDenied):
        needs.need_offer(need=need, producer=producer, user=UserFactory(), product=flour)
    offer = needs.need_offer(
        need=need, producer=producer, user=user, product=flour, message="Moulue à la meule"
    )
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED and offer.product == flour
    with pytest.raises(ValidationError):
        needs.need_offer(need=need, producer=producer, user=user, product=flour)


def test_states_answered_to_fulfilled_and_no_way_back(need):
    producer, user = producer_with_user()
    with pytest.raises(ValidationError):  # open cannot be fulfilled directly
        needs.need_fulfil(need=need, user=need.author)
    needs.need_offer(need=need, producer=producer, user=user)
    with pytest.raises(PermissionDenied):
        needs.need_fulfil(need=need, user=UserFactory())
    needs.need_fulfil(need=need, user=need.author)
    need.refresh_from_db()
    assert need.status == Need.Status.FULFILLED
    with pytest.raises(ValidationError):
        needs.need_close(need=need, user=need.author)
    with pytest.raises(ValidationError):
        needs.need_support(need=need, user=UserFactory())


def test_facilitator_closes_an_open_need(need):
    needs.need_close(need=need, user=facilitator())
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED


def test_needs_board_pages(client):
    author = UserFactory()
    client.force_login(author)
    response = client.post(
        "/communaute/besoins/", {"title": "Savon local", "description": "Sans huile de palme"}
    )
    need = Need.objects.get(title="Savon local")
    assert response.status_code == 302 and response["Location"].endswith(f"/{need.pk}/")
    client.force_login(UserFactory())
    client.post(f"/communaute/besoins/{need.pk}/soutenir/")
    client.post(f"/communaute/besoins/{need.pk}/soutenir/")
    assert need.supports.count() == 1
    page = client.get("/communaute/besoins/").content.decode()
    assert "Savon local" in page

    producer, user = producer_with_user()
    soap = create_product(title="Savon au lait d'ânesse", producer=producer)
    client.force_login(user)
    assert "Savon au lait" in client.get(f"/communaute/besoins/{need.pk}/").content.decode()
    client.post(
        f"/communaute/besoins/{need.pk}/proposer/",
        {"producer": producer.pk, "product": soap.pk, "message": "Fabriqué à Die"},
    )
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    assert "Fabriqué à Die" in client.get(f"/communaute/besoins/{need.pk}/").content.decode()


def test_public_pages_render_for_anonymous_visitors(client):
    from .guarantee_helpers import producer_claim

    claim = producer_claim()
    need = needs.need_create(author=UserFactory(), title="Lentilles vertes")
    for url in (
        "/communaute/besoins/",
        f"/communaute/besoins/{need.pk}/",
        "/communaute/colleges/",
        f"/communaute/declarations/{claim.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(f"/communaute/besoins/{need.pk}/soutenir/")
    assert response.status_code == 302 and not need.supports.exists()
