"""The member's data rights pages, under /comptes/mes-donnees/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.PrivacyView.as_view(), name="index"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("suppression/", views.EraseView.as_view(), name="erase"),
]
