from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A member of the cooperative. E-mail is the login (Oscar's user, allauth's sign-in).

    Community data (profile, stakeholder college, member number) hangs off this model.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown on your posts instead of your e-mail address."),
    )
    #: Set when the member's account was erased (RGPD): the row stays, emptied of personal
    #: data, so that orders, group order history and posts keep pointing somewhere.
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.public_name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def public_name(self) -> str:
        if self.is_erased:
            return str(_("Former member"))
        return self.display_name or self.get_full_name() or self.email.split("@")[0]

    def get_full_name(self) -> str:
        # Pages that name members (pickup lists, group pages) say "Former member".
        if self.is_erased:
            return str(_("Former member"))
        return super().get_full_name()


# The rooms' models live in their sub-packages; importing them here is what makes
# Django register them in the `community` app (same label, same tables).
from .feed.models import *
from .feedback.models import *
from .guarantee.models import *
from .needs.models import *
from .privacy.models import *
