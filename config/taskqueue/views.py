"""Staff page of background tasks: what failed, what waits for another attempt, what
runs; a failed task can be retried. Staff only (others get 403, anonymous sign in)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic
from django_tasks_db.models import DBTaskResult

from shop.access import StaffRequiredMixin

from . import selectors, services


class TaskListView(StaffRequiredMixin, generic.ListView):
    template_name = "taskqueue/task_list.html"
    context_object_name = "tasks"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[DBTaskResult]:
        self.kind = self.request.GET.get("liste", "failed")
        if self.kind not in selectors.TASK_LISTS:
            raise Http404(_("Unknown task list."))
        return selectors.task_list(self.kind)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            kind=self.kind,
            counts=selectors.task_counts(),
            query_string=f"liste={self.kind}",
            **kwargs,
        )


class TaskRetryView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        task_result = get_object_or_404(DBTaskResult, pk=pk)
        try:
            services.task_retry(task_result=task_result)
        except ValueError:
            messages.error(request, _("Only a failed task can be retried."))
        else:
            messages.success(
                request,
                _("Task “%(name)s” queued again: a worker will run it shortly.")
                % {"name": task_result.task_name},
            )
        return redirect("taskqueue:list")
