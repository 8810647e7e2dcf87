"""Participatory validation of claims: the quorum on its edges, who may vote, disputes
and the facilitator's decision, expiry and renewal."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone

from community.guarantee import selectors, services
from community.models import ClaimOpinion, College, Dispute
from shop.impact.models import Claim
from shop.impact.services import claim_renew
from tests.factories import ProducerFactory, UserFactory, create_product

from .guarantee_helpers import college_member, facilitator, peer_producer, producer_claim

pytestmark = pytest.mark.django_db


def confirm(claim, member, comment="Vu sur place, c'est exact."):
    return services.claim_opinion_record(
        claim=claim, member=member, verdict="confirm", comment=comment
    )


def dispute(claim, member, comment="Ce n'est pas ce que j'ai vu."):
    return services.claim_opinion_record(
        claim=claim, member=member, verdict="dispute", comment=comment
    )


def state_of(claim):
    claim.refresh_from_db()
    return claim.effective_state


def test_two_consumers_and_no_peer_is_not_validated():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DECLARED
    status = selectors.quorum_status(claim)
    assert status.confirmations == 2 and not status.reached
    assert status.missing_colleges == ["peer_producers"]


def test_three_consumers_without_a_peer_producer_is_still_not_validated():
    claim = producer_claim()
    for _ in range(3):
        confirm(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DECLARED


def test_peer_and_consumers_but_only_two_confirmations_is_not_validated():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    confirm(claim, peer_producer())
    assert state_of(claim) == Claim.State.DECLARED


def test_three_confirmations_from_consumers_and_a_peer_validate_the_claim(client):
    producer = ProducerFactory(name="Ferme des Chaumes")
    claim = producer_claim(producer)
    product = create_product(title="Farine de petit épeautre", producer=producer)
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DECLARED
    confirm(claim, peer_producer())
    claim.refresh_from_db()
    assert claim.state == Claim.State.VALIDATED
    assert claim.validated_at is not None

    html = client.get(product.get_absolute_url()).content.decode()
    date = formats.date_format(timezone.localdate(claim.validated_at), "SHORT_DATE_FORMAT")
    assert f"Vérifié par la communauté le {date}" in html


def test_quorum_thresholds_are_settings(settings):
    settings.COMMUNITY_QUORUM = {
        "confirmations": 1,
        "colleges": 1,
        "required_colleges": ["consumers"],
    }
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.VALIDATED


def test_a_producer_voting_on_its_own_claim_is_refused():
    producer = ProducerFactory()
    claim = producer_claim(producer)
    own = college_member("peer_producers")
    producer.users.add(own)
    with pytest.raises(PermissionDenied):
        confirm(claim, own)
    assert not ClaimOpinion.objects.exists()


def test_only_confirmed_college_members_vote():
    claim = producer_claim()
    with pytest.raises(PermissionDenied):
        confirm(claim, UserFactory())
    from community.models import CollegeMembership

    requested = UserFactory()
    CollegeMembership.objects.create(
        user=requested, college=College.objects.get(category="consumers")
    )
    with pytest.raises(PermissionDenied):
        confirm(claim, requested)


def test_a_second_vote_by_the_same_member_is_refused():
    claim = producer_claim()
    member = college_member("consumers")
    confirm(claim, member)
    with pytest.raises(ValidationError):
        confirm(claim, member)
    with pytest.raises(ValidationError):
        dispute(claim, member)
    assert ClaimOpinion.objects.filter(claim=claim, member=member).count() == 1
    assert not selectors.can_give_opinion(claim=claim, member=member)


def test_opinion_records_college_period_and_checked_evidence():
    claim = producer_claim()
    member = college_member("consumers")
    photo = SimpleUploadedFile("visite.jpg", b"\xff\xd8\xff" + b"0" * 100, "image/jpeg")
    opinion = services.claim_opinion_record(
        claim=claim,
        member=member,
        verdict="confirm",
        comment="Visite faite le 3 juin.",
        evidence=photo,
        visit_report=True,
    )
    assert opinion.college.category == "consumers"
    assert opinion.validity_period_end == claim.valid_until
    assert opinion.visit_report and opinion.evidence.name.endswith(".jpg")

    script = SimpleUploadedFile("preuve.exe", b"MZ", "application/octet-stream")
    with pytest.raises(ValidationError):
        services.claim_opinion_record(
            claim=claim,
            member=college_member("consumers"),
            verdict="confirm",
            comment="Voir pièce jointe.",
            evidence=script,
        )


def test_a_dispute_makes_the_claim_disputed_and_queues_it():
    claim = producer_claim()
    opinion = dispute(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DISPUTED
    queued = list(selectors.open_disputes())
    assert [d.opinion for d in queued] == [opinion]


def test_an_open_dispute_blocks_validation():
    claim = producer_claim()
    dispute(claim, college_member("associations"))
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    confirm(claim, peer_producer())
    assert selectors.quorum_status(claim).open_disputes == 1
    assert state_of(claim) == Claim.State.DISPUTED


def test_a_dispute_on_a_validated_claim_sends_it_back_to_disputed():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    confirm(claim, peer_producer())
    assert state_of(claim) == Claim.State.VALIDATED
    dispute(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DISPUTED


def test_facilitator_rejects_the_dispute_and_the_quorum_validates_again():
    claim = producer_claim()
    opened = dispute(claim, college_member("associations")).dispute
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    confirm(claim, peer_producer())
    with pytest.raises(PermissionDenied):
        services.dispute_close(
            dispute=opened, facilitator=UserFactory(), outcome="rejected", decision="Non."
        )
    boss = facilitator()
    with pytest.raises(ValidationError):
        services.dispute_close(dispute=opened, facilitator=boss, outcome="rejected", decision=" ")
    closed = services.dispute_close(
        dispute=opened,
        facilitator=boss,
        outcome="rejected",
        decision="Visite du 4 juin : la pratique est bien en place.",
    )
    assert closed.status == Dispute.Status.CLOSED and closed.decided_by == boss
    assert state_of(claim) == Claim.State.VALIDATED
    assert not selectors.open_disputes().exists()
    with pytest.raises(ValidationError):
        services.dispute_close(dispute=opened, facilitator=boss, outcome="upheld", decision="x")


def test_facilitator_rejects_the_dispute_without_quorum_back_to_declared():
    claim = producer_claim()
    opened = dispute(claim, college_member("consumers")).dispute
    services.dispute_close(
        dispute=opened, facilitator=facilitator(), outcome="rejected", decision="Infondé."
    )
    assert state_of(claim) == Claim.State.DECLARED


def test_upheld_dispute_sends_back_to_declared_and_old_confirmations_stop_counting():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    confirm(claim, college_member("consumers"))
    confirm(claim, peer_producer())
    opened = dispute(claim, college_member("consumers")).dispute
    services.dispute_close(
        dispute=opened,
        facilitator=facilitator(),
        outcome="upheld",
        decision="La parcelle n'est plus certifiée depuis mars.",
        at=timezone.now(),
    )
    claim.refresh_from_db()
    assert claim.state == Claim.State.DECLARED and claim.validated_at is None
    assert selectors.quorum_status(claim).confirmations == 0
    # A fresh confirmation alone does not re-validate on the strength of the old ones.
    confirm(claim, college_member("consumers"))
    assert state_of(claim) == Claim.State.DECLARED


def test_expired_claim_shows_to_recheck_and_refuses_opinions():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    Claim.objects.filter(pk=claim.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert state_of(claim) == Claim.State.TO_RECHECK
    with pytest.raises(ValidationError):
        confirm(claim, college_member("consumers"))


def test_opinions_of_the_previous_period_do_not_count_after_renewal():
    claim = producer_claim(
        valid_from=timezone.localdate() - datetime.timedelta(days=400),
        valid_until=timezone.localdate() - datetime.timedelta(days=35),
    )
    consumer, other, peer = (
        college_member("consumers"),
        college_member("consumers"),
        peer_producer(),
    )
    # Opinions given during the previous period (before it ended).
    for member in (consumer, other):
        ClaimOpinion.objects.create(
            claim=claim,
            member=member,
            college=College.objects.get(category="consumers"),
            verdict="confirm",
            comment="ok",
            validity_period_end=claim.valid_until,
        )
    assert state_of(claim) == Claim.State.TO_RECHECK
    claim = claim_renew(claim=claim)
    assert claim.effective_state == Claim.State.DECLARED
    assert selectors.quorum_status(claim).confirmations == 0
    # The same members may vote again for the new period; the peer's vote alone is not
    # enough, because the consumers' previous-period votes do not count.
    confirm(claim, peer)
    assert state_of(claim) == Claim.State.DECLARED
    confirm(claim, consumer)
    confirm(claim, other)
    assert state_of(claim) == Claim.State.VALIDATED
    assert ClaimOpinion.objects.filter(claim=claim, member=consumer).count() == 2


def test_no_email_is_needed_for_votes():
    claim = producer_claim()
    confirm(claim, college_member("consumers"))
    assert mail.outbox == []


def test_claim_page_takes_an_opinion_and_the_product_page_links_to_it(client):
    producer = ProducerFactory(name="Savonnerie du Vercors")
    claim = producer_claim(producer)
    product = create_product(title="Savon au lait d'ânesse", producer=producer)
    member = college_member("consumers")
    client.force_login(member)
    product_page = client.get(product.get_absolute_url()).content.decode()
    assert f"/communaute/declarations/{claim.pk}/" in product_page
    assert (
        f"/communaute/declarations/{claim.pk}/"
        in client.get(producer.get_absolute_url()).content.decode()
    )

    page = client.get(f"/communaute/declarations/{claim.pk}/")
    assert page.status_code == 200 and 'name="verdict"' in page.content.decode()
    response = client.post(
        f"/communaute/declarations/{claim.pk}/",
        {"verdict": "dispute", "comment": "Étiquette différente au marché."},
    )
    assert response.status_code == 302
    assert state_of(claim) == Claim.State.DISPUTED
    page = client.get(f"/communaute/declarations/{claim.pk}/").content.decode()
    assert "Étiquette différente au marché." in page
    assert 'name="verdict"' not in page  # one opinion per period

    boss = facilitator()
    client.force_login(boss)
    queue = client.get("/communaute/animation/").content.decode()
    assert "Étiquette différente au marché." in queue
    dispute_pk = Dispute.objects.get(claim=claim).pk
    client.post(
        f"/communaute/contestations/{dispute_pk}/cloturer/",
        {"outcome": "upheld", "decision": "Le producteur corrige son étiquette."},
    )
    assert state_of(claim) == Claim.State.DECLARED
    page = client.get(f"/communaute/declarations/{claim.pk}/").content.decode()
    assert "Le producteur corrige son étiquette." in page


def test_claim_page_refuses_the_producers_own_vote(client):
    producer = ProducerFactory()
    claim = producer_claim(producer)
    own = college_member("peer_producers")
    producer.users.add(own)
    client.force_login(own)
    page = client.get(f"/communaute/declarations/{claim.pk}/").content.decode()
    assert 'name="verdict"' not in page
    client.post(
        f"/communaute/declarations/{claim.pk}/", {"verdict": "confirm", "comment": "C'est moi"}
    )
    assert not ClaimOpinion.objects.exists()
