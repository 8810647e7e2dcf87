"""Accessibility tour (issue #11, points 1 and 2): every page a visitor, a member, a
producer or a facilitator uses passes axe-core's WCAG 2.1 A/AA rules with no serious or
critical violation, and none scrolls sideways on a 375 px wide phone.

One test per page, so a failure names the page. The live server's tests are
transactional (the database is emptied after each one): each test builds, through
`Tour`, only the part of one shared data set its page needs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    TIMEOUT_MS,
    axe_violations,
    blocking_violations,
    describe_violations,
)
from tests.factories import (
    ClaimFactory,
    ProducerFactory,
    UserFactory,
    create_group_order,
    create_product,
    make_distribution,
    make_pickup_point,
    producer_user,
)
from tests.factories.groupbuy import TERMS_VERSION

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.axe,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTH = 375
PRODUCT_TITLE = "Miel de lavande"


class Tour:
    """The shared data set, built piece by piece as a page asks for it."""

    @cached_property
    def producer(self):
        producer = ProducerFactory(
            name="Coopérative fruitière du Diois",
            legal_form="scop",
            description="Fruits et jus du Diois, en SCOP depuis 1983.",
        )
        ClaimFactory(producer=producer)
        ClaimFactory(producer=producer)
        return producer

    @cached_property
    def product(self):
        product = create_product(
            title=PRODUCT_TITLE,
            price_excl_tax=Decimal("10.00"),
            producer=self.producer,
            category_name="Épicerie",
        )
        ClaimFactory(producer=self.producer, product=product)
        create_product(title="Jus de pomme bio", producer=self.producer, category_name="Boissons")
        return product

    @cached_property
    def category(self):
        return self.product.categories.get()

    @property
    def product_url(self) -> str:
        return self.product.get_absolute_url()

    @property
    def category_url(self) -> str:
        return self.category.get_absolute_url()

    @property
    def group_order_url(self) -> str:
        return self.group_order.get_absolute_url()

    @cached_property
    def member(self):
        return UserFactory(email="camille.visite@example.org")

    @cached_property
    def pickup_point(self):
        return make_pickup_point()

    def basket(self):
        """The member's basket holds the product (Oscar loads it at sign-in)."""
        from oscar.core.loading import get_class, get_model

        basket_model = get_model("basket", "Basket")
        selector = get_class("partner.strategy", "Selector")
        basket = basket_model.objects.create(owner=self.member)
        basket.strategy = selector().strategy()
        basket.add_product(self.product, quantity=2)
        self.pickup_point  # noqa: B018 (the checkout needs a pickup point)
        return basket

    @cached_property
    def order(self):
        from tests.helpers.orders import place_order

        return place_order(
            number="100042",
            user=self.member,
            items=[(self.product, 2)],
            status="Pending",
            point=self.pickup_point,
        )

    @cached_property
    def invoiced_order(self):
        """The member's order with its invoice (issued by the cooperative)."""
        from shop.invoicing.services import invoice_issue_for_order

        invoice_issue_for_order(order=self.order)
        return self.order

    @cached_property
    def group_order(self):
        coordinator = UserFactory(email="coordination.visite@example.org")
        group_order = create_group_order(
            coordinator=coordinator,
            members=[self.member],
            group_name="Groupement des Pentes",
            group_slug="groupement-des-pentes",
            title="Commande de décembre",
            offers=[
                {
                    "product": self.product,
                    "case_size": 6,
                    "min_units": 6,
                    "unit_price_incl_tax": Decimal("9.80"),
                }
            ],
        )
        from groupbuy.orders import services as orders

        orders.commitment_set(
            offer=group_order.offers.get(),
            member=coordinator,
            quantity=2,
            tolerance=1,
            terms_version=TERMS_VERSION,
        )
        return group_order

    def feed(self):
        from community.feed import services as feed

        feed.post_create(author=self.member, body="Qui vient à la distribution de jeudi ?")
        feed.post_create(author=UserFactory(), body="Les jus sont arrivés.", producer=self.producer)

    def needs(self):
        from community.needs import services as needs

        needs.need_create(
            author=self.member, title="Farine bio locale", description="T80, pour le pain"
        )

    @cached_property
    def article(self):
        from tests.cms.helpers import add_article, education_index, paragraph

        return add_article(
            education_index(),
            slug="bien-choisir-son-miel",
            title="Bien choisir son miel",
            body=[paragraph('<p>Lire <a href="/boutique/">les étiquettes</a> avant tout.</p>')],
        )

    @cached_property
    def shareholder(self):
        """The member, admitted to the cooperative with one share paid by transfer."""
        from decimal import Decimal

        from community.cooperative import services as cooperative
        from community.cooperative.models import College, PaymentMethod

        staff = self.staff
        cooperative.rules_update(
            by=staff, share_value=Decimal("20.00"), minimum_shares=1, minimum_holding_months=12
        )
        subscription = cooperative.subscription_apply(
            user=self.member,
            shares=1,
            method=PaymentMethod.TRANSFER,
            college=College.objects.get(code="consommateurs"),
        )
        cooperative.subscription_record_payment(
            subscription=subscription,
            amount=subscription.amount,
            method=PaymentMethod.TRANSFER,
            by=staff,
        )
        return self.member

    @cached_property
    def member_discount(self):
        """10 % off the product's class for the cooperative's members."""
        from community.cooperative.benefits import member_discount_set

        return member_discount_set(
            product_class=self.product.get_product_class(), percent=Decimal("10"), by=self.staff
        )

    @cached_property
    def pricing(self):
        """A commission rate, a logistics fee and the product's net quantity (250 g)."""
        from shop.pricing import services as pricing
        from shop.pricing.models import LogisticsFee

        pricing.commission_rate_save(partner=self.producer, percent=Decimal("12"), by=self.staff)
        fee = LogisticsFee(label="Transport", kind="per_unit", amount=Decimal("0.30"), scope="all")
        pricing.logistics_fee_save(fee=fee, by=self.staff)
        return pricing.net_quantity_set(product=self.product, quantity=Decimal("250"), unit="g")

    @cached_property
    def members_only_shop(self):
        """The shop reserved to the cooperative's members (the member is not one)."""
        from community.cooperative import services as cooperative

        return cooperative.rules_update(
            by=self.staff, share_value=Decimal("20.00"), members_only_shop=True
        )

    @cached_property
    def membership_page(self):
        """ "Devenir sociétaire", with the rules in force."""
        from cms.demo import load_membership_page
        from cms.models import HomePage

        self.shareholder  # noqa: B018 (the rules, which the page shows)
        return load_membership_page(HomePage.objects.get(slug="accueil"))

    @cached_property
    def assembly(self):
        """A general assembly whose vote is open, the shareholder a voter (with a PDF)."""
        from django.core.files.base import ContentFile

        from tests.cooperative.assemblies.conftest import convene

        self.shareholder  # noqa: B018 (admitted before the vote opens)
        assembly = convene(self.staff)
        from community.cooperative.assemblies import services

        services.document_add(
            assembly=assembly,
            by=self.staff,
            title="Comptes annuels",
            file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="comptes.pdf"),
        )
        return assembly

    @cached_property
    def past_assembly(self):
        """A closed assembly the shareholder voted in: its results are published."""
        from community.cooperative.assemblies import services
        from tests.cooperative.assemblies.conftest import all_, close, convene

        self.shareholder  # noqa: B018
        assembly = convene(self.staff)
        services.ballot_cast(assembly=assembly, by=self.member, choices=all_(assembly, "for"))
        return close(assembly)

    @cached_property
    def wallet_account(self):
        """The shareholder's euro wallet account: topped up by cash and by transfer, one payment."""
        from shop.wallet import services as wallet

        member = self.shareholder
        wallet.wallet_top_up_cash(
            user=member, amount=Decimal("40.00"), by=self.staff, place="Halle", key="tour:cash"
        )
        wallet.wallet_pay(user=member, amount=Decimal("12.40"), key="tour:pay", reference="100042")
        return wallet.member_account(user=member)

    @cached_property
    def staff(self):
        """A staff member (the Oscar dashboard's screens)."""
        return UserFactory(is_staff=True, is_superuser=True)

    @cached_property
    def local_currency(self):
        """A local currency the producer accepts, a member's payment in it, and an
        operator transfer naming nobody (the currency screens' tables are not empty)."""
        from shop.wallet.currencies import services as currencies
        from shop.wallet.currencies.models import (
            LocalCurrency,
            OperatorTransfer,
            OperatorTransferStatus,
            ProducerAcceptance,
        )

        currency = LocalCurrency.objects.create(
            code="SOU-DROME", name="Sou de la Drôme", symbol="Sou", operator_name="Le Sou"
        )
        ProducerAcceptance.objects.create(partner=self.producer, currency=currency)
        buyer = UserFactory()
        currencies.currency_credit_at_desk(
            user=buyer, currency=currency.code, amount=Decimal("30"), by=None, key="tour:desk"
        )
        currencies.wallet_pay_local(
            user=buyer,
            currency=currency.code,
            amount=Decimal("12.50"),
            producer_amounts={self.producer.pk: Decimal("12.50")},
            key="tour:pay",
            reference="100001",
        )
        OperatorTransfer.objects.create(
            currency=currency,
            operator_id="op-1",
            member_reference="PM-0-0",
            amount=Decimal("5.00"),
            made_at="2026-12-01T10:00:00Z",
            status=OperatorTransferStatus.UNMATCHED,
        )
        return currency

    @cached_property
    def legal_pages(self):
        from cms.demo import load_legal_pages

        return load_legal_pages()

    @cached_property
    def producer_account(self):
        user = producer_user(self.producer)
        self.product  # noqa: B018 (the producer's pages list its products)
        return user

    @cached_property
    def facilitator(self):
        from django.contrib.auth.models import Permission

        from community.guarantee.models import Verdict
        from community.guarantee.services import claim_opinion_record
        from tests.community.guarantee_helpers import college_member, facilitator

        user = facilitator()
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="impact", codename="review_claims")
        )
        claim = ClaimFactory(producer=self.producer)
        claim_opinion_record(
            claim=claim,
            member=college_member("consumers"),
            verdict=Verdict.DISPUTE,
            comment="Le label n'est plus affiché sur les bocaux.",
        )
        return user

    @cached_property
    def wallet(self):
        """The shareholder's wallet: 15 € and 5 Sou, a local currency the tour's producer
        accepts (the payment step then offers both)."""
        from decimal import Decimal

        from shop.wallet import services as wallet_services
        from tests.wallet.currencies.helpers import accept, credit, make_currency

        member = self.shareholder
        wallet_services.wallet_top_up_cash(
            user=member, amount=Decimal("15.00"), by=self.staff, key="visite-especes"
        )
        sou = make_currency("SOU", name="Sou de la Drôme", symbol="Sou")
        accept(self.producer, sou)
        credit(member, sou, "5.00")
        return member

    @cached_property
    def group_order_with_wallet(self):
        """The member committed to the group order and has money in the wallet: the page
        offers to prepay the commitments from it."""
        from groupbuy.orders import services as orders

        # The coordinator commits before the cooperative's rules reserve group orders.
        group_order = self.group_order
        self.wallet  # noqa: B018 (the member, a shareholder, holds 15 € in the wallet)
        orders.commitment_set(
            offer=group_order.offers.get(),
            member=self.member,
            quantity=1,
            tolerance=0,
            terms_version=TERMS_VERSION,
        )
        return group_order

    @cached_property
    def distribution(self):
        """An open distribution offering the product at the tour's pickup point."""
        return make_distribution(
            title="Distribution du vendredi", offers={self.product: 8}, points=[self.pickup_point]
        )

    @cached_property
    def shift_signup(self):
        """The member signed up for the distribution's first volunteer role."""
        from shop.distributions.shifts.services import shift_sign_up

        role = self.distribution.shift_roles.order_by("starts_at", "pk").first()
        return shift_sign_up(role=role, user=self.member)

    @cached_property
    def shift_season(self):
        """A season asking two shifts per household (nobody has done them)."""
        from django.utils import timezone

        from shop.distributions.shifts.models import ShiftRequirement

        today = timezone.localdate()
        return ShiftRequirement.objects.create(
            label="Saison",
            starts_on=today.replace(day=1),
            ends_on=today.replace(month=12, day=31),
            shifts=2,
        )

    @cached_property
    def distribution_order(self):
        """The member's order, placed for the distribution (its sheet, the producer's
        purchase order)."""
        from shop.distributions.models import OrderDistribution

        return OrderDistribution.objects.create(
            order=self.order, distribution=self.distribution, pickup_point=self.pickup_point
        )

    @cached_property
    def paid_order(self):
        """The member's order, paid at pickup: staff may refund it, to the wallet too."""
        from shop.payments import services
        from shop.payments.methods import PaymentMethod

        order = self.order
        services.record_offline_order(order=order, method=PaymentMethod.PICKUP)
        services.mark_offline_paid(order=order, user=self.staff, amount=order.total_incl_tax)
        return order

    @cached_property
    def amap_contract(self):
        """A published AMAP contract over the tour's distribution, two sizes; the member
        subscribed to it (shared with the facilitator)."""
        from shop.contracts import services as contracts
        from shop.contracts.models import Contract, ContractOption

        contract = Contract.objects.create(
            producer=self.producer,
            coordinator=self.staff,
            title="Panier de légumes",
            season_start=datetime.date.today(),
            season_end=datetime.date.today() + datetime.timedelta(days=30),
            terms="Engagement pour la saison.",
        )
        contract.distributions.set([self.distribution])
        ContractOption.objects.create(contract=contract, label="Petit panier", price=Decimal("12"))
        ContractOption.objects.create(contract=contract, label="Grand panier", price=Decimal("20"))
        contract = contracts.contract_publish(contract=contract, by=self.staff)
        contracts.contract_subscribe(
            contract=contract,
            user=self.member,
            option=contract.options.first(),
            terms_version=contract.terms_version,
            instalments=2,
            method="cheque",
        )
        return contract


