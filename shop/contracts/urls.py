"""AMAP contracts, mounted at /contrats/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("mes-contrats/", views.my_contracts, name="mine"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/suivi/", views.contract_follow, name="follow"),
    path("abonnements/<int:pk>/absence/", views.absence_declare, name="absence"),
    path("abonnements/<int:pk>/partage/", views.subscription_share, name="share"),
    path("echeances/<int:pk>/paiement/", views.instalment_pay, name="pay"),
]
