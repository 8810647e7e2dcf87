"""URLs of the participatory guarantee, included by community/urls.py inside the
"community" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("declarations/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path(
        "declarations/avis/<int:pk>/document/",
        views.opinion_evidence,
        name="opinion-evidence",
    ),
    path("colleges/", views.CollegeListView.as_view(), name="colleges"),
    path(
        "colleges/adhesions/<int:pk>/",
        views.CollegeMembershipDecideView.as_view(),
        name="college-membership-decide",
    ),
    path("animation/", views.FacilitatorQueueView.as_view(), name="facilitator-queue"),
    path(
        "contestations/<int:pk>/cloturer/",
        views.DisputeCloseView.as_view(),
        name="dispute-close",
    ),
    path("candidature/", views.ApplicationCreateView.as_view(), name="application-create"),
    path(
        "candidatures/<int:pk>/",
        views.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
]
