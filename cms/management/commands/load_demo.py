"""`manage.py load_demo`: realistic French demo data, safe to run again.

Loads, in dependency order and in one transaction: the catalogue (shop), the
producers' impact claims (shop.impact), the demo accounts (community), the legal pages
(cms: the group order's commitments accept its terms of sale), a buying group
(groupbuy) and the other pages (cms). A second run changes nothing: every row is found by a
natural key before it is created.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from cms.demo import load_cms_demo, load_legal_pages
from cms.models import HomePage
from community.cooperative.demo import load_cooperative_demo
from community.cooperative.models import Member, Subscription
from community.demo import (
    CONSUMER,
    COORDINATOR,
    DEMO_ACCOUNTS,
    DEMO_PRODUCER_SLUG,
    MEMBER_EMAILS,
    STAFF_ADMIN,
    load_community_demo,
)
from community.feed.demo import load_feed_demo
from community.feedback.demo import load_feedback_demo
from community.guarantee.demo import load_guarantee_demo
from community.guarantee.models import Application, ClaimOpinion, Dispute
from community.needs.demo import load_needs_demo
from groupbuy.demo import load_groupbuy_demo
from groupbuy.models import BuyingGroup, Commitment, GroupOrder, Membership
from shop.contracts.demo import load_contracts_demo
from shop.demo import Category, Partner, Product, ProductImage, StockRecord, load_shop_demo
from shop.demo_data.producers import DEMO_REGION
from shop.distributions.demo import load_distributions_demo
from shop.distributions.shifts.demo import load_shifts_demo
from shop.impact.demo import load_claims
from shop.impact.models import Claim
from shop.invoicing.demo import load_invoicing_demo
from shop.pricing.demo import load_pricing_demo
from shop.shipping.demo import load_pickup_demo
from shop.shipping.models import PickupPoint
from shop.wallet.currencies.demo import load_currencies_demo
from shop.wallet.demo import load_wallet_demo


def database_counts() -> dict[str, int]:
    """What the demo data adds up to, whatever loaded it."""
    return {
        "producers": Partner.objects.count(),
        "products": Product.objects.count(),
        "stock records": StockRecord.objects.count(),
        "categories": Category.objects.count(),
        "product images": ProductImage.objects.count(),
        "impact claims": Claim.objects.count(),
        "members": get_user_model().objects.count(),
        "sociétaires": Member.objects.filter(left_at__isnull=True).count(),
        "subscriptions to pay": Subscription.objects.filter(status="pending").count(),
        "buying groups": BuyingGroup.objects.count(),
        "memberships": Membership.objects.count(),
        "group orders": GroupOrder.objects.count(),
        "commitments": Commitment.objects.count(),
        "claim opinions": ClaimOpinion.objects.count(),
        "open disputes": Dispute.objects.filter(status=Dispute.Status.OPEN).count(),
        "applications": Application.objects.count(),
        "pickup points": PickupPoint.objects.count(),
        "live pages": Page.objects.live().count(),
    }


def claim_states() -> str:
    """Claims by the state the pages show, e.g. "38 validated, 2 disputed, ..."."""
    claims = Claim.objects.all()
    current = claims.current()
    return (
        f"{current.filter(state=Claim.State.VALIDATED).count()} validated, "
        f"{current.filter(state=Claim.State.DISPUTED).count()} disputed, "
        f"{claims.expired().count()} to re-check, "
        f"{claims.expiring_within(30).count()} due within 30 days"
    )


class Command(BaseCommand):
    help = (
        "Load realistic French demo data (producers, products, impact claims, accounts, "
        "group, pages)."
    )

    def handle(self, *args, **options) -> None:
        if options["verbosity"] < 2:
            # Wagtail logs every page edit, publication and search-index task at INFO.
            logging.disable(logging.INFO)
        try:
            with transaction.atomic():
                shop = load_shop_demo()
                claims = load_claims(stdout=self.stdout)
                pickup_points = load_pickup_demo()
                load_community_demo()
                load_guarantee_demo()
                # Before the group order: its demo commitments accept the terms of sale.
                load_legal_pages()
                # Before the group: group orders are for the cooperative's members.
                cooperative = load_cooperative_demo()
                load_wallet_demo(
                    member_emails=(CONSUMER.email, *MEMBER_EMAILS),
                    cashier_email=COORDINATOR.email,
                    staff_email=STAFF_ADMIN.email,
                )
                # After the accounts: staff set the rates (audited by name).
                pricing = load_pricing_demo(staff_email=STAFF_ADMIN.email)
                group = load_groupbuy_demo(
                    coordinator_email=COORDINATOR.email,
                    member_emails=(CONSUMER.email, *MEMBER_EMAILS),
                    pickup_points=pickup_points,
                )
                load_cms_demo()
                load_feed_demo()
                load_needs_demo()
                load_feedback_demo()
                load_currencies_demo(member_email=CONSUMER.email)
                distributions = load_distributions_demo(pickup_points=pickup_points)
                load_shifts_demo(
                    distributions=distributions,
                    volunteer_emails=(CONSUMER.email, *MEMBER_EMAILS),
                )
                load_contracts_demo(
                    coordinator_email=COORDINATOR.email,
                    member_emails=(CONSUMER.email, *MEMBER_EMAILS),
                    pickup_points=pickup_points,
                )
                # Last: every order placed by the demo gets its invoices.
                load_invoicing_demo(
                    member_email=CONSUMER.email,
                    producer_slug=DEMO_PRODUCER_SLUG,
                    pickup_point=pickup_points[0] if pickup_points else None,
                )
            # Products, images and claims are partly written in bulk, past Wagtail's
            # signal handlers: rebuild the search index (pages, products, producers).
            call_command("wagtail_update_index", verbosity=0)  # not Haystack's update_index
        except HomePage.DoesNotExist as error:
            raise CommandError(
                "The home page (slug 'accueil', created by migration cms 0002) is missing: "
                "load the demo into a migrated database."
            ) from error
        finally:
            logging.disable(logging.NOTSET)

        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({DEMO_REGION})."))
        for label, count in database_counts().items():
            self.stdout.write(f"  {label:<16} {count}")
        self.stdout.write(f"  {'images drawn':<16} {shop['images drawn']} (this run)")
        self.stdout.write(f"  {'claims created':<16} {claims['created']} (this run)")
        self.stdout.write(f"  {'claim states':<16} {claim_states()}")
        for label, count in pricing.items():
            self.stdout.write(f"  {label:<16} {count}")
        self.stdout.write(f"  buying group     {group.name}")
        pending = cooperative["pending"]
        if isinstance(pending, Subscription):
            self.stdout.write(
                f"  share to match   {pending.reference} ({pending.amount} €, by transfer): "
                "import a bank statement quoting it at /boutique/dashboard/releves-bancaires/"
            )
        self.stdout.write("\nDemo accounts (public passwords: never load on a public server):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<18} {account.email:<34} {account.password}")
