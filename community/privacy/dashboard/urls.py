"""Staff pages of members' data rights, in the Oscar dashboard's URL space
(/boutique/dashboard/donnees-personnelles/, mounted by config/urls.py)."""

from django.urls import path

from . import views

app_name = "privacy-dashboard"

urlpatterns = [
    path("", views.StaffIndexView.as_view(), name="index"),
    path("membre/<int:pk>/", views.StaffMemberView.as_view(), name="member"),
    path("membre/<int:pk>/export/", views.StaffExportView.as_view(), name="export"),
    path("membre/<int:pk>/effacement/", views.StaffEraseView.as_view(), name="erase"),
]
