"""Producer pages of the dashboard: a producer's user reaches its own data, never another's."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from shop.impact.dashboard.permissions import can_access_producer_dashboard, managed_producers
from shop.impact.models import EVIDENCE_MAX_BYTES, Claim, Criterion, Dimension
from tests.factories import ProducerFactory, UserFactory, create_product, producer_user

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(f"impact-dashboard:{name}", kwargs=kwargs)


@pytest.fixture
def dimension():
    return Dimension.objects.create(code="test-social", name="Social (test)")


@pytest.fixture
def yes_no(dimension):
    return Criterion.objects.create(
        dimension=dimension, code="test-bio", name="Organic (test)", validity_months=12
    )


@pytest.fixture
def percentage(dimension):
    return Criterion.objects.create(
        dimension=dimension,
        code="test-part-producteur",
        name="Producer share (test)",
        value_type=Criterion.ValueType.PERCENTAGE,
        scope=Criterion.Scope.PRODUCT,
    )


@pytest.fixture
def world(yes_no, percentage):
    """Producers A and B, each with a user, a product and claims."""
    a, b = ProducerFactory(name="Ferme A"), ProducerFactory(name="Ferme B")
    data = {"a": a, "b": b, "user_a": producer_user(a), "user_b": producer_user(b)}
    for key, producer in (("a", a), ("b", b)):
        product = create_product(
            title=f"Miel {key.upper()}", producer=producer, category_name="Miels"
        )
        data[f"product_{key}"] = product
        data[f"claim_{key}"] = Claim.objects.create(
            criterion=yes_no, producer=producer, value_bool=True, valid_until=_in_a_year()
        )
        data[f"product_claim_{key}"] = Claim.objects.create(
            criterion=percentage,
            producer=producer,
            product=product,
            value_number=Decimal("60"),
            valid_until=_in_a_year(),
        )
    return data


@pytest.fixture
def client_a(client, world):
    client.force_login(world["user_a"])
    return client


def _in_a_year() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=365)


def claim_data(criterion, **overrides) -> dict:
    data = {
        "criterion": criterion.pk,
        "product": "",
        "value_bool": "true",
        "evidence_text": "",
        "evidence_url": "",
        "source": "self",
        "certifier": "",
        "certificate_number": "",
        "valid_from": datetime.date.today().isoformat(),
        "valid_until": "",
    }
    return {**data, **overrides}


# --- Access ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(url("producer-list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", ["producer-list", "producer-update", "claim-list"])
def test_member_without_dashboard_permission_gets_403(client, world, name):
    member = UserFactory()
    world["a"].users.add(member)  # listed, but without the permission
    client.force_login(member)
    kwargs = {} if name == "producer-list" else {"pk": world["a"].pk}
    assert client.get(url(name, **kwargs)).status_code == 403


def test_managed_producers_helper(world):
    staff = UserFactory(is_staff=True)
    assert list(managed_producers(world["user_a"])) == [world["a"]]
    assert set(managed_producers(staff)) >= {world["a"], world["b"]}
    assert not managed_producers(UserFactory()).exists()


# --- Producer A reaches its own data --------------------------------------------------


def test_producer_list_shows_only_own_producers(client_a, world):
    response = client_a.get(url("producer-list"))
    assert response.status_code == 200
    assert list(response.context["producers"]) == [world["a"]]
    assert "Ferme B" not in response.content.decode()


def test_staff_sees_every_producer(client, world):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url("producer-list"))
    assert response.status_code == 200
    names = {producer.name for producer in response.context["producers"]}
    assert {"Ferme A", "Ferme B"} <= names


def test_producer_edits_its_profile(client_a, world):
    a = world["a"]
    response = client_a.post(
        url("producer-update", pk=a.pk),
        {
            "legal_form": "scic",
            "siret": "732 829 320 00074",
            "description": "Miels de la Drôme",
            "postcode": "26150",
            "city": "Die",
            "latitude": "44.75",
            "longitude": "5.37",
            "charter_status": "membre",  # ignored: not a producer's field
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("producer-update", pk=a.pk)
    a.refresh_from_db()
    assert (a.legal_form, a.siret, a.description) == ("scic", "73282932000074", "Miels de la Drôme")
    assert len(list(response.context["messages"])) == 1


def test_producer_cannot_change_charter_status_but_staff_can(client, world):
    a = world["a"]
    a.charter_status = "candidat"
    a.save()
    client.force_login(world["user_a"])
    form = client.get(url("producer-update", pk=a.pk)).context["form"]
    assert "charter_status" not in form.fields
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        url("producer-update", pk=a.pk),
        {"name": a.name, "charter_status": "membre", "legal_form": "scop"},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.charter_status == "membre"


def test_invalid_siret_shows_an_error(client_a, world):
    response = client_a.post(
        url("producer-update", pk=world["a"].pk), {"legal_form": "scop", "siret": "12345678901234"}
    )
    assert response.status_code == 200
    assert "siret" in response.context["form"].errors


def test_claim_list_shows_producer_and_product_claims(client_a, world):
    response = client_a.get(url("claim-list", pk=world["a"].pk))
    assert response.status_code == 200
    assert set(response.context["claims"]) == {world["claim_a"], world["product_claim_a"]}
    page = response.content.decode()
    assert "Miel A" in page and "Miel B" not in page


def test_producer_creates_a_claim_through_the_service(client_a, world, dimension):
    criterion = Criterion.objects.create(
        dimension=dimension, code="test-forme-ess", name="ESS (test)", validity_months=24
    )
    response = client_a.post(url("claim-create", pk=world["a"].pk), claim_data(criterion))
    assert response.status_code == 302
    claim = Claim.objects.get(criterion=criterion)
    assert claim.producer == world["a"]
    assert claim.created_by == world["user_a"]
    # valid_until left empty: the criterion's validity period applies.
    assert claim.valid_until == criterion.default_valid_until(claim.valid_from)


def test_product_claim_on_own_product(client_a, world, dimension):
    criterion = Criterion.objects.create(
        dimension=dimension, code="test-local", name="Local (test)", scope="product"
    )
    data = claim_data(criterion, product=world["product_a"].pk)
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert response.status_code == 302
    assert Claim.objects.get(criterion=criterion).product == world["product_a"]


def test_claim_pages_of_own_producer_open(client_a, world):
    a = world["a"].pk
    for name, kwargs in [
        ("claim-create", {"pk": a}),
        ("claim-update", {"pk": a, "claim_pk": world["product_claim_a"].pk}),
        ("product-import", {"pk": a}),
    ]:
        assert client_a.get(url(name, **kwargs)).status_code == 200, name


def test_navigation_entry_for_producers(client, world, settings):
    """The entry proposed for OSCAR_DASHBOARD_NAVIGATION shows to producers' users only."""
    entry = {
        "label": "My producers",
        "icon": "fas fa-seedling",
        "url_name": "impact-dashboard:producer-list",
        "access_fn": can_access_producer_dashboard,
    }
    settings.OSCAR_DASHBOARD_NAVIGATION = [*settings.OSCAR_DASHBOARD_NAVIGATION, entry]
    client.force_login(world["user_a"])
    page = client.get(reverse("dashboard:index")).content.decode()
    assert url("producer-list") in page
    assert not can_access_producer_dashboard(UserFactory())


