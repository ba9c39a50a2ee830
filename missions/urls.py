from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [
    path("mission/", views.home, name="home"),
    path("mission/diplomats/<int:pk>/", views.diplomat, name="diplomat"),
    path("mission/cycles/<slug:code>/nominate/", views.nominate, name="nominate"),
]