@dataclass(frozen=True)
class Visit:
    """How to reach a page: who signs in, then what to do to land on it."""

    role: str | None  # "member", "producer", "facilitator", "staff" or None (a visitor)
    go: Callable[[Page, Tour], None]
    xfail: str = ""


def _goto(url: str, *needs: str) -> Callable[[Page, Tour], None]:
    """Build the parts of the tour named in `needs`, then open `url`, a format string
    of the tour (`{t.producer.pk}`)."""

    def go(page: Page, tour: Tour) -> None:
        for need in needs:
            part = getattr(tour, need)
            if callable(part):
                part()
        response = page.goto(url.format(t=tour))
        assert response is not None and response.ok, f"{page.url}: {response and response.status}"

    return go


def _to_checkout(step: str) -> Callable[[Page, Tour], None]:
    """Walk the member's basket through the checkout, with pay-at-pickup, to `step`."""

    def go(page: Page, tour: Tour) -> None:
        tour.basket()
        point = tour.pickup_point
        page.goto("/boutique/checkout/shipping-method/")
        if step == "shipping-method":
            return
        page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
        page.locator("#delivery_continue").click()
        expect(page).to_have_url(re.compile(r"/payment-method/$"))
        if step == "payment-method":
            return
        page.locator("label[for=payment_pickup]").click()
        page.locator("#payment_continue").click()
        expect(page).to_have_url(re.compile(r"/preview/$"))
        if step == "preview":
            return
        page.locator("input[name=accept_terms]").check()
        page.locator("#place-order").click()
        expect(page).to_have_url(re.compile(r"/thank-you/$"))

    return go