def test_updating_a_validated_claim_sends_it_back_to_declared(client_a, world):
    claim = world["claim_a"]
    Claim.objects.filter(pk=claim.pk).update(state=Claim.State.VALIDATED)
    data = claim_data(claim.criterion, value_bool="false", valid_until=_in_a_year().isoformat())
    response = client_a.post(url("claim-update", pk=world["a"].pk, claim_pk=claim.pk), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.value_bool, claim.state) == (False, Claim.State.DECLARED)


def test_producer_deletes_a_claim_after_confirmation(client_a, world):
    claim_url = url("claim-delete", pk=world["a"].pk, claim_pk=world["claim_a"].pk)
    assert client_a.get(claim_url).status_code == 200
    assert Claim.objects.filter(pk=world["claim_a"].pk).exists()
    assert client_a.post(claim_url).status_code == 302
    assert not Claim.objects.filter(pk=world["claim_a"].pk).exists()


# --- Claim form validation ------------------------------------------------------------


def test_invalid_claim_values_show_errors(client_a, world, percentage):
    data = claim_data(
        percentage,
        product=world["product_a"].pk,
        value_bool="",
        value_number="140",
        source="third_party",
    )
    data["criterion"] = percentage.pk
    Claim.objects.filter(criterion=percentage).delete()
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "value_number" in errors  # 140 % is not a percentage
    assert "certifier" in errors  # third party without certifier
    assert not Claim.objects.filter(criterion=percentage).exists()


