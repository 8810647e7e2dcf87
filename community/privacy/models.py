"""The audit log of members' data rights (RGPD): every export and every erasure.

Imported by community/models.py, so Django finds this model in the `community` app.
The log names the member by their account (the row survives erasure, emptied) and by
number, never by e-mail: the log must not keep what the erasure removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PrivacyLogEntry"]

USER = settings.AUTH_USER_MODEL


class PrivacyLogEntry(models.Model):
    class Action(models.TextChoices):
        EXPORT = "export", _("Data export")
        ERASE = "erase", _("Account erasure")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    member = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("member"),
    )
    #: The member's number (their account id), kept even if the account row went.
    member_number = models.PositiveBigIntegerField(_("member number"))
    actor = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    by_staff = models.BooleanField(_("done by staff on request"), default=False)
    reason = models.TextField(_("request"), blank=True)
    #: What was exported (rows per kind) or erased (rows removed or anonymised per kind).
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal data log entry")
        verbose_name_plural = _("personal data log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.member_number}"
