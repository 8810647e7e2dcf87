"""Public shift pages, mounted under /boutique/distributions/."""

from django.urls import path

from . import views

app_name = "shifts"

urlpatterns = [
    path("<int:pk>/permanences/", views.ShiftRolesView.as_view(), name="roles"),
    path("mes-permanences/", views.MyShiftsView.as_view(), name="mine"),
]