def _to_distribution_catalogue(page: Page, tour: Tour) -> None:
    """Choose the distribution, land on its catalogue with the banner."""
    tour.distribution  # noqa: B018
    page.goto("/boutique/distributions/")
    page.locator(".distribution-list button[type=submit]").first.click()
    expect(page.locator(".distribution-banner")).to_be_visible()


def _after(need: str, go: Callable[[Page, Tour], None]) -> Callable[[Page, Tour], None]:
    """Build the part of the tour named `need` first, then `go`."""

    def run(page: Page, tour: Tour) -> None:
        getattr(tour, need)
        go(page, tour)

    return run


def _to_wallet_payment(page: Page, tour: Tour) -> None:
    """The payment step with the wallet's euros and a local currency on offer."""
    _to_checkout("payment-method")(page, tour)
    expect(page.locator("input[name=use_wallet]")).to_be_visible()
    expect(page.locator("input[name=local_SOU]")).to_be_visible()


def _to_group_order_with_wallet(page: Page, tour: Tour) -> None:
    """The group order page offering to prepay the member's commitment from the wallet."""
    page.goto(tour.group_order_with_wallet.get_absolute_url())
    expect(page.locator("section.groupbuy-wallet button")).to_be_visible()


def _to_home_delivery_address(page: Page, tour: Tour) -> None:
    from shop.shipping.models import HomeDelivery

    delivery = HomeDelivery.current()
    delivery.is_enabled = True
    delivery.save()
    tour.basket()
    page.goto("/boutique/checkout/shipping-method/")
    page.locator(".delivery-option").filter(has=page.locator("input[value=home-delivery]")).locator(
        "label"
    ).first.click()
    page.locator("#delivery_continue").click()
    expect(page).to_have_url(re.compile(r"/shipping-address/$"))


