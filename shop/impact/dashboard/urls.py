"""Producer-facing pages of the Oscar dashboard (mounted at /boutique/dashboard/impact/)."""

from django.urls import path

from . import views

app_name = "impact-dashboard"

PRODUCER = "producteurs/<int:pk>/"
CLAIM = PRODUCER + "declarations/<int:claim_pk>/"

urlpatterns = [
    path("", views.ProducerListView.as_view(), name="producer-list"),
    path(PRODUCER, views.ProducerUpdateView.as_view(), name="producer-update"),
    path(PRODUCER + "declarations/", views.ClaimListView.as_view(), name="claim-list"),
    path(
        PRODUCER + "declarations/nouvelle/",
        views.ClaimCreateView.as_view(),
        name="claim-create",
    ),
    path(CLAIM, views.ClaimUpdateView.as_view(), name="claim-update"),
    path(CLAIM + "supprimer/", views.ClaimDeleteView.as_view(), name="claim-delete"),
    path(
        PRODUCER + "import-produits/",
        views.ProductImportView.as_view(),
        name="product-import",
    ),
]
