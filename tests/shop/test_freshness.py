"""Data that stays fresh: reminder e-mails, the one-click "toujours exact" link and the
facilitators' freshness report."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from shop.impact import freshness
from shop.impact.models import Claim, FreshnessReminder
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    ProducerFactory,
    UserFactory,
    create_product,
)

pytestmark = pytest.mark.django_db

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août")
FRENCH_MONTHS += ("septembre", "octobre", "novembre", "décembre")
LINK = re.compile(r"http://testserver(/boutique/toujours-exact/[^/\s\"]+/)")
REPORT_URL = "impact:freshness-report"


def in_days(days: int, today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=days)


def make_claim(producer, days: int, *, third_party: bool = False, **kwargs) -> Claim:
    if third_party:
        kwargs.update(
            source=Claim.Source.THIRD_PARTY, certifier="Ecocert", certificate_number="FR-BIO-01"
        )
    return ClaimFactory(producer=producer, valid_until=in_days(days), **kwargs)


def french(msgid: str, **params) -> str:
    """What the French e-mail shows for this msgid (the msgid until it is translated)."""
    with translation.override("fr"):
        text = gettext(msgid)
    return text % params if params else text


@pytest.fixture
def producer():
    return ProducerFactory(name="Ferme des Trois Vallées", email="contact@ferme.example")


@pytest.fixture
def manager(producer):
    user = UserFactory(email="gerante@ferme.example")
    producer.users.add(user)
    return user


@pytest.fixture
def claims(producer, manager):
    """One self-declared and one certified claim expiring soon, and two that do not count."""
    return {
        "self": make_claim(producer, 30, criterion=CriterionFactory(name="Salaires équitables")),
        "certified": make_claim(
            producer, 10, third_party=True, criterion=CriterionFactory(name="Agriculture bio")
        ),
        "later": make_claim(producer, 31, criterion=CriterionFactory(name="Circuit court")),
        "expired": make_claim(producer, -1, criterion=CriterionFactory(name="Gouvernance")),
    }


def sent_link() -> str:
    return LINK.search(mail.outbox[-1].body).group(1)


# --- Reminders ---------------------------------------------------------------------------


def test_reminds_producer_users_of_claims_expiring_within_30_days(producer, manager, claims):
    assert freshness.freshness_reminders_send() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {manager.email, producer.email}
    body = message.body
    assert "Salaires équitables" in body and "Agriculture bio" in body
    assert "Circuit court" not in body and "Gouvernance" not in body
    reminder = FreshnessReminder.objects.get(producer=producer)
    assert set(reminder.claims.all()) == {claims["self"], claims["certified"]}
    assert LINK.search(body)
    edit_path = reverse(
        "impact-dashboard:claim-update", kwargs={"pk": producer.pk, "claim_pk": claims["self"].pk}
    )
    assert f"http://testserver{edit_path}" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and LINK.search(html) and edit_path in html


def test_reminder_is_in_french_and_explains_certified_claims(producer, manager, claims):
    freshness.freshness_reminders_send()

    message = mail.outbox[0]
    valid_until = claims["self"].valid_until
    assert f"{valid_until.day} {FRENCH_MONTHS[valid_until.month - 1]}" in message.body
    assert "Oui" in message.body  # the yes/no value, translated
    assert message.subject == french(
        "%(name)s: some of your impact data expires soon", name=producer.name
    )
    certified_note = french(
        "A certified claim cannot be renewed with the one-click link: it needs a new "
        "certificate. Add its number and new validity dates in your dashboard."
    )
    assert certified_note in message.body


def test_product_claims_name_their_product(producer, manager):
    product = create_product(title="Confiture d'abricots", producer=producer)
    make_claim(producer, 5, product=product)

    freshness.freshness_reminders_send()

    assert "Confiture d'abricots" in mail.outbox[0].body


def test_no_reminder_without_claims_expiring_soon(producer, manager):
    make_claim(producer, 31)
    make_claim(producer, -1)

    assert freshness.freshness_reminders_send() == 0
    assert mail.outbox == []
    assert not FreshnessReminder.objects.exists()


def test_second_run_the_same_day_sends_nothing_new(producer, manager, claims):
    freshness.freshness_reminders_send()

    assert freshness.freshness_reminders_send() == 0
    assert len(mail.outbox) == 1
    assert FreshnessReminder.objects.count() == 1


def test_a_week_later_reminds_again_while_still_expiring(producer, manager, claims):
    today = timezone.localdate()
    freshness.freshness_reminders_send(today=today)

    # Daily cron, weekly e-mails: nothing on the following days...
    assert freshness.freshness_reminders_send(today=in_days(1, today)) == 0
    assert freshness.freshness_reminders_send(today=in_days(6, today)) == 0
    assert len(mail.outbox) == 1
    # ...and a new reminder once a week has passed, while the claims still expire soon.
    assert freshness.freshness_reminders_send(today=in_days(7, today)) == 1
    assert len(mail.outbox) == 2


def test_management_command_reports_and_accepts_a_date(producer, manager, claims, capsys):
    call_command("remind_stale_data", "--date", in_days(-5).isoformat())

    assert "1 producer(s) reminded" in capsys.readouterr().out
    assert FreshnessReminder.objects.get().sent_on == in_days(-5)


# --- The one-click "toujours exact" link ----------------------------------------------------


@pytest.fixture
def link(claims):
    freshness.freshness_reminders_send()
    return sent_link()


def test_get_shows_what_will_be_renewed_and_changes_nothing(client, claims, link):
    response = client.get(link)

    assert response.status_code == 200
    assert "Salaires équitables" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    claims["self"].refresh_from_db()
    assert claims["self"].valid_until == in_days(30)
    assert FreshnessReminder.objects.get().used_at is None


def test_post_renews_self_declared_claims_only(client, claims, link):
    response = client.post(link)

    assert response.status_code == 200
    for claim in claims.values():
        claim.refresh_from_db()
    today = timezone.localdate()
    assert claims["self"].valid_until == claims["self"].criterion.default_valid_until(today)
    assert claims["certified"].valid_until == in_days(10)
    assert claims["later"].valid_until == in_days(31)
    assert FreshnessReminder.objects.get().used_at is not None


def test_link_works_once(client, claims, link):
    client.post(link)
    claims["self"].refresh_from_db()
    renewed_until = claims["self"].valid_until

    assert client.post(link).status_code == 410
    assert client.get(link).status_code == 410
    claims["self"].refresh_from_db()
    assert claims["self"].valid_until == renewed_until


def test_claims_renewed_meanwhile_are_not_renewed_again(claims, link):
    claim = claims["self"]
    Claim.objects.filter(pk=claim.pk).update(valid_until=in_days(400))

    result = freshness.freshness_reminder_renew(token=link.split("/")[-2])

    assert result.renewed == []
    assert [c.pk for c in result.already_renewed] == [claim.pk]
    assert [c.pk for c in result.third_party] == [claims["certified"].pk]
    claim.refresh_from_db()
    assert claim.valid_until == in_days(400)


def test_expired_token_is_refused(client, claims, monkeypatch):
    freshness.freshness_reminders_send()
    reminder = FreshnessReminder.objects.get()
    fifteen_days_ago = time.time() - 15 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: fifteen_days_ago)
        token = freshness.make_token(reminder)

    response = client.post(reverse("impact:always-accurate", kwargs={"token": token}))

    assert response.status_code == 410
    assert reverse("impact-dashboard:producer-list") in response.content.decode()
    claims["self"].refresh_from_db()
    assert claims["self"].valid_until == in_days(30)


def test_reminder_past_its_expiry_is_refused(client, claims, link):
    FreshnessReminder.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410


def test_tampered_token_is_refused(client, claims, link):
    token = link.split("/")[-2]
    other = signing.dumps({"reminder": 999}, salt="another.salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other, "nimportequoi"):
        response = client.post(reverse("impact:always-accurate", kwargs={"token": bad}))
        assert response.status_code == 400, bad
    claims["self"].refresh_from_db()
    assert claims["self"].valid_until == in_days(30)
    assert FreshnessReminder.objects.get().used_at is None


# --- The facilitators' report --------------------------------------------------------------


@pytest.fixture
def facilitator():
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="impact", codename="review_claims")
    )
    return user


def test_report_access(client, facilitator):
    url = reverse(REPORT_URL)
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

    client.force_login(facilitator)
    assert client.get(url).status_code == 200

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200


def test_report_lists_expired_and_expiring_claims(client, facilitator, claims):
    client.force_login(facilitator)
    content = client.get(reverse(REPORT_URL)).content.decode()

    expired_section = content.split('id="expired-claims"')[1].split('id="expiring-claims"')[0]
    expiring_section = content.split('id="expiring-claims"')[1].split('id="producers-by-age"')[0]
    assert "Gouvernance" in expired_section and "Salaires équitables" not in expired_section
    assert "Salaires équitables" in expiring_section and "Agriculture bio" in expiring_section
    assert "Circuit court" not in content


def test_report_orders_producers_by_age_of_their_data(client, facilitator):
    recent, old, _empty = (ProducerFactory(name=n) for n in ("Récent", "Ancien", "Sans données"))
    make_claim(recent, 100)
    old_claim = make_claim(old, 100)
    make_claim(old, 200)
    Claim.objects.filter(producer=old).update(updated_at=timezone.now() - datetime.timedelta(400))
    Claim.objects.filter(pk=old_claim.pk).update(
        updated_at=timezone.now() - datetime.timedelta(300)
    )
    client.force_login(facilitator)

    response = client.get(reverse(REPORT_URL))

    names = [p.name for p in response.context["producers"]]
    assert names.index("Sans données") < names.index("Ancien") < names.index("Récent")


def test_report_query_count_does_not_grow_with_producers(client, facilitator):
    client.force_login(facilitator)
    client.get(reverse(REPORT_URL))  # warm the caches (site, content types...)

    def queries_with(total: int) -> int:
        while Claim.objects.values("producer").distinct().count() < total:
            producer = ProducerFactory()
            product = create_product(title=f"Produit {producer.pk}", producer=producer)
            make_claim(producer, -3)
            make_claim(producer, 7, product=product)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(REPORT_URL)).status_code == 200
        return len(queries)

    assert queries_with(5) == queries_with(20)
