from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("producteurs/", views.ProducerDirectoryView.as_view(), name="producer-list"),
    path("producteurs/<slug:slug>/", views.ProducerDetailView.as_view(), name="producer-detail"),
    path("impact/methode/", views.MethodView.as_view(), name="method"),
    path("impact/position/", views.SetOriginView.as_view(), name="set-origin"),
]
