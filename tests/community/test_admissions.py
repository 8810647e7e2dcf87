"""Admission of new producers: inclusion criteria as claims plus a presentation, opinions
of college members, the facilitator's decision (admis, refusé, ajourné) with reasons,
and an e-mail to the candidate at each step."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from community.guarantee import services
from community.models import Application
from shop.impact.models import Claim, Criterion
from tests.factories import ProducerFactory, UserFactory

from .guarantee_helpers import college_member, facilitator, peer_producer

pytestmark = pytest.mark.django_db


def inclusion_criteria():
    return list(
        Criterion.objects.filter(kind="inclusion", is_active=True, scope__in=["producer", "both"])
    )


@pytest.fixture
def candidate(django_capture_on_commit_callbacks):
    producer = ProducerFactory(
        name="Boulangerie Solidaire", charter_status="candidat", email="contact@boulangerie.test"
    )
    user = UserFactory(email="gerante@boulangerie.test")
    producer.users.add(user)
    return producer, user


def answer_inclusion_criteria(producer):
    return [
        Claim(criterion=c, producer=producer, value_bool=True, evidence_text="Statuts joints")
        for c in inclusion_criteria()
    ]


def submit(producer, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.application_submit(
            producer=producer,
            user=user,
            presentation="SCIC de boulangerie bio, 6 salariés.",
            claims=answer_inclusion_criteria(producer),
        )


def test_the_charter_has_inclusion_criteria():
    assert len(inclusion_criteria()) >= 3


def test_submission_needs_every_inclusion_criterion(candidate):
    producer, user = candidate
    with pytest.raises(ValidationError) as error:
        services.application_submit(producer=producer, user=user, presentation="Bonjour")
    assert "Statut de l’ESS" in str(error.value)
    with pytest.raises(PermissionDenied):
        services.application_submit(producer=producer, user=UserFactory(), presentation="Bonjour")


def test_flow_to_admitted_makes_a_charter_member(candidate, django_capture_on_commit_callbacks):
    producer, user = candidate
    application = submit(producer, user, django_capture_on_commit_callbacks)
    assert application.status == Application.Status.SUBMITTED
    assert producer.claims.filter(product__isnull=True).count() == len(inclusion_criteria())
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"gerante@boulangerie.test", "contact@boulangerie.test"}
    with pytest.raises(ValidationError):  # one pending application at a time
        submit(producer, user, django_capture_on_commit_callbacks)

    with pytest.raises(PermissionDenied):  # not in a college
        services.application_opinion_record(
            application=application, member=UserFactory(), recommendation="admit", opinion="Oui"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_opinion_record(
            application=application,
            member=college_member("consumers"),
            recommendation="admit",
            opinion="Pain excellent, prix justes.",
        )
        services.application_opinion_record(
            application=application,
            member=peer_producer(),
            recommendation="admit",
            opinion="Visite faite.",
            visit_report="Fournil visité le 12 mai : farines locales, 6 salariés associés.",
        )
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert len(mail.outbox) == 2  # "en cours d'examen" once, not once per opinion

    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=application, facilitator=UserFactory(), status="admitted", reasons="ok"
        )
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.application_decide(
            application=application,
            facilitator=facilitator(),
            status="admitted",
            reasons="Consensus des deux collèges après visite.",
        )
    producer.refresh_from_db()
    assert decided.status == Application.Status.ADMITTED
    assert producer.charter_status == "membre"
    # The feed announces the admission (community listens to the producer's save).
    from community.models import Post

    assert Post.objects.filter(kind="event", producer=producer).exists()
    assert len(mail.outbox) == 3
    assert "Consensus des deux collèges après visite." in mail.outbox[2].body
    with pytest.raises(ValidationError):
        services.application_decide(
            application=application, facilitator=facilitator(), status="refused", reasons="x"
        )


@pytest.mark.parametrize("status", ["refused", "postponed"])
def test_refused_or_postponed_stays_candidate(
    candidate, django_capture_on_commit_callbacks, status
):
    producer, user = candidate
    application = submit(producer, user, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):  # reasons are required
        services.application_decide(
            application=application, facilitator=facilitator(), status=status, reasons=" "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            facilitator=facilitator(),
            status=status,
            reasons="La gouvernance n'est pas encore démocratique.",
        )
    producer.refresh_from_db()
    assert producer.charter_status == "candidat"
    assert len(mail.outbox) == 2
    assert "La gouvernance n'est pas encore démocratique." in mail.outbox[1].body
    # A decided application no longer blocks a new one.
    assert submit(producer, user, django_capture_on_commit_callbacks).pk != application.pk


def test_candidate_cannot_review_its_own_application(candidate, django_capture_on_commit_callbacks):
    producer, user = candidate
    application = submit(producer, user, django_capture_on_commit_callbacks)
    college_member("peer_producers", user=user)
    with pytest.raises(PermissionDenied):
        services.application_opinion_record(
            application=application, member=user, recommendation="admit", opinion="Moi !"
        )


def test_application_pages(client, candidate, django_capture_on_commit_callbacks):
    producer, user = candidate
    client.force_login(user)
    page = client.get("/communaute/candidature/").content.decode()
    assert "Boulangerie Solidaire" in page
    data = {"producteur": producer.pk, "presentation": "Nous sommes une SCIC."}
    for criterion in inclusion_criteria():
        data[f"critere_{criterion.pk}"] = "on"
        data[f"preuve_{criterion.pk}"] = "Statuts du 3 mars 2020"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/communaute/candidature/", data)
    application = Application.objects.get(producer=producer)
    assert response.status_code == 302
    assert response["Location"] == f"/communaute/candidatures/{application.pk}/"
    assert len(mail.outbox) == 1

    reviewer = college_member("consumers")
    client.force_login(reviewer)
    client.post(
        f"/communaute/candidatures/{application.pk}/",
        {"action": "opinion", "recommendation": "admit", "opinion": "Très bien"},
    )
    assert application.opinions.count() == 1
    client.force_login(UserFactory())
    assert client.get(f"/communaute/candidatures/{application.pk}/").status_code == 403

    boss = facilitator()
    client.force_login(boss)
    assert "Boulangerie Solidaire" in client.get("/communaute/animation/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/communaute/candidatures/{application.pk}/",
            {"action": "decide", "status": "admitted", "reasons": "Consensus"},
        )
    producer.refresh_from_db()
    assert producer.charter_status == "membre"
