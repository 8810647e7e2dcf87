from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner
from wagtail.search import index

from shop.search_text import fold

from .validators import validate_siret


class LegalForm(models.TextChoices):
    """Legal forms of the social and solidarity economy (ESS)."""

    ASSOCIATION = "association", _("Association")
    SCOP = "scop", _("SCOP (worker cooperative)")
    SCIC = "scic", _("SCIC (multi-stakeholder cooperative)")
    AGRICULTURAL_COOP = "coop_agricole", _("Agricultural cooperative")
    MUTUAL = "mutuelle", _("Mutual")
    FOUNDATION = "fondation", _("Foundation")
    ESUS = "esus", _("ESUS-approved company")
    FARM = "exploitation", _("Farm")
    OTHER = "autre", _("Other")


# Short labels for badges, where the full legal form would not fit.
LEGAL_FORM_SHORT_LABELS = {
    LegalForm.ASSOCIATION: _("Association"),
    LegalForm.SCOP: "SCOP",
    LegalForm.SCIC: "SCIC",
    LegalForm.AGRICULTURAL_COOP: _("Agri. co-op"),
    LegalForm.MUTUAL: _("Mutual"),
    LegalForm.FOUNDATION: _("Foundation"),
    LegalForm.ESUS: "ESUS",
    LegalForm.FARM: _("Farm"),
    LegalForm.OTHER: _("Other"),
}


class CharterStatus(models.TextChoices):
    APPLICANT = "candidat", _("Applicant")
    MEMBER = "membre", _("Member")
    SUSPENDED = "suspendu", _("Suspended")
    LEFT = "sorti", _("Left")


# The ignore: Partner's bases (Oscar's AbstractPartner, Wagtail's Indexed) are untyped, so
# mypy's Django plugin cannot find the manager behind the reverse relation `producers`.
class Sector(models.Model):  # type: ignore[django-manager-missing]
    """A sector (filière) producers belong to: a list staff manage."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        app_label = "partner"
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Partner(index.Indexed, AbstractPartner):
    """A producer of the social and solidarity economy (Oscar's partner).

    Indexed by Wagtail's search (`cms.search`); members only are searched.
    """

    slug = models.SlugField(_("slug"), max_length=128, unique=True, null=True, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    charter_status = models.CharField(
        _("charter status"),
        max_length=10,
        choices=CharterStatus.choices,
        default=CharterStatus.APPLICANT,
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=17,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 digits, as on the INSEE register."),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("sector"),
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo or photo"), upload_to="producers/", blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    address_line = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=128, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("search_text"),
        index.AutocompleteField("name"),
        index.FilterField("charter_status"),
    ]

    class Meta(AbstractPartner.Meta):
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        indexes = [models.Index(fields=["latitude", "longitude"], name="partner_lat_lng_idx")]

    def save(self, *args, **kwargs):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:128]
        if self.siret:
            self.siret = self.siret.replace(" ", "")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("impact:producer-detail", kwargs={"slug": self.slug})

    def search_text(self) -> str:
        """Name, description and city folded for French search (accents, plurals)."""
        return fold(f"{self.name} {self.description} {self.city}")

    @property
    def legal_form_short_label(self) -> str:
        return str(LEGAL_FORM_SHORT_LABELS.get(self.legal_form, self.get_legal_form_display()))

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


from oscar.apps.partner.models import *