def test_missing_value_and_wrong_scope_show_errors(client_a, world, percentage):
    Claim.objects.filter(criterion=percentage).delete()
    data = claim_data(percentage, value_bool="")  # product criterion without product
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert response.status_code == 200
    assert {"product", "value_number"} <= set(response.context["form"].errors)


def test_duplicate_claim_is_a_form_error(client_a, world, yes_no):
    response = client_a.post(url("claim-create", pk=world["a"].pk), claim_data(yes_no))
    assert response.status_code == 200
    assert "criterion" in response.context["form"].errors
    assert Claim.objects.filter(criterion=yes_no, producer=world["a"]).count() == 1


def test_validity_end_before_start_is_an_error(client_a, world, dimension):
    criterion = Criterion.objects.create(dimension=dimension, code="test-dates", name="Dates")
    data = claim_data(criterion, valid_from="2025-06-01", valid_until="2025-01-01")
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert "valid_until" in response.context["form"].errors


def test_inactive_criteria_are_not_offered(client_a, world, dimension):
    Criterion.objects.create(dimension=dimension, code="test-old", name="Old", is_active=False)
    form = client_a.get(url("claim-create", pk=world["a"].pk)).context["form"]
    codes = set(form.fields["criterion"].queryset.values_list("code", flat=True))
    assert "test-old" not in codes and "test-bio" in codes


def test_evidence_file_with_bad_extension_is_refused(client_a, world, dimension):
    criterion = Criterion.objects.create(dimension=dimension, code="test-file", name="File")
    data = claim_data(
        criterion, evidence_file=SimpleUploadedFile("preuve.exe", b"MZ", "application/pdf")
    )
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert response.status_code == 200
    assert "evidence_file" in response.context["form"].errors
    assert not Claim.objects.filter(criterion=criterion).exists()


def test_evidence_file_over_5_mb_is_refused(client_a, world, dimension):
    criterion = Criterion.objects.create(dimension=dimension, code="test-big", name="Big")
    big = SimpleUploadedFile("preuve.pdf", b"0" * (EVIDENCE_MAX_BYTES + 1), "application/pdf")
    response = client_a.post(
        url("claim-create", pk=world["a"].pk), claim_data(criterion, evidence_file=big)
    )
    assert response.status_code == 200
    assert "5 Mo" in " ".join(response.context["form"].errors["evidence_file"])
    assert not Claim.objects.filter(criterion=criterion).exists()


def test_valid_evidence_file_is_stored(client_a, world, dimension):
    criterion = Criterion.objects.create(dimension=dimension, code="test-pdf", name="Pdf")
    pdf = SimpleUploadedFile("attestation.pdf", b"%PDF-1.4 test", "application/pdf")
    response = client_a.post(
        url("claim-create", pk=world["a"].pk), claim_data(criterion, evidence_file=pdf)
    )
    assert response.status_code == 302
    assert Claim.objects.get(criterion=criterion).evidence_file.name.endswith(".pdf")


def test_claim_form_page_accepts_file_uploads(client_a, world):
    response = client_a.get(url("claim-create", pk=world["a"].pk))
    assert 'enctype="multipart/form-data"' in response.content.decode()


# --- Producer B's data is out of A's reach --------------------------------------------


def test_other_producers_pages_answer_404(client_a, world):
    b, claim_b = world["b"].pk, world["claim_b"].pk
    for name, kwargs in [
        ("producer-update", {"pk": b}),
        ("claim-list", {"pk": b}),
        ("claim-create", {"pk": b}),
        ("claim-update", {"pk": b, "claim_pk": claim_b}),
        ("claim-delete", {"pk": b, "claim_pk": claim_b}),
        ("product-import", {"pk": b}),
    ]:
        assert client_a.get(url(name, **kwargs)).status_code == 404, name
        if name != "claim-list":
            assert client_a.post(url(name, **kwargs), {}).status_code == 404, name
    assert Claim.objects.filter(pk=claim_b).exists()


