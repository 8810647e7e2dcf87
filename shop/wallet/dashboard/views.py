"""Staff screens of the wallet in the Oscar dashboard: the members' wallets with their
balances, one wallet's statement with its overdraft limit and corrections, and the
trial balance of the ledger. Staff only (others get 403)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin

from .. import selectors, services
from ..models import Account, AccountKind
from .forms import CorrectionForm, OverdraftForm, WalletSearchForm, new_nonce

LIST_PAGE_SIZE = 50
STATEMENT_PAGE_SIZE = 25


class WalletListView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = WalletSearchForm(request.GET or None)
        accounts = selectors.member_accounts_with_balance()
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        if query:
            accounts = accounts.filter(user__email__icontains=query)
        page = Paginator(accounts, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "query": query,
            "page_obj": page,
            "query_string": urlencode({"q": query}) if query else "",
        }
        return TemplateResponse(request, "wallet/dashboard/list.html", context)


class WalletMixin(StaffRequiredMixin, generic.View):
    def load(self, pk: int) -> Account:
        return get_object_or_404(
            Account.objects.select_related("user"), pk=pk, kind=AccountKind.MEMBER
        )

    def render(self, account: Account, status: int = 200, **forms: Any) -> HttpResponse:
        page = Paginator(selectors.statement(account), STATEMENT_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context = {
            "account": account,
            "balance": services.account_balance(account),
            "page_obj": page,
            "overdraft_changes": account.overdraft_changes.select_related("changed_by")[:20],
            "overdraft_form": forms.get("overdraft_form")
            or OverdraftForm(initial={"limit": account.overdraft_limit}),
            "correction_form": forms.get("correction_form")
            or CorrectionForm(initial={"nonce": new_nonce()}),
        }
        return TemplateResponse(
            self.request, "wallet/dashboard/detail.html", context, status=status
        )


class WalletDetailView(WalletMixin):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(self.load(pk))


class OverdraftView(WalletMixin):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.load(pk)
        form = OverdraftForm(request.POST)
        if form.is_valid():
            try:
                services.wallet_set_overdraft(
                    user=account.user,
                    limit=form.cleaned_data["limit"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    currency=account.currency,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The overdraft limit is changed."))
                return redirect("wallet-dashboard:detail", pk=account.pk)
        return self.render(account, status=400, overdraft_form=form)


class CorrectionView(WalletMixin):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.load(pk)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.wallet_adjust(
                    user=account.user,
                    amount=form.cleaned_data["amount"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    key=f"adjustment:{form.cleaned_data['nonce']}",
                    currency=account.currency,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The correction is recorded."))
                return redirect("wallet-dashboard:detail", pk=account.pk)
        return self.render(account, status=400, correction_form=form)


class TrialBalanceView(StaffRequiredMixin, generic.View):
    """Per currency, what each kind of account holds: every currency must sum to zero."""

    def get(self, request: HttpRequest) -> HttpResponse:
        lines = selectors.ledger_by_kind()
        totals = selectors.trial_balance()
        currencies = [
            {
                "code": code,
                "lines": [line for line in lines if line["currency"] == code],
                "total": total,
                "balanced": total == 0,
            }
            for code, total in sorted(totals.items())
        ]
        context = {"currencies": currencies}
        return TemplateResponse(request, "wallet/dashboard/trial_balance.html", context)
