"""`manage.py load_demo`: realistic, complete, and idempotent.

The command runs twice, once for the whole module, inside a transaction that is rolled
back at the end (the tests themselves run in nested savepoints).
"""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page

from cms.models import ArticlePage, EducationIndexPage, LegalPage
from community.cooperative.assemblies.models import Assembly, Ballot, Proxy
from community.demo import (
    CONSUMER,
    COORDINATOR,
    DEMO_ACCOUNTS,
    EDUCATOR,
    EDUCATORS_GROUP,
    FACILITATOR,
    FACILITATORS_GROUP,
    PRODUCER,
    STAFF_ADMIN,
)
from community.feed.models import Comment, Post, Reaction
from community.feedback.models import ProducerFeedback, ProductFeedback
from community.guarantee.models import (
    Application,
    ClaimOpinion,
    CollegeMembership,
    Dispute,
)
from community.guarantee.selectors import open_disputes, pending_applications, quorum_status
from community.needs.models import Need, NeedOffer, NeedSupport
from groupbuy.demo import DEMO_GROUP_ORDER_TITLE
from groupbuy.models import (
    BuyingGroup,
    Commitment,
    CommitmentPart,
    GroupOrder,
    Membership,
    PriceTier,
)
from shop.demo import Category, Partner, Product, ProductClass, ProductImage, StockRecord
from shop.demo_data.producers import DEMO_REGION_BBOX
from shop.impact.models import Claim
from shop.invoicing.models import Invoice
from shop.partner.validators import validate_siret

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "producers": Partner.objects.count(),
        "product classes": ProductClass.objects.count(),
        "products": Product.objects.count(),
        "stock records": StockRecord.objects.count(),
        "categories": Category.objects.count(),
        "images": ProductImage.objects.count(),
        "users": get_user_model().objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "auth groups": Group.objects.count(),
        "buying groups": BuyingGroup.objects.count(),
        "memberships": Membership.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Page.objects.filter(latest_revision__isnull=False).count(),
        "claims": Claim.objects.count(),
        "college memberships": CollegeMembership.objects.count(),
        "claim opinions": ClaimOpinion.objects.count(),
        "disputes": Dispute.objects.count(),
        "applications": Application.objects.count(),
        "commitments": Commitment.objects.count(),
        "commitment parts": CommitmentPart.objects.count(),
        "price tiers": PriceTier.objects.count(),
        "posts": Post.objects.count(),
        "comments": Comment.objects.count(),
        "reactions": Reaction.objects.count(),
        "needs": Need.objects.count(),
        "need supports": NeedSupport.objects.count(),
        "need offers": NeedOffer.objects.count(),
        "product reviews": ProductFeedback.objects.count(),
        "producer reviews": ProducerFeedback.objects.count(),
        "assemblies": Assembly.objects.count(),
        "ballots": Ballot.objects.count(),
        "proxies": Proxy.objects.count(),
    }


def _claim_rows() -> list[tuple]:
    """Every claim as stored: a second run must not touch one (not even `updated_at`)."""
    return list(Claim.objects.order_by("pk").values_list())


