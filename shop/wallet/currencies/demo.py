"""Demo local currency: "Le Sou de la Drôme" (a fictitious currency for demonstrations),
accepted by four demo producers, with a demo member's balance and one payment so the
producer's tab and the amounts owed are not empty. Idempotent: the currency is keyed on
its code, acceptances on (producer, currency), ledger writes on their keys."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.demo import upsert

from . import services
from .models import Adapter, LocalCurrency, ProducerAcceptance

Partner = get_model("partner", "Partner")

CODE = "SOU-DROME"
ACCEPTING_SLUGS = (
    "cooperative-fruitiere-du-diois",
    "jardins-de-la-gervanne",
    "fournil-cooperatif-de-crest",
    "rucher-des-trois-becs",
)
DESK = "Comptoir de la Maison des associations, Crest"


def load_currencies_demo(*, member_email: str) -> LocalCurrency:
    currency, _created = upsert(
        LocalCurrency,
        {"code": CODE},
        {
            "name": "Sou de la Drôme",
            "symbol": "Sou",
            "operator_name": "Association du Sou de la Drôme (fictive)",
            "adapter": Adapter.COMPTOIR,
            "active": True,
        },
    )
    producers = list(Partner.objects.filter(slug__in=ACCEPTING_SLUGS).order_by("name"))
    for producer in producers:
        ProducerAcceptance.objects.get_or_create(partner=producer, currency=currency)
    member = get_user_model().objects.filter(email=member_email).first()
    if member is None or not producers:
        return currency
    services.currency_credit_at_desk(
        user=member,
        currency=CODE,
        amount=Decimal("40.00"),
        by=None,
        place=DESK,
        key="demo:sou-drome:desk:1",
    )
    services.wallet_pay_local(
        user=member,
        currency=CODE,
        amount=Decimal("12.50"),
        producer_amounts={producers[0].pk: Decimal("12.50")},
        key="demo:sou-drome:payment:1",
        reference="DEMO",
    )
    return currency
