from django.urls import path

from . import views

app_name = "seminars"

urlpatterns = [
    path("cycles/<slug:code>/calendar.ics", views.cycle_calendar, name="cycle_calendar"),
    path("cycles/<slug:code>/seminar/", views.choose, name="choose"),
    path("cycles/<slug:code>/seminar/choose/", views.choose_session, name="choose_session"),
    path("my/calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views.learner_calendar, name="feed"),
]
