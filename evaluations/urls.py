from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("enrollments/<int:pk>/evaluation/", views.answer, name="answer"),
]
