from django.urls import path

from .groups import views as group_views
from .orders import views as order_views
from .settlement import views as settlement_views

app_name = "groupbuy"

urlpatterns = [
    path("", group_views.GroupListView.as_view(), name="group-list"),
    # Before "<slug>/": groups.services.RESERVED_SLUGS keeps a group from being named so.
    path("nouveau/", group_views.GroupCreateView.as_view(), name="group-create"),
    path("<slug:slug>/", group_views.GroupDetailView.as_view(), name="group-detail"),
    path("<slug:slug>/modifier/", group_views.GroupEditView.as_view(), name="group-edit"),
    path("<slug:slug>/rejoindre/", group_views.GroupJoinView.as_view(), name="group-join"),
    path("<slug:slug>/quitter/", group_views.GroupLeaveView.as_view(), name="group-leave"),
    path(
        "<slug:slug>/invitation/renouveler/",
        group_views.InvitationRegenerateView.as_view(),
        name="invitation-regenerate",
    ),
    path(
        "<slug:slug>/membres/<int:pk>/<str:action>/",
        group_views.MembershipDecisionView.as_view(),
        name="membership-decision",
    ),
    path(
        "<slug:slug>/commandes/nouvelle/",
        order_views.GroupOrderFormView.as_view(),
        name="group-order-create",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/",
        order_views.GroupOrderDetailView.as_view(),
        name="group-order-detail",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/modifier/",
        order_views.GroupOrderFormView.as_view(),
        name="group-order-edit",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/etat/",
        order_views.GroupOrderTransitionView.as_view(),
        name="group-order-transition",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/engagement/<int:offer_pk>/",
        order_views.CommitmentView.as_view(),
        name="commitment-set",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/progression.json",
        order_views.GroupOrderProgressView.as_view(),
        name="group-order-progress",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/bon-de-commande/<int:producer_pk>/",
        settlement_views.PurchaseOrderView.as_view(),
        name="group-order-purchase-order",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/liste-de-retrait/",
        settlement_views.PickupListView.as_view(),
        name="group-order-pickup-list",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/carte/",
        settlement_views.GroupOrderCardView.as_view(),
        name="group-order-card",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/carte/retour/",
        settlement_views.GroupOrderCardReturnView.as_view(),
        name="group-order-card-return",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/paiement/",
        settlement_views.GroupOrderPayView.as_view(),
        name="group-order-pay",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/porte-monnaie/",
        settlement_views.GroupOrderWalletPrepayView.as_view(),
        name="group-order-wallet-prepay",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/porte-monnaie/<int:settlement_pk>/",
        settlement_views.GroupOrderWalletPayView.as_view(),
        name="group-order-wallet-pay",
    ),
    path(
        "<slug:slug>/commandes/<int:pk>/paiement/retour/",
        settlement_views.GroupOrderPayReturnView.as_view(),
        name="group-order-pay-return",
    ),
]
