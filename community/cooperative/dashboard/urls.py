"""Staff screens of the cooperative (mounted at /boutique/dashboard/cooperative/)."""

from django.urls import path

from ..assemblies import dashboard as assemblies
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
    path("assemblees/", assemblies.AssembliesView.as_view(), name="assemblies"),
    path("assemblees/convoquer/", assemblies.ConveneView.as_view(), name="assembly-convene"),
    path("assemblees/<int:pk>/", assemblies.AssemblyView.as_view(), name="assembly"),
    path("assemblees/<int:pk>/modifier/", assemblies.ConveneView.as_view(), name="assembly-edit"),
    path(
        "assemblees/<int:pk>/resolutions/",
        assemblies.ResolutionAddView.as_view(),
        name="assembly-resolution-add",
    ),
    path(
        "assemblees/<int:pk>/resolutions/<int:resolution_pk>/supprimer/",
        assemblies.ResolutionRemoveView.as_view(),
        name="assembly-resolution-remove",
    ),
    path(
        "assemblees/<int:pk>/documents/",
        assemblies.DocumentAddView.as_view(),
        name="assembly-document-add",
    ),
    path(
        "assemblees/<int:pk>/documents/<int:document_pk>/",
        assemblies.DocumentView.as_view(),
        name="assembly-document",
    ),
    path("assemblees/<int:pk>/publier/", assemblies.PublishView.as_view(), name="assembly-publish"),
    path("regles/", views.RulesView.as_view(), name="rules"),
    path("avantages/", views.BenefitsView.as_view(), name="benefits"),
    path("avantages/<int:pk>/", views.BenefitSetView.as_view(), name="benefit-set"),
    path("journal/", views.AuditView.as_view(), name="audit"),
]
