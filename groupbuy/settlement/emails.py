"""E-mails of the settlement: a member's order (with why they received what they did),
a failed card charge, a release, a card to enter again. Enqueued by
`settlement/tasks.py`; every text is in the templates."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from groupbuy.orders.selectors import member_allocation_lines
from shop.payments.methods import PaymentMethod

from .models import GroupOrderSettlement, GroupPayment
from .selectors import offer_id_of

SP = GroupOrderSettlement.PaymentState


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _group_order_url(name: str, group_order) -> str:
    return absolute_url(
        reverse(name, kwargs={"slug": group_order.group.slug, "pk": group_order.pk})
    )


def settlement_context(settlement: GroupOrderSettlement) -> dict:
    group_order = settlement.group_order
    order = settlement.order
    allocations = member_allocation_lines(group_order, settlement.member_id)
    rows = []
    for line in order.lines.order_by("pk"):
        allocation = None
        if settlement.sequence == 0:  # a supplement's lines are not the allocation's
            allocation = allocations.get(offer_id_of(line.partner_line_reference))
        rows.append({"line": line, "allocation": allocation})
    return {
        "settlement": settlement,
        "group_order": group_order,
        "group": group_order.group,
        "order": order,
        "rows": rows,
        "member": settlement.member,
        "paid": settlement.payment_state == SP.PAID,
        "failed": settlement.payment_state == SP.FAILED,
        "pay_at_pickup": settlement.payment_method == PaymentMethod.PICKUP.value,
        "supplement": settlement.sequence > 0,
        "pay_url": _group_order_url("groupbuy:group-order-pay", group_order),
        "order_url": absolute_url(reverse("customer:order", kwargs={"order_number": order.number})),
        "group_order_url": absolute_url(group_order.get_absolute_url()),
    }


def _email(template: str, context: dict, to: str) -> EmailMultiAlternatives:
    subject = render_to_string(f"groupbuy/settlement/{template}_subject.txt", context)
    body = render_to_string(f"groupbuy/settlement/{template}_body.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def send_settlement_emails(settlements: list[GroupOrderSettlement]) -> int:
    """One e-mail per settlement: the order, each line with its explanation, and how to
    pay (paid by card, pay at pickup, or the link to pay after a failed charge)."""
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for settlement in settlements:
            settlement = GroupOrderSettlement.objects.select_related(
                "order", "member", "group_order__group", "group_order__pickup_point"
            ).get(pk=settlement.pk)
            if not settlement.member.email:
                continue
            context = settlement_context(settlement)
            template = "payment_failed" if context["failed"] else "order_placed"
            messages.append(_email(template, context, settlement.member.email))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_release_emails(*, released: list, supplements: list) -> int:
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for settlement in released:
            settlement = GroupOrderSettlement.objects.select_related(
                "order", "member", "group_order__group"
            ).get(pk=settlement.pk)
            if settlement.member.email:
                context = settlement_context(settlement)
                messages.append(_email("released", context, settlement.member.email))
    if messages:
        get_connection().send_messages(messages)
    return len(messages) + send_settlement_emails(supplements)


def send_card_needed_email(row: GroupPayment) -> None:
    """The member's authorization would lapse before the confirmation: a card to save."""
    member = row.member
    if not member.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "member": member,
            "group_order": row.group_order,
            "card_url": _group_order_url("groupbuy:group-order-card", row.group_order),
        }
        _email("card_needed", context, member.email).send()
