from django.urls import path

from . import freshness_views, views

app_name = "impact"

urlpatterns = [
    path("producteurs/", views.ProducerDirectoryView.as_view(), name="producer-list"),
    path("producteurs/<slug:slug>/", views.ProducerDetailView.as_view(), name="producer-detail"),
    path("impact/methode/", views.MethodView.as_view(), name="method"),
    path("impact/position/", views.SetOriginView.as_view(), name="set-origin"),
    path("impact/preuves/<int:pk>/", views.claim_evidence, name="claim-evidence"),
    path(
        "impact/fraicheur/",
        freshness_views.FreshnessReportView.as_view(),
        name="freshness-report",
    ),
    path(
        "toujours-exact/<str:token>/",
        freshness_views.AlwaysAccurateView.as_view(),
        name="always-accurate",
    ),
]
