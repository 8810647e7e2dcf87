"""Helpers the rooms' views share: a service's refusal as a message, and a safe redirect
back to where the member came from."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def show_refusal(request: HttpRequest, error: Exception) -> None:
    if isinstance(error, ValidationError):
        text = " ".join(error.messages)
    else:
        text = str(error) or _("You are not allowed to do that.")
    messages.error(request, text)


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """To the form's `next` or the referring page when it is on this site, else fallback."""
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)
