"""Admin choosers for Oscar products, producers and buying groups.

Wagtail 8 has no chooser for non-Wagtail models out of the box. A `ChooserViewSet`
gives each model a searchable modal (registered in `wagtail_hooks.py`) and, through
`get_block_class()`, a StreamField `ChooserBlock` that stores the primary key. We chose
this over registering the models as snippets (which would also add edit/create views
for the shop's data in the Wagtail admin: the Oscar dashboard owns them) and over a
plain UPC text block (no search, typos only caught on save). A deleted object leaves a
dangling id: `ChooserBlock` then yields `None` and the block renders a notice.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from groupbuy.models import BuyingGroup

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")


def searchable(*fields: str) -> tuple[type, type]:
    """Choose and results views with a plain `icontains` search on `fields` (the shop's
    models are not in Wagtail's search index, so the modal's default search is absent)."""

    class SearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            widget=forms.TextInput(attrs={"placeholder": _("Search")}),
            required=False,
        )

        def filter(self, objects):
            query = (self.cleaned_data.get("q") or "").strip()
            if query:
                condition = Q()
                for field in fields:
                    condition |= Q(**{f"{field}__icontains": query})
                objects = objects.filter(condition)
                self.is_searching = True
                self.search_query = query
            return objects

    choose = type("SearchableChooseView", (ChooseView,), {"filter_form_class": SearchForm})
    results = type(
        "SearchableChooseResultsView", (ChooseResultsView,), {"filter_form_class": SearchForm}
    )
    return choose, results


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    choose_view_class, choose_results_view_class = searchable("title", "upc")

    def get_object_list(self):
        return Product.objects.filter(is_public=True).order_by("title")


class ProducerChooserViewSet(ChooserViewSet):
    model = Partner
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    edit_item_text = _("Edit producer")
    choose_view_class, choose_results_view_class = searchable("name")


class BuyingGroupChooserViewSet(ChooserViewSet):
    model = BuyingGroup
    icon = "group"
    choose_one_text = _("Choose a buying group")
    choose_another_text = _("Choose another buying group")
    edit_item_text = _("Edit buying group")
    choose_view_class, choose_results_view_class = searchable("name")


product_chooser_viewset = ProductChooserViewSet("cms_product_chooser")
producer_chooser_viewset = ProducerChooserViewSet("cms_producer_chooser")
buying_group_chooser_viewset = BuyingGroupChooserViewSet("cms_buying_group_chooser")

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.choosers"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.choosers"
)
BuyingGroupChooserBlock = buying_group_chooser_viewset.get_block_class(
    name="BuyingGroupChooserBlock", module_path="cms.choosers"
)