PRODUCER_DASHBOARD = "/boutique/dashboard/impact/producteurs/{t.producer.pk}"
PRODUCER_ORDERS = "/boutique/dashboard/commandes-producteur/{t.producer.pk}"
CURRENCIES = "/boutique/dashboard/monnaies-locales/"
DISTRIBUTIONS = "/boutique/dashboard/distributions/"
PRICING = "/boutique/dashboard/tarification/"

# A page rewritten on another branch that fails here gets
# `xfail="... rewritten on branch ..."`: strict, so the mark goes once it passes.
VISITS: dict[str, Visit] = {
    # Visitors.
    "home": Visit(None, _goto("/", "product")),
    "catalogue": Visit(None, _goto("/boutique/catalogue/", "product")),
    "category": Visit(None, _goto("{t.category_url}")),
    "product": Visit(None, _goto("{t.product_url}")),
    "directory": Visit(None, _goto("/boutique/producteurs/", "product")),
    "producer": Visit(None, _goto("/boutique/producteurs/{t.producer.slug}/", "product")),
    "buying-groups": Visit(None, _goto("/groupes/", "group_order")),
    "feed": Visit(None, _goto("/communaute/", "feed")),
    "needs": Visit(None, _goto("/communaute/besoins/", "needs")),
    "article": Visit(None, _goto("{t.article.url}")),
    "search": Visit(None, _goto("/recherche/?q=miel", "product")),
    "sign-in": Visit(None, _goto("/comptes/login/")),
    "sign-up": Visit(None, _goto("/comptes/signup/")),
    "legal-notice": Visit(None, _goto("/mentions-legales/", "legal_pages")),
    "terms-of-sale": Visit(None, _goto("/conditions-generales-de-vente/", "legal_pages")),
    "privacy-policy": Visit(None, _goto("/confidentialite/", "legal_pages")),
    "membership-page": Visit(None, _goto("/devenir-societaire/", "membership_page")),
    "product-member-price-visitor": Visit(None, _goto("{t.product_url}", "member_discount")),
    # Members.
    "basket": Visit("member", _goto("/boutique/basket/", "basket")),
    "checkout-delivery": Visit("member", _to_checkout("shipping-method")),
    "checkout-address": Visit("member", _to_home_delivery_address),
    "checkout-payment": Visit("member", _to_checkout("payment-method")),
    "checkout-payment-wallet": Visit("member", _after("wallet", _to_wallet_payment)),
    "checkout-preview": Visit("member", _to_checkout("preview")),
    "checkout-thank-you": Visit("member", _to_checkout("thank-you")),
    "order-payment-refund": Visit(  # staff: refund an order, to the wallet too
        "staff", _goto("/boutique/dashboard/paiements/commandes/{t.paid_order.number}/")
    ),
    "account": Visit("member", _goto("/boutique/accounts/")),
    "order-history": Visit("member", _goto("/boutique/accounts/orders/", "order")),
    "order": Visit("member", _goto("/boutique/accounts/orders/{t.order.number}/")),
    "order-invoices": Visit(
        "member", _goto("/boutique/accounts/orders/{t.order.number}/", "invoiced_order")
    ),
    "group-order": Visit("member", _goto("{t.group_order_url}")),
    "group-order-wallet": Visit("member", _to_group_order_with_wallet),
    "feed-member": Visit("member", _goto("/communaute/", "feed")),
    "my-data": Visit("member", _goto("/comptes/mes-donnees/", "order")),
    "erase-account": Visit("member", _goto("/comptes/mes-donnees/suppression/")),
    "cooperative-apply": Visit("member", _goto("/cooperative/adherer/")),
    "cooperative-space": Visit("member", _goto("/cooperative/", "shareholder")),
    "cooperative-certificate": Visit("member", _goto("/cooperative/attestation/", "shareholder")),
    "product-member-price": Visit(
        "member", _goto("{t.product_url}", "shareholder", "member_discount")
    ),
    "product-members-only-shop": Visit("member", _goto("{t.product_url}", "members_only_shop")),
    "assemblies": Visit("member", _goto("/cooperative/assemblees/", "assembly", "past_assembly")),
    "assembly-vote": Visit("member", _goto("/cooperative/assemblees/{t.assembly.pk}/")),
    "assembly-results": Visit(
        "member", _goto("/cooperative/assemblees/{t.past_assembly.pk}/resultats/")
    ),
    "wallet": Visit("member", _goto("/cooperative/porte-monnaie/", "wallet_account")),
    "wallet-empty": Visit("member", _goto("/cooperative/porte-monnaie/", "shareholder")),
    "wallet-card-top-up": Visit("member", _goto("/cooperative/porte-monnaie/carte/")),
    # Producers.
    "dashboard": Visit("producer", _goto("/boutique/dashboard/")),
    "my-producers": Visit("producer", _goto("/boutique/dashboard/impact/")),
    "producer-profile": Visit("producer", _goto(PRODUCER_DASHBOARD + "/")),
    "producer-claims": Visit("producer", _goto(PRODUCER_DASHBOARD + "/declarations/")),
    "producer-claim-new": Visit("producer", _goto(PRODUCER_DASHBOARD + "/declarations/nouvelle/")),
    "producer-import": Visit("producer", _goto(PRODUCER_DASHBOARD + "/import-produits/")),
    "producer-orders": Visit("producer", _goto("/boutique/dashboard/commandes-producteur/")),
    "producer-order-lines": Visit("producer", _goto(PRODUCER_ORDERS + "/", "order")),
    "producer-preparation": Visit("producer", _goto(PRODUCER_ORDERS + "/preparation/", "order")),
    "producer-sales": Visit("producer", _goto(PRODUCER_ORDERS + "/ventes/", "order")),
    "producer-products": Visit("producer", _goto("/boutique/dashboard/catalogue/")),
    "producer-statement": Visit(
        "producer",
        _goto("/boutique/dashboard/factures/producteur/{t.producer.pk}/", "invoiced_order"),
    ),
    # Staff.
    "wallet-dashboard": Visit(
        "staff", _goto("/boutique/dashboard/porte-monnaie/", "wallet_account")
    ),
    "wallet-dashboard-statement": Visit(
        "staff", _goto("/boutique/dashboard/porte-monnaie/{t.wallet_account.pk}/")
    ),
    "wallet-trial-balance": Visit(
        "staff", _goto("/boutique/dashboard/porte-monnaie/balance/", "wallet_account")
    ),
    "pickup-cash": Visit("staff", _goto("/cooperative/encaissement/", "pickup_point")),
    "producer-currencies": Visit(
        "producer", _goto(CURRENCIES + "producteurs/{t.producer.pk}/", "local_currency")
    ),
    # Facilitators.
    "facilitator-queue": Visit("facilitator", _goto("/communaute/animation/")),
    "freshness": Visit("facilitator", _goto("/boutique/impact/fraicheur/")),
    "moderation": Visit("facilitator", _goto("/communaute/moderation/", "feed")),
    "colleges": Visit("facilitator", _goto("/communaute/colleges/")),
    # Staff.
    "assemblies-dashboard": Visit("staff", _goto("/boutique/dashboard/cooperative/assemblees/")),
    "assembly-convene": Visit(
        "staff", _goto("/boutique/dashboard/cooperative/assemblees/convoquer/")
    ),
    "assembly-dashboard": Visit(
        "staff", _goto("/boutique/dashboard/cooperative/assemblees/{t.past_assembly.pk}/")
    ),
    # Staff: local currencies.
    "currencies": Visit("staff", _goto(CURRENCIES, "local_currency")),
    "currency-new": Visit("staff", _goto(CURRENCIES + "nouvelle/")),
    "currency-edit": Visit("staff", _goto(CURRENCIES + "{t.local_currency.pk}/")),
    "currency-delete": Visit("staff", _goto(CURRENCIES + "{t.local_currency.pk}/supprimer/")),
    "currency-acceptances": Visit("staff", _goto(CURRENCIES + "producteurs/", "local_currency")),
    "currency-desk": Visit("staff", _goto(CURRENCIES + "comptoir/", "local_currency")),
    "currency-operator-transfers": Visit(
        "staff", _goto(CURRENCIES + "operateurs/", "local_currency")
    ),
    "currency-owed": Visit("staff", _goto(CURRENCIES + "du-aux-producteurs/", "local_currency")),
    "invoices-dashboard": Visit("staff", _goto("/boutique/dashboard/factures/", "invoiced_order")),
    # Distributions: the visitor's choice, the catalogue for one, the dashboard.
    "distributions": Visit(None, _goto("/boutique/distributions/", "distribution")),
    "contracts": Visit(None, _goto("/contrats/", "amap_contract")),
    "contract": Visit(None, _goto("/contrats/{t.amap_contract.pk}/")),
    "contract-member": Visit("member", _goto("/contrats/{t.amap_contract.pk}/")),
    "my-contracts": Visit("member", _goto("/contrats/mes-contrats/", "amap_contract")),
    "contract-follow-producer": Visit("producer", _goto("/contrats/{t.amap_contract.pk}/suivi/")),
    "contract-follow-staff": Visit("staff", _goto("/contrats/{t.amap_contract.pk}/suivi/")),
    "catalogue-distribution": Visit(None, _to_distribution_catalogue),
    "distributions-dashboard": Visit("staff", _goto(DISTRIBUTIONS, "distribution")),
    "distribution-new": Visit("staff", _goto(DISTRIBUTIONS + "nouvelle/", "pickup_point")),
    "distribution-edit": Visit("staff", _goto(DISTRIBUTIONS + "{t.distribution.pk}/")),
    "distribution-offers": Visit("staff", _goto(DISTRIBUTIONS + "{t.distribution.pk}/quantites/")),
    "distribution-repeat": Visit("staff", _goto(DISTRIBUTIONS + "{t.distribution.pk}/repeter/")),
    "distribution-sheet": Visit(
        "staff", _goto(DISTRIBUTIONS + "{t.distribution.pk}/feuille/", "distribution_order")
    ),
    # Volunteer shifts: sign up, my shifts, the roles and who is short in the dashboard.
    "distribution-shifts": Visit(
        "member", _goto("/boutique/distributions/{t.distribution.pk}/permanences/", "shift_signup")
    ),
    "my-shifts": Visit("member", _goto("/boutique/distributions/mes-permanences/", "shift_signup")),
    "distribution-shifts-dashboard": Visit(
        "staff", _goto(DISTRIBUTIONS + "{t.distribution.pk}/permanences/", "shift_signup")
    ),
    "shifts-short": Visit(
        "staff", _goto(DISTRIBUTIONS + "permanences/manquantes/", "shift_season", "member")
    ),
    "producer-distributions": Visit(
        "producer", _goto(PRODUCER_ORDERS + "/distributions/", "distribution_order")
    ),
    "cooperative-benefits": Visit(
        "staff", _goto("/boutique/dashboard/cooperative/avantages/", "member_discount")
    ),
    # Where each euro goes, unit prices; the staff's rates and fees.
    "product-price-breakdown": Visit(None, _goto("{t.product_url}", "pricing")),
    "catalogue-unit-prices": Visit(None, _goto("/boutique/catalogue/", "pricing")),
    "basket-price-breakdown": Visit("member", _goto("/boutique/basket/", "pricing", "basket")),
    "pricing-dashboard": Visit("staff", _goto(PRICING, "pricing")),
    "pricing-rate-new": Visit("staff", _goto(PRICING + "commissions/nouvelle/")),
    "pricing-fee-new": Visit("staff", _goto(PRICING + "frais/nouveau/")),
}


