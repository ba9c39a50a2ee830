"""Attendance in one place: what the session screens recorded on each seat (present,
absent, excused, a note, who and when) moves into the enrollment's one attendance row,
`courses.SeminarAttendance`, which the completion rule already read; then the seat's
copies go. Nothing is lost: the seat's note and "excused" are kept on the row, and the
later of the two records gives whether the learner attended (they were written together,
but the cycle's attendance screen could change the row alone since). Reversible."""

from django.db import migrations
from django.utils import timezone


def seats_to_attendance(apps, schema_editor):
    SessionSeat = apps.get_model("seminars", "SessionSeat")
    SeminarAttendance = apps.get_model("courses", "SeminarAttendance")
    rows = {row.enrollment_id: row for row in SeminarAttendance.objects.all()}
    for seat in SessionSeat.objects.exclude(attendance="").order_by("pk"):
        when = seat.recorded_at or timezone.now()
        row = rows.get(seat.enrollment_id)
        if row is None:
            row = SeminarAttendance(enrollment_id=seat.enrollment_id, recorded_at=when)
            row.attended, row.recorded_by_id = seat.attendance == "present", seat.recorded_by_id
        elif row.recorded_at <= when:
            row.attended, row.recorded_by_id = seat.attendance == "present", seat.recorded_by_id
            row.recorded_at = when
        row.excused = seat.attendance == "excused" and not row.attended
        row.note = seat.note
        row.save()


def attendance_to_seats(apps, schema_editor):
    SessionSeat = apps.get_model("seminars", "SessionSeat")
    SeminarAttendance = apps.get_model("courses", "SeminarAttendance")
    for row in SeminarAttendance.objects.all():
        attendance = "present" if row.attended else ("excused" if row.excused else "absent")
        SessionSeat.objects.filter(enrollment_id=row.enrollment_id).update(
            attendance=attendance,
            note=row.note,
            recorded_by_id=row.recorded_by_id,
            recorded_at=row.recorded_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("seminars", "0004_edge_input_bounds"),
        ("courses", "0012_seminar_attendance_excused_and_note"),
    ]

    operations = [
        migrations.RunPython(seats_to_attendance, attendance_to_seats),
        migrations.RemoveField(model_name="sessionseat", name="attendance"),
        migrations.RemoveField(model_name="sessionseat", name="note"),
        migrations.RemoveField(model_name="sessionseat", name="recorded_at"),
        migrations.RemoveField(model_name="sessionseat", name="recorded_by"),
    ]
