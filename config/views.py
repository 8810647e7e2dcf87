"""Project-level views: the page of a refused form (CSRF failure), uploaded media."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.static import serve


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (page left open too long, cookies blocked):
    explained in French in the site's layout, with the way back (settings.CSRF_FAILURE_VIEW).
    """
    return render(request, "403_csrf.html", status=403)


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded file, when Django serves media itself (SERVE_MEDIA).

    Files under PRIVATE_MEDIA_FOLDERS (evidence of claims and opinions) are never served
    from their raw URL: their own views hand them out as attachments, so an uploaded file
    cannot be rendered inline by the browser on our origin.
    """
    if path.startswith(tuple(settings.PRIVATE_MEDIA_FOLDERS)):
        raise Http404("This file is only served through its download page.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
