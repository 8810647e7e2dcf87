"""Staff screens of the wallet (mounted at /boutique/dashboard/porte-monnaie/)."""

from django.urls import path

from . import views

app_name = "wallet-dashboard"

urlpatterns = [
    path("", views.WalletListView.as_view(), name="list"),
    path("balance/", views.TrialBalanceView.as_view(), name="trial-balance"),
    path("<int:pk>/", views.WalletDetailView.as_view(), name="detail"),
    path("<int:pk>/decouvert/", views.OverdraftView.as_view(), name="overdraft"),
    path("<int:pk>/correction/", views.CorrectionView.as_view(), name="correction"),
]
