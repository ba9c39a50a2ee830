"""Each programme's own moderation workflow (courses/services/page_rights.py,
`programme_workflow`), for the programmes that exist: one approval task held by the
programme's moderators group and the Administrators, set on the programme's page and its
translations. New programmes get theirs when their page is created."""

from django.db import migrations


def per_programme(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    ProgrammePage = apps.get_model("cms", "ProgrammePage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    keys = set(ProgrammePage.objects.values_list("translation_key", flat=True))
    if not keys:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    # A moderator's approval publishes: they may add, edit and publish the programme's pages.
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=("add_page", "change_page", "publish_page"),
        )
    )
    for key in keys:
        pages = list(Page.objects.filter(translation_key=key).order_by("pk"))
        if WorkflowPage.objects.filter(page__in=pages).exists():
            continue
        programme = pages[0]  # named after the page the others were translated from
        moderators, _ = Group.objects.get_or_create(name=f"Moderators of programme {programme.pk}")
        if access_admin is not None:
            moderators.permissions.add(access_admin)
        task = GroupApprovalTask.objects.create(
            name=f"Approval of programme {programme.pk}", content_type=task_type, active=True
        )
        task.groups.set([administrators, moderators])
        workflow = Workflow.objects.create(
            name=f"Curriculum approval of programme {programme.pk}", active=True
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for page in pages:
            WorkflowPage.objects.create(page=page, workflow=workflow)
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=moderators, page=page, permission=permission
                )


def site_wide(apps, schema_editor):
    """Back to the one workflow on the root page: the programmes' workflows go."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name__startswith="Curriculum approval of programme ").delete()
    Task.objects.filter(name__startswith="Approval of programme ").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0012_seminar_attendance_excused_and_note"),
        ("cms", "0006_content_content_translation_rights"),
        ("lms", "0002_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(per_programme, site_wide)]
