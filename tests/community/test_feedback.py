"""Reviews of products and producers: verified buyers only ("achat vérifié"), one each,
and the producer answers each review once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.feedback import services as feedback
from community.models import ProducerFeedback, ProductFeedback
from tests.factories import ProducerFactory, UserFactory, create_product
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def bought():
    producer = ProducerFactory(name="Miellerie du Diois")
    product = create_product(title="Miel de lavande", producer=producer)
    buyer = UserFactory()
    place_order(number="200001", user=buyer, items=[(product, 1)], status="paid", pickup=False)
    owner = UserFactory()
    producer.users.add(owner)
    return producer, product, buyer, owner


def test_a_verified_buyer_reviews_the_product(bought):
    _producer, product, buyer, _owner = bought
    review = feedback.product_feedback_create(
        product=product, author=buyer, rating=5, text="Excellent, très parfumé."
    )
    assert review.verified_purchase
    with pytest.raises(ValidationError):
        feedback.product_feedback_create(product=product, author=buyer, rating=4, text="Encore")


def test_a_member_who_did_not_buy_cannot_review(bought):
    _producer, product, _buyer, _owner = bought
    with pytest.raises(PermissionDenied):
        feedback.product_feedback_create(product=product, author=UserFactory(), rating=1, text="x")
    assert not ProductFeedback.objects.exists()


def test_cancelled_or_unpaid_orders_do_not_count(bought):
    _producer, product, _buyer, _owner = bought
    for number, status in (("200002", "cancelled"), ("200003", "pending_payment")):
        member = UserFactory()
        place_order(number=number, user=member, items=[(product, 1)], status=status, pickup=False)
        with pytest.raises(PermissionDenied):
            feedback.product_feedback_create(product=product, author=member, rating=3, text="x")


def test_rating_is_between_one_and_five(bought):
    _producer, product, buyer, _owner = bought
    with pytest.raises(ValidationError):
        feedback.product_feedback_create(product=product, author=buyer, rating=6, text="x")


def test_producer_feedback_by_a_buyer_and_the_answer_once(bought):
    producer, _product, buyer, owner = bought
    review = feedback.producer_feedback_create(
        producer=producer, author=buyer, rating=4, text="Accueil chaleureux au marché."
    )
    assert review.verified_purchase
    with pytest.raises(PermissionDenied):
        feedback.producer_feedback_create(
            producer=ProducerFactory(), author=buyer, rating=4, text="Jamais acheté."
        )
    with pytest.raises(PermissionDenied):
        feedback.feedback_answer(feedback=review, user=UserFactory(), answer="Merci")
    answered = feedback.feedback_answer(feedback=review, user=owner, answer="Merci de votre visite")
    assert answered.answered_by == owner and answered.answered_at
    with pytest.raises(ValidationError):
        feedback.feedback_answer(feedback=review, user=owner, answer="Une seconde réponse")
    assert ProducerFeedback.objects.get().answer == "Merci de votre visite"


def test_product_page_offers_the_form_to_verified_buyers_only(client, bought):
    _producer, product, buyer, owner = bought
    url = product.get_absolute_url()
    client.force_login(UserFactory())
    assert "review-form" not in client.get(url).content.decode()
    client.force_login(buyer)
    assert "review-form" in client.get(url).content.decode()
    response = client.post(
        f"/communaute/avis/produit/{product.pk}/", {"rating": "5", "text": "Parfait"}
    )
    assert response.status_code == 302
    review = ProductFeedback.objects.get()
    page = client.get(url).content.decode()
    assert "Parfait" in page and "review-form" not in page

    client.force_login(owner)
    client.post(f"/communaute/avis/produit/reponse/{review.pk}/", {"answer": "Merci !"})
    client.post(f"/communaute/avis/produit/reponse/{review.pk}/", {"answer": "Bis"})
    review.refresh_from_db()
    assert review.answer == "Merci !"


def test_producer_page_shows_reviews_and_form(client, bought):
    producer, _product, buyer, _owner = bought
    client.force_login(buyer)
    assert "review-form" in client.get(producer.get_absolute_url()).content.decode()
    client.post(f"/communaute/avis/producteur/{producer.pk}/", {"rating": "4", "text": "Top"})
    assert ProducerFeedback.objects.filter(producer=producer, author=buyer).exists()
