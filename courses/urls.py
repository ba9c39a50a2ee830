from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<slug:code>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<slug:code>/apply/", views.apply, name="apply"),
    path("my/", views.my_learning, name="my_learning"),
    path("enrollments/<id:pk>/confirm/", views.confirm_offer, name="confirm_offer"),
    path("enrollments/<id:pk>/decline/", views.decline_offer, name="decline_offer"),
    path("enrollments/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("lessons/<id:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<id:lesson_id>/check/", views.knowledge_check, name="knowledge_check"),
]
