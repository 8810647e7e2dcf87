"""Shift pages of the distributions dashboard (/boutique/dashboard/distributions/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/permanences/", views.ShiftDashboardView.as_view(), name="shifts-roles"),
    path("permanences/manquantes/", views.WhoIsShortView.as_view(), name="shifts-short"),
]
