from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [
    path("mission/", views.home, name="home"),
    path("mission/diplomats/<int:pk>/", views.diplomat, name="diplomat"),
    path("mission/cycles/<slug:code>/nominate/", views.nominate, name="nominate"),
    # A diplomat's learner record (issue 22).
    path(
        "mission/diplomats/<int:pk>/record.pdf",
        views.diplomat_record,
        {"fmt": "pdf"},
        name="diplomat_record_pdf",
    ),
    path(
        "mission/diplomats/<int:pk>/record.json",
        views.diplomat_record,
        {"fmt": "json"},
        name="diplomat_record_json",
    ),
]