def _image_mtimes(media_root: Path) -> dict[str, int]:
    return {str(path): path.stat().st_mtime_ns for path in media_root.rglob("*.png")}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_runs(django_db_setup, django_db_blocker, demo_media):
    """Counts, image files and claims after the first and the second run of load_demo."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        first = (_counts(), _image_mtimes(demo_media), _claim_rows())
        call_command("load_demo", stdout=StringIO())
        second = (_counts(), _image_mtimes(demo_media), _claim_rows())
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_runs, demo_media, settings):
    """The loaded demo, with MEDIA_ROOT pointing at its files."""
    settings.MEDIA_ROOT = demo_media
    return demo_runs


def test_second_run_changes_nothing(demo):
    (first_counts, first_files, first_claims), (second_counts, second_files, second_claims) = demo
    assert first_counts == second_counts
    assert first_files == second_files  # no image redrawn
    assert len(first_files) == first_counts["images"]
    assert first_claims == second_claims  # no claim saved again, no date moved


def test_producers_are_varied_and_located_in_the_region(demo):
    producers = list(Partner.objects.all())
    assert len(producers) >= 12
    assert len({producer.legal_form for producer in producers}) >= 5
    assert {producer.charter_status for producer in producers} == {"membre", "candidat"}
    south, west, north, east = DEMO_REGION_BBOX
    for producer in producers:
        assert south <= producer.latitude <= north, producer.name
        assert west <= producer.longitude <= east, producer.name
        assert producer.description
        assert len(producer.postcode) == 5
        assert producer.postcode.startswith("26")  # Drôme


def test_products_are_complete(demo):
    products = Product.objects.prefetch_related("categories", "stockrecords", "images")
    assert products.count() >= 60
    assert Category.objects.filter(product__isnull=False).distinct().count() >= 8
    for product in products.select_related("product_class"):
        assert product.description, product.title
        assert product.categories.exists(), product.title
        (stockrecord,) = product.stockrecords.all()
        assert stockrecord.price > 0
        assert stockrecord.num_in_stock > 0
        (image,) = product.images.all()
        assert Path(image.original.path).is_file(), product.title
    vat_rates = {
        product_class.name: str(product_class.vat_rate)
        for product_class in ProductClass.objects.all()
    }
    assert vat_rates["Alimentaire"] == "0.0550"
    assert vat_rates["Non alimentaire"] == "0.2000"


def test_each_demo_account_logs_in_with_a_verified_email(demo, client):
    for account in DEMO_ACCOUNTS:
        assert client.login(email=account.email, password=account.password), account.role
        assert EmailAddress.objects.filter(
            email=account.email, verified=True, primary=True
        ).exists()
        client.logout()


def test_accounts_have_their_roles(demo):
    users = get_user_model().objects
    producer = users.get(email=PRODUCER.email)
    assert producer.partners.exists()
    assert producer.has_perm("partner.dashboard_access")
    educator = users.get(email=EDUCATOR.email)
    assert educator.groups.filter(name=EDUCATORS_GROUP).exists()
    assert educator.has_perm("wagtailadmin.access_admin")
    assert users.get(email=FACILITATOR.email).groups.filter(name=FACILITATORS_GROUP).exists()
    admin = users.get(email=STAFF_ADMIN.email)
    assert admin.is_staff and admin.is_superuser


def test_buying_group_has_a_coordinator_and_members(demo):
    (group,) = BuyingGroup.objects.all()
    coordinators = group.memberships.filter(role=Membership.Role.COORDINATOR)
    assert [membership.user.email for membership in coordinators] == [COORDINATOR.email]
    assert group.memberships.filter(role=Membership.Role.MEMBER).count() >= 5


def test_education_pages_are_live_and_editable_by_educators(demo):
    index = EducationIndexPage.objects.get(slug="apprendre")
    assert index.live
    articles = ArticlePage.objects.child_of(index).live()
    assert articles.count() >= 2
    for article in articles:
        assert article.intro
        assert len(article.body) >= 4
    educator = get_user_model().objects.get(email=EDUCATOR.email)
    permissions = index.permissions_for_user(educator)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()


INCLUSION_CODES = {"forme-ess", "gouvernance-democratique", "lucrativite-limitee"}


def test_every_producer_has_a_varied_impact_passport(demo):
    for producer in Partner.objects.all():
        own_claims = Claim.objects.filter(producer=producer, product__isnull=True)
        assert 8 <= own_claims.count() <= 15, producer.name
        codes = set(own_claims.values_list("criterion__code", flat=True))
        assert codes >= INCLUSION_CODES, producer.name
        if producer.charter_status == "membre":
            inclusion = own_claims.filter(criterion__code__in=INCLUSION_CODES)
            assert all(claim.value_bool for claim in inclusion), producer.name
    assert Claim.objects.filter(not_applicable=True).exists()
    assert Claim.objects.filter(source=Claim.Source.THIRD_PARTY).exists()


def test_demo_claims_are_valid_and_consistently_dated(demo):
    for claim in Claim.objects.select_related("criterion", "producer", "product"):
        claim.full_clean()
        if claim.validated_at:
            assert claim.state == Claim.State.VALIDATED
            assert claim.valid_from <= timezone.localdate(claim.validated_at) < timezone.localdate()
        if claim.product:
            assert claim.product.stockrecords.get().partner == claim.producer


def test_demo_claims_show_every_state(demo):
    today = timezone.localdate()
    current = Claim.objects.current()
    weeks_ago = timezone.now() - datetime.timedelta(weeks=2)
    assert current.filter(state=Claim.State.VALIDATED, validated_at__lt=weeks_ago).exists()
    assert current.filter(state=Claim.State.DISPUTED).exists()
    assert Claim.objects.expired(today).exists()  # shown as "À revérifier"
    assert Claim.objects.expiring_within(30, today).exists()  # for remind_stale_data
    # Most claims are simply declared.
    assert current.filter(state=Claim.State.DECLARED).count() > Claim.objects.count() / 2


def test_some_product_claims_override_their_producer(demo):
    overrides = [
        claim
        for claim in Claim.objects.filter(product__isnull=False)
        if Claim.objects.filter(
            producer=claim.producer, criterion=claim.criterion, product__isnull=True
        )
        .exclude(value_bool=claim.value_bool)
        .exists()
    ]
    assert overrides
    assert Claim.objects.filter(
        product__isnull=False, criterion__code="bio", value_bool=False
    ).exists()
    assert Claim.objects.filter(product__isnull=False, criterion__code="saisonnalite").exists()


def test_catalogue_shows_checked_and_stale_claims(demo, client):
    html = client.get("/boutique/catalogue/").content.decode()
    assert "À revérifier" in html
    assert "Vérifié par la communauté" in html


# --- a coherent demo -------------------------------------------------------------------


def test_every_validated_claim_meets_the_community_quorum(demo):
    validated = list(Claim.objects.filter(state=Claim.State.VALIDATED))
    assert len(validated) >= 20
    for claim in validated:
        status = quorum_status(claim)
        assert status.reached, (claim, status)
        voters = set(counted_voters := claim.opinions.values_list("member", flat=True))
        assert len(voters) == len(counted_voters)
        assert not voters & set(claim.producer.users.values_list("pk", flat=True))


def test_every_disputed_claim_has_an_open_dispute_in_the_facilitator_queue(demo):
    disputed = set(Claim.objects.filter(state=Claim.State.DISPUTED).values_list("pk", flat=True))
    assert disputed
    assert disputed <= set(open_disputes().values_list("claim", flat=True))
    for dispute in open_disputes():
        assert dispute.opinion.verdict == "dispute" and dispute.opinion.comment


def test_colleges_hold_a_consumer_and_a_peer_producer(demo):
    confirmed = CollegeMembership.objects.filter(status=CollegeMembership.Status.CONFIRMED)
    categories = set(confirmed.values_list("college__category", flat=True))
    assert {"consumers", "peer_producers"} <= categories
    assert confirmed.filter(user__email=CONSUMER.email, college__category="consumers").exists()
    assert confirmed.filter(user__email=PRODUCER.email, college__category="peer_producers").exists()


def test_every_demo_producer_has_a_valid_siret(demo):
    for producer in Partner.objects.all():
        assert producer.siret, producer
        validate_siret(producer.siret)  # 14 digits, Luhn checksum
        assert not producer.siret.startswith("356000000")  # not La Poste's exception


def test_the_open_group_order_has_commitments_from_demo_members(demo):
    group_order = GroupOrder.objects.get(title=DEMO_GROUP_ORDER_TITLE)
    assert group_order.accepts_commitments
    commitments = Commitment.objects.filter(offer__group_order=group_order)
    assert commitments.values("member").distinct().count() >= 4
    members = set(group_order.group.memberships.values_list("user", flat=True))
    assert set(commitments.values_list("member", flat=True)) <= members


def test_a_candidate_producer_has_a_pending_application(demo):
    application = pending_applications().get()
    assert application.producer.charter_status == "candidat"
    assert len(application.presentation) > 200


def test_feed_needs_and_reviews_have_french_content(demo):
    assert Post.objects.count() >= 5 and Comment.objects.exists()
    assert Need.objects.count() >= 3 and NeedSupport.objects.exists()
    offer = NeedOffer.objects.get()
    assert offer.need.status == Need.Status.ANSWERED and offer.product is not None
    assert ProductFeedback.objects.count() >= 3 and ProducerFeedback.objects.count() >= 2
    answered = ProductFeedback.objects.exclude(answer="").get()
    assert answered.answered_by.partners.filter(pk=offer.producer.pk).exists()
    texts = [
        *Post.objects.values_list("body", flat=True),
        *Need.objects.values_list("description", flat=True),
        *ProductFeedback.objects.values_list("text", flat=True),
    ]
    for text in texts:
        assert any(word in text for word in (" de ", " la ", " le ", " les ", " des ")), text


def test_legal_pages_are_live_and_demo_commitments_accepted_their_terms(demo):
    pages = {page.kind: page for page in LegalPage.objects.live()}
    assert set(pages) == {"legal_notice", "terms_of_sale", "privacy"}
    terms = pages["terms_of_sale"]
    commitments = Commitment.objects.filter(offer__group_order__title=DEMO_GROUP_ORDER_TITLE)
    assert commitments.exists()
    assert set(commitments.values_list("terms_version", flat=True)) == {terms.version}


def test_the_cooperative_has_members_and_an_application_to_reconcile(demo):
    from decimal import Decimal

    from community.cooperative import selectors
    from community.cooperative.demo import pending_demo_subscription
    from community.cooperative.models import Member, PaymentMethod
    from shop import gates

    rules = selectors.current_rules()
    assert (rules.share_value, rules.minimum_shares) == (Decimal("20.00"), 1)
    assert Member.objects.count() >= 10
    group = BuyingGroup.objects.get()
    for membership in group.memberships.select_related("user"):
        # Group orders are for members: every demo member of the group holds shares.
        assert gates.refusal(gates.GROUP_ORDERS, membership.user) is None, membership.user
    pending = pending_demo_subscription()
    assert pending is not None and pending.method == PaymentMethod.TRANSFER
    assert pending.amount == Decimal("20.00")
    assert not selectors.is_member(pending.user)


def test_the_demo_local_currency_is_accepted_and_held(demo):
    from decimal import Decimal

    from shop.wallet import selectors as wallet_selectors
    from shop.wallet.currencies import selectors
    from shop.wallet.currencies.demo import ACCEPTING_SLUGS, CODE
    from shop.wallet.models import Transfer

    accepting = Partner.objects.filter(pk__in=selectors.accepting_partner_ids(currency=CODE))
    assert set(accepting.values_list("slug", flat=True)) == set(ACCEPTING_SLUGS)
    consumer = get_user_model().objects.get(email=CONSUMER.email)
    assert wallet_selectors.balance_of(consumer, CODE) == Decimal("27.50")
    assert Transfer.objects.filter(currency=CODE).count() == 2  # loaded twice, written once
    assert wallet_selectors.trial_balance()[CODE] == Decimal("0.00")


def test_the_cooperative_has_a_past_assembly_with_results_and_an_open_one(demo):
    from community.cooperative.assemblies import results, selectors

    phases = selectors.assemblies_by_phase()
    (past,) = phases["past"]
    outcome = results.assembly_results(past)
    assert outcome.voters == 5 and outcome.quorum_reached
    assert all(result.weighted_for is not None for result in outcome.resolutions)
    (current,) = phases["open"]
    assert current.ballots.exists() and current.proxies.filter(revoked_at__isnull=True).exists()


def test_every_demo_order_has_its_invoices(demo):
    Order = get_model("order", "Order")
    assert Order.objects.filter(number__startswith="DEMO-F").count() == 2
    assert not Order.objects.filter(invoices__isnull=True).exists()
    assert Invoice.objects.filter(order__number="DEMO-F1", paid_at__isnull=False).count() == 2
