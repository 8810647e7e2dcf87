"""Demo cooperative: the rules (20 € a share, at least one, 12 months before a
redemption), demo members holding shares in several colleges, and one application paid
by bank transfer that waits for staff to import the statement; then the general
assemblies (assemblies/demo.py): a past one with its results and an open one.

Idempotent: the rules are created once (staff may change them), members are keyed on
their user, the pending application on its applicant. Written through the services, so
the register and the audit trail hold the demo's history like any other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from community.demo import (
    CONSUMER,
    COORDINATOR,
    EDUCATOR,
    FACILITATOR,
    MEMBER_EMAILS,
    PRODUCER,
    STAFF_ADMIN,
)

from . import selectors, services
from .assemblies.demo import load_assemblies_demo
from .models import College, Member, PaymentMethod, Subscription

# (e-mail, college code, shares, days ago the shares were paid)
DEMO_MEMBERS = [
    (CONSUMER.email, "consommateurs", 2, 700),
    (COORDINATOR.email, "consommateurs", 5, 650),
    (PRODUCER.email, "producteurs", 10, 600),
    (STAFF_ADMIN.email, "salaries", 3, 720),
    (FACILITATOR.email, "soutiens", 1, 400),
    *(
        (email, college, shares, days)
        for email, (college, shares, days) in zip(
            MEMBER_EMAILS,
            [
                ("consommateurs", 1, 300),
                ("consommateurs", 2, 280),
                ("consommateurs", 1, 250),
                ("consommateurs", 1, 200),
                ("consommateurs", 3, 150),
                ("consommateurs", 1, 120),
                ("consommateurs", 1, 90),
                ("consommateurs", 1, 60),
                ("producteurs", 2, 45),
                ("soutiens", 1, 30),
            ],
            strict=True,
        )
    ),
]
#: Applied and paid by transfer; the transfer waits in the bank's next statement.
PENDING_APPLICANT = EDUCATOR.email
STAFF_EMAIL = STAFF_ADMIN.email


def load_cooperative_demo() -> dict[str, object]:
    users = get_user_model().objects
    staff = users.get(email=STAFF_EMAIL)
    if selectors.current_rules() is None:
        services.rules_update(
            by=staff,
            share_value=Decimal("20.00"),
            minimum_shares=1,
            minimum_holding_months=12,
            note="Statuts de la SCIC (démonstration)",
        )
    today = timezone.localdate()
    for email, college, shares, days_ago in DEMO_MEMBERS:
        user = users.get(email=email)
        if Member.objects.filter(user=user).exists():
            continue
        subscription = services.subscription_apply(
            user=user,
            shares=shares,
            method=PaymentMethod.TRANSFER,
            college=College.objects.get(code=college),
        )
        services.subscription_record_payment(
            subscription=subscription,
            amount=subscription.amount,
            method=PaymentMethod.TRANSFER,
            by=staff,
            received_on=today - datetime.timedelta(days=days_ago),
            note="Reprise du registre papier (démonstration)",
        )
    applicant = users.get(email=PENDING_APPLICANT)
    pending = selectors.pending_subscription(applicant)
    if pending is None and not Member.objects.filter(user=applicant).exists():
        pending = services.subscription_apply(
            user=applicant,
            shares=1,
            method=PaymentMethod.TRANSFER,
            college=College.objects.get(code="soutiens"),
        )
    assemblies = load_assemblies_demo()
    return {"members": Member.objects.count(), "pending": pending, "assemblies": assemblies}


def pending_demo_subscription() -> Subscription | None:
    return Subscription.objects.filter(
        user__email=PENDING_APPLICANT, status=Subscription.Status.PENDING
    ).first()
