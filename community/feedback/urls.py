"""URLs of the reviews, included by community/urls.py inside the "community" namespace."""

from django.urls import path

from . import views

urlpatterns = [
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
]
