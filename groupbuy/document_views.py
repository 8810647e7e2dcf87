"""The purchase orders (coordinators, and the producer's own users) and the pickup list
(coordinators) of a group order, as printable HTML or CSV (`?format=csv`)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from shop.producer_orders.csv_export import csv_response

from . import documents, settlement
from .models import GroupOrder, GroupOrderState
from .views import GroupMixin

S = GroupOrderState
PURCHASE_ORDER_STATES = (S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED)
PICKUP_LIST_STATES = (S.CONFIRMED, S.READY, S.COMPLETED)


class DocumentMixin(LoginRequiredMixin, GroupMixin):
    states: tuple = ()

    def load(self, slug: str, pk: int) -> GroupOrder:
        self.load_group(slug)
        group_order = get_object_or_404(
            GroupOrder.objects.select_related("pickup_point"), pk=pk, group=self.group
        )
        group_order.group = self.group
        if group_order.state not in self.states:
            raise Http404(_("This document exists once the group order is closed."))
        return group_order

    def wants_csv(self) -> bool:
        return self.request.GET.get("format") == "csv"


class PurchaseOrderView(DocumentMixin, View):
    template_name = "groupbuy/settlement/purchase_order.html"
    states = PURCHASE_ORDER_STATES

    def get(self, request, slug, pk, producer_pk):
        group_order = self.load(slug, pk)
        producer = next(
            (p for p in documents.producers_of(group_order) if p.pk == producer_pk), None
        )
        if producer is None:
            raise Http404
        if not (self.is_coordinator or producer.users.filter(pk=request.user.pk).exists()):
            raise PermissionDenied(
                _("Only the group's coordinators and the producer can see this.")
            )
        document = documents.purchase_order(group_order, producer)
        if self.wants_csv():
            filename = f"bon-de-commande-{group_order.pk}-{producer.pk}.csv"
            return csv_response(filename, documents.purchase_order_rows(document))
        return TemplateResponse(
            request,
            self.template_name,
            {
                "group": self.group,
                "group_order": group_order,
                "document": document,
                "draft": group_order.state == S.CLOSED,
            },
        )


class PickupListView(DocumentMixin, View):
    template_name = "groupbuy/settlement/pickup_list.html"
    states = PICKUP_LIST_STATES

    def get(self, request, slug, pk):
        group_order = self.load(slug, pk)
        self.require_coordinator()
        document = documents.pickup_list(group_order)
        if self.wants_csv():
            filename = f"liste-de-retrait-{group_order.pk}.csv"
            return csv_response(filename, documents.pickup_list_rows(document))
        return TemplateResponse(
            request,
            self.template_name,
            {"group": self.group, "group_order": group_order, "document": document},
        )


def settlement_context(group_order: GroupOrder, user, is_coordinator: bool) -> dict:
    """The member's orders and card, and the coordinators' documents (settlement.py)."""
    from . import payment

    context = {
        "my_settlements": settlement.member_settlements(group_order, user),
        "card_payments": payment.card_payments_enabled() and group_order.accepts_commitments,
    }
    if context["card_payments"] and user.is_authenticated:
        card = context["my_card"] = group_order.payments.filter(member=user).first()
        context["my_card_short"] = bool(
            card
            and card.mode == card.Mode.AUTHORIZATION
            and card.amount < payment.member_max_amount(group_order=group_order, member=user)
        )
    if is_coordinator and group_order.state in (*settlement.SETTLED_STATES, S.CLOSED):
        context["producers"] = documents.producers_of(group_order)
        context["has_pickup_list"] = group_order.state in settlement.SETTLED_STATES
    return context
