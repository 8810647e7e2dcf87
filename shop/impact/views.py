"""Public pages of the impact passport: the producer directory and profiles, the scoring
method, and the viewer's chosen postcode."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView
from oscar.core.loading import get_model

from shop.catalogue.selectors import browsable_products
from shop.ratelimit import rate_limit_hit

from . import filters, selectors
from .evidence import evidence_download
from .forms import DirectoryFilterForm, OriginForm
from .location import remember_origin, viewer_origin
from .models import Claim, Dimension

Partner = get_model("partner", "Partner")

PRODUCER_PRODUCTS_SHOWN = 12


def listed_producers():
    """Producers shown to the public: charter members."""
    return Partner.objects.filter(charter_status="membre").select_related("sector")


class ProducerDirectoryView(ListView):
    template_name = "impact/producer_list.html"
    context_object_name = "producers"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.form = DirectoryFilterForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_origin(self):
        if self.form.is_bound and self.form.is_valid() and self.form.origin:
            return self.form.origin
        return viewer_origin(self.request)

    def get_queryset(self):
        producers = listed_producers().order_by("name")
        if not (self.form.is_bound and self.form.is_valid()):
            return producers
        data = self.form.cleaned_data
        if data["q"]:
            producers = producers.filter(
                Q(name__icontains=data["q"])
                | Q(description__icontains=data["q"])
                | Q(city__icontains=data["q"])
            )
        if data["secteur"]:
            producers = producers.filter(sector=data["secteur"])
        if data["statut"]:
            producers = producers.filter(legal_form=data["statut"])
        producers = filters.producers_meeting(producers, data["critere"])
        origin = self.form.origin
        if origin and data["rayon"]:
            producers = filters.producers_within(producers, origin.point, data["rayon"])
            producers = producers.order_by("distance_km", "name")
        return producers

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        origin = self.get_origin()
        selectors.attach_producer_profiles(
            context["producers"], origin=origin.point if origin else None
        )
        context.update(
            form=self.form,
            origin=origin,
            map_points=[
                {
                    "name": p.name,
                    "url": p.get_absolute_url(),
                    "lat": p.latitude,
                    "lng": p.longitude,
                    "city": p.city,
                }
                for p in context["producers"]
                if p.has_location
            ],
            map_tile_url=settings.MAP_TILE_URL,
            map_attribution=settings.MAP_TILE_ATTRIBUTION,
            query_string=_query_without_page(self.request),
        )
        return context


class ProducerDetailView(DetailView):
    template_name = "impact/producer_detail.html"
    context_object_name = "producer"

    def get_queryset(self):
        return listed_producers()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        producer = self.object
        origin = viewer_origin(self.request)
        point = origin.point if origin else None
        selectors.attach_producer_profiles([producer], origin=point)
        products = list(
            browsable_products().filter(stockrecords__partner=producer)[:PRODUCER_PRODUCTS_SHOWN]
        )
        selectors.attach_product_profiles(products, origin=point)
        context.update(
            products=products,
            product_claims=producer.claims.filter(product__isnull=False)
            .select_related("criterion", "product")
            .order_by("product__title", "criterion__position"),
            origin=origin,
            map_points=[
                {"name": producer.name, "lat": producer.latitude, "lng": producer.longitude}
            ]
            if producer.has_location
            else [],
            map_tile_url=settings.MAP_TILE_URL,
            map_attribution=settings.MAP_TILE_ATTRIBUTION,
        )
        return context


class MethodView(TemplateView):
    """How scores and states are computed, with the whole charter."""

    template_name = "impact/method.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dimensions"] = Dimension.objects.prefetch_related("criteria")
        return context


class SetOriginView(FormView):
    """The viewer's postcode, remembered in the session for distances everywhere."""

    form_class = OriginForm
    template_name = "impact/set_origin.html"

    def get_initial(self):
        origin = viewer_origin(self.request)
        return {
            "code_postal": origin.postcode if origin else "",
            "next": self.request.GET.get("next", ""),
        }

    def post(self, request, *args, **kwargs):
        # Each postcode is looked up: limited per client address, signed in or not.
        rate_limit_hit(action="postcode", request=request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        origin = form.cleaned_data["code_postal"]
        remember_origin(self.request, origin)
        if origin:
            messages.success(
                self.request,
                _("Distances are now shown from %(place)s (%(postcode)s).")
                % {"place": origin.label, "postcode": origin.postcode},
            )
        else:
            messages.info(self.request, _("Distances are no longer shown."))
        return redirect(self._next_url(form.cleaned_data.get("next")))

    def _next_url(self, candidate: str | None) -> str:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}
        ):
            return candidate
        return "/boutique/catalogue/"


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def claim_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A claim's evidence file, always as a download (shop/impact/evidence.py)."""
    claim = get_object_or_404(Claim.objects.exclude(evidence_file=""), pk=pk)
    return evidence_download(claim.evidence_file)
