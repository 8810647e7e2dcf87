from django.urls import path

from . import views

app_name = "taskqueue"
urlpatterns = [
    path("", views.TaskListView.as_view(), name="list"),
    path("<uuid:pk>/relancer/", views.TaskRetryView.as_view(), name="retry"),
]
