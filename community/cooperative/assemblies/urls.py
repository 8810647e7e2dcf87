"""Members' pages, included in the cooperative's URLs under assemblees/."""

from django.urls import path

from . import views

urlpatterns = [
    path("assemblees/", views.AssemblyListView.as_view(), name="assemblies"),
    path("assemblees/<int:pk>/", views.AssemblyView.as_view(), name="assembly"),
    path("assemblees/<int:pk>/voter/", views.VoteView.as_view(), name="assembly-vote"),
    path(
        "assemblees/<int:pk>/procuration/",
        views.ProxyGiveView.as_view(),
        name="assembly-proxy",
    ),
    path(
        "assemblees/<int:pk>/procurations/<int:proxy_pk>/revoquer/",
        views.ProxyRevokeView.as_view(),
        name="assembly-proxy-revoke",
    ),
    path(
        "assemblees/<int:pk>/documents/<int:document_pk>/",
        views.DocumentView.as_view(),
        name="assembly-document",
    ),
    path("assemblees/<int:pk>/resultats/", views.ResultsView.as_view(), name="assembly-results"),
]
