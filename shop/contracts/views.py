"""AMAP contract pages (/contrats/): the public list, a contract with its subscribe
form, the member's calendar, and the coordinator's (or producer's) follow-up page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import AbsenceForm, PaymentForm, ShareForm, SubscribeForm
from .models import Contract, ContractStatus, ContractSubscription, Instalment

PER_PAGE = 20


def contract_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_contracts(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "contracts/list.html", {"page_obj": page, "contracts": page.object_list})


def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        Contract.objects.select_related("producer"),
        pk=pk,
        status__in=[ContractStatus.PUBLISHED, ContractStatus.CLOSED],
    )
    form = SubscribeForm(request.POST or None, contract=contract)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/comptes/login/?next={request.path}")
        if form.is_valid():
            try:
                subscription = services.contract_subscribe(
                    contract=contract,
                    user=request.user,
                    option=form.cleaned_data["option"],
                    terms_version=form.cleaned_data["terms_version"],
                    instalments=form.cleaned_data["instalments"],
                    method=form.cleaned_data["method"],
                )
            except services.ContractError as refusal:
                form.add_error(None, refusal.message)
            else:
                if subscription.waiting_position:
                    messages.info(
                        request,
                        _("The contract is full: you are number %(n)d on the waiting list.")
                        % {"n": subscription.waiting_position},
                    )
                else:
                    messages.success(request, _("You have subscribed to the contract."))
                return redirect("contracts:mine")
    return render(
        request,
        "contracts/detail.html",
        {
            "contract": contract,
            "form": form,
            "distributions": contract.distributions.order_by("starts_at"),
            "options": [
                (option, services.contract_price(contract, option))
                for option in contract.options.all()
            ],
        },
    )


@login_required
def my_contracts(request: HttpRequest) -> HttpResponse:
    subscriptions = [
        (
            subscription,
            services.absences_left(subscription),
            AbsenceForm(subscription=subscription, prefix=f"a{subscription.pk}"),
        )
        for subscription in selectors.held_subscriptions(request.user)
    ]
    return render(
        request,
        "contracts/mine.html",
        {
            "subscriptions": subscriptions,
            "calendar": selectors.member_calendar(request.user),
            "share_form": ShareForm(),
        },
    )


def _held(request: HttpRequest, pk: int) -> ContractSubscription:
    subscription = get_object_or_404(ContractSubscription.objects.select_related("contract"), pk=pk)
    if not subscription.is_held_by(request.user):
        raise PermissionDenied
    return subscription


@login_required
@require_POST
def absence_declare(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _held(request, pk)
    form = AbsenceForm(request.POST, subscription=subscription, prefix=f"a{subscription.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a distribution of the contract."))
        return redirect("contracts:mine")
    try:
        services.absence_declare(
            subscription=subscription,
            distribution=form.cleaned_data["distribution"],
            by=request.user,
        )
    except services.ContractError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your absence is recorded."))
    return redirect("contracts:mine")


@login_required
@require_POST
def subscription_share(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _held(request, pk)
    if subscription.user_id != request.user.pk:
        raise PermissionDenied
    form = ShareForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("email", []):
            messages.error(request, str(error))
        return redirect("contracts:mine")
    try:
        services.subscription_share(
            subscription=subscription, with_user=form.cleaned_data["email"], by=request.user
        )
    except services.ContractError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The basket is now shared."))
    return redirect("contracts:mine")


def _may_follow(contract: Contract, user: Any) -> bool:
    """The coordinator, staff, and the producer's own accounts."""
    if not user.is_authenticated:
        return False
    return (
        services.may_coordinate(contract, user)
        or contract.producer.users.filter(pk=user.pk).exists()
    )


@login_required
def contract_follow(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("producer"), pk=pk)
    if not _may_follow(contract, request.user):
        raise PermissionDenied
    subscribers = Paginator(
        contract.subscriptions.select_related("user", "option", "partner_user").prefetch_related(
            "instalments"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "contracts/follow.html",
        {
            "contract": contract,
            "rows": selectors.baskets_per_distribution(contract),
            "labels": [option.label for option in contract.options.all()],
            "page_obj": subscribers,
            "subscribers": subscribers.object_list,
            "may_record": services.may_coordinate(contract, request.user),
            "payment_form": PaymentForm(),
        },
    )


@login_required
@require_POST
def instalment_pay(request: HttpRequest, pk: int) -> HttpResponse:
    instalment = get_object_or_404(Instalment.objects.select_related("subscription"), pk=pk)
    contract_pk = instalment.subscription.contract_id
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a payment method."))
        return redirect("contracts:follow", pk=contract_pk)
    try:
        services.instalment_record_payment(
            instalment=instalment, method=form.cleaned_data["method"], by=request.user
        )
    except services.ContractError as refusal:
        raise PermissionDenied(refusal.message) from refusal
    messages.success(request, _("The payment is recorded."))
    return redirect("contracts:follow", pk=contract_pk)
