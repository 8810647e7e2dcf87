"""Catalogue browsing straight from the database (Oscar's versions query Haystack).

Every page costs the same whatever the size of the catalogue: one count, one page of
products with their prefetches, and the impact profiles of that page only.
"""

from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from shop.distributions import current
from shop.distributions import selectors as distribution_selectors
from shop.impact import filters, selectors
from shop.impact.forms import CatalogueFilterForm
from shop.impact.location import viewer_origin

from .selectors import browsable_products

Category = get_model("catalogue", "Category")


class CatalogueView(ListView):
    """Every public product, newest first, filtered by commitments and distance."""

    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.filter_form = CatalogueFilterForm(request.GET or None)
        self.origin = viewer_origin(request)
        return super().get(request, *args, **kwargs)

    def base_products(self):
        return browsable_products()

    def get_queryset(self):
        products = self.base_products()
        # With a distribution chosen, only what it offers (and the quantity left).
        self.distribution = current.current_distribution(self.request)
        if self.distribution is not None:
            products = products.filter(
                distribution_selectors.offered_products_filter(self.distribution)
            )
        form = self.filter_form
        if form.is_bound and form.is_valid():
            products = filters.products_meeting(products, form.cleaned_data["critere"])
            if form.cleaned_data["distance"] and self.origin:
                products = filters.products_within(
                    products, self.origin.point, form.cleaned_data["distance"]
                )
        return products

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selectors.attach_product_profiles(
            context["products"], origin=self.origin.point if self.origin else None
        )
        if self.distribution is not None:
            distribution_selectors.attach_quantities_left(context["products"], self.distribution)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            summary=_("All products"),
            filter_form=self.filter_form,
            origin=self.origin,
            query_string=query.urlencode(),
        )
        return context


class ProductCategoryView(CatalogueView):
    """Products of a category and its sub-categories."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        # Categories are found by pk so a renamed slug redirects to the current URL.
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def base_products(self):
        return browsable_products(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
