from django.urls import path

from . import document_views, payment_views, views

app_name = "groupbuy"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="group-list"),
    # Before "<slug>/": membership.RESERVED_SLUGS keeps a group from being named so.
    path("nouveau/", views.GroupCreateView.as_view(), name="group-create"),
    path("<slug:slug>/", views.GroupDetailView.as_view(), name="group-detail"),
    path("<slug:slug>/modifier/", views.GroupEditView.as_view(), name="group-edit"),
    path("<slug:slug>/rejoindre/", views.GroupJoinView.as_view(), name="group-join"),
    path("<slug:slug>/quitter/", views.GroupLeaveView.as_view(), name="group-leave"),
    path(
        "<slug:slug>/invitation/renouveler/",
        views.InvitationRegenerateView.as_view(),
        name="invitation-regenerate",
    ),
    path(
        "<slug:slug>/membres/<int:pk>/<str:action>/",
        views.MembershipDecisionView.as_view(),
        name="membership-decision",
    ),
    path(
        "<slug:slug>/commandes/nouvelle/",
        views.GroupOrderFormView.as_view(),
        name="group-order-create",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/",
        views.GroupOrderDetailView.as_view(),
        name="group-order-detail",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/modifier/",
        views.GroupOrderFormView.as_view(),
        name="group-order-edit",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/etat/",
        views.GroupOrderTransitionView.as_view(),
        name="group-order-transition",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/engagement/<int:offer_pk>/",
        views.CommitmentView.as_view(),
        name="commitment-set",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/progression.json",
        views.GroupOrderProgressView.as_view(),
        name="group-order-progress",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/bon-de-commande/<int:producer_pk>/",
        document_views.PurchaseOrderView.as_view(),
        name="group-order-purchase-order",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/liste-de-retrait/",
        document_views.PickupListView.as_view(),
        name="group-order-pickup-list",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/carte/",
        payment_views.GroupOrderCardView.as_view(),
        name="group-order-card",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/carte/retour/",
        payment_views.GroupOrderCardReturnView.as_view(),
        name="group-order-card-return",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/paiement/",
        payment_views.GroupOrderPayView.as_view(),
        name="group-order-pay",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/paiement/retour/",
        payment_views.GroupOrderPayReturnView.as_view(),
        name="group-order-pay-return",
    ),
]
