"""On real PostgreSQL row locks: the same bank statement imported by two staff members at
the same moment pays each subscription once, and people paid at the same moment get
distinct member numbers that follow each other."""

from __future__ import annotations

from decimal import Decimal

import pytest

from community.cooperative import services
from community.cooperative.models import College, Member, PaymentMethod, SharePayment
from shop.payments.bank_statements import services as statements
from shop.payments.bank_statements.models import StatementLine
from tests.factories import UserFactory
from tests.helpers.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 6


def _run_together(targets) -> list[BaseException]:
    return [outcome.error for outcome in run_together(targets) if outcome.error]


@pytest.fixture
def applications():
    staff = UserFactory(is_staff=True)
    services.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)
    college = College.objects.get(code="consommateurs")
    subscriptions = [
        services.subscription_apply(
            user=UserFactory(), shares=1, method=PaymentMethod.TRANSFER, college=college
        )
        for _ in range(PEOPLE)
    ]
    return staff, subscriptions


def test_one_statement_imported_twice_at_once_pays_once(applications):
    staff, subscriptions = applications
    rows = "".join(f"02/01/2025;VIR {s.reference};20,00\n" for s in subscriptions)
    content = ("Date;Libellé;Montant\n" + rows).encode()
    importers = [UserFactory(is_staff=True), staff]

    errors = _run_together(
        [
            lambda by=by: statements.statement_import(content=content, file_name="r.csv", by=by)
            for by in importers
        ]
    )

    assert errors == []
    assert StatementLine.objects.count() == PEOPLE
    assert SharePayment.objects.count() == PEOPLE
    numbers = sorted(Member.objects.values_list("number", flat=True))
    assert numbers == list(range(1, PEOPLE + 1))


def test_payments_recorded_at_once_give_distinct_numbers(applications):
    staff, subscriptions = applications
    errors = _run_together(
        [
            lambda s=s: services.subscription_record_payment(
                subscription=s, amount=s.amount, method=PaymentMethod.PICKUP, by=staff
            )
            for s in subscriptions
        ]
    )
    assert errors == []
    assert sorted(Member.objects.values_list("number", flat=True)) == list(range(1, PEOPLE + 1))
