"""Producer-facing pages of the Oscar dashboard (mounted at /boutique/dashboard/impact/)."""

from django.urls import path

from . import charter_views, views

app_name = "impact-dashboard"

PRODUCER = "producteurs/<int:pk>/"
CLAIM = PRODUCER + "declarations/<int:claim_pk>/"
CRITERION = "charte/criteres/<int:pk>/"

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
    # The charter (staff only).
    path("charte/", charter_views.CharterView.as_view(), name="charter"),
    path(
        "charte/dimensions/nouvelle/",
        charter_views.DimensionCreateView.as_view(),
        name="dimension-create",
    ),
    path(
        "charte/dimensions/<int:pk>/",
        charter_views.DimensionUpdateView.as_view(),
        name="dimension-update",
    ),
    path(
        "charte/criteres/nouveau/",
        charter_views.CriterionCreateView.as_view(),
        name="criterion-create",
    ),
    path(CRITERION, charter_views.CriterionUpdateView.as_view(), name="criterion-update"),
    path(
        CRITERION + "supprimer/",
        charter_views.CriterionDeleteView.as_view(),
        name="criterion-delete",
    ),
]
