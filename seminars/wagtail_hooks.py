from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_seminar_admin_urls():
    from .admin_views import AnnounceView, SessionAttendanceView, SessionsView

    urls = [
        path("cycle/<int:cycle_pk>/", SessionsView.as_view(), name="sessions"),
        path(
            "session/<int:session_pk>/attendance/",
            SessionAttendanceView.as_view(),
            name="attendance",
        ),
        path("cycle/<int:cycle_pk>/announce/", AnnounceView.as_view(), name="announce"),
    ]
    return [path("seminars/", include((urls, "seminars_admin"), namespace="seminars_admin"))]
