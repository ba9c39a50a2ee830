"""Demo data: a focal point for the mission of Ghana (safe to re-run)."""

from django.contrib.auth import get_user_model

from .services import appoint

FOCAL_POINT_EMAIL = "focal.point.ghana@missions.example.org"


def seed_focal_point(*, by, password: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=FOCAL_POINT_EMAIL,
        defaults={
            "first_name": "Efua",
            "last_name": "Owusu",
            "member_state": "GHA",
            "rank": "counsellor",
        },
    )
    if created:
        user.set_password(password)
        user.save()
    appoint(user=user, member_state="GHA", by=by)
    return user
