"""URLs of the participatory guarantee, included by community/urls.py inside the
"community" namespace: `path("", include("community.urls_guarantee"))`."""

from django.urls import path

from . import views_guarantee as views

urlpatterns = [
    path("declarations/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
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
    path(
        "avis/produit/<int:pk>/",
        views.FeedbackCreateView.as_view(kind="product"),
        name="product-feedback",
    ),
    path(
        "avis/producteur/<int:pk>/",
        views.FeedbackCreateView.as_view(kind="producer"),
        name="producer-feedback",
    ),
    path(
        "avis/produit/reponse/<int:pk>/",
        views.FeedbackAnswerView.as_view(kind="product"),
        name="product-feedback-answer",
    ),
    path(
        "avis/producteur/reponse/<int:pk>/",
        views.FeedbackAnswerView.as_view(kind="producer"),
        name="producer-feedback-answer",
    ),
    path("candidature/", views.ApplicationCreateView.as_view(), name="application-create"),
    path(
        "candidatures/<int:pk>/",
        views.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
]
