"""/cooperative/: the member's space (shares, certificate, redemption), the application
flow, cashing shares at a pickup point, and the general assemblies."""

from django.urls import path

from . import views
from .assemblies.urls import urlpatterns as assembly_urls

app_name = "cooperative"

urlpatterns = [
    path("", views.SpaceView.as_view(), name="space"),
    path("adherer/", views.SubscribeView.as_view(), name="apply"),
    path("souscriptions/<int:pk>/", views.SubscriptionView.as_view(), name="subscription"),
    path(
        "souscriptions/<int:pk>/annuler/",
        views.SubscriptionCancelView.as_view(),
        name="subscription-cancel",
    ),
    path(
        "souscriptions/<int:pk>/carte/retour/",
        views.CardReturnView.as_view(),
        name="card-return",
    ),
    path("attestation/", views.CertificateView.as_view(), name="certificate"),
    path("remboursement/", views.RedemptionRequestView.as_view(), name="redemption"),
    path("encaissement/", views.PickupCashView.as_view(), name="pickup-cash"),
    *assembly_urls,
]
