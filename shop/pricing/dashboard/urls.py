"""Pricing screens of the dashboard (mounted at /boutique/dashboard/tarification/)."""

from django.urls import path

from . import views

app_name = "pricing-dashboard"

urlpatterns = [
    path("", views.PricingIndexView.as_view(), name="index"),
    path("commissions/nouvelle/", views.CommissionRateFormView.as_view(), name="rate-create"),
    path("commissions/<int:pk>/", views.CommissionRateFormView.as_view(), name="rate-update"),
    path(
        "commissions/<int:pk>/supprimer/",
        views.CommissionRateDeleteView.as_view(),
        name="rate-delete",
    ),
    path("frais/nouveau/", views.LogisticsFeeFormView.as_view(), name="fee-create"),
    path("frais/<int:pk>/", views.LogisticsFeeFormView.as_view(), name="fee-update"),
    path("frais/<int:pk>/supprimer/", views.LogisticsFeeDeleteView.as_view(), name="fee-delete"),
]
