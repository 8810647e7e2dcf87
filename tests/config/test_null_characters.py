"""NUL characters (\\x00) never reach the database: forms refuse them (Django's
ProhibitNullCharactersValidator), and the inputs that bypass forms check them too."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from community.models import Post
from shop.impact.csv_import import product_csv_import
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer_and_user():
    producer = ProducerFactory()
    user = UserFactory(is_staff=True)
    producer.users.add(user)
    ProductClassFactory(name="Alimentaire", vat_rate=Decimal("0.0550"))
    return producer, user


def test_the_csv_import_names_the_line_and_field_of_a_nul_and_imports_nothing(
    producer_and_user,
):
    producer, user = producer_and_user
    text = (
        "reference;titre;description;prix_ht;stock\n"
        "A;Miel;Bon;10;1\n"
        "B;Confiture;Fraise\x00 des bois;5;2\n"
        "C;Pa\x00in;;3;1\n"
    )
    with translation.override("fr"):
        result = product_csv_import(producer=producer, file=io.BytesIO(text.encode()), user=user)
    assert result.errors == [
        "Ligne 3, champ « description » : il contient un caractère nul (NUL) : supprimez-le.",
        "Ligne 4, champ « titre » : il contient un caractère nul (NUL) : supprimez-le.",
    ]
    assert not Product.objects.exists()


def test_a_form_refuses_a_nul_with_a_french_error(client):
    client.force_login(UserFactory())
    response = client.post(reverse("community:post-create"), {"body": "Bonjour\x00"})
    assert response.status_code == 200
    assert "Le caractère nul n’est pas autorisé." in response.content.decode()
    assert not Post.objects.exists()


def test_the_json_reaction_endpoint_refuses_a_nul(client):
    post = Post.objects.create(author=UserFactory(), body="Un message")
    client.force_login(UserFactory())
    response = client.post(
        reverse("community:react", args=[post.pk]),
        {"kind": "merci\x00"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "error" in response.json()
    assert not post.reactions.exists()


def test_the_site_search_treats_a_nul_as_a_space(client):
    response = client.get(reverse("site-search"), {"q": "miel\x00lavande"})
    assert response.status_code == 200
    assert response.context["query"] == "miel lavande"
