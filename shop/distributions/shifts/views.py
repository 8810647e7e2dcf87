"""Pages of shifts: a distribution's roles to sign up for, the member's shifts, and
for those who manage distributions the roles with who signed up and who is short."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ..dashboard.views import DistributionMixin, ManagerRequiredMixin
from ..models import Distribution
from . import selectors, services
from .forms import ShiftRoleForm
from .models import ShiftRequirement, ShiftRole

PER_PAGE = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE


def _short_url() -> str:
    return reverse("distributions-dashboard:shifts-short")


class ShiftRolesView(View):
    """GET: the roles of an upcoming published distribution with their free places;
    POST `role` (signed in): sign up."""

    def distribution(self, pk: int) -> Distribution:
        upcoming = Distribution.objects.published().filter(starts_at__gt=timezone.now())
        return get_object_or_404(upcoming, pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        distribution = self.distribution(pk)
        return render(
            request,
            "distributions/shifts/roles.html",
            {"distribution": distribution, "rows": selectors.role_rows(distribution, request.user)},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        distribution = self.distribution(pk)
        role = ShiftRole.objects.filter(
            distribution=distribution, pk=_int(request.POST.get("role"))
        ).first()
        if role is None:
            messages.error(request, _("This shift does not exist any more."))
        else:
            try:
                services.shift_sign_up(role=role, user=request.user)
            except services.ShiftError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("You are signed up for “%(label)s”. Thank you!") % {"label": role.label},
                )
        return redirect("distributions:shifts:roles", pk=distribution.pk)


class MyShiftsView(LoginRequiredMixin, View):
    """The member's coming shifts; POST `signup`: cancel one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        signups = selectors.signups_of(request.user).filter(role__ends_at__gt=timezone.now())
        page = Paginator(signups, PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "distributions/shifts/mine.html",
            {"page_obj": page, "signups": page.object_list, "cancel_hours": services.CANCEL_HOURS},
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        signup = (
            selectors.signups_of(request.user).filter(pk=_int(request.POST.get("signup"))).first()
        )
        if signup is None:
            messages.error(request, _("This shift does not exist any more."))
            return redirect("distributions:shifts:mine")
        try:
            services.shift_cancel(signup=signup, user=request.user)
        except services.ShiftError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your shift is cancelled."))
        return redirect("distributions:shifts:mine")


class ShiftDashboardView(DistributionMixin):
    """The roles with who signed up; POST `role` with its prefixed fields: edit it."""

    template_name = "distributions/shifts/dashboard.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show()

    def show(self, invalid: ShiftRoleForm | None = None) -> HttpResponse:
        roles = list(
            selectors.roles_with_places(self.distribution).prefetch_related("signups__user")
        )
        rows = []
        for role in roles:
            form = invalid if invalid is not None and invalid.instance.pk == role.pk else None
            form = form or ShiftRoleForm(instance=role, prefix=f"role-{role.pk}")
            volunteers = [s.user for s in role.signups.all() if s.cancelled_at is None]
            rows.append((role, form, volunteers))
        return render(
            self.request,
            self.template_name,
            {"distribution": self.distribution, "rows": rows},
            status=400 if invalid is not None else 200,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        role = get_object_or_404(self.distribution.shift_roles, pk=_int(request.POST.get("role")))
        form = ShiftRoleForm(
            request.POST, instance=ShiftRole.objects.get(pk=role.pk), prefix=f"role-{role.pk}"
        )
        if not form.is_valid():
            return self.show(form)
        try:
            services.shift_role_update(role=role, by=request.user, **form.cleaned_data)
        except services.ShiftError as refusal:
            form.add_error(None, refusal.message)
            return self.show(form)
        messages.success(request, _("The shift “%(label)s” is saved.") % {"label": role.label})
        return redirect("distributions-dashboard:shifts-roles", pk=self.distribution.pk)


class WhoIsShortView(ManagerRequiredMixin):
    """Members with fewer shifts than the season asks (?season=<pk>, the latest by
    default); ?format=csv downloads the whole list."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seasons = ShiftRequirement.objects.all()
        season = seasons.filter(pk=_int(request.GET.get("season"))).first() or seasons.first()
        short = selectors.who_is_short(season) if season is not None else []
        if season is not None and request.GET.get("format") == "csv":
            return _csv(season, short)
        page = Paginator(short, PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "distributions/shifts/short.html",
            {
                "season": season,
                "seasons": seasons,
                "page_obj": page,
                "short": page.object_list,
                "csv_url": season and f"{_short_url()}?season={season.pk}&format=csv",
            },
        )


def _csv(season: ShiftRequirement, short: list[selectors.Short]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Name"), _("E-mail"), _("Shifts done"), _("Shifts missing")])
    for row in short:
        writer.writerow([row.user.get_full_name(), row.user.email, row.done, row.missing])
    response = HttpResponse(out.getvalue().encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="permanences-{season.starts_on:%Y-%m-%d}.csv"'
    )
    return response


def _int(value: Any) -> int:
    """A posted id, 0 (no row) when it is not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
