"""Staff screens for commission rates and logistics fees (#13 point 6): staff only, bad
input back with its reason (400) and nothing written, every change audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from shop.pricing.models import CommissionRate, LogisticsFee, PricingChange
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory, create_product

pytestmark = pytest.mark.django_db

INDEX = reverse("pricing-dashboard:index")


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def producer_manager():
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    return user


@pytest.mark.parametrize(
    "url",
    [
        INDEX,
        reverse("pricing-dashboard:rate-create"),
        reverse("pricing-dashboard:fee-create"),
    ],
)
def test_only_staff_may_open_the_pricing_screens(client, url):
    response = client.get(url)
    assert response.status_code == 302  # to the sign-in page
    for user in (UserFactory(), producer_manager()):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"percent": "1"}).status_code == 403
    assert not CommissionRate.objects.exists() and not LogisticsFee.objects.exists()


def test_staff_see_the_screen_in_the_dashboard_menu(staff_client):
    html = staff_client.get(reverse("dashboard:index")).content.decode()
    assert INDEX in html
    page = staff_client.get(INDEX).content.decode()
    assert "Commissions et frais logistiques" in page
    assert "Aucun taux de commission pour l'instant" in page


def test_staff_add_edit_and_delete_a_commission_rate(staff_client):
    farm = ProducerFactory(name="Ferme du Pic")
    food = ProductClassFactory(name="Alimentaire")
    response = staff_client.post(
        reverse("pricing-dashboard:rate-create"),
        {"partner": farm.pk, "product_class": food.pk, "percent": "12.5", "note": "AMAP"},
    )
    assert response.status_code == 302, response.content.decode()
    rate = CommissionRate.objects.get()
    assert (rate.partner, rate.product_class, rate.percent) == (farm, food, Decimal("12.50"))
    assert "Ferme du Pic" in staff_client.get(INDEX).content.decode()

    url = reverse("pricing-dashboard:rate-update", kwargs={"pk": rate.pk})
    assert staff_client.get(url).status_code == 200
    staff_client.post(url, {"partner": farm.pk, "product_class": food.pk, "percent": "10"})
    rate.refresh_from_db()
    assert rate.percent == Decimal("10.00")

    delete = reverse("pricing-dashboard:rate-delete", kwargs={"pk": rate.pk})
    assert staff_client.get(delete).status_code == 200
    assert staff_client.post(delete, {"note": "fin du contrat"}).status_code == 302
    assert not CommissionRate.objects.exists()
    changes = list(PricingChange.objects.order_by("pk").values_list("action", "note"))
    assert changes == [
        ("commission_saved", "AMAP"),
        ("commission_saved", ""),
        ("commission_deleted", "fin du contrat"),
    ]
    assert all(change.by.is_staff for change in PricingChange.objects.all())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"percent": "10"}, "Choisissez un producteur, une classe de produits, ou les deux."),
        ({"percent": "120", "product_class": "CLASS"}, "100"),
        ({"percent": "", "product_class": "CLASS"}, "requis"),
    ],
)
def test_bad_commission_input_is_refused_with_its_reason(staff_client, data, message):
    food = ProductClassFactory(name="Alimentaire")
    data = {key: food.pk if value == "CLASS" else value for key, value in data.items()}
    response = staff_client.post(reverse("pricing-dashboard:rate-create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommissionRate.objects.exists() and not PricingChange.objects.exists()


def test_a_second_rate_for_the_same_scope_is_refused(staff_client):
    food = ProductClassFactory(name="Alimentaire")
    url = reverse("pricing-dashboard:rate-create")
    staff_client.post(url, {"product_class": food.pk, "percent": "10"})
    response = staff_client.post(url, {"product_class": food.pk, "percent": "11"})
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert CommissionRate.objects.get().percent == Decimal("10")


def test_staff_add_a_logistics_fee_and_shoppers_see_it(staff_client, client):
    product = create_product(title="Miel", price_excl_tax=Decimal("10.00"))
    url = reverse("pricing-dashboard:fee-create")
    form = {"label": "Transport", "kind": "per_unit", "amount": "0.40", "scope": "all"}
    response = staff_client.post(url, {**form, "is_active": "on", "note": "camion"})
    assert response.status_code == 302, response.content.decode()
    fee = LogisticsFee.objects.get()
    assert (fee.amount, fee.partner, fee.updated_by.is_staff) == (Decimal("0.40"), None, True)
    assert PricingChange.objects.get().note == "camion"
    text = client.get(product.get_absolute_url()).content.decode()
    assert "0,40\xa0€ à la logistique" in text or "0,40 € à la logistique" in text


@pytest.mark.parametrize(
    ("form", "field_message"),
    [
        ({"kind": "per_unit", "amount": "1", "scope": "producer"}, "Choisissez le producteur"),
        ({"kind": "per_unit", "amount": "1", "scope": "product_class"}, "Choisissez la classe"),
        ({"kind": "percent", "amount": "150", "scope": "all"}, "ne peut pas dépasser 100"),
        ({"kind": "per_unit", "amount": "-1", "scope": "all"}, "supérieure ou égale à 0"),
    ],
)
def test_bad_fee_input_is_refused_with_its_reason(staff_client, form, field_message):
    response = staff_client.post(
        reverse("pricing-dashboard:fee-create"), {"label": "Frais", "is_active": "on", **form}
    )
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not LogisticsFee.objects.exists() and not PricingChange.objects.exists()


def test_a_producer_fee_keeps_only_its_producer(staff_client):
    farm = ProducerFactory()
    food = ProductClassFactory(name="Alimentaire")
    data = {
        "label": "Froid",
        "kind": "percent",
        "amount": "2",
        "scope": "producer",
        "partner": farm.pk,
        "product_class": food.pk,  # left over in the form: ignored for this scope
        "is_active": "on",
    }
    assert staff_client.post(reverse("pricing-dashboard:fee-create"), data).status_code == 302
    fee = LogisticsFee.objects.get()
    assert (fee.partner, fee.product_class) == (farm, None)
    delete = reverse("pricing-dashboard:fee-delete", kwargs={"pk": fee.pk})
    assert staff_client.post(delete).status_code == 302
    assert not LogisticsFee.objects.exists()