def test_other_producers_claim_under_own_url_answers_404(client_a, world):
    a, claim_b = world["a"].pk, world["claim_b"].pk
    assert client_a.get(url("claim-update", pk=a, claim_pk=claim_b)).status_code == 404
    data = claim_data(world["claim_b"].criterion, value_bool="false")
    assert client_a.post(url("claim-update", pk=a, claim_pk=claim_b), data).status_code == 404
    assert client_a.post(url("claim-delete", pk=a, claim_pk=claim_b)).status_code == 404
    world["claim_b"].refresh_from_db()
    assert world["claim_b"].value_bool is True


def test_cannot_claim_about_another_producers_product(client_a, world, dimension):
    criterion = Criterion.objects.create(
        dimension=dimension, code="test-steal", name="Steal", scope="product"
    )
    data = claim_data(criterion, product=world["product_b"].pk)
    response = client_a.post(url("claim-create", pk=world["a"].pk), data)
    assert response.status_code == 200
    assert "product" in response.context["form"].errors
    assert not Claim.objects.filter(criterion=criterion).exists()


def test_claim_form_offers_only_own_products(client_a, world):
    form = client_a.get(url("claim-create", pk=world["a"].pk)).context["form"]
    assert list(form.fields["product"].queryset) == [world["product_a"]]


# --- Oscar's own dashboard: products and stock ----------------------------------------

FORMSETS = ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset")


def test_oscar_product_list_shows_only_own_products(client_a, world):
    response = client_a.get(reverse("dashboard:catalogue-product-list"))
    assert response.status_code == 200
    products = set(response.context["products"].data)
    assert world["product_a"] in products
    assert world["product_b"] not in products


def test_oscar_product_page_of_another_producer_is_refused(client_a, world):
    product_b = reverse("dashboard:catalogue-product", kwargs={"pk": world["product_b"].pk})
    assert client_a.get(product_b).status_code in (403, 404)
    assert client_a.post(product_b, {"title": "Volé"}).status_code in (403, 404)
    world["product_b"].refresh_from_db()
    assert world["product_b"].title == "Miel B"


def _oscar_product_form_data(response) -> dict:
    """The POST data Oscar's product page sends back unchanged (without its extra forms)."""
    data = _bound_values(response.context["form"])
    for name in FORMSETS:
        formset = response.context[name]
        initial = formset.initial_form_count()
        data.update(_bound_values(formset.management_form))
        data[f"{formset.prefix}-TOTAL_FORMS"] = initial
        for form in formset.forms[:initial]:
            data.update(_bound_values(form))
    return data


def _bound_values(form) -> dict:
    data = {}
    for field in form:
        value = field.value()
        if value is not None and value is not False:
            data[field.html_name] = "on" if value is True else value
    return data


def test_producer_updates_own_stock_through_oscar_product_form(client_a, world):
    product_url = reverse("dashboard:catalogue-product", kwargs={"pk": world["product_a"].pk})
    response = client_a.get(product_url)
    assert response.status_code == 200
    data = _oscar_product_form_data(response)
    data.update({"stockrecords-0-num_in_stock": "42", "stockrecords-0-price": "11.00"})
    response = client_a.post(product_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    record = StockRecord.objects.get(product=world["product_a"])
    assert (record.num_in_stock, record.price, record.partner) == (42, Decimal("11.00"), world["a"])


def test_producer_cannot_move_stock_to_another_producer(client_a, world):
    product_url = reverse("dashboard:catalogue-product", kwargs={"pk": world["product_a"].pk})
    data = _oscar_product_form_data(client_a.get(product_url))
    data["stockrecords-0-partner"] = str(world["b"].pk)
    response = client_a.post(product_url, data)
    assert response.status_code == 200
    assert "partner" in response.context["stockrecord_formset"].forms[0].errors
    assert StockRecord.objects.get(product=world["product_a"]).partner == world["a"]
