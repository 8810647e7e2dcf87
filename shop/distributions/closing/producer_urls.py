"""The producer's purchase orders, mounted by shop.producer_orders.urls under one
producer (/boutique/dashboard/commandes-producteur/<producer_pk>/distributions/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProducerDistributionListView.as_view(), name="distributions"),
    path(
        "<int:distribution_pk>/bon-de-commande.<str:extension>",
        views.PurchaseOrderDownloadView.as_view(),
        name="purchase-order",
    ),
]
