"""Staff screens of the cooperative (mounted at /boutique/dashboard/cooperative/)."""

from django.urls import path

from . import views

app_name = "cooperative-dashboard"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("registre.csv", views.RegisterCsvView.as_view(), name="register-csv"),
    path("mouvements.csv", views.MovementsCsvView.as_view(), name="movements-csv"),
    path("souscriptions/", views.SubscriptionsView.as_view(), name="subscriptions"),
    path(
        "souscriptions/<int:pk>/<str:action>/",
        views.SubscriptionActionView.as_view(),
        name="subscription-action",
    ),
    path("remboursements/", views.RedemptionsView.as_view(), name="redemptions"),
    path(
        "remboursements/<int:pk>/<str:action>/",
        views.RedemptionActionView.as_view(),
        name="redemption-action",
    ),
    path("regles/", views.RulesView.as_view(), name="rules"),
    path("avantages/", views.BenefitsView.as_view(), name="benefits"),
    path("avantages/<int:pk>/", views.BenefitSetView.as_view(), name="benefit-set"),
    path("journal/", views.AuditView.as_view(), name="audit"),
]
