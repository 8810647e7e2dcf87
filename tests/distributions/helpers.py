"""Walking a basket filled for a distribution through the checkout."""

from django.urls import reverse

from tests.checkout.helpers import add_to_basket, choose_payment


def choose(client, distribution, **extra):
    return client.post(reverse("distributions:choose"), {"distribution": distribution.pk, **extra})


def walk_to_preview(client, distribution, product, point, *, quantity=1, method="transfer"):
    choose(client, distribution)
    add_to_basket(client, product, quantity)
    response = client.post(
        reverse("checkout:shipping-method"),
        {"method": point.shipping_code, f"slot_{point.pk}": f"distribution-{distribution.pk}"},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert choose_payment(client, method).url == reverse("checkout:preview")
    assert client.get(reverse("checkout:preview")).status_code == 200
