"""Local currencies in the dashboard (mounted at /boutique/dashboard/monnaies-locales/)."""

from django.urls import path

from . import views

app_name = "currencies-dashboard"

urlpatterns = [
    path("", views.CurrencyListView.as_view(), name="index"),
    path("nouvelle/", views.CurrencyCreateView.as_view(), name="currency-create"),
    path("<int:pk>/", views.CurrencyUpdateView.as_view(), name="currency-update"),
    path("<int:pk>/supprimer/", views.CurrencyDeleteView.as_view(), name="currency-delete"),
    path("producteurs/", views.AcceptanceListView.as_view(), name="acceptances"),
    path("producteurs/<int:pk>/", views.ProducerCurrenciesView.as_view(), name="producer"),
    path("comptoir/", views.DeskCreditView.as_view(), name="desk"),
    path("operateurs/", views.OperatorTransfersView.as_view(), name="operator-transfers"),
    path("operateurs/recuperer/", views.OperatorPullView.as_view(), name="operator-pull"),
    path(
        "operateurs/<int:pk>/crediter/",
        views.OperatorTransferAssignView.as_view(),
        name="operator-transfer-assign",
    ),
    path("du-aux-producteurs/", views.OwedView.as_view(), name="owed"),
    path("du-aux-producteurs.csv", views.OwedCsvView.as_view(), name="owed-csv"),
]
