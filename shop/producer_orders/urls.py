"""Producer order pages of the dashboard (mounted at /boutique/dashboard/commandes-producteur/)."""

from django.urls import include, path

from . import views

app_name = "producer-orders"

PRODUCER = "<int:producer_pk>/"

urlpatterns = [
    path("", views.ProducerIndexView.as_view(), name="index"),
    path(PRODUCER, views.LineListView.as_view(), name="line-list"),
    path(PRODUCER + "preparation/", views.PreparationView.as_view(), name="preparation"),
    path(PRODUCER + "ventes/", views.SalesFormView.as_view(), name="sales"),
    path(PRODUCER + "ventes.csv", views.SalesCsvView.as_view(), name="sales-csv"),
    path(PRODUCER + "distributions/", include("shop.distributions.closing.producer_urls")),
]
