"""The charter in the Oscar dashboard (staff only), and the Django admin screens."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants as message_levels
from django.urls import reverse

from shop.impact.models import Claim, Criterion, Dimension
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    DimensionFactory,
    ProducerFactory,
    UserFactory,
    producer_user,
)

pytestmark = pytest.mark.django_db

METHOD_URL = "/boutique/impact/methode/"


def url(name: str, **kwargs) -> str:
    return reverse(f"impact-dashboard:{name}", kwargs=kwargs)


def messages_of(response) -> list:
    return list(response.context["messages"])


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def dimension():
    return DimensionFactory(code="test-social", name="Social (test)")


@pytest.fixture
def criterion(dimension):
    return CriterionFactory(
        dimension=dimension, code="test-bio", name="Organic (test)", validity_months=12
    )


def criterion_data(dimension, **overrides) -> dict:
    data = {
        "dimension": dimension.pk,
        "code": "test-nouveau",
        "name": "New criterion (test)",
        "short_label": "",
        "kind": Criterion.Kind.PROGRESS,
        "scope": Criterion.Scope.BOTH,
        "value_type": Criterion.ValueType.YES_NO,
        "unit": "",
        "max_level": "0",
        "target_date": "",
        "direction": Criterion.Direction.HIGHER,
        "reference_value": "",
        "validity_months": "12",
        "explanation": "Why it matters.",
        "position": "0",
        "is_active": "on",
    }
    return {**data, **overrides}


def form_data(criterion: Criterion, **overrides) -> dict:
    """The edit form of `criterion` as posted unchanged, with `overrides`."""
    data = criterion_data(
        criterion.dimension,
        code=criterion.code,
        name=criterion.name,
        kind=criterion.kind,
        scope=criterion.scope,
        value_type=criterion.value_type,
        max_level=str(criterion.max_level),
        validity_months=str(criterion.validity_months),
        explanation=criterion.explanation,
    )
    if not criterion.is_active:
        del data["is_active"]
    return {**data, **overrides}


# --- Access ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(url("charter"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("make_user", [producer_user, UserFactory], ids=["producer", "member"])
def test_non_staff_users_get_403(client, criterion, make_user):
    client.force_login(make_user())
    for name, kwargs in [
        ("charter", {}),
        ("dimension-create", {}),
        ("dimension-update", {"pk": criterion.dimension.pk}),
        ("criterion-create", {}),
        ("criterion-update", {"pk": criterion.pk}),
        ("criterion-delete", {"pk": criterion.pk}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 403, name
    response = client.post(url("criterion-delete", pk=criterion.pk))
    assert response.status_code == 403
    assert Criterion.objects.filter(pk=criterion.pk).exists()


# --- Listing --------------------------------------------------------------------------


def test_staff_sees_dimensions_criteria_and_claim_counts(staff_client, criterion):
    for _i in range(2):
        ClaimFactory(criterion=criterion, producer=ProducerFactory())
    response = staff_client.get(url("charter"))
    assert response.status_code == 200
    dimensions = list(response.context["dimensions"])
    assert criterion.dimension in dimensions
    listed = next(d for d in dimensions if d == criterion.dimension).criteria.all()
    assert [(c.code, c.num_claims) for c in listed] == [("test-bio", 2)]
    html = response.content.decode()
    assert "Organic (test)" in html
    assert url("criterion-update", pk=criterion.pk) in html


def test_charter_listing_queries_do_not_grow_with_criteria(
    staff_client, dimension, django_assert_max_num_queries
):
    """The default charter plus ours: counts come from one annotated query, no N+1."""
    staff_client.get(url("charter"))  # warm up sessions, messages and the like
    with django_assert_max_num_queries(12) as few:
        staff_client.get(url("charter"))
    for i in range(10):
        ClaimFactory(
            criterion=CriterionFactory(dimension=dimension, code=f"test-n1-{i}"),
            producer=ProducerFactory(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url("charter"))


def test_staff_opens_every_form(staff_client, criterion):
    for name, kwargs in [
        ("dimension-create", {}),
        ("dimension-update", {"pk": criterion.dimension.pk}),
        ("criterion-create", {}),
        ("criterion-update", {"pk": criterion.pk}),
    ]:
        response = staff_client.get(url(name, **kwargs))
        assert response.status_code == 200, name
        assert "form" in response.context


# --- Dimensions -----------------------------------------------------------------------


def test_staff_creates_and_edits_a_dimension(staff_client):
    response = staff_client.post(
        url("dimension-create"),
        {
            "code": "test-gouvernance",
            "name": "Governance (test)",
            "description": "",
            "position": "7",
        },
        follow=True,
    )
    dimension = Dimension.objects.get(code="test-gouvernance")
    assert response.redirect_chain[-1][0].startswith(url("charter"))
    assert [m.level for m in messages_of(response)] == [message_levels.SUCCESS]

    response = staff_client.post(
        url("dimension-update", pk=dimension.pk),
        {"code": "test-gouvernance", "name": "Renamed (test)", "description": "", "position": "7"},
    )
    assert response.status_code == 302
    dimension.refresh_from_db()
    assert dimension.name == "Renamed (test)"


# --- Criteria -------------------------------------------------------------------------


def test_staff_creates_a_criterion(staff_client, dimension):
    response = staff_client.post(
        url("criterion-create"),
        criterion_data(
            dimension,
            value_type=Criterion.ValueType.LEVEL,
            max_level="3",
            evidence_required="on",
        ),
        follow=True,
    )
    criterion = Criterion.objects.get(code="test-nouveau")
    assert (criterion.dimension, criterion.max_level, criterion.evidence_required) == (
        dimension,
        3,
        True,
    )
    assert response.redirect_chain[-1][0].startswith(url("charter"))
    assert [m.level for m in messages_of(response)] == [message_levels.SUCCESS]


def test_create_form_preselects_the_dimension(staff_client, dimension):
    response = staff_client.get(url("criterion-create") + f"?dimension={dimension.pk}")
    assert response.context["form"].initial["dimension"] == dimension.pk


def test_edited_criterion_shows_on_the_public_method_page(staff_client, criterion):
    response = staff_client.post(
        url("criterion-update", pk=criterion.pk),
        form_data(criterion, validity_months="18", explanation="Certified organic farming."),
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.validity_months == 18
    page = staff_client.get(METHOD_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="critere-{criterion.code}"' in html
    assert "Certified organic farming." in html
    section = html.split(f'id="critere-{criterion.code}"', 1)[1].split("</dd>", 1)[0]
    assert "18" in section


def test_deactivated_criterion_leaves_the_public_charter(staff_client, criterion):
    staff_client.post(url("criterion-update", pk=criterion.pk), form_data(criterion))
    assert f'id="critere-{criterion.code}"' in staff_client.get(METHOD_URL).content.decode()
    data = form_data(criterion)
    del data["is_active"]
    response = staff_client.post(url("criterion-update", pk=criterion.pk), data)
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert not criterion.is_active
    assert f'id="critere-{criterion.code}"' not in staff_client.get(METHOD_URL).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"value_type": Criterion.ValueType.LEVEL, "max_level": "0"}, "max_level"),
        ({"value_type": Criterion.ValueType.PERCENTAGE, "is_filter": "on"}, "is_filter"),
    ],
    ids=["level-without-levels", "filter-not-yes-no"],
)
def test_invalid_criterion_shows_a_form_error(staff_client, dimension, overrides, field):
    response = staff_client.post(url("criterion-create"), criterion_data(dimension, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Criterion.objects.filter(code="test-nouveau").exists()


def test_invalid_edit_keeps_the_criterion(staff_client, criterion):
    response = staff_client.post(
        url("criterion-update", pk=criterion.pk),
        form_data(criterion, value_type=Criterion.ValueType.LEVEL, max_level="0"),
    )
    assert response.status_code == 200
    assert "max_level" in response.context["form"].errors
    criterion.refresh_from_db()
    assert criterion.value_type == Criterion.ValueType.YES_NO


# --- Deleting -------------------------------------------------------------------------


def test_criterion_with_claims_cannot_be_deleted(staff_client, criterion):
    claim = ClaimFactory(criterion=criterion, producer=ProducerFactory())
    page = staff_client.get(url("criterion-delete", pk=criterion.pk))
    assert page.status_code == 200
    assert page.context["num_claims"] == 1
    assert 'class="btn btn-danger" type="submit"' not in page.content.decode()

    response = staff_client.post(url("criterion-delete", pk=criterion.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("criterion-update", pk=criterion.pk)
    assert [m.level for m in messages_of(response)] == [message_levels.ERROR]
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_unused_criterion_can_be_deleted(staff_client, criterion):
    page = staff_client.get(url("criterion-delete", pk=criterion.pk))
    assert page.status_code == 200
    assert page.context["num_claims"] == 0
    assert 'class="btn btn-danger" type="submit"' in page.content.decode()
    response = staff_client.post(url("criterion-delete", pk=criterion.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("charter")
    assert [m.level for m in messages_of(response)] == [message_levels.SUCCESS]
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


# --- Django admin ---------------------------------------------------------------------


def test_admin_screens_answer_for_a_superuser(client, criterion):
    claim = ClaimFactory(criterion=criterion, producer=ProducerFactory())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in [
        reverse("admin:impact_claim_changelist"),
        reverse("admin:impact_claim_changelist") + "?q=Coop",
        reverse("admin:impact_claim_change", args=[claim.pk]),
        reverse("admin:impact_criterion_changelist"),
        reverse("admin:impact_criterion_changelist")
        + f"?dimension__id__exact={criterion.dimension.pk}",
        reverse("admin:impact_criterion_change", args=[criterion.pk]),
        reverse("admin:impact_dimension_changelist"),
        reverse("admin:impact_dimension_change", args=[criterion.dimension.pk]),
        reverse("admin:impact_freshnessreminder_changelist"),
    ]:
        assert client.get(path).status_code == 200, path
