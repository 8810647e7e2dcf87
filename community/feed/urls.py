"""URLs of the feed and its moderation, included by community/urls.py inside the
"community" namespace."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.FeedView.as_view(), name="index"),
    path("publier/", views.PostCreateView.as_view(), name="post-create"),
    path("publications/<int:pk>/", views.PostDetailView.as_view(), name="post-detail"),
    path("publications/<int:pk>/modifier/", views.PostEditView.as_view(), name="post-edit"),
    path("publications/<int:pk>/supprimer/", views.PostDeleteView.as_view(), name="post-delete"),
    path(
        "publications/<int:pk>/commenter/", views.CommentCreateView.as_view(), name="comment-create"
    ),
    path("publications/<int:pk>/reagir/", views.ReactView.as_view(), name="react"),
    path("commentaires/<int:pk>/modifier/", views.CommentEditView.as_view(), name="comment-edit"),
    path(
        "commentaires/<int:pk>/supprimer/",
        views.CommentDeleteView.as_view(),
        name="comment-delete",
    ),
    re_path(
        r"^signaler/(?P<target>publication|commentaire)/(?P<pk>[0-9]+)/$",
        views.ReportView.as_view(),
        name="report",
    ),
    path("moderation/", views.ModerationQueueView.as_view(), name="moderation"),
    path(
        "moderation/signalements/<int:pk>/classer/",
        views.ReportDismissView.as_view(),
        name="report-dismiss",
    ),
    re_path(
        r"^moderation/(?P<target>publication|commentaire)/(?P<pk>[0-9]+)/"
        r"(?P<action>masquer|retablir)/$",
        views.ModerateView.as_view(),
        name="moderate",
    ),
]
