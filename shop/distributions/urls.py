"""The choice of distribution, mounted at /boutique/distributions/ (shop/config.py)."""

from django.urls import include, path

from . import views

app_name = "distributions"

urlpatterns = [
    path("", views.DistributionChoiceView.as_view(), name="choose"),
    path("", include("shop.distributions.shifts.urls")),
]
