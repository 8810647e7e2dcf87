"""The distribution sheet, mounted under a distribution of the dashboard
(/boutique/dashboard/distributions/<pk>/feuille/)."""

from django.urls import path

from . import views

app_name = "closing"

urlpatterns = [
    path("feuille/", views.SheetView.as_view(), name="sheet"),
    path("feuille.csv", views.SheetCsvView.as_view(), name="sheet-csv"),
]
