"""Staff payment pages (mounted at /boutique/dashboard/paiements/)."""

from django.urls import path

from . import views

app_name = "payments-dashboard"

ORDER = "commandes/<str:number>/"

urlpatterns = [
    path(ORDER, views.OrderPaymentView.as_view(), name="order"),
    path(ORDER + "capturer/", views.CaptureView.as_view(), name="capture"),
    path(ORDER + "annuler/", views.CancelView.as_view(), name="cancel"),
    path(ORDER + "rembourser/", views.RefundView.as_view(), name="refund"),
    path(ORDER + "marquer-payee/", views.MarkPaidView.as_view(), name="mark-paid"),
]
