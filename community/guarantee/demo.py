"""Demo participatory guarantee: demo members in the colleges, the opinions that make
each "validé par la communauté" claim meet the quorum, an open dispute behind each
"contesté" claim, and a candidate producer's pending application.

Call after the claims (shop.impact.demo) and the accounts (community.demo) are loaded.
Idempotent: memberships are keyed on (member, college), opinions on (claim, member,
validity period), disputes and applications are only added where none exists, so a
second run changes nothing and what facilitators decided since is kept.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.utils import timezone

from community.demo import CONSUMER, FACILITATOR, MEMBER_EMAILS, PRODUCER
from community.models import User
from shop.demo import Partner, upsert
from shop.impact.models import Claim

from .models import Application, ClaimOpinion, College, CollegeMembership, Dispute, Verdict
from .selectors import quorum_settings

C = College.Category

#: (e-mail, college, why this college). The producer account sits in the peer producers'
#: college; so does Pierre Arnaud (a market gardener outside the catalogue), who can
#: vote on the claims of the producer account's own co-operative.
COLLEGE_MEMBERS: tuple[tuple[str, str, str], ...] = (
    (CONSUMER.email, C.CONSUMERS, "Je fais les courses pour quatre et je lis les étiquettes."),
    (MEMBER_EMAILS[0], C.CONSUMERS, "Membre du groupement d'achat de Crest depuis 2021."),
    (MEMBER_EMAILS[1], C.CONSUMERS, "J'aime savoir d'où vient ce que je mange."),
    (MEMBER_EMAILS[2], C.CONSUMERS, "Bénévole à la distribution du vendredi."),
    (PRODUCER.email, C.PEER_PRODUCERS, "Arboriculteur à la coopérative fruitière du Diois."),
    (MEMBER_EMAILS[8], C.PEER_PRODUCERS, "Maraîcher bio à Aouste-sur-Sye, hors catalogue."),
    (MEMBER_EMAILS[3], C.ASSOCIATIONS, "Animatrice d'une AMAP de la vallée de la Drôme."),
    (MEMBER_EMAILS[4], C.WORKERS, "Salarié d'une SCOP du bâtiment, délégué du personnel."),
)

CONFIRMATIONS: dict[str, tuple[str, ...]] = {
    C.CONSUMERS: (
        "J'ai lu les justificatifs publiés : ils correspondent à ce qui est déclaré.",
        "Vu sur place lors de la visite du groupement : c'est conforme.",
        "Document consulté en entier, les chiffres concordent avec le rapport annuel.",
    ),
    C.PEER_PRODUCERS: (
        "Producteur voisin, je connais leurs pratiques : je confirme.",
        "Visite de l'exploitation au printemps : pratiques conformes à la déclaration.",
        "Attestation de l'organisme certificateur vérifiée : numéro et dates à jour.",
    ),
    C.ASSOCIATIONS: (
        "Nous travaillons avec eux depuis plusieurs années : c'est exact.",
        "Vérifié avec les statuts et le dernier compte rendu d'assemblée générale.",
    ),
    C.WORKERS: (
        "Échange avec deux salariés lors du marché : ils confirment.",
        "Accord d'entreprise et registre du personnel consultés : conforme.",
    ),
}

DISPUTES = (
    "La pièce fournie date de plus d'un an : je demande un justificatif récent avant de valider.",
    "Sur place, une partie de la production venait d'ailleurs : la déclaration me "
    "semble trop large.",
    "Le chiffre annoncé ne correspond pas à celui du rapport annuel publié en ligne.",
)

APPLICATION_PRODUCER = "ferme-collective-du-haut-roubion"
APPLICATION_PRESENTATION = (
    "Nous sommes cinq associés en GAEC sur 42 hectares à Bourdeaux, en agriculture "
    "biologique depuis 2016 : légumes de plein champ, céréales et un petit troupeau de "
    "brebis. Nous vendons en circuit court (deux marchés, une AMAP, la cantine du "
    "collège) et voulons rejoindre la charte pour fournir les groupements d'achat de la "
    "vallée. Nos statuts, nos comptes 2025 et notre certificat bio sont joints ; vous "
    "êtes les bienvenus pour une visite un mercredi après-midi."
)


class Voter(NamedTuple):
    user: User
    college: College


def _confirmed_members(now: datetime.datetime) -> dict[str, list[Voter]]:
    """College memberships of the demo members (created once, then left alone)."""
    users = User.objects
    facilitator = users.get(email=FACILITATOR.email)
    colleges = College.objects.in_bulk(field_name="category")
    voters: dict[str, list[Voter]] = {}
    for email, category, motivation in COLLEGE_MEMBERS:
        college = colleges.get(category)
        if college is None:  # staff removed the college
            continue
        user = users.get(email=email)
        membership, _created = upsert(
            CollegeMembership,
            {"user": user, "college": college},
            {},
            create_only={
                "motivation": motivation,
                "status": CollegeMembership.Status.CONFIRMED,
                "requested_at": now - datetime.timedelta(days=400),
                "confirmed_by": facilitator,
                "confirmed_at": now - datetime.timedelta(days=395),
            },
        )
        if membership.status == CollegeMembership.Status.CONFIRMED:
            voters.setdefault(category, []).append(Voter(user, college))
    return voters


def _pick(voters: list[Voter], index: int, excluded: set[int]) -> Voter | None:
    """The index-th voter in rotation whose account is not excluded."""
    for offset in range(len(voters)):
        voter = voters[(index + offset) % len(voters)]
        if voter.user.pk not in excluded:
            return voter
    return None


def _opinion(claim: Claim, voter: Voter, verdict: str, comment: str, at) -> bool:
    """Add the opinion unless the member already gave one this period. True if added."""
    _row, created = upsert(
        ClaimOpinion,
        {"claim": claim, "member": voter.user, "validity_period_end": claim.valid_until},
        {},
        create_only={
            "college": voter.college,
            "verdict": verdict,
            "comment": comment,
            "visit_report": "visite" in comment.lower(),
            "created_at": at,
        },
    )
    return created


def _voters_for(claim: Claim, voters: dict[str, list[Voter]], index: int) -> list[Voter]:
    """Who confirms a claim: one member of each required college (a consumer, a peer
    producer not working for the claim's producer), then members of the other colleges,
    in rotation, until the quorum's number of confirmations and of colleges is met."""
    quorum = quorum_settings()
    excluded = set(claim.producer.users.values_list("pk", flat=True))
    chosen: list[Voter] = []
    for category in quorum["required_colleges"]:
        voter = _pick(voters.get(category, []), index, excluded)
        if voter is not None:
            chosen.append(voter)
            excluded.add(voter.user.pk)
    others = [
        voter
        for category in (C.ASSOCIATIONS, C.WORKERS, C.CONSUMERS, C.PEER_PRODUCERS)
        for voter in voters.get(category, [])
    ]
    for offset in range(len(others)):
        colleges = {voter.college.category for voter in chosen}
        if len(chosen) >= quorum["confirmations"] and len(colleges) >= quorum["colleges"]:
            break
        voter = others[(index + offset) % len(others)]
        if voter.user.pk in excluded:
            continue
        last_one = len(chosen) >= quorum["confirmations"] - 1
        if last_one and len(colleges) < quorum["colleges"] and voter.college.category in colleges:
            continue  # the last confirmation must bring a new college
        chosen.append(voter)
        excluded.add(voter.user.pk)
    return chosen


def load_guarantee_demo() -> dict[str, int]:
    """Colleges, opinions, disputes and the pending application. Returns counts created."""
    now = timezone.now()
    voters = _confirmed_members(now)
    counts = {"opinions": 0, "disputes": 0, "applications": 0}
    validated = Claim.objects.filter(state=Claim.State.VALIDATED).select_related("producer")
    for index, claim in enumerate(validated.order_by("pk")):
        decided = claim.validated_at or claim.state_changed_at or now
        for rank, voter in enumerate(_voters_for(claim, voters, index)):
            comments = CONFIRMATIONS[voter.college.category]
            at = decided - datetime.timedelta(days=3 - rank, hours=index % 5)
            counts["opinions"] += _opinion(
                claim, voter, Verdict.CONFIRM, comments[(index + rank) % len(comments)], at
            )
    disputed = Claim.objects.filter(state=Claim.State.DISPUTED).select_related("producer")
    for index, claim in enumerate(disputed.order_by("pk")):
        if claim.disputes.filter(status=Dispute.Status.OPEN).exists():
            continue
        excluded = set(claim.producer.users.values_list("pk", flat=True))
        disputer = _pick(
            [*voters.get(C.CONSUMERS, []), *voters.get(C.ASSOCIATIONS, [])], index, excluded
        )
        if disputer is None:
            continue
        at = claim.state_changed_at or now
        _opinion(claim, disputer, Verdict.DISPUTE, DISPUTES[index % len(DISPUTES)], at)
        opinion = ClaimOpinion.objects.get(
            claim=claim, member=disputer.user, validity_period_end=claim.valid_until
        )
        if opinion.verdict == Verdict.DISPUTE and not hasattr(opinion, "dispute"):
            Dispute.objects.create(
                claim=claim, opened_by=disputer.user, opinion=opinion, opened_at=opinion.created_at
            )
            counts["disputes"] += 1
    counts["applications"] += _pending_application(now)
    return counts


def _pending_application(now: datetime.datetime) -> bool:
    """A candidate producer's application, submitted a week ago, once."""
    producer = Partner.objects.filter(slug=APPLICATION_PRODUCER, charter_status="candidat").first()
    if producer is None or Application.objects.filter(producer=producer).exists():
        return False
    Application.objects.create(
        producer=producer,
        presentation=APPLICATION_PRESENTATION,
        submitted_by=producer.users.first(),
        submitted_at=now - datetime.timedelta(days=7),
    )
    return True
