"""/communaute/: one "community" namespace for every room of the app (URL names are
shared across rooms, so each room's urls.py has no app_name of its own)."""

from django.urls import include, path

app_name = "community"

urlpatterns = [
    path("", include("community.feed.urls")),
    path("", include("community.guarantee.urls")),
    path("", include("community.needs.urls")),
    path("", include("community.feedback.urls")),
]
