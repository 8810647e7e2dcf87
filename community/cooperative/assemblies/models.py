"""An assembly, its resolutions and documents, the proxies members give each other, the
ballots, and the notices e-mailed on publication.

Who may vote: the members at the window's opening (admitted before it, not left). A
ballot is one member's choice on one resolution, cast by that member or by the holder of
their proxy; the database refuses a second one (unique constraint), and a ballot is never
changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
#: Under settings.PRIVATE_MEDIA_FOLDERS: only handed out to members, by their view.
DOCUMENTS_FOLDER = "cooperative/assemblies/"


class Assembly(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary general assembly")
        EXTRAORDINARY = "extraordinary", _("Extraordinary general assembly")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Voting open")
        PAST = "past", _("Past")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.ORDINARY)
    held_on = models.DateTimeField(_("date of the assembly"))
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    agenda = models.TextField(_("agenda"))
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("convened on"), auto_now_add=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="cooperative_assembly_window_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.published_at is None:
            return self.Phase.DRAFT
        if now < self.opens_at:
            return self.Phase.UPCOMING
        if now < self.closes_at:
            return self.Phase.OPEN
        return self.Phase.PAST

    @property
    def current_phase(self) -> str:
        return self.phase()

    def get_current_phase_display(self) -> str:
        return str(self.Phase(self.current_phase).label)


class Resolution(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("assembly")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["assembly", "position", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AssemblyDocument(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="documents", verbose_name=_("assembly")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=DOCUMENTS_FOLDER + "%Y/%m/")
    uploaded_at = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        ordering = ["assembly", "pk"]
        verbose_name = _("assembly document")
        verbose_name_plural = _("assembly documents")

    def __str__(self) -> str:
        return self.title


class Proxy(models.Model):
    """A member (giver) lets another (holder) vote for them at one assembly."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.PROTECT, related_name="proxies", verbose_name=_("assembly")
    )
    giver = models.ForeignKey(
        "cooperative.Member",
        on_delete=models.PROTECT,
        related_name="proxies_given",
        verbose_name=_("given by"),
    )
    holder = models.ForeignKey(
        "cooperative.Member",
        on_delete=models.PROTECT,
        related_name="proxies_held",
        verbose_name=_("held by"),
    )
    given_at = models.DateTimeField(_("given on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["assembly", "pk"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "giver"],
                condition=models.Q(revoked_at__isnull=True),
                name="cooperative_one_proxy_per_giver",
            )
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder}"


class Ballot(models.Model):
    """One member's choice on one resolution. Never changed, never cast twice."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstention")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("assembly")
    )
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("resolution")
    )
    voter = models.ForeignKey(
        "cooperative.Member",
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("member whose vote it is"),
    )
    college = models.ForeignKey(
        "cooperative.College",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("college (when cast)"),
    )
    proxy = models.ForeignKey(
        Proxy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ballots",
        verbose_name=_("cast by proxy"),
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast on"), auto_now_add=True)

    class Meta:
        ordering = ["resolution", "pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "voter"], name="cooperative_one_ballot_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolution} {self.voter}: {self.choice}"


class AssemblyNotice(models.Model):
    """The e-mail announcing an assembly, sent once per member."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="notices")
    member = models.ForeignKey("cooperative.Member", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        verbose_name = _("assembly notice")
        verbose_name_plural = _("assembly notices")
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "member"], name="cooperative_one_notice_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assembly} → {self.member}"
