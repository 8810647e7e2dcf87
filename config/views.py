"""Project-level views: the page of a refused form (CSRF failure)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (page left open too long, cookies blocked):
    explained in French in the site's layout, with the way back (settings.CSRF_FAILURE_VIEW).
    """
    return render(request, "403_csrf.html", status=403)
