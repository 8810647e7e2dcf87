"""URLs of the needs board, included by community/urls.py inside the "community"
namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("besoins/", views.NeedListView.as_view(), name="needs"),
    path("besoins/<int:pk>/", views.NeedDetailView.as_view(), name="need-detail"),
    path(
        "besoins/<int:pk>/soutenir/",
        views.NeedActionView.as_view(action="support"),
        name="need-support",
    ),
    path(
        "besoins/<int:pk>/proposer/",
        views.NeedActionView.as_view(action="offer"),
        name="need-offer",
    ),
    path(
        "besoins/<int:pk>/satisfait/",
        views.NeedActionView.as_view(action="fulfil"),
        name="need-fulfil",
    ),
    path(
        "besoins/<int:pk>/fermer/",
        views.NeedActionView.as_view(action="close"),
        name="need-close",
    ),
]
