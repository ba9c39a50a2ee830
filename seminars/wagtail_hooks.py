from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_seminar_admin_urls():
    from .admin_views import AnnounceView, AttendanceView, SessionsView, session_attendance_moved

    urls = [
        path("cycle/<int:cycle_pk>/", SessionsView.as_view(), name="sessions"),
        path("cycle/<id:cycle_pk>/attendance/", AttendanceView.as_view(), name="attendance"),
        # Where each session's attendance was recorded before the cycle's one screen.
        path(
            "session/<int:session_pk>/attendance/",
            session_attendance_moved,
            name="session_attendance",
        ),
        path("cycle/<int:cycle_pk>/announce/", AnnounceView.as_view(), name="announce"),
    ]
    return [path("seminars/", include((urls, "seminars_admin"), namespace="seminars_admin"))]
