"""Distributions in the dashboard (mounted at /boutique/dashboard/distributions/)."""

from django.urls import include, path

from . import views

app_name = "distributions-dashboard"

urlpatterns = [
    path("", views.DistributionListView.as_view(), name="index"),
    path("nouvelle/", views.DistributionCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DistributionUpdateView.as_view(), name="update"),
    path("<int:pk>/quantites/", views.DistributionOffersView.as_view(), name="offers"),
    path("<int:pk>/publier/", views.DistributionPublishView.as_view(), name="publish"),
    path("<int:pk>/dupliquer/", views.DistributionCloneView.as_view(), name="clone"),
    path("<int:pk>/repeter/", views.DistributionRepeatView.as_view(), name="repeat"),
    path("<int:pk>/", include("shop.distributions.closing.urls")),
    path("", include("shop.distributions.shifts.dashboard_urls")),
]
