"""Staff pages of bank statements (mounted at /boutique/dashboard/releves-bancaires/)."""

from django.urls import path

from . import views

app_name = "bank-statements"

urlpatterns = [
    path("", views.StatementsView.as_view(), name="index"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import"),
    path("lignes/<int:pk>/", views.LineResolveView.as_view(), name="line"),
]
