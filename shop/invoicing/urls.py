"""Invoicing pages, mounted under /boutique/ (before Oscar's dashboard include)."""

from django.urls import path

from . import views

app_name = "invoicing"

urlpatterns = [
    path("factures/<int:pk>.pdf", views.InvoicePdfView.as_view(), name="invoice-pdf"),
    path("dashboard/factures/", views.StaffInvoiceListView.as_view(), name="invoice-list"),
    path("dashboard/factures/journal.csv", views.StaffJournalCsvView.as_view(), name="journal"),
    path(
        "dashboard/factures/producteur/<int:producer_pk>/",
        views.ProducerStatementView.as_view(),
        name="statement",
    ),
    path(
        "dashboard/factures/producteur/<int:producer_pk>/releve.pdf",
        views.ProducerStatementPdfView.as_view(),
        name="statement-pdf",
    ),
    path(
        "dashboard/factures/producteur/<int:producer_pk>/journal.csv",
        views.ProducerJournalCsvView.as_view(),
        name="producer-journal",
    ),
]