def _params() -> list:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=visit.xfail)] if visit.xfail else [],
        )
        for name, visit in VISITS.items()
    ]


# The innermost elements that stick out past the right edge of the viewport.
_TOO_WIDE = """width => [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
               + ` (${Math.round(el.getBoundingClientRect().right)}px)`)"""


@pytest.fixture
def axe_page(browser, live_server, page_errors):
    """A browser context that lets axe-core's script in despite the CSP."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    yield page
    context.close()


def _sign_in_as(page: Page, tour: Tour, role: str | None, *, base_url: str) -> None:
    """A session cookie made by Django's test client: faster than the sign-in page, which
    tests/e2e/test_keyboard.py goes through."""
    from django.conf import settings
    from django.test import Client

    if role is None:
        return
    user = {
        "member": lambda: tour.member,
        "producer": lambda: tour.producer_account,
        "facilitator": lambda: tour.facilitator,
        "staff": lambda: tour.staff,
    }[role]()
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


@pytest.mark.parametrize("name", _params())
def test_page_passes_axe_and_fits_a_phone(axe_page: Page, name: str, live_server, page_errors):
    visit = VISITS[name]
    tour = Tour()
    _sign_in_as(axe_page, tour, visit.role, base_url=live_server.url)
    visit.go(axe_page, tour)
    if visit.role:
        assert "/login/" not in axe_page.url, f"{name}: not signed in as {visit.role}"

    # The skip link, the first stop of the keyboard, leads to the page's one <main>.
    assert axe_page.locator("main#main").count() == 1, f"{name}: no single <main id=main>"
    assert axe_page.locator("a.skip-link").get_attribute("href") == "#main"

    violations = blocking_violations(axe_violations(axe_page))
    assert not violations, (
        f"{name} ({axe_page.url}): serious or critical axe violations:\n"
        + describe_violations(violations)
    )

    axe_page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, (
        f"{name} ({axe_page.url}) scrolls sideways at 375 px: {width}px, because of "
        + ", ".join(axe_page.evaluate(_TOO_WIDE, PHONE_WIDTH))
    )
    assert page_errors == [], f"JavaScript errors: {page_errors}"


# A page with each fault the tour must catch: pale text, an unlabelled field, a link told
# apart by colour only, tap targets of 12 px side by side.
_FAULTY_PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Essai</title><style>
  .pale { color: #aaa; } a { color: #23603a; text-decoration: none; }
  .tiny { width: 12px; height: 12px; padding: 0; border: 0; font-size: 8px; }
</style></head><body><main>
  <h1>Essai</h1><p class="pale">Texte trop pâle.</p>
  <p>Une phrase avec <a href="/boutique/">un lien</a> au milieu du texte.</p>
  <input type="text" name="quantite">
  <button class="tiny">+</button><button class="tiny">-</button>
</main></body></html>"""


def test_the_axe_check_catches_the_faults_the_issue_lists(axe_page: Page):
    axe_page.set_content(_FAULTY_PAGE)
    found = {v["id"] for v in blocking_violations(axe_violations(axe_page))}
    assert {"color-contrast", "label", "link-in-text-block", "target-size"} <= found, found
