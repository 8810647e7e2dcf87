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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.email.split("@")[0]


# The rooms' models live in their sub-packages; importing them here is what makes
# Django register them in the `community` app (same label, same tables).
from .feed.models import *
from .feedback.models import *
from .guarantee.models import *
from .needs.models import *
