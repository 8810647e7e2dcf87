from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.CommunityIndexView.as_view(), name="index"),
]
