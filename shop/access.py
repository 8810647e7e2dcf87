"""Access rules shared by the back-office pages of the shop and the project."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.http import HttpRequest, HttpResponseBase
from django.views import generic


class StaffRequiredMixin(AccessMixin, generic.View):
    """Anonymous users go to the sign-in page; signed-in users who are not staff get 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
