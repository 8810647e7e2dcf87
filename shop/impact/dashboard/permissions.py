"""Who may use the producer pages of the dashboard, and which producers they manage.

Staff manage every producer. A producer's user (Oscar's `partner.dashboard_access`
permission, listed in the partner's `users`) manages only the producers it belongs to:
every view under `producteurs/<pk>/` looks the producer up in `managed_producers()`, so
another producer's pages answer 404.
"""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.views.generic import View
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")

DASHBOARD_ACCESS_PERMISSION = "partner.dashboard_access"


def can_access_producer_dashboard(user, *args, **kwargs) -> bool:
    """Staff, or a user with Oscar's partner dashboard permission.

    The extra arguments let Oscar's dashboard navigation use it as an `access_fn`.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm(DASHBOARD_ACCESS_PERMISSION)


def managed_producers(user) -> QuerySet:
    """The producers `user` may edit: all of them for staff, else those listing the user."""
    if not can_access_producer_dashboard(user):
        return Partner.objects.none()
    if user.is_staff:
        return Partner.objects.all()
    return Partner.objects.filter(users=user)


class ProducerDashboardAccessMixin(AccessMixin, View):
    """Anonymous users go to the sign-in page; signed-in users without access get 403."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not can_access_producer_dashboard(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
